import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { nameMatches } from "../../db/text-match";
import type { PlaceFilter } from "./place.args";
import { Place } from "./place.entity";

export function createPlaceLoaders(db: DataSource, known: IdentityMap) {
  return { place: byIdLoader(db, Place, known) };
}

/** Places matching `filter`, by name. */
export function placeList(filter: PlaceFilter | undefined): ListQuery<Place> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter?.name) conditions.push(nameMatches(params, "pl", filter.name, "filter.name"));
  if (filter?.countryCode) conditions.push(`pl.country_code = upper(${params.param(filter.countryCode)})`);
  return { entity: Place, from: "places pl", alias: "pl", conditions, params, sort: { expression: "pl.name", type: "text", direction: "ASC" } };
}
