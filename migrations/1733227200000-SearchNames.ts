import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The accent-free, lower-case name that fuzzy search compares, stored (a generated column) rather
 * than computed per row: when the planner reads people or organizations in full, normalizing every
 * name (unaccent) was most of a search's time. The trigram indexes move onto the stored column.
 */
export class SearchNames1733227200000 implements MigrationInterface {
  name = "SearchNames1733227200000";

  async up(db: QueryRunner): Promise<void> {
    for (const table of ["people", "organizations"]) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN search_name text GENERATED ALWAYS AS (search_normalize(name)) STORED`);
      await db.query(`DROP INDEX ${table}_name_trgm_idx`);
      await db.query(`CREATE INDEX ${table}_search_name_trgm_idx ON ${table} USING gin (search_name gin_trgm_ops)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ["people", "organizations"]) {
      await db.query(`DROP INDEX ${table}_search_name_trgm_idx`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN search_name`);
      await db.query(`CREATE INDEX ${table}_name_trgm_idx ON ${table} USING gin (search_normalize(name) gin_trgm_ops)`);
    }
  }
}
