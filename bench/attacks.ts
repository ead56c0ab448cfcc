/**
 * npm run bench:attacks -- [--only name,name]
 *
 * Replays, against the built service (production mode, embedded PostgreSQL in a temporary folder,
 * the demo data), the memory and stall attacks an anonymous client could make, one after another.
 * For each it prints the server's RSS growth (peak during the attack over the RSS before it),
 * whether it stayed up, its heap's old generation a second later, and the latency of a normal query sent every 50 ms meanwhile from a thread
 * of its own (p50, max, failures). Targets (issue 12): stays up, RSS growth under 150 MB, p50 under
 * 250 ms. All traffic goes to 127.0.0.1; every loop is bounded. It prints figures; it asserts nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import WebSocket from "ws";
import { memoryMb } from "./proc";
import { ROOT, startBuiltService } from "./service";

const { values } = parseArgs({ options: { only: { type: "string" } } });

const PROBE = `{ events(first: 5) { nodes { title statements(first: 5) { nodes { text speaker { name } } } } } }`;
const ARTICLE_CHARS = 999_999;

interface Target {
  url: string;
  ws: string;
  token: string;
  speakerId: string;
  articleId: string;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: response.status, text: await response.text() };
}

async function graphql(target: Target, query: string, variables?: object): Promise<any> {
  const { text } = await post(target.url, JSON.stringify({ query, variables }), { authorization: `Bearer ${target.token}` });
  return JSON.parse(text);
}

/** `count` tasks, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, task: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++).catch(() => undefined);
  }));
}


/** The heap's old generation in use (old and large-object spaces), from the service's own /metrics. */
async function oldSpaceMb(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, "/metrics"))).text();
  const used = (space: string) => Number(new RegExp(`^nodejs_heap_space_size_used_bytes\\{space="${space}"\\} (\\d+)`, "m").exec(text)?.[1] ?? NaN);
  return Math.round((used("old") + used("large_object")) / 1e6);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A raw WebSocket client of either protocol, opened and acknowledged. */
function socket(url: string, protocol: "graphql-transport-ws" | "graphql-ws", init = true): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocol);
    ws.once("error", reject);
    ws.once("open", () => {
      if (!init) return resolve(ws);
      ws.send(JSON.stringify({ type: "connection_init", payload: {} }));
      ws.once("message", () => resolve(ws));
    });
  });
}

/** An attack with `repeat` is run again until it has lasted MIN_ATTACK_MS, so the probe sees enough of it. */
const MIN_ATTACK_MS = 5_000;

