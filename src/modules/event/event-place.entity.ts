import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Entity, PrimaryColumn } from "typeorm";

export enum PlaceRole {
  ORIGIN = "ORIGIN",
  DESTINATION = "DESTINATION",
  LOCATION = "LOCATION",
}
registerEnumType(PlaceRole, { name: "PlaceRole" });

@ObjectType({ description: "A place involved in an event, in a role." })
@Entity("event_places")
export class EventPlace {
  @PrimaryColumn("uuid")
  eventId!: string;

  @PrimaryColumn("uuid")
  placeId!: string;

  @Field(() => PlaceRole)
  @PrimaryColumn("text")
  role!: PlaceRole;
}
