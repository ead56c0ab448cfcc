/**
 * npm run bench:subscriptions -- [--subscribers 1000] [--statements 200] [--rate 20]
 *
 * Starts the built service on a fresh embedded PostgreSQL (production mode), opens N WebSocket
 * subscribers (half graphql-transport-ws, half the legacy protocol), each filtered on one of the
 * three demo speakers, writes M statements through the GraphQL API at a steady rate, and prints
 * what arrived: delivered, lost, duplicated, delivery latency p50/p99/max (from sending the
 * mutation to receiving the statement), and the server's memory. It prints figures; it asserts nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "graphql-ws";
import { SubscriptionClient } from "subscriptions-transport-ws";
import WebSocket from "ws";
import { ROOT, startBuiltService } from "./service";

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "1000" },
    statements: { type: "string", default: "200" },
    rate: { type: "string", default: "20" },
  },
});
const SUBSCRIBERS = Number(values.subscribers);
const STATEMENTS = Number(values.statements);
const RATE = Number(values.rate);

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NEWSGRAPH_DATA_DIR: dataDir, NODE_ENV: "production" };
  delete env.DATABASE_URL;
  const { url: httpUrl, service } = await startBuiltService(env);
  const wsUrl = httpUrl.replace(/^http/, "ws");
  try {
    const created = spawnSync(process.execPath, [path.join(ROOT, "dist/src/scripts/token.js"), "create", "--name", "bench", "--role", "editor"], { env, encoding: "utf8" });
    const token = created.stdout.trim().split("\n").pop()!;

    const post = async (query: string, variables?: object) => {
      const response = await fetch(httpUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return ((await response.json()) as { data: any }).data;
    };
    const people: { id: string; name: string }[] = (await post(`{ people(first: 3) { nodes { id name } } }`)).people.nodes;

    // Subscribers: subscriber i follows speaker i % 3, over the current protocol when i is even.
    const received = new Map<number, number[]>(); // statement number → receipt times
    const seenBy: Set<string>[] = [];
    let duplicates = 0;
    const query = `subscription ($speakerId: ID) { statementAdded(filter: { speakerId: $speakerId }) { text speaker { name } } }`;
    const onStatement = (subscriber: number, text: string) => {
      const number = Number(/^bench #(\d+)/.exec(text)?.[1]);
      if (seenBy[subscriber].has(text)) duplicates += 1;
      seenBy[subscriber].add(text);
      received.set(number, [...(received.get(number) ?? []), Date.now()]);
    };
    const closers: (() => void)[] = [];
    const connected: Promise<void>[] = [];
    for (let i = 0; i < SUBSCRIBERS; i += 1) {
      seenBy.push(new Set());
      const variables = { speakerId: people[i % 3].id };
      if (i % 2 === 0) {
        const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
        connected.push(new Promise((resolve) => client.on("connected", () => resolve())));
        client.subscribe({ query, variables }, { next: (r: any) => onStatement(i, r.data.statementAdded.text), error: () => undefined, complete: () => undefined });
        closers.push(() => void client.dispose());
      } else {
        const client = new SubscriptionClient(wsUrl, { reconnect: false }, WebSocket);
        connected.push(new Promise((resolve) => client.onConnected(() => resolve())));
        client.request({ query, variables }).subscribe({ next: (r: any) => onStatement(i, r.data.statementAdded.text) });
        closers.push(() => client.close());
      }
    }
    await Promise.all(connected);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let every subscription register
    const idle = memoryOf(service.pid!);

    // Writes at a steady rate.
    const sentAt = new Map<number, number>();
    const start = Date.now();
    for (let n = 0; n < STATEMENTS; n += 1) {
      const due = start + (n * 1000) / RATE;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      sentAt.set(n, Date.now());
      void post(`mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
        input: { text: `bench #${n}`, kind: "PARAPHRASE", speakerId: people[n % 3].id },
      });
    }
    // Wait for stragglers: until nothing new arrives for 2 s (at most 30 s).
    let last = -1;
    for (let waited = 0; waited < 30_000; waited += 2_000) {
      const total = [...received.values()].reduce((sum, times) => sum + times.length, 0);
      if (total === last) break;
      last = total;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    const loaded = memoryOf(service.pid!);

    const perSpeaker = [0, 1, 2].map((k) => Array.from({ length: SUBSCRIBERS }, (_, i) => i).filter((i) => i % 3 === k).length);
    const expected = Array.from({ length: STATEMENTS }, (_, n) => perSpeaker[n % 3]).reduce((a, b) => a + b, 0);
    const latencies = [...received.entries()].flatMap(([n, times]) => times.map((t) => t - sentAt.get(n)!)).sort((a, b) => a - b);
    const delivered = latencies.length - duplicates;
    console.log(`subscribers: ${SUBSCRIBERS} (${Math.ceil(SUBSCRIBERS / 2)} graphql-transport-ws, ${Math.floor(SUBSCRIBERS / 2)} legacy graphql-ws), each filtered on one of 3 speakers`);
    console.log(`statements written: ${STATEMENTS} at ${RATE}/s through createStatement`);
    console.log(`deliveries: expected ${expected}, delivered ${delivered}, lost ${expected - delivered}, duplicated ${duplicates}`);
    console.log(`latency (mutation sent → statement received): p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`);
    console.log(`server memory: RSS ${idle.rssMb} MB with subscribers idle, ${loaded.rssMb} MB after the run, peak ${loaded.peakMb} MB`);
    for (const close of closers) close();
  } finally {
    service.kill("SIGTERM");
    await new Promise((resolve) => service.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
