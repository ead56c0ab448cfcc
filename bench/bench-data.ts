import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { toGlobalId } from "../src/contract/global-id";
import { SYNTHETIC_COUNTS, SYNTHETIC_VERSION } from "./synthetic-data";
import { buildSyntheticDatabase, SYNTHETIC_DATABASE } from "./seed-synthetic";
import { ROOT } from "./service";

/** The objects the standard queries look up, picked from the synthetic data. */
export interface BenchIds {
  eventId: string;
  personId: string;
}

export interface BenchQuery {
  name: string;
  query: string;
  variables?: object;
}

/**
 * PostgreSQL for benchmarks: embedded, in .newsgraph-bench/ (or NEWSGRAPH_BENCH_DIR), with
 * pg_stat_statements loaded so SQL statements can be counted exactly. The synthetic data set is
 * built on first use (or with `rebuild`) and kept for later runs.
 */
export async function startBenchDatabase(options: { scale?: number; rebuild?: boolean } = {}) {
  const dataDir = process.env.NEWSGRAPH_BENCH_DIR ?? path.join(ROOT, ".newsgraph-bench");
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => undefined, settings: ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=top"] });
  const syntheticUrl = new URL(postgres.url);
  syntheticUrl.pathname = `/${SYNTHETIC_DATABASE}`;
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [SYNTHETIC_DATABASE])).rowCount;
  await admin.end();
  const scale = options.scale ?? 1;
  if (!exists || options.rebuild || !(await holdsScale(syntheticUrl.toString(), scale))) await buildSyntheticDatabase(postgres.url, scale);

  const db = new Client({ connectionString: syntheticUrl.toString() });
  await db.connect();
  await db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  // The latest announcement (an event with participants) and the person who spoke most.
  const [{ event }] = (await db.query(`SELECT id AS event FROM events WHERE kind = 'ANNOUNCEMENT' ORDER BY start_date DESC NULLS LAST, id LIMIT 1`)).rows;
  const [{ speaker }] = (await db.query(`SELECT speaker_id AS speaker FROM statements GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).rows;
  const ids: BenchIds = { eventId: toGlobalId("Event", event), personId: toGlobalId("Person", speaker) };
  return { postgres, syntheticUrl: syntheticUrl.toString(), db, ids };
}

/**
 * Whether the kept data set is the one of `scale` (its number of statements says so) and of this
 * generator (SYNTHETIC_VERSION, in the database's comment), so that `--scale 5` after a run at
 * scale 1, or a changed generator, rebuilds it rather than measuring the old one.
 */
async function holdsScale(url: string, scale: number): Promise<boolean> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ count, comment }] = (
      await db.query(`SELECT count(*)::int AS count, shobj_description((SELECT oid FROM pg_database WHERE datname = current_database()), 'pg_database') AS comment FROM statements`)
    ).rows;
    const expected = Math.round(SYNTHETIC_COUNTS.statements * scale);
    const current = comment === SYNTHETIC_VERSION;
    if (count !== expected) console.log(`The synthetic data set holds ${count} statements, not the ${expected} of scale ${scale}: rebuilding it.`);
    else if (!current) console.log(`The synthetic data set was made by another generator than "${SYNTHETIC_VERSION}" (${comment ? `"${comment}"` : "no version"}): rebuilding it.`);
    return count === expected && current;
  } catch {
    return false; // no tables yet: a build that did not finish
  } finally {
    await db.end();
  }
}

/** Beside the standard queries in `npm run bench`: a page of 20 events with their corroboration. */
export const CORROBORATION_QUERY: BenchQuery = {
  name: "Q5 events with corroboration",
  query: `{ events(first: 20) { nodes { title corroboration { sources publishers independentConfirmers suggestedStatus participantDenial
    confirmedBy { organization { name } via { name } } deniedBy { organization { name } } statements { confirms denies disputes neutral none } } } } }`,
};

/** The four standard queries of the performance issue. */
export function benchQueries(ids: BenchIds): BenchQuery[] {
  return [
    {
      name: "Q1 frontend nested",
      query: `{ events(first: 20) { nodes { title kind startDate
        statements(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text statedOn
          speaker { name affiliations { role organization { name shortName } } } } } } } }`,
    },
    { name: "Q2 single lookup", query: `query ($id: ID!) { event(id: $id) { title participants { organization { name } } } }`, variables: { id: ids.eventId } },
    { name: "Q3 search", query: `{ search(query: "sanctions", first: 20) { nodes { rank node { ... on Statement { text speaker { name } } } } } }` },
    {
      name: "Q4 person page",
      query: `query ($id: ID!) { person(id: $id) { name affiliations { role organization { name } }
        statements(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text event { title } } } } }`,
      variables: { id: ids.personId },
    },
  ];
}
