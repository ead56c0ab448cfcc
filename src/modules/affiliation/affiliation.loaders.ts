import type { DataSource } from "typeorm";
import { byIdLoader, groupLoader } from "../../db/loaders";
import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { Affiliation } from "./affiliation.entity";

export function createAffiliationLoaders(db: DataSource) {
  return {
    affiliation: byIdLoader(db, Affiliation, "affiliations"),
    affiliationsByPerson: groupLoader(
      db,
      Affiliation,
      // Current roles first, then the most recent.
      `SELECT *, person_id AS __key FROM affiliations WHERE person_id = ANY($1::uuid[])
       ORDER BY (end_date IS NULL) DESC, start_date DESC NULLS LAST, role, id`,
    ),
  };
}

/** The members of organizations (nested list, partitioned by a.organization_id), by role. */
export function memberList(): ListQuery<Affiliation> {
  return {
    entity: Affiliation,
    from: "affiliations a",
    alias: "a",
    conditions: [],
    params: new SqlParams(),
    sort: { expression: "a.role", type: "text", direction: "ASC" },
  };
}
