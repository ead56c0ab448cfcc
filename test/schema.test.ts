import { readFileSync } from "node:fs";
import { buildSchema } from "graphql";
import { printedSchema, SCHEMA_FILE } from "../src/scripts/schema";

describe("schema.graphql", () => {
  it("is what the code emits (run `npm run schema` after changing the API)", async () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printedSchema());
  });

  it("has the API contract's Relay Node interface and root fields", async () => {
    const schema = await printedSchema();
    expect(schema).toContain("interface Node {\n  \"\"\"Opaque, globally unique id.\"\"\"\n  id: ID!\n}");
    // Root fields as signatures, whatever their (multi-line) descriptions.
    const rootFields = Object.values(buildSchema(schema).getQueryType()!.getFields()).map(
      (field) => `${field.name}(${field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(", ")}): ${String(field.type)}`,
    );
    for (const field of ["node(id: ID!): Node", "event(id: ID!): Event", "statement(id: ID!): Statement", "person(id: ID!): Person",
      "organization(id: ID!): Organization", "place(id: ID!): Place", "article(id: ID!): Article"]) {
      expect(rootFields).toContain(field);
    }
    for (const type of ["Event", "Statement", "Person", "Organization", "Affiliation", "Place", "Article"]) {
      expect(schema).toContain(`type ${type} implements Node {`);
    }
    expect(schema).toContain("scalar Date ");
    expect(schema).toContain("scalar DateTime");
  });
});
