import { readFileSync } from "node:fs";
import path from "node:path";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { PROJECT_ROOT } from "../config";
import { takeTurns } from "../db/data-source";
import { Affiliation } from "../modules/affiliation/affiliation.entity";
import { Article } from "../modules/article/article.entity";
import { Event } from "../modules/event/event.entity";
import { EventParticipant } from "../modules/event/event-participant.entity";
import { EventPlace } from "../modules/event/event-place.entity";
import { EventSource } from "../modules/event/event-source.entity";
import { Organization } from "../modules/organization/organization.entity";
import { Person } from "../modules/person/person.entity";
import { Place } from "../modules/place/place.entity";
import { Statement } from "../modules/statement/statement.entity";
import * as demo from "./demo-data";

/** The demo article's text, byte for byte as in shared/seed/article.txt. */
export function demoArticleBody(): string {
  return readFileSync(path.join(PROJECT_ROOT, "src", "seed", demo.article.bodyFile), "utf8");
}

// Serializes seeding between processes that share one database (two instances starting at once).
const SEED_LOCK = 7_000_001;

async function insert<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, values: object): Promise<string> {
  const result = await manager.insert(entity, values as T);
  return result.identifiers[0]?.id as string;
}

export type SeedOutcome = "seeded" | "already-there" | "not-empty";

/**
 * Loads the demo data in one transaction: all of it or nothing. With `onlyIfEmpty` (start-up) it
 * loads only into a database holding no data at all; otherwise (`npm run seed`) it loads unless
 * the demo article is already there, so running it twice changes nothing.
 */
export async function seedDemoData(db: DataSource, options: { onlyIfEmpty: boolean }): Promise<SeedOutcome> {
  return db.transaction(async (manager) => {
    await takeTurns(manager, SEED_LOCK);
    if (options.onlyIfEmpty) {
      for (const entity of [Organization, Person, Article, Event]) if (await manager.exists(entity)) return "not-empty";
    } else if (await manager.existsBy(Article, { url: demo.article.url })) {
      return "already-there";
    }

    const articleId = await insert(manager, Article, {
      url: demo.article.url,
      title: demo.article.title,
      publisher: demo.article.publisher,
      publishedAt: demo.article.publishedAt,
      body: demoArticleBody(),
    });

    const organizationIds = new Map<demo.OrganizationKey, string>();
    // Parents come before their children in the list, so each parent id is known when needed.
    for (const { key, parent, ...organization } of demo.organizations) {
      const parentId = parent ? organizationIds.get(parent) : null;
      organizationIds.set(key, await insert(manager, Organization, { ...organization, parentId }));
    }

    const personIds = new Map<demo.PersonKey, string>();
    for (const { key, ...person } of demo.people) personIds.set(key, await insert(manager, Person, person));

    for (const { person, organization, role } of demo.affiliations) {
      await insert(manager, Affiliation, { personId: personIds.get(person), organizationId: organizationIds.get(organization), role });
    }

    const placeIds = new Map<demo.PlaceKey, string>();
    for (const { key, ...place } of demo.places) placeIds.set(key, await insert(manager, Place, place));

    const eventIds = new Map<demo.EventKey, string>();
    for (const { key, parent, participants, places, ...event } of demo.events) {
      const eventId = await insert(manager, Event, { ...event, parentId: parent ? eventIds.get(parent) : null });
      eventIds.set(key, eventId);
      for (const { organization, role } of participants) {
        await insert(manager, EventParticipant, { eventId, organizationId: organizationIds.get(organization), role });
      }
      for (const { place, role } of places) await manager.insert(EventPlace, { eventId, placeId: placeIds.get(place), role });
      await manager.insert(EventSource, { eventId, articleId });
    }

    for (const { speaker, organization, event, span, place, ...statement } of demo.statements) {
      await insert(manager, Statement, {
        ...statement,
        speakerId: speaker ? personIds.get(speaker) : null,
        organizationId: organizationIds.get(organization),
        eventId: eventIds.get(event),
        sourceId: articleId,
        spanStart: span[0],
        spanEnd: span[1],
        placeId: place ? placeIds.get(place) : null,
      });
    }
    return "seeded";
  });
}
