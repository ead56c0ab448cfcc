import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { PROJECT_ROOT } from "../config";
import { createSchema } from "../schema";

/**
 * `npm run schema` writes schema.graphql from the code; `npm run schema:check` (also run by the
 * tests) fails when the committed file differs, so the contract clients read is never stale.
 */
export const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema.graphql");

export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await createSchema())) + "\n";
}

async function main(): Promise<void> {
  const printed = await printedSchema();
  if (process.argv.includes("--check")) {
    const committed = await readFile(SCHEMA_FILE, "utf8").catch(() => "");
    if (committed !== printed) {
      console.error("schema.graphql is out of date: run `npm run schema` and commit it.");
      process.exit(1);
    }
    console.log("schema.graphql is up to date.");
  } else {
    await writeFile(SCHEMA_FILE, printed);
    console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE) || SCHEMA_FILE}.`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
