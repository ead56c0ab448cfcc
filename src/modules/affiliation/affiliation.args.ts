import { ObjectType } from "type-graphql";
import { Connection } from "../../graphql/connection";
import { Affiliation } from "./affiliation.entity";

@ObjectType({ description: "A page of affiliations, with cursors to page on (Relay connection)." })
export class AffiliationConnection extends Connection(Affiliation) {}
