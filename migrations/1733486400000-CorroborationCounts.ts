import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * What events are filtered and sorted by (events(filter: { minIndependentConfirmers, minSources,
 * denied }), events(orderBy: INDEPENDENT_CONFIRMERS | SOURCES)): each event's independent
 * confirmers, sources and deniers, kept in event_corroboration by triggers on every table they
 * depend on, in the writing transaction. The rules are Event.corroboration's (see
 * src/modules/event/corroboration.ts); organization_top() and wire_story_key() are where the two
 * readings meet.
 *
 * Each change also announces, on `newsgraph_corroboration_changed`, the events whose corroboration
 * it may have changed (a statement with a stance added, changed or removed, or a count changed),
 * for the eventCorroborationChanged subscription; NOTIFY is delivered at commit, across instances.
 */
export class CorroborationCounts1733486400000 implements MigrationInterface {
  name = "CorroborationCounts1733486400000";

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION organization_top(uuid) RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE STRICT AS $$
        WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM public.organizations WHERE id = $1
          UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM public.organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < 32)
        SELECT id FROM up WHERE parent_id IS NULL LIMIT 1 $$`);
    await db.query(`
      CREATE FUNCTION wire_story_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT md5(regexp_replace(lower($1), '\\s+', ' ', 'g')) $$`);
    // Kept with the article: hashing every cited body at every read cost most of a corroboration page.
    await db.query(`ALTER TABLE articles ADD COLUMN wire_story_key text GENERATED ALWAYS AS (wire_story_key(body)) STORED`);
    await db.query(`
      CREATE TABLE event_corroboration (
        event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        independent_confirmers integer NOT NULL,
        sources integer NOT NULL,
        deniers integer NOT NULL
      )`);
    await db.query(`CREATE INDEX event_corroboration_confirmers_idx ON event_corroboration (independent_confirmers DESC, event_id DESC)`);
    await db.query(`CREATE INDEX event_corroboration_sources_idx ON event_corroboration (sources DESC, event_id DESC)`);
    await db.query(`
      CREATE FUNCTION refresh_corroboration(event_ids uuid[], stanced uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        changed uuid;
      BEGIN
        -- Two transactions writing for one event take turns here: the second counts once the first
        -- has committed (each statement of a READ COMMITTED function sees what is committed when it
        -- starts), instead of writing a count made without the first's rows. In id order: no deadlock.
        PERFORM 1 FROM public.events WHERE id = ANY(event_ids) ORDER BY id FOR NO KEY UPDATE;
        FOR changed IN
          -- Set-based, one pass per table: a bulk insert touches thousands of events at once.
          WITH said AS (
            SELECT s.event_id, s.stance, s.organization_id, s.source_id FROM public.statements s
            WHERE s.event_id = ANY(event_ids) AND s.review_status = 'ACCEPTED'
          ), tops AS (
            SELECT id, public.organization_top(id) AS top FROM (SELECT DISTINCT organization_id AS id FROM said WHERE stance IN ('CONFIRMS', 'DENIES')) speaking WHERE id IS NOT NULL
          ), voices AS (
            SELECT said.event_id, count(DISTINCT tops.top) FILTER (WHERE said.stance = 'CONFIRMS') AS confirmers, count(DISTINCT tops.top) FILTER (WHERE said.stance = 'DENIES') AS deniers
            FROM said JOIN tops ON tops.id = said.organization_id GROUP BY said.event_id
          ), cited AS (
            SELECT event_id, source_id AS article_id FROM said WHERE source_id IS NOT NULL
            UNION SELECT es.event_id, es.article_id FROM public.event_sources es WHERE es.event_id = ANY(event_ids)
          ), stories AS (
            SELECT cited.event_id, count(DISTINCT a.wire_story_key) AS sources FROM cited JOIN public.articles a ON a.id = cited.article_id GROUP BY cited.event_id
          ), fresh AS (
            SELECT e.id AS event_id, coalesce(voices.confirmers, 0)::int AS independent_confirmers, coalesce(stories.sources, 0)::int AS sources, coalesce(voices.deniers, 0)::int AS deniers
            FROM public.events e LEFT JOIN voices ON voices.event_id = e.id LEFT JOIN stories ON stories.event_id = e.id
            WHERE e.id = ANY(event_ids)
          ), upserted AS (
            INSERT INTO public.event_corroboration AS c SELECT * FROM fresh
            ON CONFLICT (event_id) DO UPDATE SET independent_confirmers = EXCLUDED.independent_confirmers, sources = EXCLUDED.sources, deniers = EXCLUDED.deniers
              WHERE (c.independent_confirmers, c.sources, c.deniers) IS DISTINCT FROM (EXCLUDED.independent_confirmers, EXCLUDED.sources, EXCLUDED.deniers)
            RETURNING event_id
          )
          SELECT event_id FROM upserted UNION SELECT unnest(stanced) INTERSECT SELECT id FROM public.events
        LOOP
          PERFORM pg_notify('newsgraph_corroboration_changed', changed::text);
        END LOOP;
      END $$`);
    // Statement-level triggers with transition tables: one refresh per INSERT, UPDATE or DELETE, however many rows.
    await db.query(`
      CREATE FUNCTION statements_corroboration() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched uuid[];
        stanced uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(DISTINCT event_id), array_agg(DISTINCT event_id) FILTER (WHERE stance IS NOT NULL) INTO touched, stanced FROM new_rows WHERE event_id IS NOT NULL;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(DISTINCT event_id), array_agg(DISTINCT event_id) FILTER (WHERE stance IS NOT NULL) INTO touched, stanced FROM old_rows WHERE event_id IS NOT NULL;
        ELSE
          SELECT array_agg(DISTINCT event_id), array_agg(DISTINCT event_id) FILTER (WHERE stance IS NOT NULL) INTO touched, stanced
          FROM (SELECT event_id, stance FROM new_rows UNION ALL SELECT event_id, stance FROM old_rows) r WHERE event_id IS NOT NULL;
        END IF;
        IF touched IS NOT NULL THEN PERFORM refresh_corroboration(touched, coalesce(stanced, '{}')); END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER statements_corroboration_insert AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statements_corroboration()`);
    await db.query(`CREATE TRIGGER statements_corroboration_update AFTER UPDATE ON statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statements_corroboration()`);
    await db.query(`CREATE TRIGGER statements_corroboration_delete AFTER DELETE ON statements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION statements_corroboration()`);
    // Rows of an event's own lists: its sources count, and its participants change participantDenial
    // and suggestedStatus (announced even when no count changes: the trigger's argument says so).
    await db.query(`
      CREATE FUNCTION event_rows_corroboration() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        touched uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT event_id) INTO touched FROM new_rows;
        ELSE SELECT array_agg(DISTINCT event_id) INTO touched FROM old_rows;
        END IF;
        IF touched IS NOT NULL THEN PERFORM refresh_corroboration(touched, CASE WHEN TG_ARGV[0] = 'announce' THEN touched ELSE '{}' END); END IF;
        RETURN NULL;
      END $$`);
    for (const [table, announce] of [["event_sources", ""], ["event_participants", "'announce'"]]) {
      await db.query(`CREATE TRIGGER ${table}_corroboration_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_rows_corroboration(${announce})`);
      await db.query(`CREATE TRIGGER ${table}_corroboration_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION event_rows_corroboration(${announce})`);
    }
    // An event's status changes suggestedStatus; a deleted event is announced (its subscribers get null);
    // an article's body (wire copies) and an organization's parent (top levels) change counts.
    await db.query(`
      CREATE FUNCTION events_corroboration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('newsgraph_corroboration_changed', coalesce(NEW.id, OLD.id)::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER events_status_corroboration AFTER UPDATE OF status ON events FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION events_corroboration()`);
    await db.query(`CREATE TRIGGER events_delete_corroboration AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_corroboration()`);
    await db.query(`
      CREATE FUNCTION articles_corroboration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_corroboration(ARRAY(
          SELECT s.event_id FROM statements s WHERE s.source_id = NEW.id AND s.event_id IS NOT NULL
          UNION SELECT es.event_id FROM event_sources es WHERE es.article_id = NEW.id), '{}');
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER articles_corroboration AFTER UPDATE OF body ON articles FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION articles_corroboration()`);
    await db.query(`
      CREATE FUNCTION organizations_corroboration() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_corroboration(ARRAY(
          WITH RECURSIVE below(id, depth) AS (SELECT NEW.id, 0 UNION ALL SELECT o.id, below.depth + 1 FROM organizations o JOIN below ON o.parent_id = below.id WHERE below.depth < 32)
          SELECT DISTINCT s.event_id FROM statements s WHERE s.organization_id IN (SELECT id FROM below) AND s.event_id IS NOT NULL AND s.stance IS NOT NULL),
          ARRAY(SELECT DISTINCT s.event_id FROM statements s WHERE s.organization_id = NEW.id AND s.event_id IS NOT NULL AND s.stance IS NOT NULL));
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER organizations_corroboration AFTER UPDATE OF parent_id ON organizations FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION organizations_corroboration()`);
    await db.query(`SELECT refresh_corroboration(ARRAY(SELECT id FROM events), '{}')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER organizations_corroboration ON organizations`);
    await db.query(`DROP TRIGGER events_delete_corroboration ON events`);
    await db.query(`DROP TRIGGER events_status_corroboration ON events`);
    for (const table of ["event_sources", "event_participants"]) for (const op of ["insert", "delete"]) await db.query(`DROP TRIGGER ${table}_corroboration_${op} ON ${table}`);
    await db.query(`DROP TRIGGER articles_corroboration ON articles`);
    for (const op of ["insert", "update", "delete"]) await db.query(`DROP TRIGGER statements_corroboration_${op} ON statements`);
    for (const fn of ["organizations_corroboration()", "events_corroboration()", "event_rows_corroboration()", "articles_corroboration()", "statements_corroboration()", "refresh_corroboration(uuid[], uuid[])"]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    await db.query(`DROP TABLE event_corroboration`);
    await db.query(`ALTER TABLE articles DROP COLUMN wire_story_key`);
    await db.query(`DROP FUNCTION wire_story_key(text)`);
    await db.query(`DROP FUNCTION organization_top(uuid)`);
  }
}
