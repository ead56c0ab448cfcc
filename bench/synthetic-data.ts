import type { DataSource } from "typeorm";

/**
 * A deterministic, news-like data set for benchmarks, built with set-based SQL (a handful of
 * INSERT … SELECT over generate_series, no row-by-row round trips). "Random" choices hash the row
 * number, so the same scale always gives the same data. Scale 1: 300 organizations, 2,000 people,
 * 3,000 affiliations, 500 places, 5,000 articles, 10,000 events, 20,000 participants and
 * 100,000 statements.
 *
 * Events and statements go in in creation order, each with its own created_at, as a live service
 * writes them as the news comes: their tables' physical order follows time, as it does in
 * production, where a search's recency scan reads the newest rows from neighbouring pages.
 * (Version 1 gave every event one created_at and set statements' organizations afterwards with
 * an UPDATE, which rewrote them in hash order: the same scan read a page for nearly every row.)
 */
/** The generator's version, kept as the database's comment: a data set of an older one is rebuilt (bench-data.ts). */
export const SYNTHETIC_VERSION = "newsgraph synthetic data, version 2";
export const SYNTHETIC_COUNTS = {
  organizations: 300,
  people: 2_000,
  affiliations: 3_000,
  places: 500,
  articles: 5_000,
  events: 10_000,
  participants: 20_000,
  statements: 100_000,
};

// A number in [0, n) from a row number and a salt: deterministic, well spread.
const pick = (row: string, salt: string, n: number | string) => `(abs(hashtext((${row})::text || '${salt}')) % (${n}))`;

const WORDS = [
  "troops", "sanctions", "border", "talks", "ceasefire", "minister", "officials", "deployment", "evidence", "intelligence",
  "alliance", "security", "council", "forces", "region", "agreement", "briefing", "delegation", "exports", "energy",
  "election", "parliament", "summit", "missile", "drills", "aid", "refugees", "negotiations", "resolution", "embassy",
];
const VERBS = ["confirmed", "denied", "warned", "announced", "reported", "said", "rejected", "welcomed", "condemned", "expected"];
const array = (items: string[]) => `ARRAY[${items.map((item) => `'${item}'`).join(", ")}]`;

/** Text of `n` words chosen from WORDS by hashing `row` with each word position. */
const sentence = (row: string, salt: string, n: number) =>
  `(SELECT string_agg((${array(WORDS)})[1 + ${pick(`${row} * 31 + w`, salt, WORDS.length)}], ' ') FROM generate_series(1, ${n}) w)`;

