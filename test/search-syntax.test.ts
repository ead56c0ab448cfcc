import { Writable } from "node:stream";
import pino from "pino";
import { websearchQuery } from "../src/db/websearch-text";
import { normalizedText } from "../src/db/search";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

/**
 * Any text is a query: search(query:), statements(filter: { text }) and events(filter: { text })
 * answer with data for whatever a user types, punctuation, dashes, emoji and all, and nothing is
 * logged as an error. Runs of Unicode dashes used to end in INTERNAL_SERVER_ERROR ("tsquery stack
 * too small"): unaccent turns them into `-` after the run check had looked at the text.
 */
let database: TestDatabase;
let server: TestServer;
const errorLines: object[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line && JSON.parse(line).level >= 50) errorLines.push(JSON.parse(line));
      }
      done();
    },
  });
  server = await startTestServer(database, { logger: pino({ level: "info" }, stream) });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const ALL_THREE = `query ($q: String!) {
  search(query: $q, first: 5) { totalCount nodes { rank snippet } }
  statements(filter: { text: $q }) { totalCount }
  events(filter: { text: $q }) { totalCount }
}`;

interface Counts {
  search: number;
  statements: number;
  events: number;
}

/** The three counts for `q`, which must come back as data without errors. */
async function counts(q: string): Promise<Counts> {
  const result = await server.gql(ALL_THREE, { q });
  if (result.errors || result.status !== 200) throw new Error(`${JSON.stringify(q)}: ${result.status} ${JSON.stringify(result.errors)}`);
  return { search: result.data.search.totalCount, statements: result.data.statements.totalCount, events: result.data.events.totalCount };
}

const DASHES = ["\u2013", "\u2014", "\u2010", "\u2212", "\uFF0D", "\u2011", "\u2012", "\u2015", "\uFE63", "\u02D7", "\u00AD", "-"];

/** The nasty texts: runs of every dash, alone and among words, and the rest of websearch's and tsquery's syntax. */
const NASTY = [
  ...DASHES.flatMap((dash) => [
    dash.repeat(40),
    dash.repeat(41),
    `troops ${dash.repeat(40)} russia`,
    `troops ${dash.repeat(40)}russia`,
    `${dash} `.repeat(40) + "troops",
    `(${dash}`.repeat(40) + "troops",
    `${dash}\u0301`.repeat(40) + "troops",
    `x${dash.repeat(60)}`,
  ]),
  DASHES.join("").repeat(8),
  DASHES.join(" ").repeat(4) + " troops",
  "-\u0301".repeat(100), // unaccent removes combining marks: dashes that were apart meet
  "\u0301\u0308\u20DD".repeat(50),
  '"', '""', '"""', '"troops', 'troops"', '"-troops"', '-"troops"', '-"'.repeat(80),
  "\u201Clegitimate targets\u201D", "\u201C".repeat(80),
  "\\", "troops\\", "\\\\", "\\'", "'", "''", "troops's", "'troops'",
  "!", "!!!", "!".repeat(200), "\u203C".repeat(100), "!troops", "troops !russia",
  "&", "|", "&&", "||", "troops & russia", "troops | russia", "troops &| russia", "\u2016".repeat(100),
  ":", "troops:*", "troops:A", "troops:*AB", ":*", "*", "troops*", "*troops",
  "<->", "troops <-> russia", "troops <2> russia", "<".repeat(200), "<-".repeat(100), "\u2039-".repeat(80),
  "()", "(((((troops)))))", "(".repeat(300), ")".repeat(300), "(-".repeat(100),
  "or", "or or or", "- or ".repeat(60), "troops or -", "-or", "OR -troops",
  "🙂", "🙂".repeat(100), "troops 🙂 russia", "👨‍👩‍👧‍👦", "🇺🇦 -🇷🇺",
  "\u200B".repeat(100), "-\u200B".repeat(100), "\u00A0-".repeat(100), "\u3000-".repeat(100), "\u2003-".repeat(100),
  "-\t-\n-\r-\v-\f".repeat(20), "\uFEFF-".repeat(100),
  "½ ⅓ ¼ © ® ℗", "\u00AB".repeat(100), "±".repeat(100),
  "%", "_", "%_%", "troops%", "\\%", "[]", "[^a]", "$1", "'; DROP TABLE statements; --",
  "Dákhlallah —Kirby", "Zürich", "ﬁnance", "ǅ", "İstanbul", "ß",
  "\uD83D\uDE00".repeat(50), "a".repeat(500), "-".repeat(500), "\u2014".repeat(500), "\u2014 ".repeat(250),
];

