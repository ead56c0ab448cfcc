import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { sortKey, type ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { nameMatches } from "../../db/text-match";
import { PersonOrderField, type PersonFilter, type PersonOrder } from "./person.args";
import { Person } from "./person.entity";
import type { SearchKind } from "../../db/relations";

/** Search finds people by the words of their name and description, and fuzzily by name (db/search.ts). */
export const PERSON_SEARCH: SearchKind = { entity: Person, alias: "p", match: "name", snippetText: "p.name || coalesce(' — ' || p.description, '')" };

export function createPersonLoaders(db: DataSource, known: IdentityMap) {
  return { person: byIdLoader(db, Person, known) };
}

const SORT_KEYS = {
  NAME: { expression: "p.name", type: "text" },
  CREATED_AT: { expression: "p.created_at", type: "timestamptz" },
} as const;

export function personList(filter: PersonFilter | undefined, order: PersonOrder | undefined): ListQuery<Person> {
  const params = new SqlParams();
  const conditions = filter?.name ? [nameMatches(params, "p", filter.name, "filter.name")] : [];
  return { entity: Person, from: "people p", alias: "p", conditions, params, sort: sortKey(SORT_KEYS, order, { field: PersonOrderField.NAME, direction: "ASC" }) };
}
