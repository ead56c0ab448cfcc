import { ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection";
import { Affiliation } from "./affiliation.entity";

@ObjectType()
export class AffiliationConnection extends Connection(Affiliation) {}
