/**
 * Stock PostGraphile v5 for `npm run bench:peers`, in a process of its own: the amber preset in
 * production mode (NODE_ENV=production, no GraphiQL, no watch, no explain), its own pg pool of
 * the default size (10, as newsgraph's), on DATABASE_URL, exposing PEER_SCHEMAS (comma-separated;
 * default `public`). Listens on 127.0.0.1 (a free port), serves /graphql, builds its schema before
 * it says it is ready (bench/peer-process.ts: the ready line, and how it stops).
 *
 * Node 20: PostGraphile declares Node 22 and calls Promise.withResolvers; the shim is imported
 * first (TypeScript keeps the order of the requires), before anything loads PostGraphile.
 */
import "./promise-with-resolvers";
import { createServer } from "node:http";
import { servePeer } from "./peer-process";

/**
 * A package by name. PostGraphile 5.1 ships CommonJS (its package.json says "type": "commonjs"),
 * so require() loads it; should a later version be ESM only, require() fails with
 * ERR_REQUIRE_ESM on Node 20 and it is imported instead. That import() is built at run time
 * (new Function) because tsc, compiling bench/ to CommonJS, would otherwise see a static
 * import() it may rewrite into require() and would type-check PostGraphile's own .d.ts files
 * (which want @types/node 22) along with the benchmark.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, any>>;
async function load(specifier: string): Promise<Record<string, any>> {
  try {
    return require(specifier) as Record<string, any>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ESM") throw error;
    const module = await importModule(specifier);
    return { ...(module.default ?? {}), ...module };
  }
}

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is required");
  const schemas = (process.env.PEER_SCHEMAS ?? "public").split(",").map((schema) => schema.trim()).filter(Boolean);

  const { postgraphile } = await load("postgraphile");
  const { PostGraphileAmberPreset } = await load("postgraphile/presets/amber");
  const { makePgService } = await load("postgraphile/adaptors/pg");
  const { grafserv } = await load("postgraphile/grafserv/node");

  const preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [makePgService({ connectionString, schemas })],
    grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  await pgl.getSchema(); // introspect and build now, not at the first request
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server, false);
  await servePeer(server, () => pgl.release()); // its grafserv too, then the pg pool
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
