import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader, groupLoader } from "../../db/loaders";
import type { ListQuery } from "../../db/pagination";
import { joinClause, joinedColumns, type Join } from "../../db/joins";
import { columnList, SqlParams } from "../../db/sql";
import { Organization } from "../organization/organization.entity";
import { Affiliation } from "./affiliation.entity";

const AFFILIATION_ORGANIZATION: Join = { field: "organization", entity: Organization, table: "organizations", column: "organization_id" };

export function createAffiliationLoaders(db: DataSource, known: IdentityMap) {
  return {
    affiliation: byIdLoader(db, Affiliation, "affiliations", known),
    // With each affiliation's organization, which is nearly always shown beside the role.
    affiliationsByPerson: groupLoader(
      db,
      Affiliation,
      `SELECT ${columnList(db, Affiliation, "a")}, a.person_id AS __key, ${joinedColumns(db, AFFILIATION_ORGANIZATION)}
       FROM affiliations a ${joinClause(AFFILIATION_ORGANIZATION, "a")} WHERE a.person_id = ANY($1::uuid[])
       ORDER BY (a.end_date IS NULL) DESC, a.start_date DESC NULLS LAST, a.role, a.id`,
      known,
      [AFFILIATION_ORGANIZATION],
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
