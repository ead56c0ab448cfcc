/**
 * A generated corpus of hostile HTTP requests for test/hostile-input.test.ts: malformed documents,
 * wrong variable types, huge and deeply nested inputs, unknown enum values, bad bytes, bad bodies,
 * bad content types, bad page sizes, cursors and ids, for queries and for mutations (with a valid
 * editor token and without one). Every random choice comes from one seeded generator, so a seed
 * gives the same corpus every time and a failure can be replayed.
 *
 * Each case says what may come back: errors only (the default), or possibly data too (`mayAnswer`:
 * a random mutation may leave a document valid). Mutation cases are built so that none can succeed
 * (they carry a defect no small mutation can repair), so the stored data must not change at all.
 */
// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small, fast, seeded 32-bit generator; the same seed gives the same corpus. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  string(length: number, alphabet: readonly string[]): string {
    let text = "";
    for (let i = 0; i < length; i++) text += this.pick(alphabet);
    return text;
  }

  bytes(length: number): Buffer {
    const bytes = Buffer.alloc(length);
    for (let i = 0; i < length; i++) bytes[i] = this.int(0, 255);
    return bytes;
  }

  /** A UUID made from this generator (for ids of nothing). */
  uuid(): string {
    const hex = this.string(32, [..."0123456789abcdef"]);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface HostileCase {
  /** "#42 wrong-variable-type: Int given \"10\"", printed on failure. */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Appended to the GraphQL URL, e.g. "?query=..." (GET). */
  search?: string;
  headers: Record<string, string>;
  /** A string is sent as UTF-8; a Buffer byte for byte (fetch adds no content type for bytes). */
  body?: string | Buffer;
  /** Data (without errors) is an acceptable answer too. */
  mayAnswer?: boolean;
  /** HTTP statuses allowed besides 200 and 400. */
  alsoAllowed?: number[];
  /** Sent with the valid editor token: a refusal must be about the input, never about the token. */
  asEditor?: boolean;
}

/** What the corpus needs from the running service: a token and real objects to point at. */
export interface CorpusContext {
  editorToken: string;
  /** A real global id of each type: Person, Organization, Event, Statement, Place, Article, Affiliation. */
  ids: Record<"Person" | "Organization" | "Event" | "Statement" | "Place" | "Article" | "Affiliation", string>;
  /** A person who has statements, and an article statements cite (deleting either is refused). */
  personWithStatements: string;
  citedArticle: string;
  /** Real cursors: of `events` (default order), `statements`, `people` by NAME, and of `search`. */
  cursors: { events: string; statements: string; peopleByName: string; search: string };
}

export const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/** Invalid UTF-8: a lone continuation byte, overlong forms, an encoded surrogate, beyond U+10FFFF, a cut sequence. */
const INVALID_UTF8 = [[0xff], [0xfe], [0x80], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]];

/** Characters random mutations draw from: GraphQL punctuation, quotes, escapes, controls, NUL, odd Unicode. */
const MUTATION_CHARACTERS = [
  ..."{}()[]:!$@.=|&\"'\\#,-_ \t\n\r0123456789abcxyzXYZ",
  "...", "\u0000", "\u0001", "\u001f", "\u007f", "\u00e9", "\u200b", "\ufeff", "\uffff", "\ud800", "\udfff", "\ud83d\ude00", "\u2028",
];

const PRINTABLE = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:!?'\"()[]{}<>/\\|&*%$#@^~`+="];
const UNICODE = [..."aé漢字🙂ßØ", "\u0301", "\u200d", "\ud83c\udff3", "\u202e", "\ufffd", " ", "\u00a0"];

/** Strings that must never change a query's meaning: SQL and LIKE fragments, JSON, markup. */
const INJECTIONS = [
  "' OR '1'='1", "'; DROP TABLE people; --", "\" OR \"\"=\"", "%", "_", "\\", "%_%", "$1", "::text", "/* */", "\\x00",
  "{\"$gt\": \"\"}", "<script>alert(1)</script>", "${7*7}", "{{7*7}}", "../../etc/passwd", "ngt_", "\u202egnp.exe",
];

const QUERIES = [
  `{ events(first: 5) { totalCount nodes { title kind status startDate participants { role organization { name } } statements(first: 3) { nodes { text speaker { name } } } } } }`,
  `{ people(filter: { name: "kirby" }) { nodes { name statements(filter: { kind: [DIRECT_QUOTE] }) { totalCount nodes { text event { title } } } } } }`,
  `{ statements(first: 5, orderBy: { field: STATED_ON, direction: DESC }) { pageInfo { hasNextPage endCursor } edges { cursor node { id text } } } }`,
  `{ search(query: "\\"legitimate targets\\" -russia", first: 5) { totalCount nodes { rank snippet node { __typename } } } }`,
  `{ organizations(filter: { kind: [STATE] }, orderBy: { field: NAME, direction: ASC }) { nodes { name shortName members { nodes { role person { name } } } } } }`,
  `{ places(first: 10) { nodes { name countryCode latitude longitude } } articles { nodes { title url statements { totalCount } } } }`,
  `fragment P on Person { name aliases } query Named { people(first: 3, orderBy: { field: NAME }) { nodes { ...P affiliations { role } } } }`,
  `{ events(filter: { kind: [MILITARY_DEPLOYMENT], date: { from: "2024-01-01" } }) { nodes { title places { role place { name } } sources { title } } } }`,
];

