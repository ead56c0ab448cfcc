import type { ObjectLiteral } from "typeorm";
import type { ListQuery } from "./pagination";
import type { PlainList } from "./plain-lists";
import type { EntityClass } from "./sql";

/**
 * What a relation of a stored concept is: how a GraphQL field that leads from one stored object to
 * others reads. The concepts' relations themselves are declared in src/registry.ts.
 */
export type Relation = ReferenceRelation | PlainListRelation | ListRelation | ByIdRelation | SearchRelation;

/** A to-one reference through a column of the owner's table (`statements.speaker_id`). */
export interface ReferenceRelation {
  kind: "reference";
  entity: EntityClass<{ id: string }>;
  column: string;
}

/** A plain, capped list of rows that belong to the owner (see db/plain-lists.ts). */
export interface PlainListRelation {
  kind: "plainList";
  list: PlainList<ObjectLiteral>;
}

/**
 * A connection (keyset pages): its list, built from the field's arguments, and, for a nested
 * list, `partition`, the column of the list's FROM that names the owner. `name` ("Event.statements")
 * keys the request's loaders.
 */
export interface ListRelation<T extends ObjectLiteral = ObjectLiteral> {
  kind: "connection";
  name: string;
  list: (args: ListArgs) => ListQuery<T>;
  partition?: string;
}

/** The root lookup of one object by its global id (argument `id`). */
export interface ByIdRelation {
  kind: "byId";
  entity: EntityClass<{ id: string }>;
}

/** Ranked hits of the kinds in `kinds` (db/search.ts). */
export interface SearchRelation {
  kind: "search";
  kinds: readonly SearchKind[];
}

/** A kind of stored object that search finds, as its concept declares it (in its .loaders.ts). */
export interface SearchKind {
  /** Its entity: the hits' GraphQL type is its name, and its table is read. */
  entity: EntityClass<{ id: string }>;
  alias: string;
  /**
   * "text": matched by the words of its `search` tsvector, the newest RANK_WINDOW matches ranked;
   * "name": also matched fuzzily by its `name`, every match ranked (there are few).
   */
  match: "text" | "name";
  /** A condition on the alias that its hits also meet (statements: accepted ones only). */
  scope?: string;
  /** The text a snippet is cut from: an SQL expression on the alias. */
  snippetText: string;
}

/** A connection's arguments, as its list builder reads them (typed by the field's args class). */
export type ListArgs = any;
