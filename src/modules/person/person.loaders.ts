import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import type { ListQuery, SortKey } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { nameMatches } from "../../db/text-match";
import { OrderDirection } from "../../graphql/ordering";
import { PersonOrderField, type PersonFilter, type PersonOrder } from "./person.args";
import { Person } from "./person.entity";

export function createPersonLoaders(db: DataSource) {
  return { person: byIdLoader(db, Person, "people") };
}

function personSort(order: PersonOrder | undefined): SortKey {
  const direction = order?.direction ?? OrderDirection.ASC;
  return order?.field === PersonOrderField.CREATED_AT
    ? { expression: "p.created_at", type: "timestamptz", direction }
    : { expression: "p.name", type: "text", direction };
}

export function personList(filter: PersonFilter | undefined, order: PersonOrder | undefined): ListQuery<Person> {
  const params = new SqlParams();
  const conditions = filter?.name ? [nameMatches(params, "p", filter.name)] : [];
  return { entity: Person, from: "people p", alias: "p", conditions, params, sort: personSort(order) };
}
