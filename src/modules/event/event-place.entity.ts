import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Entity, PrimaryColumn } from "typeorm";

export enum PlaceRole {
  ORIGIN = "ORIGIN",
  DESTINATION = "DESTINATION",
  LOCATION = "LOCATION",
}
registerEnumType(PlaceRole, {
  name: "PlaceRole",
  description: "How a place figures in an event.",
  valuesConfig: {
    ORIGIN: { description: "Where it started from, e.g. the port the troops left (Wonsan)." },
    DESTINATION: { description: "Where it was headed, e.g. the port the troops arrived at (Vladivostok)." },
    LOCATION: { description: "Where it happened." },
  },
});

@ObjectType({ description: "A place involved in an event, in a role." })
@Entity("event_places")
export class EventPlace {
  @PrimaryColumn("uuid")
  eventId!: string;

  @PrimaryColumn("uuid")
  placeId!: string;

  @Field(() => PlaceRole, { description: "How the place figures in the event: origin, destination or location." })
  @PrimaryColumn("text")
  role!: PlaceRole;
}
