import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { migrate } from "../db/data-source";
import { openDatabase } from "../db/database";
import { createLogger } from "../logger";
import { createToken, listTokens, revokeToken, Role } from "../modules/auth/tokens";
import { STORED_ENTITIES } from "../registry";

const USAGE = `Usage:
  npm run token -- create --name <who> --role viewer|editor|admin   prints the new token once, as the last line
  npm run token -- list
  npm run token -- revoke <name>`;

/**
 * Editor tokens from the command line. Works on DATABASE_URL or on the embedded database, also
 * while the service runs on it; a new token works at once (tokens are checked per request).
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, role: { type: "string", default: "editor" } },
  });
  const [command, argument] = positionals;
  const role = values.role.toUpperCase() as Role;
  if (command === "create" && (!values.name?.trim() || !Object.values(Role).includes(role))) throw new Error(USAGE);
  if (command === "revoke" && !argument) throw new Error(USAGE);
  if (!["create", "list", "revoke"].includes(command)) throw new Error(USAGE);

  const database = await openDatabase(loadConfig(), createLogger("warn"), { entities: STORED_ENTITIES, shareRunning: true });
  try {
    await migrate(database.db);
    if (command === "create") {
      const token = await createToken(database.db, values.name!.trim(), role);
      console.log(`Created the ${role.toLowerCase()} token "${values.name!.trim()}". It is shown only now; send it as Authorization: Bearer <token>`);
      console.log(token);
    } else if (command === "list") {
      for (const token of await listTokens(database.db)) {
        const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : "active";
        console.log(`${token.name}\t${token.role.toLowerCase()}\tcreated ${token.createdAt.toISOString()}\t${state}`);
      }
    } else if (!(await revokeToken(database.db, argument))) {
      throw new Error(`No active token is named "${argument}".`);
    } else {
      console.log(`Revoked "${argument}".`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  // A duplicate name is the one database error a user causes here.
  console.error(/api_tokens_name_key/.test(message) ? "A token with that name exists already." : message);
  process.exit(1);
});
