import { createHash } from "node:crypto";
import { AuditAction, type WriteScope } from "../../db/write";
import type { InputProblems } from "../../contract/errors";
import { EXTRACTOR_NAME, EXTRACTOR_VERSION, extractStatements } from "../../ingest/extract";
import type { Extraction, ProposedPerson, ProposedStatement } from "../../ingest/types";
import { normalizeName, normalizeOrganizationName } from "../../ingest/names";
import { codePointLength, codePointSlicer } from "../../ingest/offsets";
import { Affiliation } from "../affiliation/affiliation.entity";
import { Article } from "../article/article.entity";
import { EventSource } from "../event/event-source.entity";
import { ORGANIZATION_NAMED } from "../organization/organization.loaders";
import { Organization, OrganizationKind } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Place } from "../place/place.entity";
import { Statement, ReviewStatus, Stance, StatementKind } from "../statement/statement.entity";
import { looksEnglish } from "./language";

/**
 * Ingestion: an article's body goes in, its statements come out, with the people, organizations
 * and places they name matched to stored ones or added. Shared by the ingestArticle mutation and
 * `npm run ingest`; runs inside one audited transaction (see write.ts), so a failure leaves nothing
 * of the article. New statements reach statementAdded through the insert trigger, as any statement.
 *
 * Idempotent by url: the same body again changes nothing. A changed body is a new revision: it is
 * extracted again; what an editor accepted, rejected, corrected or typed in is kept (and marked
 * stale where its span no longer holds), unreviewed proposals are replaced by the new ones, and
 * a proposal an editor already decided on is not proposed twice.
 */
export const MAX_BODY_CHARACTERS = 1_000_000;
export const EXTRACTOR = `${EXTRACTOR_NAME}@${EXTRACTOR_VERSION}`;

export interface ArticleInput {
  url: string;
  title: string;
  publisher: string | null;
  publishedAt: Date | null;
  body: string;
  /** The database id of the event the article reports, or null. */
  eventId: string | null;
}

export interface Ingested {
  articleId: string;
  revision: number;
  /** False when the article was already stored with this body: it was not read again. */
  changed: boolean;
  /** The statements this ingestion added, in the order of the body. */
  added: Statement[];
  /** Statements of earlier revisions kept: typed in or reviewed by an editor, or found again unchanged. */
  kept: number;
  /** Kept statements whose text no longer stands at their span in the new body. */
  markedStale: number;
}

/** HTML is refused rather than stripped: spans point into the stored text, which is then exactly what was sent. */
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:[a-z]{2,8}|#\d{1,7}|#x[0-9a-f]{1,6});/i;

/** The body's problems, at `path`: blank, too long, markup, not English. */
export function checkBody(problems: InputProblems, body: string, path = "input.body"): void {
  if (body.trim() === "") problems.add(path, "notBlank", "the article has no text");
  else if (codePointLength(body) > MAX_BODY_CHARACTERS) problems.add(path, "maxLength", `at most ${MAX_BODY_CHARACTERS.toLocaleString("en")} characters`);
  else if (MARKUP.test(body)) problems.add(path, "plainText", "HTML markup is refused: send the article's text, without tags or entities");
  else if (!looksEnglish(body)) problems.add(path, "english", "the text does not look English, the only language the extractor reads");
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** One article's spellings of a name, grouped (matching stored records is name_key()'s, in SQL). */
const nameKey = (name: string) => normalizeName(name).replace(/ /g, "");
const organizationKey = (name: string) => normalizeOrganizationName(name).replace(/ /g, "");

