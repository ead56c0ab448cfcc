import type { DataSource } from "typeorm";

/** The rows of `api_tokens` (migration TokensAndAudit): a token's name, role and the SHA-256 of its secret; never the secret. */
export interface TokenRow {
  id: string;
  name: string;
  role: string;
  secretHash: Buffer;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Stores a new token; its id. */
export async function insertToken(db: DataSource, token: Pick<TokenRow, "name" | "role" | "secretHash">): Promise<string> {
  const [{ id }] = await db.query(`INSERT INTO api_tokens (name, role, secret_hash) VALUES ($1, $2, $3) RETURNING id`, [token.name, token.role, token.secretHash]);
  return id;
}

/** Every token, revoked ones too, oldest first. */
export async function tokenRows(db: DataSource): Promise<Omit<TokenRow, "id" | "secretHash">[]> {
  const rows: { name: string; role: string; created_at: Date; revoked_at: Date | null }[] = await db.query(
    `SELECT name, role, created_at, revoked_at FROM api_tokens ORDER BY created_at, name`,
  );
  return rows.map((row) => ({ name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at }));
}

/** Marks the named active token revoked; false when there is none. */
export async function revokeTokenRow(db: DataSource, name: string): Promise<boolean> {
  // TypeORM's postgres driver answers an UPDATE with [rows, affected count], not with the rows alone.
  const [rows] = await db.query(`UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`, [name]);
  return rows.length > 0;
}

/** The token of `id`, if stored. */
export async function tokenRow(db: DataSource, id: string): Promise<Omit<TokenRow, "id" | "createdAt"> | undefined> {
  const [row]: { name: string; role: string; secret_hash: Buffer; revoked_at: Date | null }[] = await db.query(
    `SELECT name, role, secret_hash, revoked_at FROM api_tokens WHERE id = $1`,
    [id],
  );
  return row && { name: row.name, role: row.role, secretHash: row.secret_hash, revokedAt: row.revoked_at };
}
