import { findLast } from "./lists";
import type { Entities, Gender, Organization, Person } from "./entities";
import { GENDERED_TITLES } from "./lexicon";
import { isCompanyLike } from "./affiliations";
import type { Mention } from "./mentions";
import { canonicalTitleWord } from "./words";

/**
 * What a mention refers to. Names resolve by themselves; "he"/"she", "the mayor" and "the company"
 * resolve against what came before, in text order. When two people fit a pronoun equally well, or
 * a role fits two people, the source is `ambiguous` and the statement is proposed with low
 * confidence and no speaker: a wrong name costs more than a missing one.
 */
export interface Source {
  person?: Person;
  organization?: Organization;
  /** An unnamed source, as first described. */
  description?: string;
  ambiguous?: Person[];
  via: "name" | "surname" | "pronoun" | "role" | "source" | "organization";
  /** How sure the resolution is, 0–1 (the rule that found the attribution has its own). */
  confidence: number;
}

interface Reference {
  person: Person;
  at: number;
  subject: boolean;
  sentence: number;
  paragraph: number;
}

/** Paragraphs back that a pronoun may reach: wire copy re-names a speaker after a paragraph or two. */
const PRONOUN_REACH = 3;

export class Resolver {
  private readonly references: Reference[] = [];
  private readonly positions = new Map<Person, number[]>();
  private readonly resolved = new Map<Mention, Source | null>();
  private readonly sources: Mention[] = [];
  /** Organizations in subject position, latest last: "the company" is the last company that acted. */
  private readonly actingOrganizations: Organization[] = [];
  /** "The U.N. refugee agency, UNHCR,": a role noun renamed by the body in apposition after it. */
  private readonly renamedRoles: { head: string; organization: Organization }[] = [];
  private lastRole: Mention | null = null;

  /**
   * @param antecedents "the statement said", "the report said": the document's issuer, the subject
   * of the earlier sentence that put the document forward ("X said in a statement that …").
   */
  constructor(
    private readonly entities: Entities,
    private readonly antecedents: Map<Mention, Mention> = new Map(),
  ) {}

  /** Resolves every mention in text order, so later pronouns see earlier names. */
  sentence(mentions: Mention[]): void {
    mentions.forEach((mention, i) => {
      const ahead = mention.kind === "pronoun" ? cataphora(mentions, i) : null;
      if (ahead) this.resolved.set(mention, { person: ahead, via: "pronoun", confidence: 0.85 });
      this.resolve(mention);
    });
  }

  resolve(mention: Mention): Source | null {
    if (this.resolved.has(mention)) return this.resolved.get(mention)!;
    const source = this.resolveFresh(mention);
    this.resolved.set(mention, source);
    if (source?.person) {
      this.references.push({ person: source.person, at: mention.start, subject: mention.subject, sentence: mention.sentence, paragraph: mention.paragraph });
      const positions = this.positions.get(source.person) ?? [];
      positions.push(mention.start);
      this.positions.set(source.person, positions);
    }
    if (source?.organization && !source.person && mention.subject && mention.kind === "organization") this.actingOrganizations.push(source.organization);
    if (mention.kind === "person" && mention.person?.organization && mention.subject) this.actingOrganizations.push(mention.person.organization);
    if (mention.kind === "source") this.sources.push(mention);
    // The body right after a role and its comma, in the same sentence, renames it.
    const role = this.lastRole;
    if (role?.head && mention.kind === "organization" && source?.organization && !source.person && mention.sentence === role.sentence && mention.first === role.last + 1) {
      this.renamedRoles.push({ head: role.head, organization: source.organization });
    }
    this.lastRole = mention.kind === "role" && !mention.person ? mention : null;
    return source;
  }

