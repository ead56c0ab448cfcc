import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from "@apollo/client";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination } from "@apollo/client/utilities";
import { cacheExchange, createClient as createUrqlClient, fetchExchange } from "@urql/core";
import { Kind, OperationTypeNode, type OperationDefinitionNode } from "graphql";
import { serverAudits, type AuditResult } from "graphql-http";
import { createClient as createWsClient, type Client as WsClient } from "graphql-ws";
import type { ReaderFragment } from "relay-runtime";
import WebSocket from "ws";
import { createToken, Role } from "../src/modules/auth/tokens";
import { compileRelayApp, createRelayClient, type RelayArtifacts } from "./support/relay";
import { gqlAs, useSeededServer } from "./support/server";

// graphql-request 7 is an ES module with a CommonJS build (build/entrypoints/main.cjs, which jest
// loads), but its package.json gives TypeScript no types for `require`: its ESM types, imported as such.
type GraphQLRequest = typeof import("graphql-request", { with: { "resolution-mode": "import" } });
const { ClientError, GraphQLClient, request }: GraphQLRequest = require("graphql-request");
type ClientError = InstanceType<GraphQLRequest["ClientError"]>;

/**
 * The clients people use, unmodified, against the real service over a real seeded database:
 * Apollo Client (InMemoryCache, relayStylePagination, GraphQLWsLink), urql with its defaults,
 * graphql-request, plain fetch, a small Relay app compiled by relay-compiler and run by
 * relay-runtime, and the GraphQL-over-HTTP audit of graphql-http. One server for all of them.
 */
const fixture = useSeededServer();
let url: string;
let wsUrl: string;
let token: string;
let relay: RelayArtifacts;
const ids: { [name: string]: string } = {};
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  url = fixture.server.url;
  wsUrl = url.replace(/^http/, "ws");
  token = await createToken(fixture.database.db, "clients-editor", Role.EDITOR);
  const [{ data, errors }, artifacts] = await Promise.all([
    fixture.server.gql(`{
      kirby: people(filter: { name: "kirby" }) { nodes { id } }
      austin: people(filter: { name: "austin" }) { nodes { id } }
      nsc: organizations(filter: { name: "national security council" }) { nodes { id } }
    }`),
    compileRelayApp(),
  ]);
  expect(errors).toBeUndefined();
  for (const [name, list] of Object.entries(data as { [name: string]: { nodes: { id: string }[] } })) ids[name] = list.nodes[0].id;
  const quotes = await fixture.server.gql(`query ($id: ID!) { statements(first: 1, filter: { speakerId: $id, kind: [DIRECT_QUOTE] }) { nodes { id } } }`, { id: ids.kirby });
  ids.kirbyQuote = quotes.data.statements.nodes[0].id;
  relay = artifacts;
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await relay?.remove();
});

async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What the server itself says (plain POST), to compare a client's view with. */
async function truth<T = any>(query: string, variables?: object): Promise<T> {
  const { data, errors } = await fixture.server.gql(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

/** Kirby's statements, oldest first, as the server lists them. */
async function kirbyStatementIds(): Promise<string[]> {
  const data = await truth(`query ($id: ID!) { person(id: $id) { statements(first: 100, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id } } } }`, { id: ids.kirby });
  return data.person.statements.nodes.map((node: { id: string }) => node.id);
}

describe("plain fetch", () => {
  it("POSTs application/json and gets data", async () => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `query ($id: ID!) { person(id: $id) { name } }`, variables: { id: ids.kirby } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await response.json()).toEqual({ data: { person: { name: "John Kirby" } } });
  });
});

