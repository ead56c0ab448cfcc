import type { DataSource, ObjectLiteral } from "typeorm";
import { allColumns, type ColumnSet, type EntityClass } from "./sql";

/** The columns a request reads, by entity class; an entity it does not name is read whole. */
export type ColumnPlan = ReadonlyMap<object, ColumnSet>;

/**
 * The rows one request has read so far, by entity class and id. Loaders answer from it at once
 * (no promise, no query), and a query that joins a referenced table puts the joined rows here, so
 * the next level of a nested query finds them instead of querying for them.
 *
 * It also says which columns those rows have. A query's plan (graphql/column-plan.ts) names the
 * columns its fields read; every read query of the request selects those, so every row here has
 * what any field of the request will ask of it. Without a plan (mutations, subscriptions' events,
 * scripts) rows are read whole.
 */
export class IdentityMap {
  private readonly entities = new Map<object, Map<string, unknown>>();
  private plan: ColumnPlan | undefined;
  private readonly reading = new Set<Promise<unknown>>();

  /** Reads only the planned columns from now on; set before anything is read. */
  readColumns(plan: ColumnPlan | undefined): void {
    this.plan = plan;
  }

  /** The columns to select for `entity`. */
  columns(db: DataSource, entity: EntityClass<ObjectLiteral>): ColumnSet {
    return this.plan?.get(entity) ?? allColumns(db, entity);
  }

  /** Marks `read` as one that will add rows here (a page with its joins, a list with its references). */
  track<T>(read: Promise<T>): Promise<T> {
    this.reading.add(read);
    const done = () => this.reading.delete(read);
    read.then(done, done);
    return read;
  }

  /**
   * Resolves once every read tracked so far has added its rows. A lookup by id waits for them before
   * it decides which ids it must fetch, so whether a row comes from another branch of the query or
   * from a statement of its own no longer depends on which branch's answer arrived first: the number
   * of SQL statements of a query is the same at every run.
   */
  async settled(): Promise<void> {
    while (this.reading.size > 0) await Promise.allSettled([...this.reading]);
  }

  get<T>(entity: object, id: string): T | undefined {
    return this.entities.get(entity)?.get(id) as T | undefined;
  }

  add(entity: object, items: readonly { id: string }[]): void {
    let known = this.entities.get(entity);
    if (!known) this.entities.set(entity, (known = new Map()));
    // The first copy stays: objects already handed to resolvers keep their identity.
    for (const item of items) if (!known.has(item.id)) known.set(item.id, item);
  }
}
