import DataLoader from "dataloader";
import type { DataSource, ObjectLiteral } from "typeorm";
import { pageRequest, withTotalCount, type ConnectionResult, type Page, type PageArgs } from "../contract/pages";
import type { IdentityMap } from "./identity-map";
import type { Join } from "./joins";
import type { ListRelation } from "./relations";
import { countLists, fetchPages } from "./pagination";

/**
 * Connections for one request. A top-level list is one query (plus one count when totalCount is
 * asked for). A nested list, e.g. `statements(first: 10)` under each of 20 events, is batched: all
 * parents asking with the same arguments share a DataLoader, so the whole level is one query.
 * `joins` fetch references along (see joins.ts), so the level below costs no query of its own.
 */
export class Lists {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  /** `known`: the request's identity map, where joined rows go (read when used: a write replaces it). */
  constructor(private readonly db: DataSource, private readonly known: () => IdentityMap) {}

  /** A page of a root list (registry.ts), built from the field's `args`. */
  async root<T extends ObjectLiteral>(relation: ListRelation<T>, args: PageArgs, joins?: readonly Join[]): Promise<ConnectionResult<T>> {
    const page = pageRequest(args);
    const result = (await fetchPages(this.db, { ...relation.list(args), joins }, page, undefined, this.known())).get("")!;
    return withTotalCount(result, () => countLists(this.db, relation.list(args)).then((counts) => counts.get("")!));
  }

  /** The page of `parentId`'s list (a nested list of the registry, partitioned by its parent column). */
  async nested<T extends ObjectLiteral>(
    relation: ListRelation<T>,
    parentId: string,
    args: PageArgs & { filter?: unknown; orderBy?: unknown },
    joins: readonly Join[] = [],
  ): Promise<ConnectionResult<T>> {
    const { name, partition: partitionColumn } = relation;
    if (!partitionColumn) throw new Error(`${name} is a root list`);
    const build = () => relation.list(args);
    const page = pageRequest(args);
    const joined = joins.map((join) => `${join.field}${join.prefetch ? "+" : ""}`).join(",");
    const pages = this.loader<Page<T>>(`${name}:page:${JSON.stringify(args)}:${joined}`, async (keys) => {
      const byParent = await fetchPages(this.db, { ...build(), joins }, page, { column: partitionColumn, keys }, this.known());
      return keys.map((key) => byParent.get(key)!);
    });
    // Counting ignores the page arguments: parents that filter alike share one count query.
    const counts = this.loader<number>(`${name}:count:${JSON.stringify(args.filter ?? null)}`, async (keys) => {
      const byParent = await countLists(this.db, build(), { column: partitionColumn, keys });
      return keys.map((key) => byParent.get(key)!);
    });
    return withTotalCount(await pages.load(parentId), () => counts.load(parentId));
  }

  /** Forgets every page and count loaded so far (after a write). */
  clear(): void {
    this.loaders.clear();
  }

  private loader<V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch);
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
