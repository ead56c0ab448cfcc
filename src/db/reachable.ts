import { statSync } from "node:fs";
import path from "node:path";

/**
 * The first folder on the way to `target` (itself included, if it is a folder) that a user other
 * than its owner cannot pass through (no o+x bit): a 0700 home, say. As root, PostgreSQL runs as the
 * `postgres` user, which is such an other user for root's folders, so it cannot reach anything
 * below. Folders not created yet are skipped: they are made 0755. Group membership and ACLs are not
 * considered; they are not how root's folders are shared with `postgres`.
 */
export function unreachableFolder(target: string): string | undefined {
  let folder = path.resolve(target);
  const chain: string[] = [];
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

export const isRoot = (): boolean => process.getuid?.() === 0;
