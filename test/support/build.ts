/**
 * Whether dist/ was built from the sources as they are now. The end-to-end tests run the built
 * service and scripts (dist/), while every other test runs the sources through ts-jest: a dist/
 * older than the sources would let those tests pass or fail on code that is no longer there.
 *
 * `npm run build` (tsc, no incremental build) writes every output file on each run, so after a
 * build each output is newer than its source; a source saved since is newer than its output.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The folders whose .ts files the processes the tests start are built from. bench/ is built too,
 * but no test runs dist/bench and nothing in src/ imports it (the tests import bench/ as source).
 */
export const BUILT_SOURCE_DIRS = ["src", "migrations"];

/** The message (its start) of a stale build's error. */
export const STALE_BUILD_MESSAGE = "dist/ is older than src/: run npm run build";

function mtimeMs(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The first source under `root`'s `dirs` that is newer than its output in `root/dist` (or has
 * none), as "src/a.ts is newer than dist/src/a.js"; undefined when the build is fresh. Only .ts
 * files are compiled (not .d.ts, and not data files such as src/seed/article.txt, read from
 * src/ at run time). About one stat per file: a few milliseconds for this project.
 */
export function staleBuild(root: string, dirs: string[] = BUILT_SOURCE_DIRS): string | undefined {
  const pending = dirs.filter((dir) => mtimeMs(path.join(root, dir)) !== undefined);
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const source = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(source);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".d.ts")) continue;
      const output = path.join("dist", source.replace(/\.ts$/, ".js"));
      const built = mtimeMs(path.join(root, output));
      if (built === undefined) return `${source} has no ${output}`;
      if (statSync(path.join(root, source)).mtimeMs > built) return `${source} is newer than ${output}`;
    }
  }
  return undefined;
}

/** Throws STALE_BUILD_MESSAGE, naming the first stale source, unless `root`'s dist/ is fresh. */
export function requireFreshBuild(root: string, dirs: string[] = BUILT_SOURCE_DIRS): void {
  const stale = staleBuild(root, dirs);
  if (stale) throw new Error(`${STALE_BUILD_MESSAGE} (${stale}; npm test builds first).`);
}
