import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { sortKey, type ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { nameMatches } from "../../db/text-match";
import { OrganizationOrderField, type OrganizationFilter, type OrganizationOrder } from "./organization.args";
import { Organization } from "./organization.entity";
import type { SearchKind } from "../../db/relations";

/** Search finds organizations by the words of their names, and fuzzily by name (db/search.ts). */
export const ORGANIZATION_SEARCH: SearchKind = { entity: Organization, alias: "o", match: "name", snippetText: "o.name || coalesce(' (' || o.short_name || ')', '')" };

/**
 * The stored organization (`t`) a name (`n`) names, for ingestion (WriteScope.named): by name,
 * short name or alias, with or without a leading "the" ("the Pentagon").
 */
const ORGANIZATION_KEYS = `ARRAY[name_key(n), name_key(regexp_replace(n, '^\\s*the\\s+', '', 'i'))]`;
export const ORGANIZATION_NAMED = `name_key(t.name) = ANY(${ORGANIZATION_KEYS}) OR name_key(t.short_name) = ANY(${ORGANIZATION_KEYS}) OR name_keys(t.aliases) && ${ORGANIZATION_KEYS}`;

export function createOrganizationLoaders(db: DataSource, known: IdentityMap) {
  return { organization: byIdLoader(db, Organization, known) };
}

const SORT_KEYS = {
  NAME: { expression: "o.name", type: "text" },
  CREATED_AT: { expression: "o.created_at", type: "timestamptz" },
} as const;

/** Organizations matching `filter`; `from` may join a partition column for nested lists. */
export function organizationList(
  filter: OrganizationFilter | undefined,
  order: OrganizationOrder | undefined,
  from = "organizations o",
): ListQuery<Organization> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter?.name) conditions.push(nameMatches(params, "o", filter.name, "filter.name", ["o.short_name"]));
  if (filter?.kind?.length) conditions.push(`o.kind = ANY(${params.param(filter.kind)}::text[])`);
  if (filter?.countryCode) conditions.push(`o.country_code = upper(${params.param(filter.countryCode)})`);
  return { entity: Organization, from, alias: "o", conditions, params, sort: sortKey(SORT_KEYS, order, { field: OrganizationOrderField.NAME, direction: "ASC" }) };
}
