import "reflect-metadata";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { loadConfig } from "../src/config";
import { createDataSource, migrate } from "../src/db/data-source";
import { openDatabase } from "../src/db/database";
import { generateSyntheticData } from "./synthetic-data";
import { createLogger } from "../src/logger";
import { STORED_ENTITIES } from "../src/registry";

/**
 * `npm run seed:synthetic -- --scale 1`: (re)builds the benchmark data set in its own database,
 * `newsgraph_synthetic`, beside the demo one on the same server (DATABASE_URL's, or the embedded
 * one of NEWSGRAPH_DATA_DIR), and prints its connection string as the last line. The demo database
 * is never touched.
 */
export const SYNTHETIC_DATABASE = "newsgraph_synthetic";

export async function buildSyntheticDatabase(serverUrl: string, scale: number): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [SYNTHETIC_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${SYNTHETIC_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${SYNTHETIC_DATABASE}`;
  const db = createDataSource(url.toString(), { entities: STORED_ENTITIES });
  await db.initialize();
  try {
    await migrate(db);
    const started = Date.now();
    const counts = await generateSyntheticData(db, scale);
    console.log(`Built the synthetic data set (scale ${scale}) in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
  } finally {
    await db.destroy();
  }
  return url.toString();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: "string", default: "1" } } });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 100)) throw new Error("--scale must be a number above 0 (and at most 100)");
  const database = await openDatabase(loadConfig(), createLogger("warn"), { entities: STORED_ENTITIES, shareRunning: true });
  try {
    console.log(await buildSyntheticDatabase(database.url, scale));
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
