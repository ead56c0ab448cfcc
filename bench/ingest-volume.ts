/**
 * npm run bench:ingest:volume -- [--articles 1000] [--chars 5000]
 *
 * `npm run ingest` on a folder of many articles, as a newsroom's backlog would be: writes
 * `--articles` plain-text articles of about `--chars` characters (the annotated articles of
 * test/fixtures/articles/, joined and cut at a paragraph, each with its own dateline so that no two
 * bodies are the same), ingests them into a fresh database on the benchmark's embedded PostgreSQL
 * (.newsgraph-bench/), and prints the time taken, articles per second, the statements stored and
 * the ingest process's memory as it went (sampled from /proc): flat memory means its RSS at the
 * end is about what it was a tenth of the way in.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres";
import { memoryMb } from "./proc";
import { ROOT } from "./service";

const { values } = parseArgs({ options: { articles: { type: "string", default: "1000" }, chars: { type: "string", default: "5000" } } });
const ARTICLES = Number(values.articles);
const CHARS = Number(values.chars);
const DATABASE = "newsgraph_ingest_volume";

/** The annotated articles' paragraphs, in order, to cut articles of about `CHARS` from. */
function paragraphs(): string[] {
  const dir = path.join(ROOT, "test", "fixtures", "articles");
  return readdirSync(dir)
    .filter((file) => /^\d\d-.*\.txt$/.test(file))
    .sort()
    .flatMap((file) => readFileSync(path.join(dir, file), "utf8").split("\n").filter((line) => line.trim() !== ""));
}

function writeArticles(folder: string): number {
  const source = paragraphs();
  let next = 0;
  let characters = 0;
  for (let index = 0; index < ARTICLES; index += 1) {
    const lines = [`DISPATCH ${index + 1} (Newsgraph Wire) -`];
    while (lines.join("\n").length < CHARS) lines.push(source[next++ % source.length]);
    const body = lines.join("\n");
    characters += body.length;
    writeFileSync(path.join(folder, `${String(index).padStart(5, "0")}.txt`), body);
  }
  return characters / ARTICLES;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "newsgraph-ingest-volume-"));
  const postgres = await startEmbeddedPostgres({ dataDir: process.env.NEWSGRAPH_BENCH_DIR ?? path.join(ROOT, ".newsgraph-bench"), log: () => undefined });
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    const meanChars = writeArticles(folder);
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(postgres.url);
    url.pathname = `/${DATABASE}`;

    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "src", "scripts", "ingest.js"), folder, "--published-at", "2025-03-04T09:00:00Z"], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const samples: { done: number; rssMb: number }[] = [];
    let done = 0;
    child.stdout!.on("data", (chunk: Buffer) => {
      done += chunk.toString().split("\n").filter((line) => line.includes(": revision")).length;
    });
    const sampler = setInterval(() => {
      try {
        samples.push({ done, rssMb: memoryMb(child.pid!, "VmRSS") });
      } catch {
        // the process has exited
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearInterval(sampler);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) throw new Error(`npm run ingest exited with ${code}`);

    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    const [{ articles, statements, people }] = (
      await db.query(`SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM statements) AS statements, (SELECT count(*)::int FROM people) AS people`)
    ).rows;
    await db.end();
    const at = (share: number) => samples.find((sample) => sample.done >= share * ARTICLES)?.rssMb ?? "-";
    const peak = Math.max(...samples.map((sample) => sample.rssMb));
    console.log(`npm run ingest of ${ARTICLES} articles (mean ${Math.round(meanChars)} characters) into an empty database`);
    console.log(`  ${seconds.toFixed(1)} s, ${(ARTICLES / seconds).toFixed(1)} articles/s; stored ${articles} articles, ${statements} statements, ${people} people`);
    console.log(`  ingest process RSS: ${at(0.1)} MB at 10%, ${at(0.5)} MB at 50%, ${at(0.99)} MB at 99%, peak ${peak} MB`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`).catch(() => undefined);
    await admin.end();
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
