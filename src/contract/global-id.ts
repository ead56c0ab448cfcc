import { badUserInput } from "./errors";

/**
 * Opaque global ids: base64url("<Type>:<uuid>"). Clients must not parse them; the server uses the
 * type to route `node(id:)` and to refuse an id of the wrong type with a clear error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function parseGlobalId(globalId: string): { type: string; id: string } | undefined {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]*$/.test(type) || !UUID.test(id)) return undefined;
  // One spelling per id: padded or otherwise re-encoded variants are not the same id.
  if (toGlobalId(type, id) !== globalId) return undefined;
  return { type, id };
}

/** The database id behind `globalId`, which must name a `type`; a BAD_USER_INPUT error otherwise. */
export function decodeGlobalId(globalId: string, type: string, argumentName: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed) throw badUserInput(`${argumentName}: "${globalId}" is not a valid id`, argumentName);
  if (parsed.type !== type) {
    throw badUserInput(`${argumentName}: expected the id of a ${type}, got the id of a ${parsed.type}`, argumentName);
  }
  return parsed.id;
}
