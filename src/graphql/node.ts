import { Extensions, Field, ID, InterfaceType, ObjectType } from "type-graphql";
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { toGlobalId } from "../contract/global-id";

/**
 * The Relay Node interface, and the root of every stored entity: a uuid primary key that the API
 * only ever shows as an opaque global id.
 */
@InterfaceType("Node", { description: "An object with a globally unique, opaque id; `node(id:)` fetches any of them." })
export abstract class Node {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field(() => ID, { name: "id", description: "Opaque, globally unique id." })
  @Extensions({ reads: ["id"] }) // see column-plan.ts
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}

/** Base class of the stored entities: a Node with created/updated timestamps kept by the database. */
@ObjectType()
export abstract class StoredNode extends Node {
  @Field({ description: "When this record was created in newsgraph." })
  @CreateDateColumn({ type: "timestamptz" })
  createdAt!: Date;

  @Field({ description: "When this record was last changed in newsgraph." })
  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt!: Date;
}
