import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ACCEPTED_STATEMENTS } from "../statement/statement.entity";
import { corroborationOf, type EventCorroboration, type Evidence } from "./corroboration";
import type { EventStatus } from "./event.entity";

/** One statement for all the events of a batch; $1: their ids. */
const CORROBORATION_SQL = `
  WITH said AS (
    SELECT s.event_id, s.stance, s.organization_id, s.source_id, s.stated_on FROM statements s
    WHERE s.event_id = ANY($1::uuid[]) AND s.${ACCEPTED_STATEMENTS}
  ), speaking AS (
    SELECT organization_id AS id FROM said WHERE organization_id IS NOT NULL
    UNION SELECT ep.organization_id FROM event_participants ep WHERE ep.event_id = ANY($1::uuid[]) AND ep.organization_id IS NOT NULL
  ), top AS (
    -- The same top level as the counts the triggers keep (migration CorroborationCounts).
    SELECT organization, top FROM (SELECT id AS organization, organization_top(id) AS top FROM speaking) tops WHERE top IS NOT NULL
  ), cited AS (
    SELECT event_id, source_id AS article_id FROM said WHERE source_id IS NOT NULL
    UNION SELECT es.event_id, es.article_id FROM event_sources es WHERE es.event_id = ANY($1::uuid[])
  )
  SELECT e.id AS event_id,
    (SELECT count(DISTINCT a.wire_story_key) FROM cited c JOIN articles a ON a.id = c.article_id WHERE c.event_id = e.id)::int AS sources,
    (SELECT count(DISTINCT lower(btrim(a.publisher))) FROM cited c JOIN articles a ON a.id = c.article_id WHERE c.event_id = e.id)::int AS publishers,
    (SELECT min(day)::text FROM (SELECT a.published_at::date AS day FROM cited c JOIN articles a ON a.id = c.article_id WHERE c.event_id = e.id
       UNION ALL SELECT stated_on FROM said WHERE event_id = e.id) days) AS first_reported,
    (SELECT max(day)::text FROM (SELECT a.published_at::date AS day FROM cited c JOIN articles a ON a.id = c.article_id WHERE c.event_id = e.id
       UNION ALL SELECT stated_on FROM said WHERE event_id = e.id) days) AS latest_reported,
    (SELECT json_object_agg(coalesce(stance, 'NONE'), n) FROM (SELECT stance, count(*) AS n FROM said WHERE event_id = e.id GROUP BY 1) c) AS counts,
    (SELECT json_agg(json_build_object('stance', v.stance, 'top', v.top, 'via', v.via) ORDER BY v.top) FROM (
       SELECT s.stance, t.top, array_agg(DISTINCT s.organization_id ORDER BY s.organization_id) AS via
       FROM said s JOIN top t ON t.organization = s.organization_id WHERE s.event_id = e.id GROUP BY 1, 2) v) AS voices,
    (SELECT array_agg(DISTINCT t.top) FROM event_participants ep JOIN top t ON t.organization = ep.organization_id WHERE ep.event_id = e.id) AS participant_tops
  FROM unnest($1::uuid[]) AS e(id)`;

/** The corroboration of each event asked for in one tick, in one statement; each event comes with its stored status. */
export function corroborationLoader(db: DataSource) {
  return new DataLoader<{ id: string; status: EventStatus }, EventCorroboration, string>(
    async (events) => {
      const rows: Evidence[] = await db.query(CORROBORATION_SQL, [events.map((event) => event.id)]);
      const byId = new Map(rows.map((row) => [row.event_id, row]));
      return events.map((event) => corroborationOf(byId.get(event.id)!, event.status));
    },
    { cacheKeyFn: (event) => event.id },
  );
}
