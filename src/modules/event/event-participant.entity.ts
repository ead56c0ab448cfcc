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
registerEnumType(ParticipantRole, {
  name: "ParticipantRole",
  description: "The part an organization or person played in an event.",
  valuesConfig: {
    ACTOR: { description: "Did it, e.g. the state that sent the troops." },
    TARGET: { description: "It was aimed at them, e.g. those sanctioned or attacked." },
    HOST: { description: "Received or hosted it, e.g. the state whose territory or venue it happened on." },
    SUPPORTER: { description: "Backed or aided it without doing it themselves." },
    OPPONENT: { description: "Opposed it or fought against it, e.g. the other side in a conflict." },
    OBSERVER: { description: "Attended or watched it without taking part, e.g. an observer delegation." },
  },
});

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

  @Field(() => ParticipantRole, { description: "The part they played in the event." })
  @Column("text")
  role!: ParticipantRole;
}