export async function ingest(scope: WriteScope, input: ArticleInput, autoAccept: number): Promise<Ingested> {
  checkBody(scope.problems, input.body);
  scope.problems.throwIfAny();
  const bodySha256 = sha256(input.body);

  // Insert-or-lock: two ingestions of one new url take turns instead of one failing on the unique url.
  const fields = { url: input.url, title: input.title, publisher: input.publisher, publishedAt: input.publishedAt };
  const created = await scope.insertUnlessExists(Article, { ...fields, body: input.body }, ["url"]);
  let previous: Article | undefined;
  let articleId: string;
  let revision = 1;
  // The trail records the body by its SHA-256: a body may be a megabyte, and the article keeps it.
  if (created) {
    articleId = created.id!;
    scope.audit("Article", articleId, AuditAction.CREATE, { ...fields, bodySha256 });
  } else {
    [previous] = await scope.lockWhere(Article, "url", input.url);
    articleId = previous!.id;
    if (previous!.body === input.body) {
      if (input.eventId) await linkEvent(scope, articleId, input.eventId);
      return { articleId, revision: previous!.revision, changed: false, added: [], kept: 0, markedStale: 0 };
    }
    revision = previous!.revision + 1;
    await scope.set(Article, articleId, { title: input.title, publisher: input.publisher, publishedAt: input.publishedAt, body: input.body, revision });
    scope.audit("Article", articleId, AuditAction.UPDATE, { revision: { from: previous!.revision, to: revision }, bodySha256: { from: sha256(previous!.body), to: bodySha256 } });
  }
  // A revision's statements are about the event most of its earlier ones were about, unless told otherwise.
  const eventId = input.eventId ?? (previous ? await scope.mostCommon(Statement, "eventId", "sourceId", articleId) : null);
  if (eventId) await linkEvent(scope, articleId, eventId);

  const extraction = extractStatements(input.body, { publishedAt: input.publishedAt?.toISOString() ?? null });
  const { kept, markedStale, known } = previous ? await reviseEarlier(scope, previous, input.body, extraction.statements) : { kept: 0, markedStale: 0, known: new Set<string>() };
  const fresh = extraction.statements.filter((statement) => !known.has(identity(statement)));
  const records = await matchRecords(scope, fresh, extraction.organizations);
  const added = await insertStatements(scope, articleId, eventId, fresh, records, autoAccept);
  return { articleId, revision, changed: true, added, kept, markedStale };
}

/** The article becomes a source of the event, and its statements about no event are about this one. */
async function linkEvent(scope: WriteScope, articleId: string, eventId: string): Promise<void> {
  await scope.insertUnlessExists(EventSource, { eventId, articleId });
  await scope.fillBlank(Statement, "eventId", eventId, "sourceId", articleId);
}

/** What makes two statements of one article the same one: kind and words. */
const identity = (statement: { kind: string; text: string }) => `${statement.kind}\u0000${statement.text}`;

/**
 * The statements of earlier revisions, before the new body's proposals go in. Kept: typed-in ones
 * and those an editor reviewed (marked stale where the passage at their span changed), and
 * unreviewed extracted ones found again (moved to where they are found now: the extractor made
 * their span, and no editor vouched for it). The other unreviewed ones are deleted.
 */
async function reviseEarlier(scope: WriteScope, previous: Article, body: string, proposals: ProposedStatement[]) {
  const earlier = await scope.lockWhere(Statement, "sourceId", previous.id);
  const proposed = new Map(proposals.map((proposal) => [identity(proposal), proposal]));
  const before = codePointSlicer(previous.body);
  const after = codePointSlicer(body);
  const known = new Set<string>();
  let kept = 0;
  let markedStale = 0;
  for (const statement of earlier) {
    const again = proposed.get(identity(statement));
    if (statement.extractor && !statement.reviewedAt) {
      if (!again) {
        await scope.delete(Statement, statement, []);
        continue;
      }
      if (again.span.start !== statement.spanStart || again.span.end !== statement.spanEnd) {
        await scope.update(Statement, statement, { spanStart: again.span.start, spanEnd: again.span.end });
      }
    } else if (statement.spanStart !== null && statement.spanEnd !== null && !statement.sourceSpanStale) {
      if (before(statement.spanStart, statement.spanEnd) !== after(statement.spanStart, statement.spanEnd)) {
        await scope.update(Statement, statement, { sourceSpanStale: true });
        markedStale += 1;
      }
    }
    known.add(identity(statement));
    kept += 1;
  }
  return { kept, markedStale, known };
}

interface Records {
  person(proposed: ProposedPerson): string | null;
  organization(name: string | null | undefined): string | null;
  place(name: string | null): string | null;
}

/**
 * The stored people, organizations and places the proposals name, matched by name and aliases
 * (case, accents and punctuation ignored); those not found are added, with an affiliation for
 * each speaker's title and organization. One query per kind of record.
 */
