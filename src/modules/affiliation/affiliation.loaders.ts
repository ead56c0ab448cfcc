import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { ownerWithListLoader, plainListLoader, type PlainList } from "../../db/plain-lists";
import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { Person } from "../person/person.entity";
import { Affiliation } from "./affiliation.entity";

/** A person's roles, current first, each with its organization (nearly always shown beside the role). */
export const AFFILIATIONS: PlainList<Affiliation> = {
  entity: Affiliation,
  alias: "a",
  ownerColumn: "person_id",
  orderBy: "(a.end_date IS NULL) DESC, a.start_date DESC NULLS LAST, a.role, a.id",
  joins: [],
};

export function createAffiliationLoaders(db: DataSource, known: IdentityMap) {
  const affiliationsByPerson = plainListLoader(db, AFFILIATIONS, known);
  return {
    affiliation: byIdLoader(db, Affiliation, known),
    affiliationsByPerson,
    /** For `person(id) { affiliations { … } }`: the person and their affiliations in one statement. */
    personWithAffiliations: ownerWithListLoader(db, Person, AFFILIATIONS, affiliationsByPerson, known),
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