export async function generateSyntheticData(db: DataSource, scale: number): Promise<{ [table: string]: number }> {
  const count = Object.fromEntries(Object.entries(SYNTHETIC_COUNTS).map(([table, n]) => [table, Math.round(n * scale)])) as typeof SYNTHETIC_COUNTS;
  await db.transaction(async (manager) => {
    const run = (sql: string) => manager.query(sql);
    await run(`TRUNCATE statements, event_sources, event_places, event_participants, events, articles, places, affiliations, people, organizations, audit_log CASCADE`);
    // Organizations: the first tenth are top-level, the rest hang under one of them.
    await run(`
      INSERT INTO organizations (id, name, short_name, kind, country_code, aliases)
      SELECT md5('org' || i)::uuid, 'Organization ' || i || ' of ' || initcap((${array(WORDS)})[1 + ${pick("i", "on", WORDS.length)}]),
             'O' || i, (ARRAY['STATE','GOVERNMENT_BODY','MILITARY','INTERNATIONAL_ORGANIZATION','MEDIA','COMPANY','OTHER'])[1 + ${pick("i", "ok", 7)}],
             (ARRAY['US','GB','FR','DE','UA','RU','KP','KR','JP','CN'])[1 + ${pick("i", "oc", 10)}], ARRAY['Org ' || i]
      FROM generate_series(1, ${count.organizations}) i`);
    await run(`
      UPDATE organizations o SET parent_id = md5('org' || (1 + ${pick("sub.i", "op", Math.max(1, Math.floor(count.organizations / 10)))}))::uuid
      FROM (SELECT i FROM generate_series(${Math.floor(count.organizations / 10) + 1}, ${count.organizations}) i) sub
      WHERE o.id = md5('org' || sub.i)::uuid`);
    await run(`
      INSERT INTO people (id, name, aliases, description)
      SELECT md5('person' || i)::uuid, 'Person ' || i || ' ' || initcap((${array(WORDS)})[1 + ${pick("i", "pn", WORDS.length)}]),
             ARRAY['P. ' || i], 'Spokesperson on ' || (${array(WORDS)})[1 + ${pick("i", "pd", WORDS.length)}]
      FROM generate_series(1, ${count.people}) i`);
    await run(`
      INSERT INTO affiliations (person_id, organization_id, role, start_date)
      SELECT DISTINCT ON (p, o) md5('person' || p)::uuid, md5('org' || o)::uuid, 'Role ' || (i % 7), date '2015-01-01' + (i % 3000)
      FROM (SELECT i, 1 + ${pick("i", "ap", count.people)} AS p, 1 + ${pick("i", "ao", count.organizations)} AS o
            FROM generate_series(1, ${count.affiliations}) i) a`);
    await run(`
      INSERT INTO places (id, name, country_code, latitude, longitude)
      SELECT md5('place' || i)::uuid, 'Place ' || i, (ARRAY['US','GB','FR','DE','UA','RU','KP','KR','JP','CN'])[1 + ${pick("i", "lc", 10)}],
             (${pick("i", "la", 17_000)} - 8500) / 100.0, (${pick("i", "lo", 35_000)} - 17500) / 100.0
      FROM generate_series(1, ${count.places}) i`);
    await run(`
      INSERT INTO articles (id, url, title, publisher, published_at, body)
      SELECT md5('article' || i)::uuid, 'https://news.example/' || i, 'Report ' || i || ': ' || ${sentence("i", "at", 6)}, 'Publisher ' || (i % 20),
             timestamptz '2020-01-01' + (i * interval '37 minutes'), ${sentence("i", "ab", 80)}
      FROM generate_series(1, ${count.articles}) i`);
    await run(`
      INSERT INTO events (id, title, summary, kind, status, start_date, end_date, date_precision, created_at)
      SELECT md5('event' || i)::uuid, initcap(${sentence("i", "et", 5)}) || ' ' || i, ${sentence("i", "es", 30)},
             (ARRAY['MILITARY_DEPLOYMENT','MILITARY_TRAINING','SANCTIONS','DIPLOMATIC_MEETING','ANNOUNCEMENT','ARMED_CONFLICT','OTHER'])[1 + ${pick("i", "ek", 7)}],
             (ARRAY['REPORTED','CONFIRMED','PLANNED','DENIED'])[1 + ${pick("i", "eu", 4)}],
             date '2020-01-01' + (i % 1800), date '2020-01-01' + (i % 1800) + ${pick("i", "ed", 10)}, 'DAY', timestamptz '2020-01-01' + i * interval '2 hours'
      FROM generate_series(1, ${count.events}) i`);
    await run(`
      INSERT INTO event_participants (event_id, organization_id, role)
      SELECT DISTINCT ON (e, o) md5('event' || e)::uuid, md5('org' || o)::uuid, (ARRAY['ACTOR','TARGET','HOST','SUPPORTER'])[1 + ${pick("i", "pr", 4)}]
      FROM (SELECT i, 1 + (i % ${count.events}) AS e, 1 + ${pick("i", "po", count.organizations)} AS o FROM generate_series(1, ${count.participants}) i) p`);
    await run(`
      INSERT INTO event_places (event_id, place_id, role)
      SELECT md5('event' || i)::uuid, md5('place' || (1 + ${pick("i", "ep", count.places)}))::uuid, 'LOCATION'
      FROM generate_series(1, ${count.events}) i`);
    await run(`
      INSERT INTO event_sources (event_id, article_id)
      SELECT md5('event' || i)::uuid, md5('article' || (1 + ${pick("i", "ea", count.articles)}))::uuid
      FROM generate_series(1, ${count.events}) i`);
    // Statements: each by a speaker, for one of the speaker's organizations when there is one.
    await run(`
      INSERT INTO statements (text, kind, speaker_id, organization_id, event_id, source_id, stated_on, created_at, stance)
      SELECT initcap((${array(VERBS)})[1 + ${pick("i", "sv", VERBS.length)}]) || ' that ' || ${sentence("i", "st", 14)} || '.',
             (ARRAY['DIRECT_QUOTE','PARAPHRASE','WRITTEN_STATEMENT'])[1 + ${pick("i", "sk", 3)}],
             speaker, (SELECT a.organization_id FROM affiliations a WHERE a.person_id = speaker ORDER BY a.organization_id LIMIT 1),
             md5('event' || (1 + ${pick("i", "se", count.events)}))::uuid, md5('article' || (1 + ${pick("i", "sa", count.articles)}))::uuid,
             date '2020-01-01' + (i % 1800), timestamptz '2020-01-01' + i * interval '13 minutes',
             -- Stances for corroboration: most confirm or discuss, some doubt or deny, a sixth take none.
             (ARRAY['CONFIRMS','CONFIRMS','NEUTRAL','DISPUTES','DENIES',NULL])[1 + ${pick("i", "ss", 6)}]
      FROM (SELECT i, md5('person' || (1 + ${pick("i", "sp", count.people)}))::uuid AS speaker FROM generate_series(1, ${count.statements}) i) numbered
      ORDER BY i`);
  });
  // VACUUM as well as ANALYZE, as autovacuum would in time: rows inserted after the GIN indexes
  // were made wait in the indexes' pending lists, and until those are merged the planner prices
  // the trigram index high and reads all people for a fuzzy name match (8 ms instead of under 1).
  await db.query(`VACUUM (ANALYZE)`);
  await db.query(`DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '${SYNTHETIC_VERSION}'); END $$`);
  const rows: { table: string; n: number }[] = await db.query(
    `SELECT "table", n::int AS n FROM (SELECT 'organizations' AS table, count(*)::int AS n FROM organizations UNION ALL SELECT 'people', count(*) FROM people
     UNION ALL SELECT 'affiliations', count(*) FROM affiliations UNION ALL SELECT 'places', count(*) FROM places
     UNION ALL SELECT 'articles', count(*) FROM articles UNION ALL SELECT 'events', count(*) FROM events
     UNION ALL SELECT 'participants', count(*) FROM event_participants UNION ALL SELECT 'statements', count(*) FROM statements) counts`,
  );
  return Object.fromEntries(rows.map((row) => [row.table, row.n]));
}
