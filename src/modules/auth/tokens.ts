import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DataSource } from "typeorm";
import { insertToken, revokeTokenRow, tokenRow, tokenRows } from "../../db/api-tokens";

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
  const id = await insertToken(db, { name, role, secretHash: sha256(secret) });
  return `ngt_${id.replace(/-/g, "")}_${secret}`;
}

export async function listTokens(db: DataSource): Promise<TokenInfo[]> {
  return (await tokenRows(db)).map((row) => ({ ...row, role: row.role as Role }));
}

/** Revokes the named token; false when there is no such active token. */
export async function revokeToken(db: DataSource, name: string): Promise<boolean> {
  return revokeTokenRow(db, name);
}

/** Who a bearer token belongs to, or null when it is malformed, unknown or revoked (indistinguishably). */
export async function verifyToken(db: DataSource, token: string): Promise<Viewer | null> {
  const match = TOKEN.exec(token);
  // A fixed dummy keeps the work the same whether or not the row exists.
  const presented = sha256(match?.[2] ?? "");
  const row = match ? await tokenRow(db, toUuid(match[1])) : undefined;
  const stored = row?.secretHash ?? Buffer.alloc(32);
  const equal = timingSafeEqual(presented, stored);
  return row && equal && !row.revokedAt ? { tokenName: row.name, role: row.role as Role } : null;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}
