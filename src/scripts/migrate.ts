import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { migrate } from "../db/data-source";
import { seedDemoData } from "../seed/seed";
import { createLogger } from "../logger";
import { STORED_ENTITIES } from "../registry";

/**
 * `npm run migrate` applies pending migrations; `npm run seed` also loads the demo data (once: a
 * second run changes nothing). Both work on DATABASE_URL, on the embedded database of a running
 * service (same NEWSGRAPH_DATA_DIR), or start the embedded one just for the job.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn");
  const database = await openDatabase(config, logger, { entities: STORED_ENTITIES, shareRunning: true });
  try {
    console.log(`Applied ${await migrate(database.db)} migration(s).`);
    if (process.argv.includes("--seed")) {
      const outcome = await seedDemoData(database.db, { onlyIfEmpty: false });
      console.log(outcome === "seeded" ? "Loaded the demo data." : "The demo data is already there; nothing changed.");
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
