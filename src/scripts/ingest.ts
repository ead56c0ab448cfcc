import "reflect-metadata";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { migrate } from "../db/data-source";
import { openDatabase } from "../db/database";
import { audited } from "../db/write";
import { decodeGlobalId } from "../contract/global-id";
import { extractStatements } from "../ingest/extract";
import { createLogger } from "../logger";
import { ingest, type ArticleInput } from "../modules/ingest/ingestion";
import { STORED_ENTITIES } from "../registry";

const USAGE = `Usage:
  npm run ingest -- FILE_OR_FOLDER... [--url U] [--title T] [--publisher P] [--published-at ISO] [--event-id ID]
  npm run -s ingest -- --dry-run --json FILE     prints the proposals as one JSON object, writes nothing
A folder ingests every .txt in it. Without --url, a file's url is https://files.newsgraph.invalid/<its absolute path>;
without --title, its title is the file's name. --url and --title need a single file.`;

/** The audit trail's actor for what this script writes. */
const ACTOR = "npm run ingest";

function filesOf(inputs: string[]): string[] {
  return inputs.flatMap((input) =>
    statSync(input).isDirectory()
      ? readdirSync(input).filter((name) => name.endsWith(".txt")).sort().map((name) => path.join(input, name))
      : [input],
  );
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string" },
      title: { type: "string" },
      publisher: { type: "string" },
      "published-at": { type: "string" },
      "event-id": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const files = filesOf(positionals);
  if (files.length === 0 || ((values.url || values.title) && files.length > 1)) throw new Error(USAGE);
  const publishedAt = values["published-at"] ? new Date(values["published-at"]) : null;
  if (publishedAt && Number.isNaN(publishedAt.getTime())) throw new Error(`--published-at: "${values["published-at"]}" is not an ISO 8601 date`);
  const articleOf = (file: string): Omit<ArticleInput, "eventId"> => ({
    url: values.url ?? `https://files.newsgraph.invalid${encodeURI(path.resolve(file))}`,
    title: values.title ?? path.basename(file, ".txt"),
    publisher: values.publisher ?? null,
    publishedAt,
    body: readFileSync(file, "utf8"),
  });

  if (values["dry-run"]) {
    const extractions = files.map((file) => ({ file, ...extractStatements(articleOf(file).body, { publishedAt: values["published-at"] ?? null }) }));
    const output = extractions.length === 1 ? extractions[0] : { articles: extractions };
    console.log(values.json ? JSON.stringify(output) : JSON.stringify(output, null, 2));
    return;
  }

  const config = loadConfig();
  const database = await openDatabase(config, createLogger("warn"), { entities: STORED_ENTITIES, shareRunning: true });
  let failed = 0;
  try {
    await migrate(database.db);
    const eventId = values["event-id"] ? decodeGlobalId(values["event-id"], "Event", "--event-id") : null;
    for (const file of files) {
      try {
        // One transaction per article: a failure leaves nothing of it, and the next one goes on.
        const result = await audited(database.db, ACTOR, (scope) => ingest(scope, { ...articleOf(file), eventId }, config.autoAccept));
        const accepted = result.added.filter((statement) => statement.reviewStatus === "ACCEPTED").length;
        console.log(
          result.changed
            ? `${file}: revision ${result.revision}, ${result.added.length} statements added (${accepted} accepted, ${result.added.length - accepted} proposed), ${result.kept} kept, ${result.markedStale} marked stale`
            : `${file}: unchanged (revision ${result.revision})`,
        );
      } catch (error) {
        failed += 1;
        console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await database.close();
  }
  if (failed > 0) throw new Error(`${failed} of ${files.length} articles were not ingested`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
