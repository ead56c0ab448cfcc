import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DataSource } from "typeorm";

/**
 * Editor tokens. A token reads `ngt_<id>_<secret>`: the id finds the row, and the secret is checked
 * against the stored SHA-256 in constant time. Only the hash is stored, so a leaked database leaks
 * no usable token; the secret is shown once, when the token is created.
 */
/** VIEWER tokens identify a client but may not write; EDITOR writes; ADMIN may do everything. */
export enum Role {
  VIEWER = "VIEWER",
  EDITOR = "EDITOR",
  ADMIN = "ADMIN",
}

export interface Viewer {
  tokenName: string;
  role: Role;
}

export interface TokenInfo {
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

const TOKEN = /^ngt_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;
const sha256 = (secret: string) => createHash("sha256").update(secret).digest();
const toUuid = (hex: string) => hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

export async function createToken(db: DataSource, name: string, role: Role): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  const [{ id }] = await db.query(`INSERT INTO api_tokens (name, role, secret_hash) VALUES ($1, $2, $3) RETURNING id`, [name, role, sha256(secret)]);
  return `ngt_${(id as string).replace(/-/g, "")}_${secret}`;
}

export async function listTokens(db: DataSource): Promise<TokenInfo[]> {
  const rows = await db.query(`SELECT name, role, created_at, revoked_at FROM api_tokens ORDER BY created_at, name`);
  return rows.map((row: { name: string; role: Role; created_at: Date; revoked_at: Date | null }) => ({
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }));
}

/** Revokes the named token; false when there is no such active token. */
export async function revokeToken(db: DataSource, name: string): Promise<boolean> {
  // TypeORM's postgres driver answers an UPDATE with [rows, affected count], not with the rows alone.
  const [rows] = await db.query(`UPDATE api_tokens SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id`, [name]);
  return rows.length > 0;
}

/** Who a bearer token belongs to, or null when it is malformed, unknown or revoked (indistinguishably). */
export async function verifyToken(db: DataSource, token: string): Promise<Viewer | null> {
  const match = TOKEN.exec(token);
  // A fixed dummy keeps the work the same whether or not the row exists.
  const presented = sha256(match?.[2] ?? "");
  const rows: { name: string; role: Role; secret_hash: Buffer; revoked_at: Date | null }[] = match
    ? await db.query(`SELECT name, role, secret_hash, revoked_at FROM api_tokens WHERE id = $1`, [toUuid(match[1])])
    : [];
  const row = rows[0];
  const stored = row?.secret_hash ?? Buffer.alloc(32);
  const equal = timingSafeEqual(presented, stored);
  return row && equal && !row.revoked_at ? { tokenName: row.name, role: row.role } : null;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
