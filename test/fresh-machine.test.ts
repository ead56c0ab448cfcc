/**
 * The README's two commands on a fresh machine: as most developers run them (a normal user, in a
 * clone of their own) and as root in a container (whose home is 0700, so PostgreSQL's `postgres`
 * user cannot enter it). Each case runs a copy of the project, holding only what the repository
 * holds (no shared/ beside it), as that user: the service starts on the embedded PostgreSQL and
 * serves the demo data, and the test suite's set-up and the seed test run.
 *
 * As root, the normal user is `nobody`; run by a normal user, the first case is that user and the
 * second one cannot be played (it needs root), so it is skipped with a note. CI runs as root.
 */
import { execFile } from "node:child_process";
import { chmod, cp, mkdir, mkdtemp, rm, stat, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { requireBuild, ROOT, run, startService, stopAllChildren, type SpawnOptions } from "./support/processes";

const exec = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const COPY_TIMEOUT = 120_000;
const JEST = path.join("node_modules", "jest", "bin", "jest.js");
const REACHABLE_BINARIES = "/var/cache/newsgraph";

let home: string;
let project: string;

/** What a checkout holds that a clone does not: git's own folder, and the data folders of a service and of the benchmark. */
const LOCAL_STATE = [".git", ".newsgraph-data", ".newsgraph-bench"];

/** What a clone holds, plus its installed node_modules and its build: no .git, no data folder, no shared/ beside it. */
async function copyProject(destination: string): Promise<void> {
  try {
    // Hard links: the copy's folders are its own, its files the same bytes (seconds, not minutes,
    // for node_modules). Only folders are chowned below, never a file the original shares.
    await exec("cp", ["-al", ROOT, destination]);
    for (const name of LOCAL_STATE) await rm(path.join(destination, name), { recursive: true, force: true });
  } catch {
    const skipped = new Set(LOCAL_STATE.map((name) => path.join(ROOT, name)));
    await cp(ROOT, destination, { recursive: true, verbatimSymlinks: true, filter: (source) => !skipped.has(source) });
  }
}

/** Gives the home and the project folder (not what is in them) to `owner`: all it writes is its data folder there. */
async function giveFolders(owner: string): Promise<void> {
  await exec("chown", [owner, home, project]);
}

async function idOf(user: string): Promise<{ uid: number; gid: number }> {
  return { uid: Number((await exec("id", ["-u", user])).stdout), gid: Number((await exec("id", ["-g", user])).stdout) };
}

/** The demo data, read through the service's HTTP API. */
async function demoSpeakers(url: string): Promise<string[]> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ people(first: 10) { nodes { name } } }" }),
  });
  const { data } = (await response.json()) as { data: { people: { nodes: { name: string }[] } } };
  return data.people.nodes.map((person) => person.name).sort();
}

/** `npm test`'s own set-up (an embedded PostgreSQL in the temp folder) and the seed test, in the copy. */
async function runSeedTest(env: Record<string, string>, options: SpawnOptions) {
  return run(JEST, ["--runTestsByPath", "test/seed.test.ts", "--ci"], env, { ...options, cwd: project, timeoutMs: COPY_TIMEOUT });
}

beforeAll(async () => {
  requireBuild();
  home = await mkdtemp(path.join(os.tmpdir(), "newsgraph-home-"));
  project = path.join(home, "newsgraph");
  await copyProject(project);
}, COPY_TIMEOUT);

afterAll(async () => {
  await stopAllChildren();
  await rm(home, { recursive: true, force: true });
}, 60_000);

