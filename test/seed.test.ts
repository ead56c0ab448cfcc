import { createHash } from "node:crypto";
import * as demo from "../src/seed/demo-data";
import { demoArticleBody, seedDemoData } from "../src/seed/seed";
import { useSeededServer } from "./support/server";

/** SHA-256 of the source article (the demo's shared/seed/article.txt), which every span below is measured on. */
const ARTICLE_SHA256 = "16c30b92f5b3ef8f547ef0c1d24de511932675fe4532564296f811e1a2946f48";
const body = demoArticleBody();

describe("the demo data", () => {
  it("carries the source article byte for byte", () => {
    // Pinned by hash, not read from shared/: a user's clone holds only the repository.
    expect(createHash("sha256").update(body, "utf8").digest("hex")).toBe(ARTICLE_SHA256);
  });

  it.each(demo.statements.map((statement) => [statement.text.slice(0, 60), statement] as const))(
    "has the exact span of: %s…",
    (_, statement) => {
      const [start, end] = statement.span;
      expect(body.slice(start, end)).toBe(statement.text);
    },
  );

  it("quotes every direct quote and written statement verbatim, as it stands between quotation marks", () => {
    const quoted = [...body.matchAll(/“([^”]+)”/g)].map((match) => ({
      text: match[1].replace(/,$/, ""), // a quote that leads into "he noted" ends on a comma
      start: match.index + 1,
    }));
    expect(quoted).toHaveLength(4);
    const verbatim = demo.statements.filter((s) => s.kind !== "PARAPHRASE");
    expect(verbatim.map((s) => s.text).sort()).toEqual(quoted.map((q) => q.text).sort());
    for (const quote of quoted) {
      const statement = verbatim.find((s) => s.text === quote.text)!;
      expect(statement.span).toEqual([quote.start, quote.start + quote.text.length]);
    }
    expect(verbatim.filter((s) => s.kind === "WRITTEN_STATEMENT").map((s) => s.speaker)).toEqual(["dakhlallah"]);
  });
});

describe("seeding a database", () => {
  const fixture = useSeededServer();

  it("stores every statement with a span that matches the stored article body", async () => {
    const rows: { text: string; matches: boolean }[] = await fixture.database.db.query(
      // Postgres counts characters, as the spans do: substr is 1-based.
      `SELECT s.text, substr(a.body, s.span_start + 1, s.span_end - s.span_start) = s.text AS matches
       FROM statements s JOIN articles a ON a.id = s.source_id`,
    );
    expect(rows).toHaveLength(demo.statements.length);
    expect(rows.filter((row) => !row.matches)).toEqual([]);
  });

  it("answers with the three speakers, their titles and organizations", async () => {
    const { data, errors } = await fixture.server.gql(`{
      people(first: 10) { totalCount nodes { name description affiliations { role organization { name shortName parent { name } } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.people.totalCount).toBe(3);
    const byName = Object.fromEntries(data.people.nodes.map((p: { name: string }) => [p.name, p]));
    expect(byName["John Kirby"].affiliations).toEqual([
      { role: "Strategic Communications Coordinator", organization: { name: "National Security Council", shortName: "NSC", parent: { name: "United States" } } },
    ]);
    expect(byName["Lloyd Austin"].affiliations[0]).toMatchObject({ role: "Secretary of Defense", organization: { name: "United States Department of Defense" } });
    expect(byName["Farah Dakhlallah"].affiliations[0]).toMatchObject({ role: "Spokesperson", organization: { shortName: "NATO" } });
  });

  it("answers with the events, their places, participants and sources", async () => {
    const { data } = await fixture.server.gql(`{
      events(first: 10, orderBy: { field: TITLE, direction: ASC }) {
        nodes { title kind status startDate endDate datePrecision
          places { role place { name aliases } } participants { role organization { name } } sources { url }
          parent { title } }
      }
    }`);
    const byKind = Object.fromEntries(data.events.nodes.map((e: { kind: string }) => [e.kind, e]));
    expect(Object.keys(byKind).sort()).toEqual(["DIPLOMATIC_MEETING", "MILITARY_DEPLOYMENT", "MILITARY_TRAINING", "SANCTIONS"]);
    const deployment = byKind.MILITARY_DEPLOYMENT;
    expect(deployment).toMatchObject({ status: "CONFIRMED", startDate: "2024-10-01", datePrecision: "MONTH", sources: [{ url: demo.article.url }] });
    expect(deployment.places).toEqual(
      expect.arrayContaining([
        { role: "ORIGIN", place: { name: "Wonsan", aliases: ["Wonson"] } },
        { role: "DESTINATION", place: { name: "Vladivostok", aliases: [] } },
        { role: "LOCATION", place: { name: "Eastern Russia", aliases: ["eastern Russia"] } },
      ]),
    );
    expect(byKind.MILITARY_TRAINING.parent).toEqual({ title: deployment.title });
    expect(byKind.SANCTIONS).toMatchObject({ status: "PLANNED", participants: [{ role: "ACTOR", organization: { name: "United States" } }] });
    expect(byKind.DIPLOMATIC_MEETING.places).toEqual([{ role: "LOCATION", place: { name: "Brussels", aliases: [] } }]);
  });

  it("records where and when Austin spoke", async () => {
    const { data } = await fixture.server.gql(`{
      statements(first: 10, filter: { kind: [DIRECT_QUOTE] }) { nodes { text speaker { name } place { name } statedOn sourceSpan { start end } } }
    }`);
    const austin = data.statements.nodes.find((s: { speaker: { name: string } }) => s.speaker.name === "Lloyd Austin");
    expect(austin).toMatchObject({ place: { name: "Rome" }, statedOn: "2024-10-23", sourceSpan: { start: 1799, end: 1934 } });
  });

  it("is idempotent: seeding again changes nothing", async () => {
    const count = async () => (await fixture.database.db.query(`SELECT (SELECT count(*) FROM statements) + (SELECT count(*) FROM organizations) AS n`))[0].n;
    const before = await count();
    expect(await seedDemoData(fixture.database.db, { onlyIfEmpty: false })).toBe("already-there");
    expect(await seedDemoData(fixture.database.db, { onlyIfEmpty: true })).toBe("not-empty");
    expect(await count()).toBe(before);
  });
});
