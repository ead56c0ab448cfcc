/**
 * Every mutation in the schema, called without a token and with a VIEWER token: refused
 * (UNAUTHENTICATED, FORBIDDEN) before anything is written. Roles are checked in one place, the
 * authChecker behind @Authorized (src/modules/auth/auth-checker.ts); a mutation added without it
 * fails here, whatever its arguments, because the list comes from the schema itself.
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createSchema } from "../src/schema";
import { gqlAs, useSeededServer } from "./support/server";

const fixture = useSeededServer();
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await createSchema();
});

const SCALAR_SAMPLES: Record<string, unknown> = { ID: "UGVyc29uOjA=", String: "x", Int: 1, Float: 1, Boolean: true, Date: "2024-10-23", DateTime: "2024-10-23T12:00:00Z", JSONObject: {} };

/** A value of `type` that passes GraphQL's own validation: required fields only, lists empty. */
function sample(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [];
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  if (isScalarType(nullable)) {
    if (!(nullable.name in SCALAR_SAMPLES)) throw new Error(`no sample for the scalar ${nullable.name}`);
    return SCALAR_SAMPLES[nullable.name];
  }
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(Object.values(nullable.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, sample(field.type)]));
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** The mutation as a document with its required arguments as variables. */
function call(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return {
    query: `mutation${declarations ? ` (${declarations})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, sample(arg.type)])),
  };
}

async function auditEntries(): Promise<number> {
  const [{ n }] = await fixture.database.db.query("SELECT count(*)::int AS n FROM audit_log");
  return n;
}

it("refuses every mutation without a token (UNAUTHENTICATED) and with a VIEWER token (FORBIDDEN), writing nothing", async () => {
  const viewer = await createToken(fixture.database.db, "authorization-viewer", Role.VIEWER);
  const mutations = Object.values(schema.getMutationType()!.getFields());
  expect(mutations.length).toBeGreaterThan(20);
  const before = await auditEntries();
  const refusals: string[] = [];
  for (const field of mutations) {
    const { query, variables } = call(field);
    for (const [token, code] of [[undefined, "UNAUTHENTICATED"], [viewer, "FORBIDDEN"]] as const) {
      const { data, errors } = await gqlAs(fixture.server.url, token, query, variables);
      refusals.push(`${field.name} ${token ? "viewer" : "anonymous"}: ${errors?.map((error) => error.extensions?.code).join(",") ?? "no error"}${data?.[field.name] ? " with data" : ""}`);
      expect([field.name, errors?.[0]?.extensions?.code, errors?.[0]?.path]).toEqual([field.name, code, [field.name]]);
    }
  }
  expect(await auditEntries()).toBe(before);
});