const attacks: { name: string; what: string; repeat?: boolean; run: (target: Target) => Promise<void> }[] = [
  {
    name: "slow-legacy-subscriber",
    what: "2 legacy graphql-ws sockets × 50 subscriptions to 1 MB statements, then never read; 40 statements",
    async run(target) {
      const sockets = await Promise.all([1, 2].map(() => socket(target.ws, "graphql-ws")));
      for (const ws of sockets) {
        for (let id = 1; id <= 50; id++) ws.send(JSON.stringify({ id: String(id), type: "start", payload: { query: "subscription { statementAdded { text source { body } } }" } }));
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const ws of sockets) (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      for (let i = 0; i < 40; i++) {
        await graphql(target, `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
          input: { text: `Amplified ${i}.`, kind: "PARAPHRASE", speakerId: target.speakerId, sourceId: target.articleId },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      for (const ws of sockets) ws.terminate();
    },
  },
  {
    name: "document-cache-flood",
    what: "3,000 distinct `{ __typename } # <60 KB comment>` documents, 8 at a time",
    async run(target) {
      const comment = "#".repeat(60_000);
      await inParallel(3_000, 8, (n) => post(target.url, JSON.stringify({ query: `{ __typename } # ${n} ${comment}` })));
    },
  },
  {
    name: "response-amplification",
    repeat: true,
    what: "a 1 MB article body through 100 statements under two aliases, 2 at a time, 10 times",
    async run(target) {
      const page = `statements(first: 100, filter: { text: "Amplified" }) { nodes { source { body } } }`;
      await inParallel(10, 2, () => post(target.url, JSON.stringify({ query: `{ a: ${page} b: ${page} }` })));
    },
  },
  {
    name: "nested-json",
    repeat: true,
    what: "6 MB bodies of 3,000,000 nested arrays in variables, 4 clients × 5",
    async run(target) {
      const body = `{"query":"query ($v: [Int]) { __typename }","variables":{"v":${"[".repeat(3_000_000)}${"]".repeat(3_000_000)}}}`;
      await inParallel(20, 4, () => post(target.url, body));
    },
  },
  {
    name: "huge-variable-list",
    what: "a variable holding a 600,000-item list (7.8 MB, within the body limit), 4 clients × 5",
    repeat: true,
    async run(target) {
      const body = JSON.stringify({ query: "query ($k: [StatementKind!]) { statements(first: 1, filter: { kind: $k }) { totalCount } }", variables: { k: Array(600_000).fill("PARAPHRASE") } });
      await inParallel(20, 4, () => post(target.url, body));
    },
  },
  {
    name: "websocket-frames",
    what: "6 sockets (3 of each protocol) each sending one 95 MB frame",
    async run(target) {
      const frame = Buffer.alloc(95 * 1024 * 1024, 0x20);
      await inParallel(6, 2, async (n) => {
        const ws = await socket(target.ws, n % 2 ? "graphql-ws" : "graphql-transport-ws", false);
        await new Promise<void>((resolve) => {
          ws.once("close", () => resolve());
          ws.once("error", () => resolve());
          ws.send(frame, () => undefined);
          setTimeout(() => resolve(), 10_000).unref();
        });
        ws.terminate();
      });
    },
  },
  {
    name: "idle-legacy-sockets",
    what: "300 legacy sockets that never send connection_init, held 5 s",
    async run(target) {
      const sockets: WebSocket[] = [];
      await inParallel(300, 20, async () => sockets.push(await socket(target.ws, "graphql-ws", false)));
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
      console.log(`  idle legacy sockets still open after 5 s: ${open} of ${sockets.length}`);
      for (const ws of sockets) ws.terminate();
    },
  },
  {
    name: "search-dashes",
    repeat: true,
    what: "64 searches and text filters made of Unicode dash runs",
    async run(target) {
      const dashes = ["–", "—", "‐", "−", "－"];
      let errors = 0;
      await inParallel(64, 4, async (n) => {
        const text = dashes[n % dashes.length].repeat(40) + (n % 3 ? " kirby" : "");
        const field = [`search(query: $t, first: 5) { totalCount }`, `statements(filter: { text: $t }) { totalCount }`, `events(filter: { text: $t }) { totalCount }`][n % 3];
        const answer = JSON.parse((await post(target.url, JSON.stringify({ query: `query ($t: String!) { ${field} }`, variables: { t: text } }))).text);
        if (answer.errors) errors++;
      });
      console.log(`  answers with errors: ${errors} of 64`);
    },
  },
];

/** A normal query every 50 ms from a worker thread, until stopped: its latencies and failures. */
function startProbe(url: string): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
    const latencies = []; let failures = 0; let running = true;
    parentPort.on("message", () => (running = false));
    (async () => {
      while (running) {
        const started = performance.now();
        try {
          const response = await fetch(workerData.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: workerData.query }) });
          await response.arrayBuffer();
          if (response.status !== 200) failures++;
        } catch { failures++; }
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      parentPort.postMessage({ latencies, failures });
    })();`,
    { eval: true, workerData: { url, query: PROBE } },
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once("message", (result: { latencies: number[]; failures: number }) => {
          void worker.terminate();
          resolve(result);
        });
        worker.postMessage("stop");
      }),
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "newsgraph-attacks-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEWSGRAPH_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const { url, service } = await startBuiltService(env);
  try {
    const token = execFileSync(process.execPath, [path.join(ROOT, "dist/src/scripts/token.js"), "create", "--name", "attacker-bench", "--role", "editor"], { env, encoding: "utf8" }).trim().split("\n").pop()!;
    const target: Target = { url, ws: url.replace(/^http/, "ws"), token, speakerId: "", articleId: "" };
    target.speakerId = (await graphql(target, `{ people(first: 1) { nodes { id } } }`)).data.people.nodes[0].id;
    const article = await graphql(target, `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`, {
      input: { url: "https://example.org/attack-article", title: "A megabyte of wire copy", body: "x".repeat(ARTICLE_CHARS) },
    });
    target.articleId = article.data.createArticle.id;
    for (let i = 0; i < 100; i++) {
      await graphql(target, `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
        input: { text: `Amplified claim ${i}.`, kind: "PARAPHRASE", speakerId: target.speakerId, sourceId: target.articleId },
      });
    }

    const only = values.only?.split(",");
    const rows: string[] = [];
    for (const attack of attacks.filter((candidate) => !only || only.includes(candidate.name))) {
      console.log(`${attack.name}: ${attack.what}`);
      const before = memoryMb(service.pid!, "VmRSS");
      let peak = before;
      const sampler = setInterval(() => service.exitCode === null && (peak = Math.max(peak, memoryMb(service.pid!, "VmRSS"))), 100);
      // The probe runs in its own thread, so the attack's own work here does not delay it.
      const probe = startProbe(url);
      const started = Date.now();
      do await attack.run(target).catch((error: unknown) => console.log(`  the attack itself failed: ${String(error)}`));
      while (attack.repeat && Date.now() - started < MIN_ATTACK_MS && service.exitCode === null);
      const { latencies, failures } = await probe.stop();
      clearInterval(sampler);
      const up = service.exitCode === null && (await post(url, JSON.stringify({ query: PROBE })).catch(() => undefined))?.status === 200;
      // RSS counts the young generation too (--max-semi-space-size=32 lets it grow by tens of MB
      // under any busy load); the old generation, a moment later, is closer to what stays.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const oldSpace = up ? await oldSpaceMb(url) : NaN;
      const sorted = latencies.sort((a, b) => a - b);
      const row = `| ${attack.name} | ${before} | ${peak - before} | ${up ? "yes" : "NO"} | ${oldSpace} | ${percentile(sorted, 50).toFixed(1)} | ${(sorted[sorted.length - 1] ?? NaN).toFixed(1)} | ${failures} of ${latencies.length} |`;
      console.log(row);
      rows.push(row);
      if (!up) break;
    }
    console.log(["", "| attack | RSS before MB | RSS growth MB | stayed up | old generation after MB | probe p50 ms | probe max ms | probe failures |", "|---|---:|---:|---|---:|---:|---:|---:|", ...rows].join("\n"));
  } finally {
    service.kill("SIGTERM");
    await new Promise((resolve) => service.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
