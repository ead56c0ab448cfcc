/**
 * The rows one request has read so far, by entity class and id. Loaders answer from it at once
 * (no promise, no query), and a query that joins a referenced table puts the joined rows here, so
 * the next level of a nested query finds them instead of querying for them.
 */
export class IdentityMap {
  private readonly entities = new Map<object, Map<string, unknown>>();

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
