import type { ChildProcess } from "node:child_process";
import type { Client } from "pg";
import { startBenchDatabase, type BenchIds } from "./bench-data";
import { startBuiltService } from "./service";

export interface SyntheticService {
  /** Connection string of the synthetic database. */
  syntheticUrl: string;
  /** A connection to it, for counting SQL statements (pg_stat_statements). */
  db: Client;
  /** The objects the standard queries look up. */
  ids: BenchIds;
  /** The service's /graphql URL. */
  url: string;
  service: ChildProcess;
  /** Stops the service, then PostgreSQL. */
  stop(): Promise<void>;
}

/**
 * What every HTTP benchmark starts with: PostgreSQL with the synthetic data set (see
 * startBenchDatabase) and the built service on it in production mode, with `nodeOptions` (such
 * as --cpu-prof) if given.
 */
export async function startSyntheticService(options: { scale?: number; rebuild?: boolean; nodeOptions?: string[] } = {}): Promise<SyntheticService> {
  const { postgres, syntheticUrl, db, ids } = await startBenchDatabase(options);
  try {
    const { url, service } = await startBuiltService({ ...process.env, DATABASE_URL: syntheticUrl, NODE_ENV: "production", NEWSGRAPH_SEED: "false" }, options.nodeOptions);
    const stop = async () => {
      service.kill("SIGTERM");
      if (service.exitCode === null && service.signalCode === null) await new Promise((resolve) => service.once("exit", resolve));
      await db.end();
      await postgres.stop();
    };
    return { syntheticUrl, db, ids, url, service, stop };
  } catch (error) {
    await db.end();
    await postgres.stop();
    throw error;
  }
}
