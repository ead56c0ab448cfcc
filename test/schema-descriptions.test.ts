/**
 * A schema a person can read: every type, field, argument, input field and enum value of
 * schema.graphql says what it means (Playground's DOCS tab and editors' hover help show these).
 * The same check as graphql-schema-linter's *-have-descriptions rules, done with graphql-js itself.
 */
import { readFileSync } from "node:fs";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLSchema,
} from "graphql";
import { SCHEMA_FILE } from "../src/scripts/schema";

const described = (element: { description?: string | null }) => (element.description ?? "").trim() !== "";

/**
 * The schema elements without a description, as coordinates (`Type`, `Type.field`,
 * `Type.field(argument:)`, `Enum.VALUE`, `@directive(argument:)`). Built-in scalars, built-in
 * directives and the introspection types are graphql's, not ours, and are skipped.
 */
function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const checkArguments = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) if (!described(arg)) missing.push(`${owner}(${arg.name}:)`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    if (!described(type)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
        checkArguments(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    if (!described(directive)) missing.push(`@${directive.name}`);
    checkArguments(`@${directive.name}`, directive.args);
  }
  return missing.sort();
}

describe("schema.graphql descriptions", () => {
  it("describe every type, field, argument, input field and enum value", () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, "utf8"));
    // On failure, the list names each element to describe (in the code-first sources, then `npm run schema`).
    expect(undescribedElements(schema)).toEqual([]);
  });

  it("are checked on every kind of element (the check itself)", () => {
    const schema = buildSchema(`
      """A directive."""
      directive @tagged(name: String) on FIELD_DEFINITION
      directive @bare on FIELD_DEFINITION
      type Query {
        """Described."""
        thing(
          """Described."""
          id: ID
          filter: Filter
        ): Thing
        other: Kind
      }
      """A thing."""
      type Thing { name: String @tagged }
      input Filter {
        """Described."""
        name: String
        kind: Kind
      }
      """A kind."""
      enum Kind {
        """Described."""
        ONE
        TWO
      }
      scalar Url
      "   "
      interface Named { name: String }
      union Result = Thing
    `);
    expect(undescribedElements(schema)).toEqual([
      "@bare",
      "@tagged(name:)",
      "Filter",
      "Filter.kind",
      "Kind.TWO",
      "Named",
      "Named.name",
      "Query",
      "Query.other",
      "Query.thing(filter:)",
      "Result",
      "Thing.name",
      "Url",
    ]);
  });
});
