import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A statement's stance toward its event (CONFIRMS, DENIES, DISPUTES, NEUTRAL, or none), for
 * Event.corroboration: who confirms what. stance_confidence is set when the extractor proposed it.
 * Corroboration reads a page of events' statements by event and stance at once: the index serves it.
 */
export class Stance1733400000000 implements MigrationInterface {
  name = "Stance1733400000000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE statements
        ADD COLUMN stance text CHECK (stance IN ('CONFIRMS', 'DENIES', 'DISPUTES', 'NEUTRAL')),
        ADD COLUMN stance_confidence real CHECK (stance_confidence BETWEEN 0 AND 1),
        ADD CONSTRAINT statements_stance_confidence_needs_stance CHECK (stance_confidence IS NULL OR stance IS NOT NULL)`);
    await db.query(`CREATE INDEX statements_event_stance_idx ON statements (event_id, stance) WHERE stance IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX statements_event_stance_idx`);
    await db.query(`ALTER TABLE statements DROP CONSTRAINT statements_stance_confidence_needs_stance, DROP COLUMN stance_confidence, DROP COLUMN stance`);
  }
}
