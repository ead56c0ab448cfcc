import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { openDatabase, type Database } from "./db/database";
import { migrate } from "./db/data-source";
import { EmbeddedPostgresError } from "./db/embedded-postgres";
import { seedDemoData } from "./seed/seed";
import { createLogger } from "./logger";
import { createSchema } from "./schema";
import { StatementFeed } from "./modules/statement/statement-feed";
import { createServer, type NewsgraphServer } from "./server";
import { STORED_ENTITIES } from "./registry";

/** Start-up: configuration, database (embedded unless DATABASE_URL), migrations, demo data, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let opening: Promise<Database> | undefined;
  let server: NewsgraphServer | undefined;

  // Installed before anything starts, so a signal during start-up still stops the embedded Postgres.
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      logger.info({ signal }, "shutting down");
      try {
        await server?.stop(); // stops accepting, lets requests in flight finish
        const database = await opening?.catch(() => undefined); // waits for a start in progress
        await database?.close();
        logger.info("stopped");
      } finally {
        process.exit(0);
      }
    })());
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));

  opening = openDatabase(config, logger, { entities: STORED_ENTITIES });
  const database = await opening;
  try {
    if (stopping) return;
    const applied = await migrate(database.db);
    logger.info({ applied }, "migrations applied");
    if (config.seedOnStart) {
      const outcome = await seedDemoData(database.db, { onlyIfEmpty: true });
      logger.info({ outcome }, "demo data");
    }
    const statementFeed = new StatementFeed(database.db, database.url, logger);
    await statementFeed.start();
    const { limits, introspection, playground } = config;
    server = await createServer({
      schema: await createSchema(),
      db: database.db,
      logger,
      statementFeed,
      limits,
      introspection,
      playground,
      cacheMaxAge: config.cacheMaxAge,
      persistedOnly: config.persistedOnly,
      corsOrigins: config.corsOrigins,
      healthy: database.healthy,
      bounds: config.bounds,
      autoAccept: config.autoAccept,
      readyTimeoutMs: config.database.connectTimeoutMs,
    });
    const url = await server.listen(config.port);
    logger.info({ url, introspection, playground }, `newsgraph is ready${playground ? `: open ${url} for GraphQL Playground` : ""}`);
  } catch (error) {
    if (stopping) return; // the failure is the shutdown closing things under start-up
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    console.error(`newsgraph: ${error.message}`);
  } else {
    console.error("newsgraph failed to start:", error);
  }
  process.exit(1);
});
