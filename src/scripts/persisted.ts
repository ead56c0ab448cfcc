import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "../config";
import { migrate } from "../db/data-source";
import { openDatabase } from "../db/database";
import { createLogger } from "../logger";
import { readOperationFiles } from "../modules/persisted/operation-files";
import { operationRows } from "../db/persisted-operations";
import { registerOperations, sha256Hex } from "../modules/persisted/registered-operations";
import { createSchema } from "../schema";
import { STORED_ENTITIES } from "../registry";

const USAGE = `Usage:
  npm run persisted -- register <folder>   registers every .graphql file of the folder (and its subfolders)
  npm run persisted -- list                prints each registered operation: sha256, source file, date`;

/**
 * The registered operations (persisted queries), from the command line. Works on DATABASE_URL or
 * on the embedded database, also while the service runs on it; an operation registered now is
 * served at once by every instance. Each file is checked against the schema first: if any file is
 * invalid, nothing is registered.
 */
async function main(): Promise<void> {
  const [command, folder, ...rest] = process.argv.slice(2);
  if (!((command === "register" && folder && rest.length === 0) || (command === "list" && !folder))) throw new Error(USAGE);

  // npm runs scripts from the project root; a relative folder means the one the user typed it in.
  const files = command === "register" ? await readOperationFiles(path.resolve(process.env.INIT_CWD ?? process.cwd(), folder), await createSchema()) : [];

  const database = await openDatabase(loadConfig(), createLogger("warn"), { entities: STORED_ENTITIES, shareRunning: true });
  try {
    await migrate(database.db);
    if (command === "register") {
      const added = await registerOperations(
        database.db,
        files.flatMap(({ source, documents }) => documents.map((document) => ({ document, source }))),
      );
      for (const { source, documents } of files) {
        for (const [index, document] of documents.entries()) {
          const hash = sha256Hex(document);
          console.log(`${hash}\t${source}${index > 0 ? " (printed)" : ""}\t${added.has(hash) ? "added" : "already registered"}`);
        }
      }
      console.log(`Registered ${files.length} file(s): ${added.size} new operation text(s).`);
    } else {
      for (const operation of await operationRows(database.db)) {
        console.log(`${operation.sha256}\t${operation.source}\t${operation.createdAt.toISOString()}`);
      }
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
