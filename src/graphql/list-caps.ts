import { Extensions } from "type-graphql";

/**
 * No list is unbounded. Lists that grow with the news (statements, events, members, search hits,
 * ...) are connections, paged at most 100 at a time. The plain lists below describe one object and
 * are shown whole, so each has a cap, enforced when it is written (validation, or a count under a
 * lock for affiliations), and stated in the schema. Long-running stories grow through sub-events
 * (a connection), not through one event's participants, places or sources.
 */
export const LIST_CAPS = {
  /** Other names of a person, organization or place: spellings, acronyms, languages. */
  aliases: 50,
  /** Who took part in one event: a summit of every NATO member still fits. */
  participants: 100,
  /** Where one event happened. */
  places: 50,
  /** The articles reporting one event. */
  sources: 100,
  /** A person's roles over a career. */
  affiliations: 50,
  /** Statements one write returns: reviewStatements' ids, ingestArticle's added (the article's statements connection has them all). */
  written: 500,
  /** Top-level organizations in one of an event's corroboration lists (confirmedBy, …): states and bodies, not people. */
  corroborators: 100,
} as const;

/**
 * Marks a plain list field with its cap (`extensions.maxItems`), which the schema test requires of
 * every list that is not a connection; say the cap in the field's description too.
 */
export const Capped = (maxItems: number) => Extensions({ maxItems });
