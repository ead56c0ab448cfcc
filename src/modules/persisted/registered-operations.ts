import { createHash } from "node:crypto";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DataSource } from "typeorm";

/**
 * Operations registered in the `persisted_operations` table (by `npm run persisted -- register`),
 * keyed by the SHA-256 of their exact text, the hash automatic persisted queries send.
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface RegisteredOperation {
  sha256: string;
  document: string;
  /** Where it came from: the file, relative to the registered folder. */
  source: string;
  createdAt: Date;
}

/** Stores the documents; those already there are left alone. Returns the hashes that were new. */
export async function registerOperations(db: DataSource, operations: { document: string; source: string }[]): Promise<Set<string>> {
  return db.transaction(async (manager) => {
    const added = new Set<string>();
    for (const { document, source } of operations) {
      const rows: { sha256: string }[] = await manager.query(
        `INSERT INTO persisted_operations (sha256, document, source) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
        [sha256Hex(document), document, source],
      );
      for (const row of rows) added.add(row.sha256);
    }
    return added;
  });
}

export async function listOperations(db: DataSource): Promise<RegisteredOperation[]> {
  const rows: { sha256: string; document: string; source: string; created_at: Date }[] = await db.query(
    `SELECT sha256, document, source, created_at FROM persisted_operations ORDER BY created_at, source, sha256`,
  );
  return rows.map((row) => ({ sha256: row.sha256, document: row.document, source: row.source, createdAt: row.created_at }));
}

/**
 * The server's view of the table: a hash is looked up in Postgres once, then served from memory.
 * A hash's text never changes, so cached entries never go stale; unknown hashes are not cached, so
 * an operation registered while the service runs is found at once.
 */
export class RegisteredOperations {
  // Bounded by size (Apollo's LRU counts the text's length), so many documents cannot exhaust memory.
  private readonly known = new InMemoryLRUCache<string>();

  constructor(private readonly db: DataSource) {}

  async document(sha256: string): Promise<string | undefined> {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const cached = await this.known.get(sha256);
    if (cached !== undefined) return cached;
    const rows: { document: string }[] = await this.db.query(`SELECT document FROM persisted_operations WHERE sha256 = $1`, [sha256]);
    if (rows.length === 0) return undefined;
    await this.known.set(sha256, rows[0].document);
    return rows[0].document;
  }
}
