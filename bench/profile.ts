/**
 * npm run bench:profile -- [--query Q1] [--duration 10] [--connections 20]
 *
 * Where the server's time goes under one of the benchmark queries: starts the built service with
 * V8's CPU profiler (--cpu-prof) on the synthetic data set (as `npm run bench` leaves it in
 * .newsgraph-bench/), drives the query with autocannon, stops the service, and prints the functions
 * with the most self time, grouped by package. The .cpuprofile file stays for Chrome DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchQueries } from "./bench-data";
import { startSyntheticService } from "./synthetic";

const { values } = parseArgs({
  options: {
    query: { type: "string", default: "Q1" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    top: { type: "string", default: "30" },
  },
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function and per package, in percent of all samples. */
function summarize(profile: CpuProfile, top: number): string {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    const file = url.replace(/^file:\/\//, "");
    const where = file.includes("node_modules/") ? file.slice(file.lastIndexOf("node_modules/") + 13) : path.relative(process.cwd(), file) || url;
    const name = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    const owner = file.includes("node_modules/") ? where.split("/").slice(0, where.startsWith("@") ? 2 : 1).join("/") : file.startsWith("node:") || !file ? functionName.startsWith("(") ? functionName : "node internals" : "newsgraph";
    selfTime.set(name, (selfTime.get(name) ?? 0) + delta);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + delta);
    total += delta;
  });
  const percent = (value: number) => `${((100 * value) / total).toFixed(1).padStart(5)}%`;
  const ranked = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, time]) => `${percent(time)}  ${name}`).join("\n");
  return `Self time by package:\n${ranked(byPackage, 15)}\n\nSelf time by function (top ${top}):\n${ranked(selfTime, top)}`;
}

async function main(): Promise<void> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), "newsgraph-profile-"));
  const { ids, url, stop } = await startSyntheticService({ nodeOptions: [`--cpu-prof`, `--cpu-prof-dir=${profileDir}`] });
  try {
    const chosen = benchQueries(ids).find((query) => query.name.startsWith(values.query!));
    if (!chosen) throw new Error(`No benchmark query starts with ${values.query}`);
    const body = JSON.stringify({ query: chosen.query, variables: chosen.variables });
    const options = { url, method: "POST" as const, headers: { "content-type": "application/json" }, body, connections: Number(values.connections) };
    await autocannon({ ...options, duration: 3 }); // warm-up (JIT), still in the profile but small
    const run = await autocannon({ ...options, duration: Number(values.duration) });
    console.log(`${chosen.name}: ${Math.round(run.requests.average)} req/s, p50 ${run.latency.p50} ms, p99 ${run.latency.p99} ms, ${run.non2xx + run.errors} errors`);
  } finally {
    await stop(); // the profile is written when the service exits
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`The service wrote no profile into ${profileDir}`);
  const profile = JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
  console.log(`\n${summarize(profile, Number(values.top))}\n\nProfile: ${path.join(profileDir, file)} (open in Chrome DevTools, Performance tab)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
