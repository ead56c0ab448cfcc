import type { DataSource } from "typeorm";
import type { Config } from "../config";
import type { Logger } from "../logger";
import { createDataSource, type DataSourceOptions } from "./data-source";
import { embeddedDatabaseUrl, runningPostmaster, startEmbeddedPostgres } from "./embedded-postgres";

export interface Database {
  db: DataSource;
  url: string;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it (once, however often called). */
  close(): Promise<void>;
  /** False while the embedded PostgreSQL this process runs is down past its restarts; always true otherwise. */
  healthy(): boolean;
}

/**
 * The database the configuration names: DATABASE_URL, or else the embedded PostgreSQL in the data
 * folder. The service always starts its own embedded server (and refuses a folder in use); the
 * command-line tools (`shareRunning`) use the one a running service already started, if any.
 */
export async function openDatabase(config: Config, logger: Logger, options: Pick<DataSourceOptions, "entities"> & { shareRunning?: boolean }): Promise<Database> {
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let healthy = () => true;
  if (!url) {
    if (options.shareRunning && (await runningPostmaster(config.dataDir))) {
      url = await embeddedDatabaseUrl(config.dataDir);
      logger.info({ dataDir: config.dataDir }, "using the embedded PostgreSQL of the running service");
    } else {
      const started = Date.now();
      const embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPostgresPort,
        log: (message) => logger.debug({ postgres: message }),
      });
      url = embedded.url;
      stopEmbedded = embedded.stop;
      healthy = embedded.healthy;
      logger.info({ dataDir: config.dataDir, ms: Date.now() - started }, "embedded PostgreSQL started");
    }
  }

  const db = createDataSource(url, {
    entities: options.entities,
    settings: config.database,
    // pg drops the failed client by itself; this says so in our logs (TypeORM's default handler logs to its own, silent, logger).
    onPoolError: (error) => logger.warn({ err: error }, "an idle database connection failed"),
  });
  try {
    await db.initialize();
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    url,
    healthy: () => healthy(),
    close: () =>
      (closing ??= (async () => {
        if (db.isInitialized) await db.destroy();
        await stopEmbedded?.();
      })()),
  };
}

/** One trivial round trip: whether the database answers (/ready). */
export async function ping(db: DataSource): Promise<void> {
  await db.query("SELECT 1");
}
