import { GraphQLJSONObject } from "graphql-scalars";
import { Extensions, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { toGlobalId } from "../../contract/global-id";
import { AuditAction } from "../../db/write";

registerEnumType(AuditAction, {
  name: "AuditAction",
  description: "What a write did to an object.",
  valuesConfig: {
    CREATE: { description: "Created it." },
    UPDATE: { description: "Changed some of its fields or lists." },
    DELETE: { description: "Deleted it." },
  },
});

/** One write, as the append-only audit_log recorded it. */
@ObjectType({ description: "One recorded write: who, what, when, and the changed fields." })
@Entity("audit_log")
export class AuditEntry {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field(() => ID, { name: "id", description: "Opaque id of this audit entry (node(id:) does not fetch it)." })
  @Extensions({ reads: ["id"] }) // see graphql/column-plan.ts
  get globalId(): string {
    return toGlobalId("AuditEntry", this.id);
  }

  @Field({ description: "When the write was made (just before its transaction committed)." })
  @Column("timestamptz")
  at!: Date;

  @Field({ description: "The name of the token that made it." })
  @Column("text")
  actor!: string;

  @Field({ description: "The type of the object written, e.g. Event." })
  @Column("text")
  entityType!: string;

  @Column("uuid")
  entityId!: string;

  @Field(() => ID, { name: "entityId", description: "The global id of the object written." })
  @Extensions({ reads: ["entityType", "entityId"] })
  get entityGlobalId(): string {
    return toGlobalId(this.entityType, this.entityId);
  }

  @Field(() => AuditAction, { description: "Whether the object was created, updated or deleted." })
  @Column("text")
  action!: AuditAction;

  @Field(() => GraphQLJSONObject, { description: "CREATE: the fields given; UPDATE: { field: { from, to } }; DELETE: the row as it was." })
  @Column("jsonb")
  changes!: object;
}