/** What random texts are made of: dashes, spaces, operators, quotes, marks, words, an emoji. */
const ANY = [..."-\u2013\u2014\u2212\uFF0D\u00AD\u2010 \t\n\u00A0\u3000!&|()<>\"'\\:*,.%_x\u0301\u200B\u201C\u201D\u203C\u00ABtroopsOR", "🙂", "or"];
/** Mostly dashes, with what may separate them: long runs of negations, interrupted or not. */
const DASHY = [..."-----\u2013\u2014\u2212\uFF0D\u00AD  \t!&|()<\u0301\u0301x"];

/** A deterministic generator (a linear congruential one), so every run sends the same texts. */
function randomTexts(count: number, seed: number, alphabet = ANY): string[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 300);
    let text = "";
    while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
    return text.slice(0, 500).replace(/[\uD800-\uDBFF]$/, "");
  });
}

describe("any text", () => {
  it("is answered with data by search, statements and events, and nothing is logged as an error", async () => {
    const texts = [...NASTY, ...randomTexts(150, 20241201)].filter((text) => text.trim() !== "");
    const failures: string[] = [];
    for (const text of texts) await counts(text).catch((error: Error) => failures.push(error.message));
    expect(failures).toEqual([]);
    // Lines are written asynchronously: give the last ones time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errorLines).toEqual([]);
  });

  it("of only punctuation, dashes or emoji finds nothing", async () => {
    for (const text of ["\u2014".repeat(40), "\u2013 ".repeat(41), "-\u0301".repeat(40), "!&|:*()<->", '"""', "\\", "🙂🙂", "\u203C\u2016\u00AB"]) {
      expect(await counts(text)).toEqual({ search: 0, statements: 0, events: 0 });
    }
  });

  it("reads a Unicode dash as -, and a run of them as one negation or none", async () => {
    const plain = await counts("troops");
    const without = await counts("troops -russia");
    expect(plain.search).toBeGreaterThan(0);
    expect(without.statements).toBeLessThan(plain.statements);
    for (const dash of DASHES) {
      expect(await counts(`troops ${dash}russia`)).toEqual(without);
      expect(await counts(`troops ${dash.repeat(40)}troops`)).toEqual(plain);
      expect(await counts(`troops ${dash.repeat(41)}troops`)).toEqual({ search: 0, statements: 0, events: 0 });
    }
    // Combining marks vanish in normalization; the dashes they separated are still one run.
    expect(await counts(`troops ${"-\u0301".repeat(40)}troops`)).toEqual(plain);
    // Quotes and phrases still work, typographic quotes included.
    expect((await counts("\u201Clegitimate targets\u201D")).statements).toBe(1);
  });
});

describe("the tsquery websearchQuery builds", () => {
  beforeAll(async () => {
    await database.db.query(`CREATE FUNCTION query_error(t text) RETURNS text LANGUAGE plpgsql AS $$
      BEGIN PERFORM ${websearchQuery("t")}; RETURN NULL; EXCEPTION WHEN others THEN RETURN SQLERRM; END $$`);
  });

  it("is valid with any code point of the BMP between the dashes of a long run, or after a word", async () => {
    // A letter or digit ends a run (it is a word): the other code points are the ones to try.
    await database.db.query(`CREATE TABLE probe_chars AS SELECT chr(c) AS c FROM generate_series(1, 65535) c
      WHERE c NOT BETWEEN 55296 AND 57343 AND search_normalize(chr(c)) !~ '[[:alnum:]]'`);
    for (const shape of ["'-' || c", "c || '-'", "'x-' || c", "'-' || c || c"]) {
      const failing = await database.db.query(
        `SELECT c, error FROM (SELECT c, query_error(repeat(${shape}, 40) || 'x') AS error FROM probe_chars) probe WHERE error IS NOT NULL LIMIT 5`,
      );
      expect({ shape, failing }).toEqual({ shape, failing: [] });
    }
  }, 120_000);

  it("is valid for thousands of random mixes of dashes, spaces, operators and marks", async () => {
    const failing = await database.db.query(
      `SELECT t, error FROM (SELECT t, query_error(t) AS error FROM unnest($1::text[]) t) probe WHERE error IS NOT NULL LIMIT 5`,
      [[...randomTexts(10_000, 7), ...randomTexts(10_000, 11, DASHY)]],
    );
    expect(failing).toEqual([]);
  }, 60_000);
});

describe("search_normalize written out (normalizedText)", () => {
  it("is the function's body, and gives what the function gives for every code point of the BMP", async () => {
    const [{ body }] = await database.db.query(`SELECT prosrc AS body FROM pg_proc WHERE proname = 'search_normalize'`);
    expect(body.trim()).toBe(`SELECT ${normalizedText("$1")}`);
    const [{ differing }] = await database.db.query(
      `SELECT count(*)::int AS differing FROM generate_series(1, 65535) c
       WHERE c NOT BETWEEN 55296 AND 57343 AND search_normalize(chr(c) || 'Ab') IS DISTINCT FROM ${normalizedText("chr(c) || 'Ab'")}`,
    );
    expect(differing).toBe(0);
  });
});
