import { isDeepStrictEqual } from "node:util";
import { QueryFailedError, type DataSource, type EntityManager, type ObjectLiteral } from "typeorm";
import { ErrorCode, InputProblems, inputError, unauthenticated } from "../contract/errors";
import { parseGlobalId, toGlobalId } from "../contract/global-id";
import { databaseFault } from "./database-faults";
import { columnList, hydrate, type EntityClass } from "./sql";

/**
 * Every mutation runs through `write`: one transaction (all or nothing), input problems gathered
 * and reported together, Postgres' constraint errors turned into GraphQL errors that name the
 * field, an audit record per change in the same transaction, and fresh loaders afterwards.
 *
 * Concurrency rule: last writer wins, field by field. An update locks its row (FOR UPDATE), so
 * concurrent updates of one object run one after the other and each changes only the fields it
 * was given; neither is lost.
 */
/** What a write did to an object, as the audit trail records it (audit.entity.ts makes it a GraphQL enum). */
export enum AuditAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  DELETE = "DELETE",
}

/** Where writeAudit records each change. */
const AUDIT_TABLE = "audit_log";

/** The tables a client's input writes to: every stored entity's but the audit trail's (the tokens' table has no entity). */
const clientTables = (db: DataSource) => db.entityMetadatas.map((metadata) => metadata.tableName).filter((table) => table !== AUDIT_TABLE);

/** Rows that point at the row a delete takes: those of `entity` whose `property` holds its id. */
export interface Reference {
  entity: EntityClass<ObjectLiteral>;
  property: string;
  /** What the referencing rows are, for the error message: "statements", "members", ... */
  label: string;
}

/** A stored record (`t`) that a name (`n`) names: by name_key() of its name or of one of its aliases (migration Ingestion). */
export const BY_NAME_OR_ALIAS = `name_key(t.name) = name_key(n) OR name_keys(t.aliases) @> ARRAY[name_key(n)]`;

/**
 * Row locks a reference may take: KEY SHARE keeps the row from being deleted, SHARE also from being
 * changed; UPDATE also makes other writers that take it wait (a cap counted under the lock).
 */
export type RowLock = "FOR KEY SHARE" | "FOR SHARE" | "FOR UPDATE";

export class WriteScope {
  readonly problems = new InputProblems();
  private readonly auditEntries: { type: string; id: string; action: AuditAction; changes: object }[] = [];

  constructor(readonly manager: EntityManager) {}

  /**
   * The database id of the object `globalId` names, which must be a `type` that exists; else a
   * problem at `path`. With `lock`, its row is locked until the transaction ends, for a mutation
   * that reads it again (a statement's span reads its article's body): a concurrent delete then
   * either waits for this transaction, or commits first and this finds nothing (NOT_FOUND). Without
   * it, the foreign key still refuses a reference deleted meanwhile, as a CONFLICT.
   */
  async ref(globalId: string, type: string, path: string, lock?: RowLock): Promise<string | undefined> {
    const id = this.parse(globalId, type, path);
    if (id === undefined) return undefined;
    const rows = await this.manager.query(`SELECT 1 FROM ${this.tableOf(type)} WHERE id = $1${lock ? ` ${lock}` : ""}`, [id]);
    return rows.length > 0 ? id : this.missing(globalId, type, path);
  }

  /** The row of `globalId`, locked for this transaction; NOT_FOUND (or BAD_USER_INPUT) when there is none. */
  async lock<T extends ObjectLiteral>(entity: EntityClass<T>, globalId: string, path = "input.id"): Promise<T> {
    const type = entity.name;
    const id = this.parse(globalId, type, path);
    const rows = id === undefined ? [] : await this.manager.query(`SELECT ${columnList(this.manager.connection, entity)} FROM ${this.tableOf(type)} WHERE id = $1 FOR UPDATE`, [id]);
    if (id !== undefined && rows.length === 0) this.missing(globalId, type, path);
    this.problems.throwIfAny();
    return hydrate(this.manager.connection, entity, rows)[0];
  }

  /** Adds a problem when `parentId` is `id` itself or one of its descendants: hierarchies stay trees. */
  async checkNoCycle(type: "Organization" | "Event", id: string, parentId: string | null | undefined): Promise<void> {
    if (!parentId) return;
    const table = this.tableOf(type);
    const [{ cycle }] = await this.manager.query(
      `WITH RECURSIVE ancestors(id) AS (
         SELECT $2::uuid UNION SELECT t.parent_id FROM ${table} t JOIN ancestors a ON t.id = a.id WHERE t.parent_id IS NOT NULL
       ) SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $1) AS cycle`,
      [id, parentId],
    );
    if (cycle) this.problems.add("input.parentId", "noCycle", `this ${type} would become its own ancestor`);
  }

