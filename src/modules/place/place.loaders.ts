import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { Place } from "./place.entity";

export function createPlaceLoaders(db: DataSource) {
  return { place: byIdLoader(db, Place, "places") };
}
