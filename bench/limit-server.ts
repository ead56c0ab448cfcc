/**
 * The "limit" server of `npm run bench:peers`: how fast Q1 can be answered at all on this machine
 * and these tables. node:http and pg, no GraphQL: one hand-written SQL statement builds the whole
 * answer as JSON text (LATERAL subqueries with LIMIT through the (parent, sort) indexes), sent as
 * it comes from PostgreSQL, as a named prepared statement. It answers only the queries it has SQL
 * for (LIMIT_QUERIES), named by the request's `query` (`{"query":"Q1"}`), in newsgraph's shape so
 * the benchmark compares its data with newsgraph's. On DATABASE_URL, with a pool of 10, run as
 * every peer is (bench/peer-process.ts).
 */
import { createServer } from "node:http";
import { Pool } from "pg";
import { ACCEPTED_STATEMENTS } from "../src/modules/statement/statement.entity";
import { servePeer } from "./peer-process";

/** Q1: 20 events (newest start first), each with its 10 newest statements, their speakers and the speakers' affiliations. */
const Q1 = `
  SELECT json_build_object('events', json_build_object('nodes', coalesce(json_agg(json_build_object(
      'title', e.title, 'kind', e.kind, 'startDate', e.start_date, 'statements', json_build_object('nodes', st.nodes))
    ORDER BY COALESCE(e.start_date, '-infinity'::date) DESC, e.id DESC), '[]')))::text AS data
  FROM (SELECT * FROM events e ORDER BY COALESCE(e.start_date, '-infinity'::date) DESC, e.id DESC LIMIT 20) e
  LEFT JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('text', s.text, 'statedOn', s.stated_on, 'speaker', sp.speaker) ORDER BY s.created_at DESC, s.id DESC), '[]') AS nodes
    FROM (SELECT * FROM statements s WHERE s.event_id = e.id AND s.${ACCEPTED_STATEMENTS} ORDER BY s.created_at DESC, s.id DESC LIMIT 10) s
    LEFT JOIN LATERAL (
      SELECT json_build_object('name', p.name, 'affiliations', (
        SELECT coalesce(json_agg(json_build_object('role', a.role, 'organization', json_build_object('name', o.name, 'shortName', o.short_name))
          ORDER BY (a.end_date IS NULL) DESC, a.start_date DESC NULLS LAST, a.role, a.id), '[]')
        FROM affiliations a JOIN organizations o ON o.id = a.organization_id WHERE a.person_id = p.id)) AS speaker
      FROM people p WHERE p.id = s.speaker_id) sp ON true
  ) st ON true`;

export const LIMIT_QUERIES: { readonly [name: string]: string } = { Q1 };

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is required");
  const pool = new Pool({ connectionString, max: 10, application_name: "limit" });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const reply = (status: number, body: string) => response.writeHead(status, { "content-type": "application/json" }).end(body);
      let name: string | undefined;
      try {
        name = (JSON.parse(Buffer.concat(chunks).toString()) as { query?: string }).query;
      } catch {
        // answered below
      }
      const text = name !== undefined && Object.hasOwn(LIMIT_QUERIES, name) ? LIMIT_QUERIES[name] : undefined;
      if (!text) return reply(400, JSON.stringify({ errors: [{ message: `no SQL for ${JSON.stringify(name)}` }] }));
      pool.query<{ data: string }>({ name: `limit_${name}`, text }).then(
        (result) => reply(200, `{"data":${result.rows[0].data}}`),
        (error: Error) => reply(500, JSON.stringify({ errors: [{ message: error.message }] })),
      );
    });
  });
  await servePeer(server, () => pool.end());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