  private parse(globalId: string, type: string, path: string): string | undefined {
    const parsed = parseGlobalId(globalId);
    if (!parsed) {
      this.problems.add(path, "isId", `"${globalId}" is not a valid id`);
      return undefined;
    }
    if (parsed.type !== type) {
      this.problems.add(path, "idType", `expected the id of a ${type}, got the id of a ${parsed.type}`);
      return undefined;
    }
    return parsed.id;
  }

  /** A NOT_FOUND problem at `path`: no `type` has the id `globalId` (any more). */
  missing(globalId: string, type: string, path: string): undefined {
    this.problems.add(path, "exists", `no ${type} has the id "${globalId}"`, ErrorCode.NOT_FOUND);
    return undefined;
  }

  async insert<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, values: Partial<T>): Promise<T> {
    const type = entity.name;
    this.problems.throwIfAny();
    const given = definedFields(values); // before insert(), which writes generated columns into `values`
    const { identifiers } = await this.manager.insert(entity, { ...values } as never);
    const id = identifiers[0].id as string;
    this.audit(type, id, AuditAction.CREATE, given);
    return this.reload(entity, id);
  }

  /** Changes only the fields of `patch` that are given (not undefined) and differ; returns the fresh row. */
  async update<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, before: T, patch: Partial<T>): Promise<T> {
    const type = entity.name;
    this.problems.throwIfAny();
    const changes: { [field: string]: { from: unknown; to: unknown } } = {};
    for (const [field, value] of Object.entries(definedFields(patch))) {
      if (!isDeepStrictEqual(before[field], value)) changes[field] = { from: before[field], to: value };
    }
    const fields = Object.keys(changes);
    if (fields.length > 0) {
      await this.manager.update(entity, before.id, Object.fromEntries(fields.map((field) => [field, changes[field].to])) as never);
      this.audit(type, before.id, AuditAction.UPDATE, changes);
    }
    return this.reload(entity, before.id);
  }

  /** Deletes the row unless `references` still point at it: then a CONFLICT error says what does. */
  async delete<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, row: T, references: Reference[]): Promise<string> {
    for (const { entity: referencing, property, label } of references) {
      const { table, column } = this.referencing(referencing, property);
      const [{ n }] = await this.manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [row.id]);
      if (n > 0) this.problems.add("input.id", "notReferenced", `still referenced by ${n} ${label}`, ErrorCode.CONFLICT);
    }
    this.problems.throwIfAny();
    await this.manager.query(`DELETE FROM ${this.tableOf(entity)} WHERE id = $1`, [row.id]);
    this.audit(entity.name, row.id, AuditAction.DELETE, { ...row });
    return toGlobalId(entity.name, row.id);
  }

  /**
   * Deletes the rows of `entity` whose `property` is `value`, each recorded in the trail with what
   * it was. `cascaded`: the database deletes them itself when the referenced row goes (ON DELETE
   * CASCADE), so they are only read and recorded.
   */
  async deleteReferencing<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, property: keyof T & string, value: string, options: { cascaded?: boolean } = {}): Promise<void> {
    const { table, column, columns } = this.referencing(entity, property);
    // TypeORM's postgres driver answers a DELETE or UPDATE with [rows, affected count]: hence [0] (here and below).
    const rows = options.cascaded
      ? await this.manager.query(`SELECT ${columns} FROM ${table} WHERE ${column} = $1`, [value])
      : (await this.manager.query(`DELETE FROM ${table} WHERE ${column} = $1 RETURNING ${columns}`, [value]))[0];
    for (const row of hydrate(this.manager.connection, entity, rows)) this.audit(entity.name, row.id, AuditAction.DELETE, { ...row });
  }

  /**
   * Clears `property` (sets it NULL, and bumps updated_at) on the rows of `entity` where it is
   * `value`, each change recorded in the trail. `cascaded`: the database does it itself when the
   * referenced row goes (ON DELETE SET NULL), so they are only read and recorded.
   */
  async detachReferencing<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, property: keyof T & string, value: string, options: { cascaded?: boolean } = {}): Promise<void> {
    const { table, column } = this.referencing(entity, property);
    const rows: { id: string }[] = options.cascaded
      ? await this.manager.query(`SELECT id FROM ${table} WHERE ${column} = $1`, [value])
      : (await this.manager.query(`UPDATE ${table} SET ${column} = NULL, updated_at = now() WHERE ${column} = $1 RETURNING id`, [value]))[0];
    for (const { id } of rows) this.audit(entity.name, id, AuditAction.UPDATE, { [property]: { from: value, to: null } });
  }

  /** Replaces the rows of a link table that belong to one owner (`property` = `value`) with `rows`. */
  async replaceLinks<T extends ObjectLiteral>(entity: EntityClass<T>, property: keyof T & string, value: string, rows: Partial<T>[]): Promise<void> {
    const { table, column } = this.referencing(entity, property);
    await this.manager.query(`DELETE FROM ${table} WHERE ${column} = $1`, [value]);
    if (rows.length > 0) await this.manager.insert(entity, rows.map((row) => ({ ...row, [property]: value })) as never);
  }

  /**
   * Characters [start, end) of the text `property` of the row `id`, and the text's length, both
   * counted in characters (code points, as spans count them, not JavaScript's UTF-16 units); the
   * row is locked FOR SHARE, so the text cannot change or vanish before the transaction ends.
   * Undefined when there is no such row.
   */
  async passage<T extends ObjectLiteral>(entity: EntityClass<T>, property: keyof T & string, id: string, start: number, end: number): Promise<{ length: number; passage: string } | undefined> {
    const { table, column } = this.referencing(entity, property);
    const [row] = await this.manager.query(`SELECT char_length(${column}) AS length, substr(${column}, $2 + 1, $3 - $2) AS passage FROM ${table} WHERE id = $1 FOR SHARE`, [id, start, end]);
    return row;
  }

  /**
   * Inserts a row unless one with the same `conflict` columns (by default: any unique key) exists:
   * the new row's primary key, or undefined when it was there already. Not audited (the caller
   * records what it means); concurrent inserts of one key take turns instead of failing.
   */
  async insertUnlessExists<T extends ObjectLiteral>(entity: EntityClass<T>, values: Partial<T>, conflict: (keyof T & string)[] = []): Promise<Partial<T> | undefined> {
    const metadata = this.manager.connection.getMetadata(entity);
    const fields = Object.keys(values);
    const target = conflict.length > 0 ? ` (${conflict.map((property) => this.column(entity, property)).join(", ")})` : "";
    const keys = metadata.primaryColumns;
    const [row] = await this.manager.query(
      `INSERT INTO ${metadata.tableName} (${fields.map((field) => this.column(entity, field)).join(", ")}) VALUES (${fields.map((_, index) => `$${index + 1}`).join(", ")})
       ON CONFLICT${target} DO NOTHING RETURNING ${keys.map((key) => key.databaseName).join(", ")}`,
      Object.values(values),
    );
    return row && (Object.fromEntries(keys.map((key) => [key.propertyName, row[key.databaseName]])) as Partial<T>);
  }

  /** Inserts `rows` in one statement (one array a column, typed as the entity declares it), each recorded in the trail; the rows as stored, in order. */
  async insertMany<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, rows: Partial<T>[]): Promise<T[]> {
    if (rows.length === 0) return [];
    const metadata = this.manager.connection.getMetadata(entity);
    const fields = Object.keys(rows[0]);
    const columns = fields.map((field) => metadata.findColumnWithPropertyName(field)!);
    const inserted = await this.manager.query(
      `INSERT INTO ${metadata.tableName} (${columns.map((column) => column.databaseName).join(", ")})
       SELECT * FROM unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(", ")}) RETURNING ${columnList(this.manager.connection, entity)}`,
      fields.map((field) => rows.map((row) => row[field])),
    );
    const stored = hydrate(this.manager.connection, entity, inserted);
    for (const [index, row] of stored.entries()) this.audit(entity.name, row.id, AuditAction.CREATE, { ...rows[index] });
    return stored;
  }

  /** The rows of `entity` whose `property` is `value`, oldest first (by created_at, then id), locked FOR UPDATE. */
  async lockWhere<T extends ObjectLiteral>(entity: EntityClass<T>, property: keyof T & string, value: unknown): Promise<T[]> {
    const { table, column, columns } = this.referencing(entity, property);
    const rows = await this.manager.query(`SELECT ${columns} FROM ${table} WHERE ${column} = $1 ORDER BY created_at, id FOR UPDATE`, [value]);
    return hydrate(this.manager.connection, entity, rows);
  }

  /** Sets columns of the row `id` (and bumps updated_at) with no audit entry, for a caller that records the change its own way. */
  async set<T extends ObjectLiteral>(entity: EntityClass<T>, id: string, values: Partial<T>): Promise<void> {
    const fields = Object.keys(values);
    await this.manager.query(
      `UPDATE ${this.tableOf(entity)} SET ${fields.map((field, index) => `${this.column(entity, field)} = $${index + 2}`).join(", ")}, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(values)],
    );
  }

  /** Sets `property` to `value` (and bumps updated_at) where it is NULL on the rows whose `where` property is `whereValue`, each change recorded. */
  async fillBlank<T extends ObjectLiteral & { id: string }>(entity: EntityClass<T>, property: keyof T & string, value: string, where: keyof T & string, whereValue: string): Promise<void> {
    const { table, column } = this.referencing(entity, property);
    const [rows]: [{ id: string }[], number] = await this.manager.query(
      `UPDATE ${table} SET ${column} = $1, updated_at = now() WHERE ${this.column(entity, where)} = $2 AND ${column} IS NULL RETURNING id`,
      [value, whereValue],
    );
    for (const { id } of rows) this.audit(entity.name, id, AuditAction.UPDATE, { [property]: { from: null, to: value } });
  }

  /** The most frequent value of `property` (not NULL) among the rows whose `where` property is `whereValue`; ties go to the smallest. */
  async mostCommon<T extends ObjectLiteral>(entity: EntityClass<T>, property: keyof T & string, where: keyof T & string, whereValue: string): Promise<string | null> {
    const { table, column } = this.referencing(entity, property);
    const [row] = await this.manager.query(
      `SELECT ${column} AS value FROM ${table} WHERE ${this.column(entity, where)} = $1 AND ${column} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [whereValue],
    );
    return row?.value ?? null;
  }

  /**
   * For each of `names`, the oldest stored row of `entity` that `match` finds (an SQL condition on
   * the row `t` and the name `n`; by default BY_NAME_OR_ALIAS), or null. Writers looking up the same
   * names take turns on advisory locks (one per table and name_key()), so the later one finds what
   * the earlier one then added instead of adding it again.
   */
  async named(entity: EntityClass<{ id: string }>, names: string[], match = BY_NAME_OR_ALIAS): Promise<{ name: string; id: string | null }[]> {
    const table = this.tableOf(entity);
    await this.manager.query(
      `SELECT count(pg_advisory_xact_lock(key)) FROM (SELECT DISTINCT hashtextextended($2 || name_key(n), 0) AS key FROM unnest($1::text[]) AS n ORDER BY 1) keys`,
      [names, table],
    );
    return this.manager.query(`SELECT n AS name, (SELECT t.id FROM ${table} t WHERE ${match} ORDER BY t.created_at, t.id LIMIT 1) AS id FROM unnest($1::text[]) AS n`, [names]);
  }

  /** Bumps the updated_at of a row whose lists changed (every stored table has one, migration InitialSchema). */
  async touch(entity: EntityClass<{ id: string }>, id: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.tableOf(entity)} SET updated_at = now() WHERE id = $1`, [id]);
  }

  /** The table of `entity`, the column of `property` and the list of every column. */
  private referencing(entity: EntityClass<ObjectLiteral>, property: string): { table: string; column: string; columns: string } {
    return { table: this.tableOf(entity), column: this.column(entity, property), columns: columnList(this.manager.connection, entity) };
  }

  /** The column of an entity's property. */
  private column(entity: EntityClass<ObjectLiteral>, property: string): string {
    const metadata = this.manager.connection.getMetadata(entity);
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return column.databaseName;
  }

  /** The table of a stored type (by name or entity class), as its entity declares it. */
  private tableOf(type: string | EntityClass<ObjectLiteral>): string {
    return this.manager.connection.getMetadata(type).tableName;
  }

  /** Records a change; several changes of one object in one mutation make one audit entry. */
  audit(type: string, id: string, action: AuditAction, changes: object): void {
    const entry = this.auditEntries.find((existing) => existing.type === type && existing.id === id);
    if (entry) entry.changes = { ...entry.changes, ...changes };
    else this.auditEntries.push({ type, id, action, changes });
  }

  async writeAudit(actor: string): Promise<void> {
    for (const entry of this.auditEntries) {
      await this.manager.query(
        `INSERT INTO ${AUDIT_TABLE} (actor, entity_type, entity_id, action, changes) VALUES ($1, $2, $3, $4, $5)`,
        [actor, entry.type, entry.id, entry.action, JSON.stringify(entry.changes)],
      );
    }
  }

  /** The row of `id` as this transaction sees it (the pool's other connections see it only once it commits). */
  async reload<T extends ObjectLiteral>(entity: EntityClass<T>, id: string): Promise<T> {
    const type = entity.name;
    const rows = await this.manager.query(`SELECT ${columnList(this.manager.connection, entity)} FROM ${this.tableOf(type)} WHERE id = $1`, [id]);
    return hydrate(this.manager.connection, entity, rows)[0];
  }
}

function definedFields<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, char: string) => char.toUpperCase());

/** Constraint names whose column is not spelt in the name, mapped to the input field they guard. */
const CONSTRAINT_FIELDS: { [constraint: string]: string } = {
  affiliations_dates_ordered: "endDate",
  affiliations_natural_key: "role",
  events_dates_ordered: "endDate",
  events_end_needs_start: "startDate",
  events_precision_with_date: "datePrecision",
  event_participants_natural_key: "participants",
  event_participants_one_party: "participants",
  places_coordinates_together: "longitude",
  statements_has_author: "speakerId",
  statements_span_ordered: "sourceSpan",
  statements_span_complete: "sourceSpan",
  statements_span_needs_source: "sourceId",
  statements_span_start_check: "sourceSpan",
};

/** The input field a constraint guards: from the table above, or from `<table>_<column>_(key|check)`. */
function fieldOf(constraint: string, table: string): string {
  if (CONSTRAINT_FIELDS[constraint]) return CONSTRAINT_FIELDS[constraint];
  const column = constraint.replace(new RegExp(`^${table}_`), "").replace(/_(key|check|fkey)$/, "");
  return camelCase(column);
}

/** Turns a constraint violation into a GraphQL error naming the field; anything else passes unchanged. */
export function translateDatabaseError(db: DataSource, error: unknown): unknown {
  // An outage or a timeout is not the input's fault: it goes on to be reported as such.
  if (!(error instanceof QueryFailedError) || databaseFault(error)) return error;
  const { code, constraint = "", table = "", column, detail } = error.driverError as {
    code?: string;
    constraint?: string;
    table?: string;
    column?: string;
    detail?: string;
  };
  // Only the tables a client writes to can be broken by its input; a violation elsewhere is a bug.
  if (!clientTables(db).includes(table)) return error;
  const path = `input.${fieldOf(constraint, table)}`;
  switch (code) {
    case "23505": // unique_violation
      return inputError(ErrorCode.CONFLICT, [{ path, constraint: "unique", message: `already taken${detail ? `: ${detail.replace(/^Key /, "")}` : ""}` }]);
    case "23514": // check_violation
      return inputError(ErrorCode.BAD_USER_INPUT, [{ path, constraint, message: `breaks the rule ${constraint}` }]);
    case "23503": // foreign_key_violation
      return inputError(ErrorCode.CONFLICT, [{ path, constraint: "reference", message: "refers to something that is missing or still referenced" }]);
    case "23502": // not_null_violation: null given for a required field
      return inputError(ErrorCode.BAD_USER_INPUT, [{ path: `input.${camelCase(column ?? "")}`, constraint: "required", message: "must not be null" }]);
    case "22001": // string_data_right_truncation
    case "22003": // numeric_value_out_of_range
      return inputError(ErrorCode.BAD_USER_INPUT, [{ path: "input", constraint: "range", message: "a value is out of range" }]);
    default:
      return error;
  }
}

/** What a write needs of the request (context.ts's Context is one). */
export interface WriteRequest {
  db: DataSource;
  /** The token holder, credited in the audit trail; null without a valid token. */
  viewer(): Promise<{ tokenName: string } | null>;
  /** Forgets what the request's loaders read, which the write may have changed. */
  forgetLoaded(): void;
}

/** Runs `work` as one audited transaction on behalf of the request's token holder. */
export async function write<T>(ctx: WriteRequest, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  // Roles are checked once, by @Authorized's authChecker, before any resolver runs (a test calls
  // every mutation without one); the token holder is needed here for the audit trail.
  const viewer = await ctx.viewer();
  if (!viewer) throw unauthenticated();
  const result = await audited(ctx.db, viewer.tokenName, work);
  ctx.forgetLoaded();
  return result;
}

/** Runs `work` as one transaction whose changes the audit trail credits to `actor` (a token's name, or a script's). */
export async function audited<T>(db: DataSource, actor: string, work: (scope: WriteScope) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (manager) => {
      const scope = new WriteScope(manager);
      const value = await work(scope);
      scope.problems.throwIfAny();
      await scope.writeAudit(actor);
      return value;
    });
  } catch (error) {
    throw translateDatabaseError(db, error);
  }
}
