import { GraphQLScalarType } from "graphql";
import { DateTimeResolver, LocalDateResolver } from "graphql-scalars";

/**
 * `Date` is a calendar day, `YYYY-MM-DD`, kept as a string end to end (Postgres `date` ⇄ GraphQL)
 * so no time zone can shift it; graphql-scalars' LocalDate rejects impossible days such as 2024-02-30.
 */
const localDate = LocalDateResolver.toConfig();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const DateScalar = new GraphQLScalarType({
  ...localDate,
  // Output comes from Postgres `date` columns, valid days by construction: the shape is enough
  // (full validation of every date of a nested page was a measurable cost). Input is checked fully.
  serialize: (value) => (typeof value === "string" && DAY.test(value) ? value : localDate.serialize(value)),
  name: "Date",
  description: "A calendar date, YYYY-MM-DD (ISO 8601).",
  specifiedByURL: "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
});

/** `DateTime`: an instant, ISO 8601 with offset (JS Date inside). */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  name: "DateTime",
  description: "An instant in time, ISO 8601 with a time zone offset, e.g. 2024-10-23T14:00:00.000Z.",
});