async function matchRecords(scope: WriteScope, proposals: ProposedStatement[], named: Extraction["organizations"]): Promise<Records> {
  const speakers = proposals.flatMap((proposal) => (proposal.speaker ? [proposal.speaker] : []));
  const organizationNames = [...proposals.map((proposal) => proposal.organization?.name), ...speakers.map((speaker) => speaker.organization)].filter((name): name is string => !!name);
  const placeNames = proposals.map((proposal) => proposal.place).filter((name): name is string => !!name);

  /**
   * The stored record each name matches, by the database's name_key() (the one definition of a
   * match, WriteScope.named), the oldest first; keyed here by `keyOf`, which groups one article's
   * spellings.
   */
  const find = async (entity: typeof Organization | typeof Person | typeof Place, names: string[], keyOf: (name: string) => string, match?: string) => {
    const byKey = new Map<string, string>();
    const distinct = [...new Set(names)];
    if (distinct.length === 0) return byKey;
    for (const row of await scope.named(entity, distinct, match)) if (row.id && !byKey.has(keyOf(row.name))) byKey.set(keyOf(row.name), row.id);
    return byKey;
  };
  const organizations = await find(Organization, organizationNames, organizationKey, ORGANIZATION_NAMED);
  const people = await find(Person, speakers.map((speaker) => speaker.name), nameKey);
  const places = await find(Place, placeNames, nameKey);

  const acronyms = new Map<string, string>();
  const organizationMentions = new Map<string, string>();
  const records: Records = {
    organization(name) {
      return name ? organizations.get(organizationKey(name)) ?? null : null;
    },
    person(proposed) {
      return people.get(nameKey(proposed.name)) ?? null;
    },
    place(name) {
      return name ? places.get(nameKey(name)) ?? null : null;
    },
  };
  // Added in the order the article names them, each once.
  for (const name of organizationNames) {
    const key = organizationKey(name);
    if (!organizations.has(key) && !organizationMentions.has(key)) organizationMentions.set(key, name);
  }
  // Acronyms the article spells out, "the World Health Organization (WHO)", become short names.
  for (const { name, acronym } of named) if (acronym) acronyms.set(organizationKey(name), acronym);
  for (const [key, name] of organizationMentions) {
    organizations.set(key, (await scope.insert(Organization, { name, shortName: acronyms.get(key) ?? null, kind: OrganizationKind.OTHER })).id);
  }
  for (const speaker of speakers) {
    const key = nameKey(speaker.name);
    if (!people.has(key)) {
      const description = speaker.title ? [speaker.title, speaker.organization].filter(Boolean).join(", ") : null;
      people.set(key, (await scope.insert(Person, { name: speaker.name, description })).id);
    }
  }
  for (const name of placeNames) {
    const key = nameKey(name);
    if (!places.has(key)) places.set(key, (await scope.insert(Place, { name })).id);
  }
  // Each title at an organization is an affiliation, added unless it is stored already.
  const affiliations = new Map(speakers.filter((speaker) => speaker.title && speaker.organization).map((speaker) => [`${nameKey(speaker.name)}|${speaker.title}|${speaker.organization}`, speaker]));
  for (const speaker of affiliations.values()) {
    const affiliation = { personId: records.person(speaker)!, organizationId: records.organization(speaker.organization)!, role: speaker.title! };
    const created = await scope.insertUnlessExists(Affiliation, affiliation, ["personId", "organizationId", "role"]);
    if (created) scope.audit("Affiliation", created.id!, AuditAction.CREATE, affiliation);
  }
  return records;
}

/** The proposals as statements of the article, in one INSERT; ACCEPTED from `autoAccept` confidence on. */
async function insertStatements(scope: WriteScope, articleId: string, eventId: string | null, proposals: ProposedStatement[], records: Records, autoAccept: number): Promise<Statement[]> {
  if (proposals.length === 0) return [];
  const rows = proposals.map((proposal) => {
    const speakerId = proposal.speaker ? records.person(proposal.speaker) : null;
    const organizationId = records.organization(proposal.organization?.name ?? proposal.speaker?.organization);
    // A statement needs an author: where the extractor abstained, the names it hesitated between say who it may be.
    const sourceDescription = proposal.sourceDescription ?? (!speakerId && !organizationId ? proposal.speakerCandidates?.join(" or ") || "an unidentified speaker" : null);
    return {
      text: proposal.text,
      kind: proposal.kind as StatementKind,
      speakerId,
      organizationId,
      eventId,
      sourceId: articleId,
      spanStart: proposal.span.start,
      spanEnd: proposal.span.end,
      placeId: records.place(proposal.place),
      statedOn: proposal.statedOnPrecision === "DAY" ? proposal.statedOn : null,
      reviewStatus: proposal.confidence >= autoAccept ? ReviewStatus.ACCEPTED : ReviewStatus.PROPOSED,
      confidence: proposal.confidence,
      extractor: EXTRACTOR,
      extractionRule: proposal.rule,
      sourceDescription,
      stance: proposal.stance as Stance | null,
      stanceConfidence: proposal.stanceConfidence,
    };
  });
  return scope.insertMany(Statement, rows);
}
