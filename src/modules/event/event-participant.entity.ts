import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ParticipantRole {
  ACTOR = "ACTOR",
  TARGET = "TARGET",
  HOST = "HOST",
  SUPPORTER = "SUPPORTER",
  OPPONENT = "OPPONENT",
  OBSERVER = "OBSERVER",
}
registerEnumType(ParticipantRole, { name: "ParticipantRole" });

/** An organization or a person taking part in an event, in a role. Exactly one of the two is set. */
@ObjectType({ description: "Who took part in an event: exactly one of organization and person is set." })
@Entity("event_participants")
export class EventParticipant {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid")
  eventId!: string;

  @Column("uuid", { nullable: true })
  organizationId!: string | null;

  @Column("uuid", { nullable: true })
  personId!: string | null;

  @Field(() => ParticipantRole)
  @Column("text")
  role!: ParticipantRole;
}