describe("graphql-request (its default client)", () => {
  it("queries with variables, and throws a ClientError carrying the GraphQL errors", async () => {
    const data = await request<{ person: { name: string } }>(url, `query ($id: ID!) { person(id: $id) { name } }`, { id: ids.kirby });
    expect(data).toEqual({ person: { name: "John Kirby" } });

    const client = new GraphQLClient(url);
    const refusal = await client.request(`query ($id: ID!) { event(id: $id) { id } }`, { id: ids.kirby }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ClientError);
    expect((refusal as ClientError).response.errors?.[0]).toMatchObject({ path: ["event"], extensions: { code: "BAD_USER_INPUT" } });
  });

  it("sends a mutation with a bearer token", async () => {
    const client = new GraphQLClient(url, { headers: { authorization: `Bearer ${token}` } });
    const { createPerson } = await client.request<{ createPerson: { id: string; name: string } }>(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id name } }`,
      { input: { name: "Graphql Request" } },
    );
    expect(createPerson.name).toBe("Graphql Request");
    await client.request(`mutation ($id: ID!) { deletePerson(input: { id: $id }) { deletedId } }`, { id: createPerson.id });
  });
});

describe("urql (@urql/core with its default exchanges and options)", () => {
  it("gets data for a short query, which urql sends as a GET without any preflight header", async () => {
    // Records what urql sends, and passes it on to the global fetch unchanged.
    const sent: { method: string; headers: Record<string, string> }[] = [];
    const client = createUrqlClient({
      url,
      exchanges: [cacheExchange, fetchExchange],
      fetch: (input, init) => {
        sent.push({ method: init?.method ?? "GET", headers: Object.fromEntries(new Headers(init?.headers).entries()) });
        return fetch(input, init);
      },
    });
    const query = `query Person($id: ID!) { person(id: $id) { id name } }`;
    const result = await client.query(query, { id: ids.kirby }).toPromise();
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe("GET");
    expect(sent[0].headers).not.toHaveProperty("content-type");
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ person: { __typename: "Person", id: ids.kirby, name: "John Kirby" } });

    // Its document cache answers the same query again without a request.
    const again = await client.query(query, { id: ids.kirby }).toPromise();
    expect(again.data).toEqual(result.data);
    expect(sent).toHaveLength(1);
  });
});

describe("Apollo Client (InMemoryCache)", () => {
  function apollo(options: { token?: string; cache?: ConstructorParameters<typeof InMemoryCache>[0] } = {}) {
    const http = new HttpLink({ uri: url, headers: options.token ? { authorization: `Bearer ${options.token}` } : {} });
    const ws: WsClient = createWsClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const isSubscription = ({ query }: ApolloLink.Operation) =>
      query.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && (definition as OperationDefinitionNode).operation === OperationTypeNode.SUBSCRIPTION);
    const client = new ApolloClient({ link: ApolloLink.split(isSubscription, new GraphQLWsLink(ws), http), cache: new InMemoryCache(options.cache) });
    cleanups.push(() => client.stop(), () => ws.dispose());
    return { client, ws };
  }

  interface Person {
    __typename: "Person";
    id: string;
    name: string;
    description: string | null;
  }
  const STATEMENT: TypedDocumentNode<{ statement: { id: string; text: string; speaker: Person } }, { id: string }> = gql`
    query Statement($id: ID!) {
      statement(id: $id) { id text speaker { id name description } }
    }
  `;
  const PERSON: TypedDocumentNode<{ person: Person }, { id: string }> = gql`
    query Person($id: ID!) {
      person(id: $id) { id name description }
    }
  `;

  it("normalizes one person reached by several paths into one cache entry: writing one path shows in the other", async () => {
    const { client } = apollo({
      // person(id:) is the Person of that id: read from the cache without asking the server.
      cache: { typePolicies: { Query: { fields: { person: { read: (_, { args, toReference }) => toReference({ __typename: "Person", id: args?.id }) } } } } },
    });
    const { data: viaStatement } = await client.query({ query: STATEMENT, variables: { id: ids.kirbyQuote } });
    expect(viaStatement?.statement.speaker).toMatchObject({ __typename: "Person", id: ids.kirby, name: "John Kirby" });

    const { data: viaPerson } = await client.query({ query: PERSON, variables: { id: ids.kirby }, fetchPolicy: "cache-only" });
    expect(viaPerson?.person).toEqual(viaStatement?.statement.speaker);

    const entries = client.cache.extract() as Record<string, any>;
    const key = client.cache.identify({ __typename: "Person", id: ids.kirby });
    expect(key).toBe(`Person:${ids.kirby}`);
    expect(Object.keys(entries).filter((name) => name.startsWith("Person:"))).toEqual([key]);
    expect(entries[`Statement:${ids.kirbyQuote}`].speaker).toEqual({ __ref: key });

    client.cache.writeFragment({ id: key, fragment: gql`fragment Renamed on Person { name }`, data: { __typename: "Person", name: "Admiral John Kirby" } });
    expect(client.readQuery({ query: STATEMENT, variables: { id: ids.kirbyQuote } })?.statement.speaker.name).toBe("Admiral John Kirby");
    expect(client.readQuery({ query: PERSON, variables: { id: ids.kirby } })?.person.name).toBe("Admiral John Kirby");
  });

  it("updates every cached query through a mutation's result, without refetching", async () => {
    const { client } = apollo({ token });
    const watched: (string | undefined)[] = [];
    const observable = client.watchQuery({ query: STATEMENT, variables: { id: ids.kirbyQuote } });
    const subscription = observable.subscribe((result) => watched.push((result.data as any)?.statement?.speaker?.description));
    cleanups.push(() => subscription.unsubscribe());
    await until(() => watched.some((description) => description !== undefined), "the first result");
    const before = watched[watched.length - 1];
    const { data: viaPerson } = await client.query({ query: PERSON, variables: { id: ids.kirby } });
    expect(viaPerson?.person.description).toBe(before);

    const description = `Updated through Apollo Client at ${Date.now()}`;
    try {
      const { data } = await client.mutate({
        mutation: gql`mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { id description } }`,
        variables: { input: { id: ids.kirby, description } },
      });
      expect(data).toEqual({ updatePerson: { __typename: "Person", id: ids.kirby, description } });
      await until(() => watched[watched.length - 1] === description, "the watched statement query to see the new description");
      expect(client.readQuery({ query: PERSON, variables: { id: ids.kirby } })?.person.description).toBe(description);
      expect(client.readQuery({ query: STATEMENT, variables: { id: ids.kirbyQuote } })?.statement.speaker.description).toBe(description);
    } finally {
      await client.mutate({
        mutation: gql`mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { id description } }`,
        variables: { input: { id: ids.kirby, description: before } },
      });
    }
  });

  it("pages with relayStylePagination and fetchMore (first/after), merging the edges in order", async () => {
    const { client } = apollo({ cache: { typePolicies: { Query: { fields: { statements: relayStylePagination(["filter", "orderBy"]) } } } } });
    const PAGE: TypedDocumentNode<{ statements: any }, { first: number; after?: string }> = gql`
      query Page($first: Int!, $after: String) {
        statements(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id text } }
        }
      }
    `;
    const all: string[] = (await truth(`{ statements(first: 100, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id } } }`)).statements.nodes.map((node: { id: string }) => node.id);
    expect(all.length).toBeGreaterThan(8);

    const results: any[] = [];
    const observable = client.watchQuery({ query: PAGE, variables: { first: 4 } });
    const subscription = observable.subscribe((result) => results.push(result.data));
    cleanups.push(() => subscription.unsubscribe());
    await until(() => results.some(Boolean), "the first page");
    let page = results[results.length - 1].statements;
    expect(page.edges.map((edge: any) => edge.node.id)).toEqual(all.slice(0, 4));

    let fetches = 1;
    while (page.pageInfo.hasNextPage) {
      if (fetches > all.length) throw new Error(`fetchMore does not advance: ${JSON.stringify(page.pageInfo)}`);
      const more = await observable.fetchMore({ variables: { after: page.pageInfo.endCursor } });
      expect((more.data as any).statements.edges.map((edge: any) => edge.node.id)).toEqual(all.slice(fetches * 4, fetches * 4 + 4));
      fetches += 1;
      // The merged list reaches the watcher in the cache's next broadcast.
      const merged = Math.min(fetches * 4, all.length);
      await until(() => results[results.length - 1].statements.edges.length === merged, `${merged} merged edges`);
      page = results[results.length - 1].statements;
    }
    expect(fetches).toBe(Math.ceil(all.length / 4));
    expect(page.edges.map((edge: any) => edge.node.id)).toEqual(all);
    expect(page.totalCount).toBe(all.length);
    // The cache holds one merged list (first/after are not key arguments).
    expect(client.readQuery({ query: PAGE, variables: { first: 4 } })?.statements.edges.map((edge: any) => edge.node.id)).toEqual(all);
  });

  it("receives statementAdded over GraphQLWsLink after a createStatement mutation", async () => {
    const { client, ws } = apollo({ token });
    const connected = new Promise<void>((resolve) => ws.on("connected", () => resolve()));
    const received: any[] = [];
    const errors: unknown[] = [];
    const subscription = client
      .subscribe({ query: gql`subscription ($speakerId: ID) { statementAdded(filter: { speakerId: $speakerId }) { id text speaker { id name } } }`, variables: { speakerId: ids.kirby } })
      .subscribe({ next: (result) => (result.error ? errors.push(result.error) : received.push(result.data)), error: (error) => errors.push(error) });
    cleanups.push(() => subscription.unsubscribe());
    await connected;
    // Lets the subscribe message reach the server before anything is written.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const { data } = await client.mutate({
      mutation: gql`mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id text } }`,
      variables: { input: { text: "Said through Apollo Client.", kind: "PARAPHRASE", speakerId: ids.kirby, organizationId: ids.nsc } },
    });
    const created = (data as any).createStatement;
    await until(() => received.length + errors.length > 0, "the statementAdded event");
    expect(errors).toEqual([]);
    expect(received).toEqual([
      { statementAdded: { __typename: "Statement", id: created.id, text: "Said through Apollo Client.", speaker: { __typename: "Person", id: ids.kirby, name: "John Kirby" } } },
    ]);
  });
});

describe("Relay (relay-compiler artifacts run by relay-runtime)", () => {
  it("refetches a fragment on a Node type through Query.node, and a mutation updates the normalized record", async () => {
    const client = createRelayClient(url, token);
    cleanups.push(() => client.dispose());
    const PersonCard = relay.load<ReaderFragment>("PersonCard_person");
    const data = await client.query(relay.load("PersonCardQuery"), { id: ids.austin });
    const card = () => client.read(PersonCard, data.person);
    const original = card();
    expect(original).toMatchObject({ id: ids.austin, name: "Lloyd Austin" });

    const rename = async (name: string) => {
      const { errors } = await gqlAs(url, token, `mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`, { input: { id: ids.austin, name } });
      expect(errors).toBeUndefined();
    };
    try {
      // Renamed behind Relay's back: the store still has the old name until Relay refetches.
      await rename("Lloyd J. Austin III");
      expect(card().name).toBe("Lloyd Austin");

      const refetched = await client.query(relay.load("PersonCardRefetchQuery"), { id: ids.austin });
      expect(client.sent[client.sent.length - 1].text).toMatch(/node\(id: \$id\)/);
      expect(client.read(PersonCard, refetched.node)).toEqual({ ...original, name: "Lloyd J. Austin III" });
      // One record: the first query's fragment sees the refetched name.
      expect(card().name).toBe("Lloyd J. Austin III");

      const renamed = await client.mutate(relay.load("PersonCardRenameMutation"), { input: { id: ids.austin, name: "Lloyd Austin" } });
      expect(client.read(PersonCard, renamed.updatePerson).name).toBe("Lloyd Austin");
      expect(card()).toEqual(original);
    } finally {
      await rename("Lloyd Austin");
    }
  });

  it("paginates an @connection forward (first/after) and backward (last/before)", async () => {
    const StatementList = relay.load<ReaderFragment>("StatementList_person");
    const PersonCard = relay.load<ReaderFragment>("PersonCard_person");
    const Pagination = relay.load("StatementListPaginationQuery");
    const all = await kirbyStatementIds();
    expect(all.length).toBeGreaterThan(4);

    // Forward, two at a time, as usePaginationFragment's loadNext does: the refetch query with after = endCursor.
    const forward = createRelayClient(url);
    cleanups.push(() => forward.dispose());
    const first = await forward.query(relay.load("StatementListForwardQuery"), { id: ids.kirby, first: 2 });
    const list = () => forward.read(StatementList, first.person).statements;
    expect(list().edges.map((edge: any) => edge.node.id)).toEqual(all.slice(0, 2));
    expect(list().pageInfo).toMatchObject({ hasNextPage: true });
    while (list().pageInfo.hasNextPage) {
      await forward.query(Pagination, { id: ids.kirby, first: 2, after: list().pageInfo.endCursor, last: null, before: null });
    }
    expect(list().edges.map((edge: any) => edge.node.id)).toEqual(all);
    expect(list().totalCount).toBe(all.length);
    expect(forward.sent.filter((sent) => sent.name === "StatementListPaginationQuery")).toHaveLength(Math.ceil(all.length / 2) - 1);
    // Each speaker is the one normalized Person record.
    expect(new Set(list().edges.map((edge: any) => forward.read(PersonCard, edge.node.speaker).name))).toEqual(new Set(["John Kirby"]));

    // Backward from the end, as loadPrevious does: last/before = startCursor, each page prepended.
    const backward = createRelayClient(url);
    cleanups.push(() => backward.dispose());
    const last = await backward.query(relay.load("StatementListBackwardQuery"), { id: ids.kirby, last: 2 });
    const backList = () => backward.read(StatementList, last.person).statements;
    expect(backList().edges.map((edge: any) => edge.node.id)).toEqual(all.slice(-2));
    expect(backList().pageInfo).toMatchObject({ hasPreviousPage: true });
    while (backList().pageInfo.hasPreviousPage) {
      await backward.query(Pagination, { id: ids.kirby, last: 2, before: backList().pageInfo.startCursor, first: null, after: null });
    }
    expect(backList().edges.map((edge: any) => edge.node.id)).toEqual(all);
  });
});

describe("the GraphQL-over-HTTP audit (graphql-http serverAudits)", () => {
  it("passes every MUST audit", async () => {
    const results: (AuditResult & { name: string })[] = [];
    for (const audit of serverAudits({ url, fetchFn: fetch })) results.push({ ...(await audit.fn()), name: audit.name });
    const describe = (result: AuditResult & { name: string }) =>
      `${result.name}: ${"reason" in result ? result.reason : ""}${"response" in result && result.response ? ` (HTTP ${result.response.status})` : ""}`;
    const warnings = results.filter((result) => result.status === "warn");
    if (warnings.length) console.warn(`graphql-http audit: ${warnings.length} of ${results.length} SHOULD/MAY audits not met:\n${warnings.map(describe).join("\n")}`);
    expect(results.filter((result) => result.status === "error").map(describe)).toEqual([]);
    expect(results.length).toBeGreaterThan(20);
  });
});
