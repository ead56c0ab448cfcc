import DataLoader from "dataloader";
import type { DataSource, ObjectLiteral } from "typeorm";
import type { IdentityMap } from "./identity-map";
import { hydrateJoined, joinClause, joinedColumns, type Join } from "./joins";
import { keysCondition, queryPrepared } from "./prepared";
import { columnList, hydrate, prefixedColumnList, SqlParams, type EntityClass, type Row } from "./sql";

/**
 * A plain (capped) list of rows that belong to an owner: the participants of an event, the
 * affiliations of a person. Read for many owners at once, with their references joined along.
 */
export interface PlainList<T extends ObjectLiteral> {
  entity: EntityClass<T>;
  alias: string;
  /** The column holding the owner's id. */
  ownerColumn: string;
  /** ORDER BY terms over `alias`, after the owner. */
  orderBy: string;
  /** The references fetched along (LEFT JOINs): the registry's references of `entity`, filled in by registry.ts. */
  joins: readonly Join[];
}

const selectJoined = (db: DataSource, joins: readonly Join[], known: IdentityMap) => joins.map((join) => `, ${joinedColumns(db, join, known)}`).join("");
const joinAll = (db: DataSource, list: PlainList<ObjectLiteral>) => list.joins.map((join) => joinClause(db, join, list.alias)).join(" ");
const tableOf = (db: DataSource, entity: EntityClass<ObjectLiteral>) => db.getMetadata(entity).tableName;

/** Groups `items` by the owner each row names in `ownerColumn`, in `keys` order. */
function byOwner<T>(keys: readonly string[], rows: Row[], items: T[], ownerColumn: string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  rows.forEach((row, index) => groups.get(row[ownerColumn] as string)?.push(items[index]));
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * The list of each owner (one statement per batch of owners). A list this request has read is
 * answered at once, without a promise: prefetch() reads the lists of many owners ahead of their
 * fields (`speaker { affiliations }` under 200 statements is then 200 arrays, not 200 promises).
 */
export class PlainListLoader<T> {
  private readonly lists = new Map<string, T[]>();

  constructor(private readonly loader: DataLoader<string, T[]>) {}

  get(owner: string): T[] | Promise<T[]> {
    return this.lists.get(owner) ?? this.loader.load(owner).then((list) => (this.lists.set(owner, list), list));
  }

  /** Reads the lists of the `owners` not read yet, in one statement. */
  async prefetch(owners: readonly string[]): Promise<void> {
    const missing = owners.filter((owner) => !this.lists.has(owner));
    if (missing.length === 0) return;
    const lists = await this.loader.loadMany(missing);
    missing.forEach((owner, index) => {
      const list = lists[index];
      if (Array.isArray(list)) this.lists.set(owner, list);
    });
  }

  /** The owner's list, read along with something else (see ownerWithListLoader). */
  prime(owner: string, list: T[]): void {
    this.lists.set(owner, list);
  }
}

export function plainListLoader<T extends ObjectLiteral>(db: DataSource, list: PlainList<T>, known: IdentityMap): PlainListLoader<T> {
  const { alias } = list;
  return new PlainListLoader(new DataLoader<string, T[]>((owners) => known.track((async () => {
    const columns = known.columns(db, list.entity);
    const params = new SqlParams();
    const sql = `SELECT ${columnList(db, list.entity, alias, columns)}, ${alias}.${list.ownerColumn} AS __owner${selectJoined(db, list.joins, known)}
      FROM ${tableOf(db, list.entity)} ${alias} ${joinAll(db, list)} WHERE ${keysCondition(`${alias}.${list.ownerColumn}`, owners, params)} ORDER BY ${list.orderBy}`;
    const rows = await queryPrepared(db, sql, params.values);
    for (const join of list.joins) known.add(join.entity, hydrateJoined(db, join, rows, known));
    return byOwner(owners, rows, hydrate(db, list.entity, rows, "", columns), "__owner");
  })())));
}

/**
 * Owners by id together with one of their lists, in one statement (`event(id) { participants { … } }`):
 * the owners go to the identity map and each owner's list primes `listLoader`, so the list costs
 * no statement of its own. A missing owner loads as null.
 */
export function ownerWithListLoader<O extends ObjectLiteral & { id: string }, T extends ObjectLiteral>(
  db: DataSource,
  owner: EntityClass<O>,
  list: PlainList<T>,
  listLoader: PlainListLoader<T>,
  known: IdentityMap,
): DataLoader<string, O | null> {
  const { alias } = list;
  return new DataLoader<string, O | null>((ids) => known.track((async () => {
    const ownerColumns = known.columns(db, owner);
    const itemColumns = known.columns(db, list.entity);
    const params = new SqlParams();
    const sql = `SELECT ${columnList(db, owner, "owner", ownerColumns)}, ${prefixedColumnList(itemColumns, alias, "item__")}${selectJoined(db, list.joins, known)}
      FROM ${tableOf(db, owner)} owner LEFT JOIN ${tableOf(db, list.entity)} ${alias} ON ${alias}.${list.ownerColumn} = owner.id ${joinAll(db, list)}
      WHERE ${keysCondition("owner.id", ids, params)} ORDER BY owner.id, ${list.orderBy}`;
    const rows = await queryPrepared(db, sql, params.values);
    // One row per owner (any of its rows: they repeat the owner's columns).
    const ownerRows = [...new Map(rows.map((row) => [row.id as string, row])).values()];
    known.add(owner, hydrate(db, owner, ownerRows, "", ownerColumns));
    const itemRows = rows.filter((row) => row.item__id != null);
    for (const join of list.joins) known.add(join.entity, hydrateJoined(db, join, itemRows, known));
    const lists = byOwner(ids, itemRows, hydrate(db, list.entity, itemRows, "item__", itemColumns), "id");
    ids.forEach((id, index) => {
      if (known.get(owner, id)) listLoader.prime(id, lists[index]);
    });
    return ids.map((id) => known.get<O>(owner, id) ?? null);
  })()));
}
