import type { GraphQLResolveInfo } from "graphql";
import type { Join } from "../../db/joins";
import type { PlainListLoader } from "../../db/plain-lists";
import { selectedNodeFields, selectedNodeSubfields } from "../../graphql/selection";
import { referenceJoins } from "../../registry";
import type { Affiliation } from "../affiliation/affiliation.entity";

/** What a statement refers to (the registry's references), joined along when a request selects it (see joins.ts). */
const REFERENCES: Join[] = referenceJoins("Statement");

/**
 * The references a statements connection's nodes select, to fetch with the page; with the
 * speakers, their affiliations when those are selected too (the usual "who said it, in what role").
 */
export function statementJoins(info: GraphQLResolveInfo, loaders: { affiliationsByPerson: PlainListLoader<Affiliation> }): Join[] {
  const fields = selectedNodeFields(info);
  // An article's body (up to 1,000,000 characters) joined along would come back once per statement
  // that cites it (100 statements of one article: 100 copies); read by id, it is read once.
  const joined = (field: string) => fields.has(field) && !(field === "source" && selectedNodeSubfields(info, "source").has("body"));
  return REFERENCES.filter((reference) => joined(reference.field)).map((reference) =>
    reference.field === "speaker" && selectedNodeSubfields(info, "speaker").has("affiliations")
      ? { ...reference, prefetch: (ids: string[]) => loaders.affiliationsByPerson.prefetch(ids) }
      : reference,
  );
}
