import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { migrate } from "./db/data-source";
import { DataDirInUseError } from "./db/embedded-postgres";
import { seedDemoData } from "./db/seed/seed";
import { createLogger } from "./logger";
import { createSchema } from "./schema";
import { createServer } from "./server";

/** Start-up: configuration, database (embedded unless DATABASE_URL), migrations, demo data, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger);
  let server: Awaited<ReturnType<typeof createServer>> | undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server?.stop();
    await database.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    const applied = await migrate(database.db);
    logger.info({ applied }, "migrations applied");
    if (config.seedOnStart) {
      const outcome = await seedDemoData(database.db, { onlyIfEmpty: true });
      logger.info({ outcome }, "demo data");
    }
    server = await createServer({ schema: await createSchema(), db: database.db, logger });
    const url = await server.listen(config.port);
    logger.info({ url }, `newsgraph is ready: open ${url} for GraphQL Playground`);
  } catch (error) {
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(`newsgraph: ${error.message}`);
  } else {
    console.error("newsgraph failed to start:", error);
  }
  process.exit(1);
});