export function hostileCorpus(context: CorpusContext, seed: number): HostileCase[] {
  const random = new Random(seed);
  const cases: HostileCase[] = [];
  const { editorToken, ids, cursors } = context;
  const nothing = (type: string) => toGlobalId(type, random.uuid());

  // --- request builders ---------------------------------------------------------------------
  const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  function add(kind: string, request: Omit<HostileCase, "name" | "method" | "headers"> & Partial<Pick<HostileCase, "method" | "headers">>, what: string): void {
    const name = `#${cases.length} ${kind}: ${what.length > 140 ? `${what.slice(0, 140)}…` : what}`;
    cases.push({ method: "POST", headers: {}, ...request, name });
  }
  /** A JSON POST of a GraphQL request, optionally with the editor token. */
  function post(kind: string, what: string, payload: { query: string; variables?: unknown; operationName?: string }, options: { editor?: boolean; mayAnswer?: boolean; alsoAllowed?: number[] } = {}): void {
    add(kind, {
      headers: { "content-type": "application/json", ...bearer(options.editor ? editorToken : undefined) },
      body: JSON.stringify(payload),
      mayAnswer: options.mayAnswer,
      alsoAllowed: options.alsoAllowed,
      asEditor: options.editor,
    }, what);
  }
  /** A mutation, once with the editor token and once without. */
  function mutation(kind: string, what: string, payload: { query: string; variables?: unknown }, options: { mayAnswer?: boolean; alsoAllowed?: number[] } = {}): void {
    post(kind, `${what} (editor)`, payload, { ...options, editor: true });
    post(kind, `${what} (no token)`, payload, options);
  }

  // Mutations that fail whatever a small mutation does to them: each names ids of nothing.
  const SAFE_MUTATIONS = [
    `mutation { deletePlace(input: { id: "${nothing("Place")}" }) { deletedId } }`,
    `mutation { updatePerson(input: { id: "${nothing("Person")}", name: "Renamed" }) { id name } }`,
    `mutation { createAffiliation(input: { personId: "${nothing("Person")}", organizationId: "${nothing("Organization")}", role: "Spokesperson" }) { id } }`,
    `mutation { createStatement(input: { text: "Words", kind: PARAPHRASE, speakerId: "${nothing("Person")}" }) { id } }`,
    `mutation { deleteEvent(input: { id: "${nothing("Event")}", statements: DETACH }) { deletedId } }`,
    `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, participants: [{ organizationId: "${nothing("Organization")}", role: ACTOR }] }) { id } }`,
    `mutation { updateStatement(input: { id: "${nothing("Statement")}", text: "Other words", kind: PARAPHRASE }) { id } }`,
  ];
  // A mutation that would succeed: only ever sent where the request itself must be refused.
  const VALID_CREATE = `mutation { createPerson(input: { name: "Hostile Should Not Exist", aliases: ["nope"] }) { id } }`;

  /** The string with 1–5 random edits: replaced, inserted or deleted characters. */
  function mutate(text: string): string {
    let result = text;
    for (let edits = random.int(1, 5); edits > 0; edits--) {
      const at = random.int(0, Math.max(0, result.length - 1));
      const operation = random.int(0, 2);
      if (operation === 0) result = result.slice(0, at) + random.pick(MUTATION_CHARACTERS) + result.slice(at + 1);
      else if (operation === 1) result = result.slice(0, at) + random.pick(MUTATION_CHARACTERS) + result.slice(at);
      else result = result.slice(0, at) + result.slice(at + 1);
    }
    return result;
  }

  /** The bytes with 1–6 random byte edits. */
  function mutateBytes(bytes: Buffer): Buffer {
    let result = Buffer.from(bytes);
    for (let edits = random.int(1, 6); edits > 0; edits--) {
      const at = random.int(0, Math.max(0, result.length - 1));
      const operation = random.int(0, 2);
      if (operation === 0) result[at] = random.int(0, 255);
      else if (operation === 1) result = Buffer.concat([result.subarray(0, at), random.bytes(random.int(1, 3)), result.subarray(at)]);
      else result = Buffer.concat([result.subarray(0, at), result.subarray(at + 1)]);
    }
    return result;
  }

  // --- 1. malformed documents ---------------------------------------------------------------
  for (const query of [...QUERIES, ...SAFE_MUTATIONS]) {
    const isMutation = query.startsWith("mutation");
    for (let n = 0; n < 8; n++) {
      // Truncated anywhere before its final brace: never a complete document.
      const truncated = query.slice(0, random.int(0, query.length - 1));
      if (isMutation) mutation("truncated", JSON.stringify(truncated), { query: truncated });
      else post("truncated", JSON.stringify(truncated), { query: truncated });
    }
    for (let n = 0; n < 14; n++) {
      const garbled = mutate(query);
      if (isMutation) mutation("garbled", JSON.stringify(garbled), { query: garbled }, { mayAnswer: true });
      else post("garbled", JSON.stringify(garbled), { query: garbled }, { mayAnswer: true });
    }
    for (let n = 0; n < 6; n++) {
      // Byte edits of the whole body: broken JSON, broken UTF-8, or a changed request.
      const body = mutateBytes(Buffer.from(JSON.stringify({ query }), "utf8"));
      add("garbled-bytes", { headers: { "content-type": "application/json", ...bearer(isMutation ? editorToken : undefined) }, body, mayAnswer: true, asEditor: isMutation }, body.toString("latin1"));
    }
  }
  const SOUP = ["{", "}", "(", ")", "[", "]", ":", "$", "!", "...", "@include", "@skip", "query", "mutation", "subscription", "fragment", "on", "events", "people", "nodes", "id", "name", "first", "1", "-1", "1.5e3", "\"x\"", "\"\"\"block\"\"\"", "true", "null", "=", "|", "&", ",", "__schema", "__typename"];
  for (let n = 0; n < 60; n++) {
    const tokens = Array.from({ length: random.int(1, 80) }, () => random.pick(SOUP));
    const opens = tokens.filter((token) => token === "{").length;
    const closes = tokens.filter((token) => token === "}").length;
    if (opens === closes) tokens.push(random.pick(["{", "}"])); // unbalanced braces: never a document
    post("unbalanced", tokens.join(" "), { query: tokens.join(" ") });
  }
  for (const depth of [100, 1_000, 50_000, 500_000]) {
    const open = `{ events { nodes { ${"parent { ".repeat(depth)}id`;
    post("deep-document", `${depth} nested selections`, { query: `${open} ${"} ".repeat(depth)}} } }` });
    post("deep-document", `${depth} opening braces`, { query: "{".repeat(depth) });
  }
  for (const length of [10_000, 200_000, 2_000_000]) {
    const name = "n".repeat(length);
    post("long-name", `field name of ${length}`, { query: `{ ${name} }` });
    post("long-name", `operation name of ${length}`, { query: `query ${name} { people { totalCount } } query Other { people { totalCount } }` });
    post("long-name", `alias of ${length} on an unknown field`, { query: `{ ${name}: peoplez { totalCount } }` });
    post("long-name", `variable of ${length}, undefined`, { query: `{ people(first: $${name}) { totalCount } }` });
    post("long-name", `operationName of ${length} matching nothing`, { query: `query A { people { totalCount } }`, operationName: name });
    post("long-name", `argument of ${length}`, { query: `{ people(${name}: 1) { totalCount } }` });
    post("long-name", `directive of ${length}`, { query: `{ people @${name} { totalCount } }` });
    mutation("long-name", `mutation field of ${length}`, { query: `mutation { ${name}(input: { id: "x" }) { id } }` });
  }
  for (const length of [100_000, 3_000_000]) {
    post("huge-document", `${length} characters of garbage`, { query: random.string(Math.min(length, 5_000), PRINTABLE).repeat(Math.ceil(length / 5_000)) });
    post("huge-document", `a search literal of ${length}`, { query: `{ search(query: "${"a".repeat(length)}") { totalCount } }` });
    post("huge-document", `${length / 10} __typename fields`, { query: `{ ${"__typename ".repeat(length / 10)}}` });
  }
  post("empty-document", "empty query", { query: "" });
  post("empty-document", "only whitespace and commas", { query: " \n\t,,, " });
  post("empty-document", "only a comment", { query: "# nothing here" });
  post("operations", "two anonymous operations", { query: "{ people { totalCount } } { events { totalCount } }" });
  post("operations", "two named operations, no operationName", { query: "query A { people { totalCount } } query B { events { totalCount } }" });
  post("operations", "a subscription over HTTP", { query: "subscription { statementAdded { text } }" });
  post("operations", "introspection (off in production)", { query: "{ __schema { types { name } } }" });
  post("operations", "__type introspection (off in production)", { query: `{ __type(name: "Person") { fields { name } } }` });
  post("operations", "undefined fragment", { query: "{ people { nodes { ...Missing } } }" });
  post("operations", "fragment cycle", { query: "fragment A on Person { ...B } fragment B on Person { ...A } { people { nodes { ...A } } }" });
  post("operations", "16 aliases", { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: people { totalCount }`).join(" ")} }` });
  post("operations", "51 directives", { query: `{ __typename ${"@include(if: true) ".repeat(51)}}` });

  // --- 2. wrong variable types ----------------------------------------------------------------
  const WRONG: Record<string, unknown[]> = {
    Int: ["10", "ten", 1.5, 2147483648, -2147483649, 1e100, 9007199254740993, true, {}, [], [1], { n: 1 }],
    "ID!": [null, {}, [], ["a"], true, 1.5, { id: "x" }, [[ids.Person]]],
    "String!": [null, 5, true, {}, [], ["a"], 1.5],
    String: [5, true, {}, [], ["a"], -0.0001],
    "Boolean!": ["true", 1, 0, null, {}, [], "yes"],
    Date: [20241023, {}, [], true, "yesterday", "2024-02-30", "2024-13-01", "0000-00-00", "24-10-23", "2024/10/23", "2024-10-23T00:00:00Z"],
    EnumList: [["quote"], ["DIRECT_QUOTE", 5], [null], "NOPE", 5, {}, [["DIRECT_QUOTE"]], ["direct_quote"], [true]],
    Order: ["STATED_ON", { field: "NOPE" }, { field: "START_DATE", direction: "SIDEWAYS" }, { field: null }, [], {}, { field: "START_DATE", extra: 1 }, { direction: "ASC" }],
    Filter: ["x", 5, [], [{ text: "a" }], { unknown: 1 }, { kind: "NOPE" }, { speakerId: {} }, { statedOn: "2024" }, { statedOn: { from: 5 } }, { text: ["a"] }, true],
  };
  const VARIABLE_TARGETS: { query: string; variable: string; kind: keyof typeof WRONG }[] = [
    { query: `query($n: Int) { events(first: $n) { totalCount } }`, variable: "n", kind: "Int" },
    { query: `query($n: Int) { statements(last: $n) { totalCount } }`, variable: "n", kind: "Int" },
    { query: `query($n: Int) { search(query: "troops", first: $n) { totalCount } }`, variable: "n", kind: "Int" },
    { query: `query($id: ID!) { person(id: $id) { name } }`, variable: "id", kind: "ID!" },
    { query: `query($id: ID!) { node(id: $id) { id } }`, variable: "id", kind: "ID!" },
    { query: `query($q: String!) { search(query: $q) { totalCount } }`, variable: "q", kind: "String!" },
    { query: `query($a: String) { events(after: $a) { totalCount } }`, variable: "a", kind: "String" },
    { query: `query($b: Boolean!) { people @include(if: $b) { totalCount } }`, variable: "b", kind: "Boolean!" },
    { query: `query($d: Date) { statements(filter: { statedOn: { from: $d } }) { totalCount } }`, variable: "d", kind: "Date" },
    { query: `query($k: [StatementKind!]) { statements(filter: { kind: $k }) { totalCount } }`, variable: "k", kind: "EnumList" },
    { query: `query($o: EventOrder) { events(orderBy: $o) { totalCount } }`, variable: "o", kind: "Order" },
    { query: `query($f: StatementFilter) { statements(filter: $f) { totalCount } }`, variable: "f", kind: "Filter" },
  ];
  for (const { query, variable, kind } of VARIABLE_TARGETS) {
    for (const value of WRONG[kind]) post("wrong-variable-type", `${kind} given ${JSON.stringify(value)} in ${query}`, { query, variables: { [variable]: value } });
  }
  for (const { query } of VARIABLE_TARGETS.filter((target) => target.kind.endsWith("!"))) {
    post("wrong-variable-type", `required variable missing in ${query}`, { query, variables: {} });
  }
  post("wrong-variable-type", "undeclared variable used", { query: `{ events(first: $n) { totalCount } }`, variables: { n: 1 } });
  post("wrong-variable-type", "variable declared with an unknown type", { query: `query($n: Integer) { events(first: $n) { totalCount } }`, variables: { n: 1 } });
  post("wrong-variable-type", "variable of an input type used as a scalar", { query: `query($n: StatementFilter) { events(first: $n) { totalCount } }`, variables: { n: {} } });

  const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
  const wrongPersonInputs: unknown[] = [
    null, "x", [], 5, true, {}, { name: 5 }, { name: null }, { name: ["a"] }, { name: {} }, { name: true },
    { name: "Valid Name", unknownField: 1 }, { name: "Valid Name", aliases: [5] }, { name: "Valid Name", aliases: [null] },
    { name: "Valid Name", aliases: 5 }, { name: "Valid Name", aliases: [["nested"]] }, { name: "Valid Name", wikidataId: 42 },
    { name: "Valid Name", description: { text: "x" } }, { name: "Valid Name", id: ids.Person },
    [{ name: "Valid Name" }], { input: { name: "Valid Name" } },
  ];
  for (const input of wrongPersonInputs) mutation("wrong-variable-type", `CreatePersonInput given ${JSON.stringify(input)}`, { query: CREATE_PERSON, variables: { input } });
  const CREATE_STATEMENT = `mutation($input: CreateStatementInput!) { createStatement(input: $input) { id } }`;
  const validStatement = { text: "Words said", kind: "PARAPHRASE", speakerId: ids.Person };
  for (const [field, value] of [
    ["kind", "paraphrase"], ["kind", 1], ["kind", ["PARAPHRASE"]], ["speakerId", {}], ["speakerId", [ids.Person, ids.Person]], ["speakerId", true],
    ["sourceSpan", { start: "0", end: 5 }], ["sourceSpan", { start: 0, end: 2147483648 }], ["sourceSpan", { start: 1.5, end: 3 }], ["sourceSpan", [0, 5]],
    ["sourceSpan", { start: 0 }], ["statedOn", 20241023], ["statedOn", "2024-02-30"], ["text", null], ["text", ["Words"]], ["text", 42],
  ] as const) {
    mutation("wrong-variable-type", `CreateStatementInput.${field} given ${JSON.stringify(value)}`, { query: CREATE_STATEMENT, variables: { input: { ...validStatement, [field]: value } } });
  }
  const CREATE_PLACE = `mutation($input: CreatePlaceInput!) { createPlace(input: $input) { id } }`;
  for (const [latitude, longitude] of [[91, 0], [-90.0001, 0], [0, 180.5], [0, -1e308], [1e308, 1e308], ["45", 10], [45, null], [null, 10], [[45], 10], [{}, 10]] as const) {
    mutation("wrong-variable-type", `CreatePlaceInput at ${JSON.stringify([latitude, longitude])}`, { query: CREATE_PLACE, variables: { input: { name: "Hostile Place", latitude, longitude } } });
  }

  // --- 3. huge strings, beyond the limits ---------------------------------------------------------
  /** `length` characters (code points, as the limits count them), plain or of mixed scripts and emoji. */
  const big = (length: number) => {
    if (random.chance(0.5)) return "x".repeat(length);
    const block = Array.from({ length: 1_000 }, () => random.pick(UNICODE));
    return block.join("").repeat(Math.floor(length / 1_000)) + block.slice(0, length % 1_000).join("");
  };
  // Millions of characters of mixed scripts may pass 8,000,000 bytes: a 413 refuses them as well.
  const huge = (what: string, payload: { query: string; variables: unknown }) => post("huge-string", what, payload, { alsoAllowed: [413] });
  for (const length of [501, 5_000, 600_000, 3_000_000]) {
    huge(`search query of ${length}`, { query: `query($q: String!) { search(query: $q) { totalCount } }`, variables: { q: big(length) } });
    huge(`statements text filter of ${length}`, { query: `query($t: String) { statements(filter: { text: $t }) { totalCount } }`, variables: { t: big(length) } });
    huge(`events text filter of ${length}`, { query: `query($t: String) { events(filter: { text: $t }) { totalCount } }`, variables: { t: big(length) } });
    huge(`people name filter of ${length}`, { query: `query($t: String) { people(filter: { name: $t }) { totalCount } }`, variables: { t: big(length) } });
    huge(`places name filter of ${length}`, { query: `query($t: String) { places(filter: { name: $t }) { totalCount } }`, variables: { t: big(length) } });
    huge(`organizations name filter of ${length}`, { query: `query($t: String) { organizations(filter: { name: $t }) { totalCount } }`, variables: { t: big(length) } });
    huge(`an id of ${length}`, { query: `query($id: ID!) { person(id: $id) { name } }`, variables: { id: big(length) } });
    huge(`a cursor of ${length}`, { query: `query($c: String) { events(after: $c) { totalCount } }`, variables: { c: big(length) } });
  }
  const overLimits: [string, string, Record<string, unknown>][] = [
    ["CreatePersonInput", "createPerson", { name: big(301) }],
    ["CreatePersonInput", "createPerson", { name: big(2_000_000) }],
    ["CreatePersonInput", "createPerson", { name: "Valid Name", description: big(2_001) }],
    ["CreatePersonInput", "createPerson", { name: "Valid Name", aliases: ["fine", big(301)] }],
    ["CreatePersonInput", "createPerson", { name: "Valid Name", aliases: Array.from({ length: 10_000 }, () => big(301)) }],
    ["CreateArticleInput", "createArticle", { url: "https://example.org/hostile", title: "T", body: big(1_000_001) }],
    ["CreateArticleInput", "createArticle", { url: "https://example.org/hostile", title: big(1_001), body: "Body" }],
    ["CreateArticleInput", "createArticle", { url: `https://example.org/${"a".repeat(3_000)}`, title: "T", body: "Body" }],
    ["CreateArticleInput", "createArticle", { url: "javascript:alert(1)", title: "T", body: "Body" }],
    ["CreateArticleInput", "createArticle", { url: "https://example.org/hostile", title: "T", body: "Body", publishedAt: "2024-13-01T00:00:00Z" }],
    ["CreateStatementInput", "createStatement", { ...validStatement, text: big(20_001) }],
    ["CreateStatementInput", "createStatement", { ...validStatement, text: big(5_000_000) }],
    ["CreateEventInput", "createEvent", { title: big(501), kind: "OTHER", status: "REPORTED" }],
    ["CreateEventInput", "createEvent", { title: "T", summary: big(10_001), kind: "OTHER", status: "REPORTED" }],
    ["CreateOrganizationInput", "createOrganization", { name: big(301), kind: "OTHER" }],
    ["CreateOrganizationInput", "createOrganization", { name: "Valid Org", shortName: big(51), kind: "OTHER" }],
    ["CreateOrganizationInput", "createOrganization", { name: "Valid Org", countryCode: "XX", kind: "OTHER" }],
    ["CreateOrganizationInput", "createOrganization", { name: "Valid Org", countryCode: "usa", kind: "OTHER" }],
    ["CreateOrganizationInput", "createOrganization", { name: "Valid Org", wikidataId: "Q0", kind: "OTHER" }],
    ["CreatePlaceInput", "createPlace", { name: big(301) }],
    ["CreateAffiliationInput", "createAffiliation", { personId: ids.Person, organizationId: ids.Organization, role: big(301) }],
    ["CreateAffiliationInput", "createAffiliation", { personId: ids.Person, organizationId: ids.Organization, role: "Role", startDate: "2024-02-01", endDate: "2023-01-01" }],
    ["UpdatePersonInput", "updatePerson", { id: ids.Person, name: big(400_000) }],
    ["UpdatePersonInput", "updatePerson", { id: ids.Person, name: null }],
    ["UpdatePersonInput", "updatePerson", { id: ids.Person, name: "   \t\n" }],
    ["UpdateEventInput", "updateEvent", { id: ids.Event, title: "" }],
    ["UpdateEventInput", "updateEvent", { id: ids.Event, endDate: "1900-01-01" }],
    ["UpdateArticleInput", "updateArticle", { id: ids.Article, body: big(1_500_000) }],
    ["UpdateStatementInput", "updateStatement", { id: ids.Statement, sourceSpan: { start: 5, end: 2 } }],
    ["UpdateStatementInput", "updateStatement", { id: ids.Statement, sourceSpan: { start: -1, end: 2 } }],
  ];
  for (const [type, field, input] of overLimits) {
    // A 413 is a refusal too, as for huge strings above.
    mutation("over-limit-input", `${field} ${JSON.stringify(input).slice(0, 100)}`, { query: `mutation($input: ${type}!) { ${field}(input: $input) { id } }`, variables: { input } }, { alsoAllowed: [413] });
  }
  // Over the 8,000,000-byte body limit: refused with 413 before anything is parsed.
  for (const length of [8_000_001, 12_000_000]) {
    add("over-8mb", {
      headers: { "content-type": "application/json", ...bearer(editorToken) },
      body: JSON.stringify({ query: VALID_CREATE, variables: { padding: "p".repeat(length) } }),
      alsoAllowed: [413],
      asEditor: true,
    }, `a valid createPerson padded to ${length} bytes`);
  }

  // --- 4. deeply nested inputs ------------------------------------------------------------------
  const nestedObject = (depth: number, key: string, leaf: string) => `${`{"${key}":`.repeat(depth)}${leaf}${"}".repeat(depth)}`;
  const nestedArray = (depth: number, leaf: string) => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
  for (const depth of [10, 1_000, 100_000, 300_000]) {
    const raw = (query: string, variables: string, editor = false) =>
      // The deepest bodies pass 8,000,000 bytes: a 413 is right for those.
      add("deep-input", { headers: { "content-type": "application/json", ...bearer(editor ? editorToken : undefined) }, body: `{"query":${JSON.stringify(query)},"variables":${variables}}`, asEditor: editor, alsoAllowed: [413] }, `${depth} deep: ${variables.slice(0, 80)}`);
    raw(`query($f: StatementFilter) { statements(filter: $f) { totalCount } }`, `{"f":${nestedObject(depth, "text", '"x"')}}`);
    raw(`query($f: StatementFilter) { statements(filter: $f) { totalCount } }`, `{"f":${nestedArray(depth, '{"text":"x"}')}}`);
    raw(`query($f: StatementFilter) { statements(filter: $f) { totalCount } }`, `{"f":{"statedOn":${nestedObject(depth, "from", '"2024-01-01"')}}}`);
    raw(`query($k: [StatementKind!]) { statements(filter: { kind: $k }) { totalCount } }`, `{"k":${nestedArray(depth, '"DIRECT_QUOTE"')}}`);
    raw(CREATE_PERSON, `{"input":{"name":"Valid Name","aliases":${nestedArray(depth, '"a"')}}}`, true);
    raw(CREATE_PERSON, `{"input":${nestedObject(depth, "name", '"Valid Name"')}}`, true);
    raw(`mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`, `{"input":{"title":"T","kind":"OTHER","status":"REPORTED","participants":${nestedArray(depth, `{"organizationId":"${ids.Organization}","role":"ACTOR"}`)}}}`, true);
  }
  for (const depth of [50, 300]) {
    // Within the token limit: deep literals in the document itself.
    post("deep-input", `${depth}-deep object literal`, { query: `{ statements(filter: ${"{ text: ".repeat(depth)}"x"${" }".repeat(depth)}) { totalCount } }` });
    post("deep-input", `${depth}-deep list literal`, { query: `{ statements(filter: { kind: ${"[".repeat(depth)}DIRECT_QUOTE${"]".repeat(depth)} }) { totalCount } }` });
    mutation("deep-input", `${depth}-deep input literal`, { query: `mutation { createPerson(input: { name: "Valid Name", aliases: ${"[".repeat(depth)}"a"${"]".repeat(depth)} }) { id } }` });
  }

  // --- 5. unknown enum values --------------------------------------------------------------------
  const ENUM_QUERIES = [
    `{ statements(filter: { kind: [NOPE] }) { totalCount } }`,
    `{ statements(filter: { kind: [direct_quote] }) { totalCount } }`,
    `{ statements(filter: { kind: ["DIRECT_QUOTE"] }) { totalCount } }`,
    `{ statements(orderBy: { field: NOPE }) { totalCount } }`,
    `{ statements(orderBy: { field: STATED_ON, direction: UP }) { totalCount } }`,
    `{ events(filter: { status: [MAYBE] }) { totalCount } }`,
    `{ events(filter: { kind: [INVASION] }) { totalCount } }`,
    `{ events(orderBy: { field: CREATED_AT, direction: true }) { totalCount } }`,
    `{ organizations(filter: { kind: [CULT] }) { totalCount } }`,
    `{ people(orderBy: { field: AGE }) { totalCount } }`,
    `{ statements(filter: { kind: [DIRECT_QUOTE, ${"X".repeat(10_000)}] }) { totalCount } }`,
  ];
  for (const query of ENUM_QUERIES) post("unknown-enum", query, { query });
  for (const value of ["NOPE", "direct_quote", "", " DIRECT_QUOTE", "DIRECT_QUOTE ", "DIRECT_QUOTE\u0000", "ＤＩＲＥＣＴ_QUOTE", "__proto__", "constructor", "toString"]) {
    post("unknown-enum", `variable kind ${JSON.stringify(value)}`, { query: `query($k: [StatementKind!]) { statements(filter: { kind: $k }) { totalCount } }`, variables: { k: [value] } });
  }
  const ENUM_MUTATIONS = [
    `mutation { createEvent(input: { title: "T", kind: INVASION, status: REPORTED }) { id } }`,
    `mutation { createEvent(input: { title: "T", kind: OTHER, status: "REPORTED" }) { id } }`,
    `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, datePrecision: WEEK, startDate: "2024-10-01" }) { id } }`,
    `mutation { createOrganization(input: { name: "Valid Org", kind: CULT }) { id } }`,
    `mutation { createStatement(input: { text: "Words", kind: RUMOUR, speakerId: "${ids.Person}" }) { id } }`,
    `mutation { deletePerson(input: { id: "${ids.Person}", statements: EXPLODE }) { deletedId } }`,
    `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, participants: [{ organizationId: "${ids.Organization}", role: VILLAIN }] }) { id } }`,
    `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, places: [{ placeId: "${ids.Place}", role: NOWHERE }] }) { id } }`,
  ];
  for (const query of ENUM_MUTATIONS) mutation("unknown-enum", query, { query });

  // --- 6. invalid UTF-8 in the body ----------------------------------------------------------
  for (const payload of [{ query: VALID_CREATE, editor: true }, { query: QUERIES[1], editor: false }, { query: `{ people(filter: { name: "kirby" }) { totalCount } }`, editor: false }]) {
    const text = JSON.stringify({ query: payload.query });
    for (const sequence of INVALID_UTF8) {
      // Inside a string of the query (the name, or the filter), and at a random place.
      const inString = text.indexOf("\\\"") + 2;
      for (const at of [inString, random.int(0, text.length - 1), text.length]) {
        const body = Buffer.concat([Buffer.from(text.slice(0, at), "utf8"), Buffer.from(sequence), Buffer.from(text.slice(at), "utf8")]);
        add("invalid-utf8", { headers: { "content-type": "application/json", ...bearer(payload.editor ? editorToken : undefined) }, body, asEditor: payload.editor }, `bytes ${sequence.map((byte) => byte.toString(16)).join(" ")} at ${at} of ${text.slice(0, 60)}`);
      }
    }
  }
  for (let n = 0; n < 25; n++) {
    const body = random.bytes(random.int(1, 4_000));
    add("random-bytes", { headers: { "content-type": "application/json" }, body }, `${body.length} random bytes`);
  }

  // --- 7. bodies that are not JSON, and JSON that is not an object ------------------------------
  const NOT_JSON = [
    "", " ", "\n", "{", "}", "{\"query\":", "{'query': '{ people { totalCount } }'}", "query { people { totalCount } }", "{ people { totalCount } }",
    "<?xml version=\"1.0\"?><query>{ people { totalCount } }</query>", "query=%7B__typename%7D", "{\"query\": \"{ __typename }\"} trailing",
    "{\"query\": \"{ __typename }\",}", "{\"query\": \"{ __typename }\" /* comment */}", "NaN", "Infinity", "undefined", "{\"query\": undefined}",
    "{\"query\": \"{ __typename }\", \"variables\": {\"a\": NaN}}", "\u0000\u0000\u0000", "{\"query\":\"\\u12\"}", "{\"query\":\"\\x41\"}",
    "[".repeat(10_000), "{\"a\":".repeat(10_000),
  ];
  for (const body of NOT_JSON) add("not-json", { headers: { "content-type": "application/json" }, body }, JSON.stringify(body.slice(0, 80)));
  for (let n = 0; n < 20; n++) {
    const body = random.string(random.int(1, 500), PRINTABLE);
    add("not-json", { headers: { "content-type": "application/json" }, body, mayAnswer: false }, JSON.stringify(body.slice(0, 80)));
  }
  const NOT_AN_OBJECT = ["[]", "[{}]", `[${JSON.stringify({ query: "{ __typename }" })}]`, `[${JSON.stringify({ query: VALID_CREATE })}]`, "0", "-1", "1e400", "null", "true", "false", "\"x\"", JSON.stringify(JSON.stringify({ query: "{ __typename }" })), "[[[[]]]]", "{}", "{\"query\":null}", "{\"query\":5}", "{\"query\":[\"{ __typename }\"]}", "{\"query\":{\"query\":\"{ __typename }\"}}", "{\"query\":\"{ __typename }\",\"variables\":[]}", "{\"query\":\"{ __typename }\",\"variables\":\"{}\"}", "{\"query\":\"{ __typename }\",\"variables\":5}", "{\"query\":\"{ __typename }\",\"operationName\":5}", "{\"query\":\"{ __typename }\",\"operationName\":\"Nope\"}", "{\"query\":\"{ __typename }\",\"extensions\":5}", "{\"query\":\"{ __typename }\",\"extensions\":[]}"];
  for (const body of NOT_AN_OBJECT) {
    add("not-an-object", { headers: { "content-type": "application/json", ...bearer(editorToken) }, body, asEditor: true }, body.slice(0, 100));
  }

  // --- 8. wrong content types and methods ------------------------------------------------------
  const REFUSED_TYPES = [
    "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
    "application/graphql", "text/html", "application/octet-stream", "image/png", ";;;", "json", "application/", "*/*", "Application/JSON",
  ];
  for (const contentType of REFUSED_TYPES) {
    for (const query of [VALID_CREATE, QUERIES[0]]) {
      const editor = query === VALID_CREATE;
      add("content-type", { headers: { "content-type": contentType, ...bearer(editor ? editorToken : undefined) }, body: JSON.stringify({ query }), asEditor: editor }, `${contentType} with ${editor ? "a valid createPerson (editor)" : "a query"}`);
    }
  }
  // No content type at all (a byte body: fetch adds none).
  add("content-type", { headers: bearer(editorToken), body: Buffer.from(JSON.stringify({ query: VALID_CREATE })), asEditor: true }, "no content type, a valid createPerson (editor)");
  // JSON types with odd parameters are still JSON: answering is fine.
  for (const contentType of ["application/json; charset=utf-16", "application/json;;", "application/json; foo=bar", "application/graphql-response+json"]) {
    add("content-type", { headers: { "content-type": contentType }, body: JSON.stringify({ query: QUERIES[2] }), mayAnswer: true }, contentType);
  }
  // A GET without a preflight header (as urql sends it) may answer a query, but never runs a mutation.
  for (const [query, mayAnswer] of [[QUERIES[0], true], ["{ __typename }", true], [VALID_CREATE, false]] as const) {
    add("plain-get", { method: "GET", search: `?query=${encodeURIComponent(query)}`, headers: bearer(editorToken), asEditor: true, mayAnswer, alsoAllowed: [405] }, `GET without a preflight header: ${query.slice(0, 60)}`);
  }
  // GETs with the preflight header but hostile parameters.
  const GET_SEARCHES = [
    `?query=${encodeURIComponent(VALID_CREATE)}`, "?query=%ff%fe", "?query=%zz", "?query=%", "?query=", "?query=%7B&query=%7D", `?query=%7B__typename%7D&variables=%7B`,
    `?query=%7B__typename%7D&extensions=%7B`, `?query=${encodeURIComponent("query($v: Int) { events(first: $v) { totalCount } }")}&variables=${encodeURIComponent(`{"v":${nestedArray(1_000, "1")}}`)}`, `?query=${"%7B".repeat(3_000)}`,
    `?query=${encodeURIComponent("subscription { statementAdded { text } }")}`, "?variables=%7B%7D", `?query=${encodeURIComponent("{ __schema { types { name } } }")}`,
  ];
  for (const search of GET_SEARCHES) {
    add("hostile-get", { method: "GET", search, headers: { "apollo-require-preflight": "true", ...bearer(editorToken) }, asEditor: true, alsoAllowed: [405] }, search.slice(0, 100));
  }
  for (const method of ["PUT", "PATCH", "DELETE"] as const) {
    add("method", { method, headers: { "content-type": "application/json", ...bearer(editorToken) }, body: JSON.stringify({ query: VALID_CREATE }), asEditor: true, alsoAllowed: [405] }, `${method} with a valid createPerson (editor)`);
  }

  // --- 9. page sizes ------------------------------------------------------------------------------
  const CONNECTIONS = [
    (args: string) => `{ events(${args}) { totalCount } }`,
    (args: string) => `{ statements(${args}) { totalCount } }`,
    (args: string) => `{ people(${args}) { totalCount } }`,
    (args: string) => `{ organizations(${args}) { totalCount } }`,
    (args: string) => `{ places(${args}) { totalCount } }`,
    (args: string) => `{ articles(${args}) { totalCount } }`,
    (args: string) => `{ search(query: "troops", ${args}) { totalCount } }`,
    (args: string) => `{ people(first: 1) { nodes { statements(${args}) { totalCount } } } }`,
    (args: string) => `{ organizations(first: 2) { nodes { members(${args}) { totalCount } subOrganizations(${args}) { totalCount } } } }`,
    (args: string) => `{ events(first: 2) { nodes { subEvents(${args}) { totalCount } } } }`,
  ];
  const PAGE_SIZES = ["first: 101", "first: 1000", "first: 2147483647", "first: -1", "first: -2147483648", "first: 2147483648", "first: 1e3", "first: 10.5", 'first: "10"', "first: null, last: -5", "last: 101", "last: -1", "first: 1, last: 1", "first: 9999999999999999999999"];
  for (const connection of CONNECTIONS) {
    for (const size of PAGE_SIZES) {
      if (connection("").startsWith("{ search") && size.startsWith("last")) continue; // search has no last
      post("page-size", connection(size), { query: connection(size) });
    }
  }
  for (const value of [101, 100_000, -1, -100, 2147483647, -2147483648]) {
    post("page-size", `variable first = ${value}`, { query: `query($n: Int) { statements(first: $n) { totalCount } }`, variables: { n: value } });
  }

  // --- 10. cursors ---------------------------------------------------------------------------------
  const decodeCursor = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as string[];
  const [eventsOrdering, , eventsId] = decodeCursor(cursors.events);
  const [namesOrdering, , personId] = decodeCursor(cursors.peopleByName);
  const forged = [
    base64url(JSON.stringify([eventsOrdering, "2024-13-45", eventsId])),
    base64url(JSON.stringify([eventsOrdering, "2024-02-30", eventsId])),
    base64url(JSON.stringify([eventsOrdering, "0000-01-01", eventsId])),
    base64url(JSON.stringify([eventsOrdering, "9999-99-99", eventsId])),
    base64url(JSON.stringify([eventsOrdering, "2024-10-23", "not-a-uuid"])),
    base64url(JSON.stringify([eventsOrdering, 20241023, eventsId])),
    base64url(JSON.stringify([eventsOrdering, "2024-10-23"])),
    base64url(JSON.stringify([eventsOrdering, "2024-10-23", eventsId, "extra"])),
    base64url(JSON.stringify({ ordering: eventsOrdering, sort: "2024-10-23", id: eventsId })),
    base64url(JSON.stringify(["nope", "2024-10-23", eventsId])),
    base64url(JSON.stringify([eventsOrdering, "2024-10-23'; DROP TABLE events; --", eventsId])),
  ];
  const forgedNames = [
    base64url(JSON.stringify([namesOrdering, "a\u0000b", personId])),
    base64url(JSON.stringify([namesOrdering, "x".repeat(100_000), personId.toUpperCase()])),
  ];
  for (const cursor of forged) post("cursor", `forged events cursor ${Buffer.from(cursor, "base64url").toString().slice(0, 80)}`, { query: `query($c: String) { events(first: 2, after: $c) { totalCount nodes { id } } }`, variables: { c: cursor } });
  for (const cursor of forged) post("cursor", `forged events cursor as before`, { query: `query($c: String) { events(last: 2, before: $c) { totalCount } }`, variables: { c: cursor } });
  for (const cursor of forgedNames) post("cursor", `forged people cursor ${Buffer.from(cursor, "base64url").toString().slice(0, 60)}`, { query: `query($c: String) { people(first: 2, after: $c, orderBy: { field: NAME }) { totalCount } }`, variables: { c: cursor } });
  post("cursor", "an events cursor used on statements", { query: `query($c: String) { statements(after: $c) { totalCount } }`, variables: { c: cursors.events } });
  post("cursor", "a people-by-name cursor used by creation date", { query: `query($c: String) { people(after: $c, orderBy: { field: CREATED_AT }) { totalCount } }`, variables: { c: cursors.peopleByName } });
  post("cursor", "a statements cursor used on search", { query: `query($c: String) { search(query: "troops", after: $c) { totalCount } }`, variables: { c: cursors.statements } });
  post("cursor", "a search cursor used on statements", { query: `query($c: String) { statements(after: $c) { totalCount } }`, variables: { c: cursors.search } });
  post("cursor", "after and before together", { query: `query($c: String) { events(after: $c, before: $c) { totalCount } }`, variables: { c: cursors.events } });
  post("cursor", "before with first", { query: `query($c: String) { events(first: 2, before: $c) { totalCount } }`, variables: { c: cursors.events } });
  for (const offset of ["999999999", "-1", "1e3", "0x10", "1000", "9".repeat(1_000), "", " 1", "1.5"]) {
    post("cursor", `search cursor at offset ${offset.slice(0, 20)}`, { query: `query($c: String) { search(query: "troops", after: $c) { totalCount } }`, variables: { c: base64url(`search:${offset}`) } });
  }
  for (let n = 0; n < 40; n++) {
    const cursor = random.chance(0.5) ? random.string(random.int(1, 200), [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="]) : random.string(random.int(1, 100), [...PRINTABLE, ...UNICODE]);
    const list = random.pick(["events", "statements", "people", "organizations", "places", "articles"]);
    post("cursor", `random ${list} cursor ${JSON.stringify(cursor.slice(0, 60))}`, { query: `query($c: String) { ${list}(after: $c) { totalCount } }`, variables: { c: cursor } });
  }
  for (let n = 0; n < 20; n++) {
    // A real cursor with a few characters changed: sometimes still a real place in the list.
    const cursor = mutate(random.pick([cursors.events, cursors.statements]));
    post("cursor", `edited real cursor ${JSON.stringify(cursor)}`, { query: `query($c: String) { events(after: $c) { totalCount } statements(after: $c) { totalCount } }`, variables: { c: cursor } }, { mayAnswer: true });
  }

  // --- 11. forged and foreign ids ---------------------------------------------------------------
  const uuid = random.uuid();
  const GARBAGE_IDS = [
    "", " ", "x", "1", "-1", "0", "null", "undefined", "Person", "Person:", ":", base64url("Person:"), base64url(`Person:${uuid}`.toUpperCase()),
    base64url("Person:not-a-uuid"), base64url(`person:${uuid}`), base64url(`Person:${uuid}:extra`), base64url(`Person :${uuid}`), `${ids.Person}=`, `${ids.Person}==`,
    ids.Person.toUpperCase(), ids.Person.slice(0, -2), `${ids.Person}AA`, `Person:${uuid}`, uuid, Buffer.from(`Person:${uuid}`).toString("base64"), base64url(`Person:${uuid}\u0000`),
    base64url(`Pérson:${uuid}`), base64url(`__proto__:${uuid}`), base64url(`Person:' OR 1=1 --`), "' OR 1=1 --", "1; DROP TABLE people", "a\u0000b", "🙂".repeat(100),
    ...INJECTIONS,
  ];
  const ID_FIELDS = ["person", "organization", "event", "statement", "place", "article"] as const;
  const TYPE_OF: Record<(typeof ID_FIELDS)[number], keyof CorpusContext["ids"]> = { person: "Person", organization: "Organization", event: "Event", statement: "Statement", place: "Place", article: "Article" };
  for (const id of GARBAGE_IDS) {
    const field = random.pick(ID_FIELDS);
    post("forged-id", `${field}(id: ${JSON.stringify(id).slice(0, 80)})`, { query: `query($id: ID!) { ${field}(id: $id) { id } }`, variables: { id } });
    post("forged-id", `node(id: ${JSON.stringify(id).slice(0, 80)})`, { query: `query($id: ID!) { node(id: $id) { id } }`, variables: { id } });
  }
  for (const field of ID_FIELDS) {
    // Ids of every other type: refused by name.
    for (const other of Object.keys(ids) as (keyof CorpusContext["ids"])[]) {
      if (other !== TYPE_OF[field]) post("foreign-id", `${field}(id: <a ${other} id>)`, { query: `query($id: ID!) { ${field}(id: $id) { id } }`, variables: { id: ids[other] } });
    }
    // A well-formed id of nothing is no error: null.
    post("nothing-id", `${field}(id: <a ${TYPE_OF[field]} id of nothing>)`, { query: `query($id: ID!) { ${field}(id: $id) { id } }`, variables: { id: nothing(TYPE_OF[field]) } }, { mayAnswer: true });
  }
  post("forged-id", "node(id: <an id of an unknown type>)", { query: `query($id: ID!) { node(id: $id) { id } }`, variables: { id: base64url(`Nope:${uuid}`) } });
  const FILTER_IDS: [string, keyof CorpusContext["ids"]][] = [
    ["statements(filter: { speakerId: $id })", "Organization"], ["statements(filter: { organizationId: $id })", "Person"], ["statements(filter: { eventId: $id })", "Statement"],
    ["events(filter: { participantId: $id })", "Place"], ["events(filter: { placeId: $id })", "Person"], ["auditLog(entityId: $id)", "Person"],
  ];
  for (const [call, wrongType] of FILTER_IDS) {
    // auditLog takes an id of any type, and only editors reach it.
    const audit = call.startsWith("audit");
    if (!audit) post("foreign-id", `${call} with a ${wrongType} id`, { query: `query($id: ID) { ${call} { totalCount } }`, variables: { id: ids[wrongType] } });
    for (const id of [random.pick(GARBAGE_IDS.filter(Boolean)), random.pick(INJECTIONS)]) {
      post("forged-id", `${call} with ${JSON.stringify(id).slice(0, 60)}`, { query: `query($id: ID) { ${call} { totalCount } }`, variables: { id } }, { editor: audit });
    }
  }
  // Mutations naming garbage, foreign or missing objects.
  const MUTATION_IDS = [
    (id: string) => `mutation { deletePlace(input: { id: ${JSON.stringify(id)} }) { deletedId } }`,
    (id: string) => `mutation { deleteStatement(input: { id: ${JSON.stringify(id)} }) { deletedId } }`,
    (id: string) => `mutation { updateOrganization(input: { id: ${JSON.stringify(id)}, name: "Renamed" }) { id } }`,
    (id: string) => `mutation { createAffiliation(input: { personId: ${JSON.stringify(id)}, organizationId: "${ids.Organization}", role: "Spokesperson" }) { id } }`,
    (id: string) => `mutation { createStatement(input: { text: "Words", kind: PARAPHRASE, speakerId: "${ids.Person}", eventId: ${JSON.stringify(id)} }) { id } }`,
    (id: string) => `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, sourceIds: ["${ids.Article}", ${JSON.stringify(id)}] }) { id } }`,
    (id: string) => `mutation { updateEvent(input: { id: "${ids.Event}", parentId: ${JSON.stringify(id)} }) { id } }`,
    (id: string) => `mutation { createOrganization(input: { name: "Valid Org", kind: OTHER, parentId: ${JSON.stringify(id)} }) { id } }`,
  ];
  for (const build of MUTATION_IDS) {
    for (const id of [random.pick(GARBAGE_IDS), random.pick(GARBAGE_IDS), ids.Affiliation, nothing("Place"), nothing("Organization")]) {
      // An Affiliation id is of the wrong type everywhere above; an id of nothing is NOT_FOUND.
      mutation("mutation-id", build(id).slice(0, 150), { query: build(id) });
    }
  }
  mutation("refused-delete", "deletePerson of a person with statements (REFUSE)", { query: `mutation { deletePerson(input: { id: "${context.personWithStatements}" }) { deletedId } }` });
  mutation("refused-delete", "deleteArticle of a cited article", { query: `mutation { deleteArticle(input: { id: "${context.citedArticle}" }) { deletedId } }` });
  mutation("refused-update", "updateEvent made its own parent", { query: `mutation { updateEvent(input: { id: "${ids.Event}", parentId: "${ids.Event}" }) { id } }` });
  mutation("refused-create", "createStatement with neither speaker nor organization", { query: `mutation { createStatement(input: { text: "Words", kind: PARAPHRASE }) { id } }` });
  mutation("refused-create", "createEvent with a participant both person and organization", { query: `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, participants: [{ organizationId: "${ids.Organization}", personId: "${ids.Person}", role: ACTOR }] }) { id } }` });
  mutation("refused-create", "createEvent with a duplicated participant", { query: `mutation { createEvent(input: { title: "T", kind: OTHER, status: REPORTED, participants: [{ organizationId: "${ids.Organization}", role: ACTOR }, { organizationId: "${ids.Organization}", role: ACTOR }] }) { id } }` });
  mutation("refused-create", "a DIRECT_QUOTE whose span does not match its article", { query: `mutation { createStatement(input: { text: "Words never said", kind: DIRECT_QUOTE, speakerId: "${ids.Person}", sourceId: "${context.citedArticle}", sourceSpan: { start: 0, end: 16 } }) { id } }` });
  mutation("refused-create", "a span beyond the article's end", { query: `mutation { createStatement(input: { text: "Words", kind: PARAPHRASE, speakerId: "${ids.Person}", sourceId: "${context.citedArticle}", sourceSpan: { start: 2147483000, end: 2147483647 } }) { id } }` });
  mutation("nul-character", "createPerson with a NUL in the name", { query: CREATE_PERSON, variables: { input: { name: "Nul\u0000Name" } } });
  mutation("nul-character", "createPerson with a NUL in an alias", { query: CREATE_PERSON, variables: { input: { name: "Valid Name", aliases: ["ok", "\u0000"] } } });
  mutation("nul-character", "createArticle with a NUL in the body", { query: `mutation { createArticle(input: { url: "https://example.org/nul", title: "T", body: "a\\u0000b" }) { id } }` });
  for (const field of ["name", "text"]) {
    const list = field === "name" ? "people" : "statements";
    post("nul-character", `${list} ${field} filter with a NUL`, { query: `query($t: String) { ${list}(filter: { ${field}: $t }) { totalCount } }`, variables: { t: `kir\u0000by` } });
  }
  post("nul-character", "search with a NUL", { query: `{ search(query: "troops\\u0000") { totalCount } }` });
  // Unpaired surrogates: valid JSON escapes, but no Unicode text (and Postgres's json refuses them).
  for (const lone of ["\ud800", "\udfff", "\ud83d", "a\udc00b"]) {
    mutation("lone-surrogate", `createPerson named ${JSON.stringify(lone)}`, { query: CREATE_PERSON, variables: { input: { name: `Lone ${lone} Surrogate` } } });
    mutation("lone-surrogate", `updatePerson aliases with ${JSON.stringify(lone)}`, { query: `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`, variables: { input: { id: ids.Person, aliases: ["ok", lone] } } });
    post("lone-surrogate", `search and filters with ${JSON.stringify(lone)}`, { query: `query($t: String!) { search(query: $t) { totalCount } people(filter: { name: $t }) { totalCount } }`, variables: { t: `kirby${lone}` } });
  }
  for (const query of INJECTIONS) {
    // Taken literally: an answer (usually nothing found) is right, an error is acceptable.
    post("injection", `search/filters with ${JSON.stringify(query)}`, { query: `query($t: String!) { search(query: $t) { totalCount } people(filter: { name: $t }) { totalCount } statements(filter: { text: $t }) { totalCount } }`, variables: { t: query } }, { mayAnswer: true });
  }
  // Search syntax in every spelling, with runs of negations (Postgres fails beyond 32 in a row): answers or BAD_USER_INPUT.
  const SYNTAX = ["-", "-", "-", " ", "!", "(", ")", "<", "&", "|", '"', "or", "OR", "a", "troops", ":*", "'", "\\", "<->", "é", "\t"];
  const negations = () => random.string(random.int(30, 60), ["-", "-", "-", " ", "!", "(", ")", "<", "&", "|", "\t"]);
  const searchTexts = [`${"-".repeat(40)}troops`, `troops ${"- ".repeat(40)}a`, `${"(-".repeat(40)}a`, `${"-!".repeat(35)}kirby`, "-".repeat(499)];
  for (let n = 0; n < 40; n++) {
    searchTexts.push(Array.from({ length: random.int(1, 6) }, () => (random.chance(0.4) ? negations() : random.string(random.int(1, 20), SYNTAX))).join("").slice(0, 500));
  }
  for (const text of searchTexts) {
    post("search-syntax", JSON.stringify(text), { query: `query($t: String!) { search(query: $t) { totalCount nodes { snippet } } statements(filter: { text: $t }) { totalCount } events(filter: { text: $t }) { totalCount } }`, variables: { t: text } }, { mayAnswer: true });
  }

  // --- 12. tokens: a valid mutation with every kind of bad credentials -------------------------------
  const secretless = editorToken.slice(0, "ngt_".length + 32);
  const BAD_AUTHORIZATIONS = [
    "Bearer", "Bearer ", "bearer", "Basic dXNlcjpwYXNz", `Token ${editorToken}`, `Bearer ${editorToken}x`, `Bearer ${editorToken.slice(0, -1)}`, `Bearer ${secretless}`,
    `Bearer ${secretless}_${"A".repeat(43)}`, `Bearer ngt_${"0".repeat(32)}_${"A".repeat(43)}`, `Bearer ngt_${"g".repeat(32)}_${"A".repeat(43)}`, `Bearer ${editorToken} Bearer ${editorToken}`,
    `Bearer ${"a".repeat(8_000)}`, `Bearer ' OR 1=1 --`, `Bearer ngt_${random.uuid().replace(/-/g, "")}_${"-".repeat(43)}`, `${editorToken}`, `Bearer\t${editorToken.replace("ngt_", "ngt-")}`,
  ];
  for (const authorization of BAD_AUTHORIZATIONS) {
    add("bad-token", { headers: { "content-type": "application/json", authorization }, body: JSON.stringify({ query: VALID_CREATE }) }, `authorization ${JSON.stringify(authorization.slice(0, 70))}`);
  }
  add("bad-token", { headers: { "content-type": "application/json" }, body: JSON.stringify({ query: VALID_CREATE }) }, "a valid createPerson without any token");
  add("bad-token", { headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ auditLog { totalCount } }` }) }, "auditLog without any token");

  return cases;
}
