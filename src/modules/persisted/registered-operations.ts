import { createHash } from "node:crypto";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DataSource } from "typeorm";
import { insertOperations, operationDocument } from "../../db/persisted-operations";

/**
 * Operations registered in the `persisted_operations` table (by `npm run persisted -- register`),
 * keyed by the SHA-256 of their exact text, the hash automatic persisted queries send.
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Stores the documents; those already there are left alone. Returns the hashes that were new. */
export async function registerOperations(db: DataSource, operations: { document: string; source: string }[]): Promise<Set<string>> {
  return insertOperations(db, operations.map(({ document, source }) => ({ sha256: sha256Hex(document), document, source })));
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
    const document = await operationDocument(this.db, sha256);
    if (document !== undefined) await this.known.set(sha256, document);
    return document;
  }
}
