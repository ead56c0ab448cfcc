import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Indexes that match the default orderings exactly, so a page is read off an index instead of
 * sorting the table: the sort keys put undated rows last (COALESCE with -infinity), and nested
 * lists are ordered per parent.
 */
export class SortIndexes1733011200000 implements MigrationInterface {
  name = "SortIndexes1733011200000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_start_date_idx`);
    await db.query(`CREATE INDEX events_start_sort_idx ON events ((COALESCE(start_date, '-infinity'::date)) DESC, id DESC)`);
    await db.query(`CREATE INDEX statements_stated_sort_idx ON statements ((COALESCE(stated_on, '-infinity'::date)) DESC, id DESC)`);
    await db.query(`CREATE INDEX statements_event_created_idx ON statements (event_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX statements_speaker_created_idx ON statements (speaker_id, created_at DESC, id DESC)`);
    // Their leading columns make the single-column foreign-key indexes redundant.
    await db.query(`DROP INDEX statements_event_id_idx`);
    await db.query(`DROP INDEX statements_speaker_id_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ["events_start_sort_idx", "statements_stated_sort_idx", "statements_event_created_idx", "statements_speaker_created_idx"]) {
      await db.query(`DROP INDEX ${index}`);
    }
    await db.query(`CREATE INDEX events_start_date_idx ON events (start_date DESC, id DESC)`);
    await db.query(`CREATE INDEX statements_event_id_idx ON statements (event_id)`);
    await db.query(`CREATE INDEX statements_speaker_id_idx ON statements (speaker_id)`);
  }
}