  private resolveFresh(mention: Mention): Source | null {
    switch (mention.kind) {
      case "person":
        if (mention.person) return { person: mention.person, via: mention.last - mention.first > 1 ? "name" : "surname", confidence: 1 };
        if (mention.candidates) return { ambiguous: mention.candidates, via: "surname", confidence: 0.2 };
        return null;
      case "pronoun":
        return this.pronoun(mention);
      case "organization":
        return mention.organization ? { organization: mention.organization, via: "organization", confidence: 1 } : null;
      case "source":
        return { description: mention.description, ...(mention.organization ? { organization: mention.organization } : {}), via: "source", confidence: 0.9 };
      case "role": {
        const antecedent = this.antecedents.get(mention);
        const issuer = antecedent ? this.resolve(antecedent) : null;
        return issuer && !issuer.ambiguous ? { ...issuer, confidence: Math.min(issuer.confidence, 0.85) } : this.role(mention);
      }
    }
  }

  /**
   * "he"/"she": the person of that gender (or of unknown gender) most recently in subject position
   * within reach; a pronoun between two such subjects of one sentence is ambiguous.
   */
  private pronoun(mention: Mention): Source | null {
    const gender = mention.gender ?? null;
    const latest = new Map<Person, { at: number; subjectAt: number; subjectSentence: number }>();
    // References are in text order: walk back from the end until out of reach.
    for (let r = this.references.length - 1; r >= 0; r--) {
      const reference = this.references[r];
      if (reference.paragraph < mention.paragraph - PRONOUN_REACH) break;
      if (reference.at >= mention.start) continue;
      const entry = latest.get(reference.person) ?? { at: -1, subjectAt: -1, subjectSentence: -1 };
      entry.at = Math.max(entry.at, reference.at);
      if (reference.subject) {
        entry.subjectAt = Math.max(entry.subjectAt, reference.at);
        entry.subjectSentence = Math.max(entry.subjectSentence, reference.sentence);
      }
      latest.set(reference.person, entry);
    }
    const fits = [...latest.entries()].filter(([person]) => compatible(person.gender, gender));
    if (!fits.length) return null;
    fits.sort(([, a], [, b]) => b.subjectAt - a.subjectAt || b.at - a.at);
    const [best, bestEntry] = fits[0];
    const rival = fits[1];
    if (rival && rival[1].subjectAt >= 0 && rival[1].subjectSentence === bestEntry.subjectSentence) {
      return { ambiguous: fits.slice(0, 2).map(([person]) => person), via: "pronoun", confidence: 0.2 };
    }
    // The pronoun tells its referent's gender, for later pronouns ("Zhao said he …" then "she" is someone else).
    if (!best.gender) best.gender = gender;
    const firm = best.gender !== null && best.gender === gender;
    return { person: best, via: "pronoun", confidence: firm ? 0.95 : 0.8 };
  }

