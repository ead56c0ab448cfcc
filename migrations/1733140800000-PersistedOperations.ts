import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Operations registered with `npm run persisted -- register`, looked up by the SHA-256 of their
 * text, so every instance behind a load balancer shares one allow-list. The check ties each hash to
 * its text, whoever writes the row.
 */
export class PersistedOperations1733140800000 implements MigrationInterface {
  name = "PersistedOperations1733140800000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE persisted_operations (
        sha256 text PRIMARY KEY CHECK (sha256 = encode(sha256(convert_to(document, 'UTF8')), 'hex')),
        document text NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE persisted_operations`);
  }
}
