import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { buildSyntheticDatabase, SYNTHETIC_DATABASE } from "../src/scripts/seed-synthetic";
import { ROOT, startBuiltService } from "./service";

export interface SyntheticService {
  /** Connection string of the synthetic database. */
  syntheticUrl: string;
  /** The service's /graphql URL. */
  url: string;
  service: ChildProcess;
  /** Stops the service, then PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * What every HTTP benchmark starts with: PostgreSQL (embedded, in .newsgraph-bench/ or
 * NEWSGRAPH_BENCH_DIR, with pg_stat_statements loaded), the synthetic data set (built once, or again
 * with `rebuild`), and the built service on it in production mode.
 */
export async function startSyntheticService(options: { scale: number; rebuild: boolean }): Promise<SyntheticService> {
  const dataDir = process.env.NEWSGRAPH_BENCH_DIR ?? path.join(ROOT, ".newsgraph-bench");
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => undefined, settings: ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=top"] });
  try {
    const serverUrl = postgres.url;
    const syntheticUrl = new URL(serverUrl);
    syntheticUrl.pathname = `/${SYNTHETIC_DATABASE}`;
    const sql = new Client({ connectionString: serverUrl });
    await sql.connect();
    const exists = (await sql.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [SYNTHETIC_DATABASE])).rowCount;
    await sql.end();
    if (!exists || options.rebuild) await buildSyntheticDatabase(serverUrl, options.scale);

    const { url, service } = await startBuiltService({ ...process.env, DATABASE_URL: syntheticUrl.toString(), NODE_ENV: "production", NEWSGRAPH_SEED: "false" });
    const stop = async () => {
      service.kill("SIGTERM");
      if (service.exitCode === null && service.signalCode === null) await new Promise((resolve) => service.once("exit", resolve));
      await postgres.stop();
    };
    return { syntheticUrl: syntheticUrl.toString(), url, service, stop };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
