import { realpathSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * The first folder on the way to `target` (itself included, if it is a folder) that a user other
 * than its owner cannot pass through (no o+x bit): a 0700 home, say. As root, PostgreSQL runs as the
 * `postgres` user, which is such an other user for root's folders, so it cannot reach anything
 * below. Links are followed (the real folders are what must be passable); folders not created yet
 * are skipped: mkdirReachable makes them 0755. Group membership and ACLs are not considered; they
 * are not how root's folders are shared with `postgres`.
 */
export function unreachableFolder(target: string, options: { opensTarget?: boolean } = {}): string | undefined {
  let folder = realExistingPath(path.resolve(target));
  const chain: string[] = [];
  // The caller opens the target itself (chmod 0755): only the folders above it count.
  if (options.opensTarget) folder = path.dirname(folder);
  for (;;) {
    chain.unshift(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  for (const entry of chain) {
    let mode: number;
    try {
      const stat = statSync(entry);
      if (!stat.isDirectory()) continue;
      mode = stat.mode;
    } catch {
      return undefined; // from here on nothing exists yet
    }
    if ((mode & 0o001) === 0) return entry;
  }
  return undefined;
}

/** `target` with links resolved as far as it exists (the rest, not created yet, appended as is). */
function realExistingPath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    const parent = path.dirname(target);
    return parent === target ? target : path.join(realExistingPath(parent), path.basename(target));
  }
}

/** Creates `folder` and any missing parents passable by other users (0755), whatever the umask (077 would make them 0700). */
export async function mkdirReachable(folder: string): Promise<void> {
  const first = await fs.mkdir(folder, { recursive: true });
  if (!first) return;
  for (let created = path.resolve(folder); ; created = path.dirname(created)) {
    await fs.chmod(created, 0o755);
    if (created === path.resolve(first) || path.dirname(created) === created) break;
  }
}

export const isRoot = (): boolean => process.getuid?.() === 0;
