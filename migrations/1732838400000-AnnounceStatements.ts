import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Announces every new statement, whatever wrote it (a mutation, the seed, a future ingester), on
 * the channel `newsgraph_statement_added` with its id as payload. NOTIFY inside the inserting
 * transaction is delivered only when that transaction commits: a rolled-back insert is never announced.
 */
export class AnnounceStatements1732838400000 implements MigrationInterface {
  name = "AnnounceStatements1732838400000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION announce_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('newsgraph_statement_added', NEW.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER statements_announce AFTER INSERT ON statements
      FOR EACH ROW EXECUTE FUNCTION announce_statement()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER statements_announce ON statements`);
    await db.query(`DROP FUNCTION announce_statement()`);
  }
}
