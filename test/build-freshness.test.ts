import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { requireFreshBuild, STALE_BUILD_MESSAGE, staleBuild } from "./support/build";

/**
 * support/build.ts, on a fake project in the temp folder: the end-to-end tests refuse to run a
 * dist/ that is older than the sources (requireBuild in support/processes.ts calls it).
 */
let root: string;
const BUILT = new Date("2024-06-01T12:00:00Z");
const before = (seconds: number) => new Date(BUILT.getTime() - seconds * 1000);
const after = (seconds: number) => new Date(BUILT.getTime() + seconds * 1000);

function file(relative: string, time: Date): void {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "");
  utimesSync(full, time, time);
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "newsgraph-build-"));
  // Sources saved, then built: every output newer than its source.
  file("src/index.ts", before(60));
  file("src/db/write.ts", before(60));
  file("src/seed/article.txt", before(60));
  file("src/types.d.ts", before(60));
  file("migrations/1-Initial.ts", before(60));
  file("bench/http.ts", before(60));
  for (const output of ["src/index.js", "src/db/write.js", "migrations/1-Initial.js", "bench/http.js"]) file(path.join("dist", output), BUILT);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it("accepts a build newer than every source", () => {
  expect(staleBuild(root)).toBeUndefined();
  expect(() => requireFreshBuild(root)).not.toThrow();
});

it("refuses a build older than a source saved since, naming it", () => {
  file("src/db/write.ts", after(5));
  expect(staleBuild(root)).toBe(`${path.join("src", "db", "write.ts")} is newer than ${path.join("dist", "src", "db", "write.js")}`);
  expect(() => requireFreshBuild(root)).toThrow(STALE_BUILD_MESSAGE);
  expect(() => requireFreshBuild(root)).toThrow(/src\/db\/write\.ts is newer/);
});

it("refuses a build older than a migration", () => {
  file("migrations/1-Initial.ts", after(1));
  expect(() => requireFreshBuild(root)).toThrow(STALE_BUILD_MESSAGE);
});

it("refuses a build that lacks a source's output (a file added since)", () => {
  file("src/modules/new.ts", before(30));
  expect(staleBuild(root)).toBe(`${path.join("src", "modules", "new.ts")} has no ${path.join("dist", "src", "modules", "new.js")}`);
  expect(() => requireFreshBuild(root)).toThrow(STALE_BUILD_MESSAGE);
});

it("ignores what tsc does not compile, and bench/ (no test runs dist/bench)", () => {
  file("src/seed/article.txt", after(60));
  file("src/types.d.ts", after(60));
  file("bench/http.ts", after(60));
  expect(staleBuild(root)).toBeUndefined();
  // ... unless asked to check bench/ too.
  expect(staleBuild(root, ["src", "bench"])).toBe(`${path.join("bench", "http.ts")} is newer than ${path.join("dist", "bench", "http.js")}`);
});

it("accepts a source exactly as old as its output, and a missing folder", () => {
  file("src/index.ts", BUILT);
  expect(staleBuild(root, ["src", "migrations", "no-such-folder"])).toBeUndefined();
});