describe("as a normal user", () => {
  let user: SpawnOptions;
  let env: Record<string, string>;

  beforeAll(async () => {
    user = isRoot ? await idOf("nobody") : {};
    env = { HOME: home };
    if (isRoot) await giveFolders(`${user.uid}:${user.gid}`);
  });

  it("starts the service on the embedded PostgreSQL, running as that user, and serves the demo data", async () => {
    const service = await startService(env, "newsgraph as a normal user", { ...user, cwd: project });
    expect(await demoSpeakers(service.url)).toEqual(["Farah Dakhlallah", "John Kirby", "Lloyd Austin"]);
    // No `postgres` user was needed: the cluster belongs to the user who started it.
    expect((await stat(path.join(project, ".newsgraph-data", "pg"))).uid).toBe(process.getuid?.() === 0 ? user.uid : process.getuid?.());
    expect((await service.stop()).code).toBe(0);
  }, COPY_TIMEOUT);

  it("runs the tests' set-up and the seed test, with only what the repository holds", async () => {
    const result = await runSeedTest(env, user);
    expect(result.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.code).toBe(0);
  }, COPY_TIMEOUT);
});

(isRoot ? describe : describe.skip)("as root, in a home only root may enter (0700)", () => {
  const env = () => ({ HOME: home });
  let relocated: string | undefined;

  beforeAll(async () => {
    await giveFolders("0:0");
    await chmod(home, 0o700);
    // The binaries are copied where `postgres` can run them (src/db/embedded-postgres.ts): from scratch here.
    await rm(REACHABLE_BINARIES, { recursive: true, force: true });
  });

  afterAll(async () => {
    if (relocated) await rm(relocated, { recursive: true, force: true });
  });

  it("starts the service with its data where the postgres user can reach it, and serves the demo data", async () => {
    const service = await startService(env(), "newsgraph as root in a 0700 home", { cwd: project });
    relocated = service.logLines().find((line) => line.msg === "embedded PostgreSQL started")?.dataDir as string;
    expect(relocated).toMatch(/^\/var\/lib\/newsgraph\/newsgraph-[0-9a-f]{8}$/);
    expect(await demoSpeakers(service.url)).toEqual(["Farah Dakhlallah", "John Kirby", "Lloyd Austin"]);
    expect((await service.stop()).code).toBe(0);
  }, COPY_TIMEOUT);

  it("refuses a NEWSGRAPH_DATA_DIR the postgres user cannot reach with one line saying what to do", async () => {
    const dataDir = path.join(home, "data");
    await mkdir(dataDir);
    const result = await run(path.join(project, "dist", "src", "index.js"), [], { ...env(), NEWSGRAPH_DATA_DIR: dataDir, PORT: "0" }, { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(new RegExp(`^newsgraph: The data folder ${dataDir} is inside ${home}, .*set NEWSGRAPH_DATA_DIR to a folder outside it`))]);
  }, COPY_TIMEOUT);

  it("keeps the folders it creates reachable under a umask of 077, and follows links to a folder postgres cannot reach", async () => {
    // Not made yet (mkdtemp would make it 0700 itself): all three levels are created under the umask.
    const created = path.join(os.tmpdir(), `newsgraph-umask-${process.pid}-${Date.now()}`, "new", "data");
    const linked = path.join(os.tmpdir(), `newsgraph-link-${process.pid}`);
    await mkdir(path.join(home, "linked-data"));
    await symlink(path.join(home, "linked-data"), linked);
    try {
      const script = `
        const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(ROOT, "dist", "src", "db", "embedded-postgres.js"))});
        process.umask(0o077);
        (async () => {
          const postgres = await startEmbeddedPostgres({ dataDir: process.argv[1], log: () => undefined });
          await postgres.stop();
          console.log("started");
          await startEmbeddedPostgres({ dataDir: process.argv[2], log: () => undefined }).then(() => console.log("linked: started"), (error) => console.log(error.message));
        })();`;
      const result = await exec(process.execPath, ["-e", script, created, linked], { timeout: COPY_TIMEOUT });
      const [first, second] = result.stdout.trim().split("\n");
      expect(first).toBe("started");
      expect(second).toMatch(/^The data folder .* is inside .*newsgraph-home-.*, which the postgres user .* cannot enter/);
    } finally {
      await rm(linked, { force: true });
      await rm(path.dirname(path.dirname(created)), { recursive: true, force: true });
    }
  }, COPY_TIMEOUT);

  it("runs the tests' set-up and the seed test", async () => {
    const result = await runSeedTest(env(), {});
    expect(result.stderr).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(result.code).toBe(0);
  }, COPY_TIMEOUT);
});