  /**
   * "the mayor", "the finance director", "the spokesperson": the one person whose title has that
   * word (and the role's other words, if several fit); else an earlier unnamed source with that noun
   * ("the delegate" → "a European delegate"); "the company" → the last company that acted.
   */
  private role(mention: Mention): Source | null {
    const head = mention.head ?? "";
    if (mention.description !== undefined) {
      const written = mention.description.toLowerCase().split(/\s+/);
      const words = written.map(canonicalTitleWord);
      // "the spokesman" is not the spokeswoman.
      const gender = GENDERED_TITLES[written[written.length - 1]] ?? null;
      const holders = this.entities.people.filter((p) => p.title && titleWords(p.title).includes(head) && this.mentionedBefore(p, mention.start) && compatible(p.gender, gender));
      const exact = holders.filter((p) => words.every((word) => titleWords(p.title!).includes(word)));
      const fitting = exact.length ? exact : holders;
      // An unnamed source with that noun, mentioned after every such person: "a hospital spokesman … the spokesman said".
      const earlier = findLast(this.sources, (s) => s.head === head && s.start < mention.start);
      const lastHolder = Math.max(-1, ...fitting.map((p) => this.lastMention(p, mention.start)));
      if (earlier && earlier.start > lastHolder) return { description: earlier.description, ...(earlier.organization ? { organization: earlier.organization } : {}), via: "source", confidence: 0.8 };
      if (fitting.length === 1) return { person: fitting[0], via: "role", confidence: earlier ? 0.6 : 0.9 };
      if (fitting.length > 1) return { ambiguous: fitting, via: "role", confidence: 0.2 };
      // "the port authority" after "the Bayhaven Port Authority": a body, not an unnamed person.
      const body = findLast(this.entities.organizations, (o) => ` ${o.name.toLowerCase()} `.includes(` ${words.join(" ")} `));
      if (body) return { organization: body, via: "organization", confidence: 0.8 };
      return { description: `the ${mention.description}`, ...(mention.organization ? { organization: mention.organization } : {}), via: "source", confidence: 0.6 };
    }
    // An organization role: the body that renamed this noun ("the refugee agency, UNHCR," → "the agency"),
    // else the last acting organization whose name has the noun, else the last company.
    const renamed = findLast(this.renamedRoles, (r) => r.head === head);
    if (renamed) return { organization: renamed.organization, via: "organization", confidence: 0.8 };
    const named = findLast(this.actingOrganizations, (o) => o.name.toLowerCase().split(/\s+/).includes(head));
    if (named) return { organization: named, via: "organization", confidence: 0.85 };
    if (head === "company" || head === "firm" || head === "group") {
      const company = findLast(this.actingOrganizations, isCompanyLike);
      if (company) return { organization: company, via: "organization", confidence: 0.8 };
    }
    const listed = findLast(this.entities.organizations, (o) => o.name.toLowerCase().split(/\s+/).includes(head));
    if (listed) return { organization: listed, via: "organization", confidence: 0.7 };
    // "the union" after "the Ravensport Education Association said": a body of that kind named otherwise.
    const kinds = ROLE_KINDS[head];
    if (kinds) {
      const kindOf = (o: Organization) => o.name.toLowerCase().split(/\s+/).some((w) => kinds.includes(w));
      const acting = findLast(this.actingOrganizations, kindOf);
      if (acting) return { organization: acting, via: "organization", confidence: 0.8 };
      const named = this.entities.organizations.filter(kindOf);
      if (named.length === 1) return { organization: named[0], via: "organization", confidence: 0.7 };
    }
    // A bare role noun that names nothing in the article ("the union said") is no organization's name.
    if (mention.bodyName && mention.bodyName.toLowerCase() === head) return null;
    // "the county coroner's office said": a body the article names only so.
    if (mention.bodyName && !/^(company|firm|group|agency|government|statement|report)$/.test(head)) return { organization: this.entities.organization(mention.bodyName), via: "organization", confidence: 0.7 };
    return null;
  }

  private lastMention(person: Person, at: number): number {
    const positions = this.positions.get(person) ?? [];
    for (let i = positions.length - 1; i >= 0; i--) if (positions[i] < at) return positions[i];
    return -1;
  }

  private mentionedBefore(person: Person, at: number): boolean {
    return this.lastMention(person, at) >= 0;
  }
}

/** Role nouns and the head words of the bodies they stand for in news style ("the union" → "… Teachers Association"). */
const ROLE_KINDS: Record<string, string[]> = {
  union: ["union", "association", "federation", "guild", "brotherhood", "syndicate", "confederation", "congress"],
  bank: ["bank", "reserve"],
};

/**
 * "Asked whether he would run again, Park said …": a pronoun in a fronted clause refers ahead, to
 * the subject named right after the clause's comma.
 */
function cataphora(mentions: Mention[], i: number): Person | null {
  const pronoun = mentions[i];
  const first = mentions.find((m) => m.sentence === pronoun.sentence);
  if (first !== pronoun) return null;
  const next = mentions[i + 1];
  if (!next || next.sentence !== pronoun.sentence || next.kind !== "person" || !next.person || !next.subject) return null;
  if (!next.fronted) return null;
  return compatible(next.person.gender, pronoun.gender ?? null) ? next.person : null;
}

function compatible(known: Gender, wanted: Gender): boolean {
  return known === null || wanted === null || known === wanted;
}

function titleWords(title: string): string[] {
  return title.toLowerCase().split(/[\s-]+/).map(canonicalTitleWord);
}
