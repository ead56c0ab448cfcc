import type { DataSource } from "typeorm";

/** The rows of `persisted_operations` (migration PersistedOperations): documents by the SHA-256 of their text. */
export interface OperationRow {
  sha256: string;
  document: string;
  /** Where it came from: the file, relative to the registered folder. */
  source: string;
  createdAt: Date;
}

/** Stores the operations in one transaction; those already there are left alone. The hashes that were new. */
export async function insertOperations(db: DataSource, operations: Omit<OperationRow, "createdAt">[]): Promise<Set<string>> {
  return db.transaction(async (manager) => {
    const added = new Set<string>();
    for (const { sha256, document, source } of operations) {
      const rows: { sha256: string }[] = await manager.query(
        `INSERT INTO persisted_operations (sha256, document, source) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
        [sha256, document, source],
      );
      for (const row of rows) added.add(row.sha256);
    }
    return added;
  });
}

/** Every stored operation, oldest first. */
export async function operationRows(db: DataSource): Promise<OperationRow[]> {
  const rows: { sha256: string; document: string; source: string; created_at: Date }[] = await db.query(
    `SELECT sha256, document, source, created_at FROM persisted_operations ORDER BY created_at, source, sha256`,
  );
  return rows.map((row) => ({ sha256: row.sha256, document: row.document, source: row.source, createdAt: row.created_at }));
}

/** The document stored under `sha256`, if any. */
export async function operationDocument(db: DataSource, sha256: string): Promise<string | undefined> {
  const [row]: { document: string }[] = await db.query(`SELECT document FROM persisted_operations WHERE sha256 = $1`, [sha256]);
  return row?.document;
}
