import { loadConfig } from "../config";
import { embeddedDatabaseUrl } from "../db/embedded-postgres";

/** `npm run db:url`: the connection string of the running embedded database, as the last line. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log(config.databaseUrl);
    return;
  }
  console.log(await embeddedDatabaseUrl(config.dataDir));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
