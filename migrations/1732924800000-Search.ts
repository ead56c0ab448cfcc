import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search: a stored tsvector per searchable table, maintained by Postgres (generated
 * columns), weighted so a title or name (A) outranks a short name or alias (B) and body text
 * (C/D), with a GIN index each; and trigram indexes on accent-free lower-case names for fuzzy
 * matching ("kirbi" finds Kirby). unaccent() is only STABLE, so an IMMUTABLE wrapper pinned to its
 * dictionary is what index expressions may use.
 */
export class Search1732924800000 implements MigrationInterface {
  name = "Search1732924800000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE FUNCTION search_normalize(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);
    await db.query(`
      CREATE FUNCTION search_words(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT to_tsvector('english'::regconfig, public.search_normalize(coalesce($1, ''))) $$`);
    // array_to_string is STABLE in general, IMMUTABLE for text[]: say so for the generated columns.
    await db.query(`
      CREATE FUNCTION search_join(text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_to_string($1, ' ') $$`);

    await db.query(`ALTER TABLE statements ADD COLUMN search tsvector GENERATED ALWAYS AS (search_words(text)) STORED`);
    await db.query(`ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(search_words(title), 'A') || setweight(search_words(summary), 'C')) STORED`);
    await db.query(`ALTER TABLE people ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(search_words(name), 'A') || setweight(search_words(search_join(aliases)), 'B')
      || setweight(search_words(description), 'C')) STORED`);
    await db.query(`ALTER TABLE organizations ADD COLUMN search tsvector GENERATED ALWAYS AS (
      setweight(search_words(name), 'A') || setweight(search_words(short_name), 'B')
      || setweight(search_words(search_join(aliases)), 'B')) STORED`);
    for (const table of ["statements", "events", "people", "organizations"]) {
      await db.query(`CREATE INDEX ${table}_search_idx ON ${table} USING gin (search)`);
    }
    await db.query(`CREATE INDEX people_name_trgm_idx ON people USING gin (search_normalize(name) gin_trgm_ops)`);
    await db.query(`CREATE INDEX organizations_name_trgm_idx ON organizations USING gin (search_normalize(name) gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX people_name_trgm_idx`);
    await db.query(`DROP INDEX organizations_name_trgm_idx`);
    for (const table of ["statements", "events", "people", "organizations"]) await db.query(`ALTER TABLE ${table} DROP COLUMN search`);
    await db.query(`DROP FUNCTION search_join(text[])`);
    await db.query(`DROP FUNCTION search_words(text)`);
    await db.query(`DROP FUNCTION search_normalize(text)`);
  }
}
