import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Editor tokens (only a SHA-256 of each secret is stored) and the append-only audit trail of
 * every write: who, what, when, and which fields changed.
 */
export class TokensAndAudit1732752000000 implements MigrationInterface {
  name = "TokensAndAudit1732752000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        role text NOT NULL CHECK (role IN ('VIEWER', 'EDITOR', 'ADMIN')),
        secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
        changes jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    // Append-only: history is never rewritten, whoever connects.
    await db.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_log`);
    await db.query(`DROP FUNCTION audit_log_is_append_only()`);
    await db.query(`DROP TABLE api_tokens`);
  }
}
