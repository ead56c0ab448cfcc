import type { ObjectLiteral } from "typeorm";
import type { Join } from "./db/joins";
import type { ListQuery } from "./db/pagination";
import type { PlainList } from "./db/plain-lists";
import type { ByIdRelation, ListArgs, ListRelation, PlainListRelation, ReferenceRelation, Relation, SearchRelation } from "./db/relations";
import type { EntityClass } from "./db/sql";
import { AFFILIATIONS, memberList } from "./modules/affiliation/affiliation.loaders";
import { Affiliation } from "./modules/affiliation/affiliation.entity";
import { articleList } from "./modules/article/article.loaders";
import { Article } from "./modules/article/article.entity";
import { EventParticipant } from "./modules/event/event-participant.entity";
import { EventSource } from "./modules/event/event-source.entity";
import { EventPlace } from "./modules/event/event-place.entity";
import { Event } from "./modules/event/event.entity";
import { ARTICLE_EVENTS, EVENT_SEARCH, eventList, ORGANIZATION_EVENTS, PARTICIPANTS, PLACES } from "./modules/event/event.loaders";
import { ORGANIZATION_SEARCH, organizationList } from "./modules/organization/organization.loaders";
import { Organization } from "./modules/organization/organization.entity";
import { PERSON_SEARCH, personList } from "./modules/person/person.loaders";
import { Person } from "./modules/person/person.entity";
import { placeList } from "./modules/place/place.loaders";
import { Place } from "./modules/place/place.entity";
import { STATEMENT_SEARCH, statementList } from "./modules/statement/statement.loaders";
import { auditList } from "./modules/audit/audit.loaders";
import { AuditEntry } from "./modules/audit/audit.entity";
import { Statement } from "./modules/statement/statement.entity";

const reference = (entity: EntityClass<{ id: string }>, column: string): ReferenceRelation => ({ kind: "reference", entity, column });
const plainList = <T extends ObjectLiteral>(list: PlainList<T>): PlainListRelation => ({ kind: "plainList", list: list as PlainList<ObjectLiteral> });
const connection = <T extends ObjectLiteral>(list: (args: ListArgs) => ListQuery<T>, partition?: string): ListRelation<T> => ({ kind: "connection", name: "", list, partition });
const byId = (entity: EntityClass<{ id: string }>): ByIdRelation => ({ kind: "byId", entity });

const statements = (args: ListArgs) => statementList(args.filter, args.orderBy);
const events = (from?: string) => (args: ListArgs) => eventList(args.filter, args.orderBy, from);
const organizations = (args: ListArgs) => organizationList(args.filter, args.orderBy);

/**
 * The relations of every stored concept, declared once: what each GraphQL field that leads from
 * one stored object to others reads. Columns are not repeated here (each entity declares its own,
 * and a plain field reads the column of its property); the read planner (graphql/planned-reads.ts)
 * answers a whole query from these declarations in one SQL statement, and the resolvers of the same
 * fields read through the same lists (so both paths share each list's filters, sort keys and the
 * accepted-statements default). By GraphQL type name, then field name.
 */
export const RELATIONS = {
  Query: {
    event: byId(Event),
    events: connection(events()),
    statement: byId(Statement),
    statements: connection(statements),
    person: byId(Person),
    people: connection((args) => personList(args.filter, args.orderBy)),
    organization: byId(Organization),
    organizations: connection(organizations),
    place: byId(Place),
    places: connection((args) => placeList(args.filter)),
    article: byId(Article),
    articles: connection(articleList),
    auditLog: connection((args) => auditList(args.entityId)),
    search: { kind: "search", kinds: [STATEMENT_SEARCH, EVENT_SEARCH, PERSON_SEARCH, ORGANIZATION_SEARCH] } as SearchRelation,
  },
  Event: {
    participants: plainList(PARTICIPANTS),
    places: plainList(PLACES),
    statements: connection(statements, "s.event_id"),
    parent: reference(Event, "parent_id"),
    subEvents: connection(events(), "e.parent_id"),
  },
  EventParticipant: {
    organization: reference(Organization, "organization_id"),
    person: reference(Person, "person_id"),
  },
  EventPlace: {
    place: reference(Place, "place_id"),
  },
  Statement: {
    speaker: reference(Person, "speaker_id"),
    organization: reference(Organization, "organization_id"),
    event: reference(Event, "event_id"),
    source: reference(Article, "source_id"),
    place: reference(Place, "place_id"),
  },
  Person: {
    affiliations: plainList(AFFILIATIONS),
    statements: connection(statements, "s.speaker_id"),
  },
  Affiliation: {
    person: reference(Person, "person_id"),
    organization: reference(Organization, "organization_id"),
  },
  Organization: {
    parent: reference(Organization, "parent_id"),
    subOrganizations: connection(organizations, "o.parent_id"),
    members: connection(memberList, "a.organization_id"),
    statements: connection(statements, "s.organization_id"),
    events: connection(events(ORGANIZATION_EVENTS.from), ORGANIZATION_EVENTS.partition),
  },
  Article: {
    statements: connection(statements, "s.source_id"),
    events: connection(events(ARTICLE_EVENTS.from), ARTICLE_EVENTS.partition),
  },
} satisfies { [type: string]: { [field: string]: Relation } };

/** A relation by type and field name, if the registry has one. */
export function relationOf(type: string, field: string): Relation | undefined {
  return (RELATIONS as { [type: string]: { [field: string]: Relation } })[type]?.[field];
}

/** The references of a stored type, as joins a list of its rows can fetch along (db/joins.ts). */
export function referenceJoins(type: string): Join[] {
  return Object.entries((RELATIONS as { [type: string]: { [field: string]: Relation } })[type] ?? {}).flatMap(([field, relation]) =>
    relation.kind === "reference" ? [{ field, entity: relation.entity, column: relation.column }] : [],
  );
}

// Filled in once, from the declarations above: each connection's name (where it sits), and what
// each plain list fetches along with its rows (its item type's references).
for (const [type, fields] of Object.entries(RELATIONS)) {
  for (const [field, relation] of Object.entries(fields)) {
    if (relation.kind === "connection") relation.name = `${type}.${field}`;
    if (relation.kind === "plainList") relation.list.joins = referenceJoins(relation.list.entity.name);
  }
}

/** The entity class behind each stored GraphQL object type. */
export const ENTITIES: { readonly [type: string]: EntityClass<ObjectLiteral> } = {
  Event, EventParticipant, EventPlace, Statement, Person, Affiliation, Organization, Place, Article, AuditEntry,
};

/** Every stored entity, for the data source: the stored types' and event_sources', a link table without a type of its own. */
export const STORED_ENTITIES: readonly EntityClass<ObjectLiteral>[] = [...Object.values(ENTITIES), EventSource];
