/**
 * node dist/bench/ingest.js [--dir test/fixtures/articles] [--misses] [--seconds 2]
 *
 * The statement extractor (src/ingest/extract.ts) on the annotated articles: precision and recall
 * of (quote text, canonical speaker) pairs over DIRECT_QUOTE and WRITTEN_STATEMENT, of paraphrases
 * (same speaker, overlapping span), and of the speakers' titles and organizations, per article and
 * overall (scored by src/ingest/evaluate.ts, per the folder's README); then the extraction speed:
 * articles per second over the set, and the time for one 5,000-character article (target: under
 * 20 ms on one core). Pure CPU: no database, no server. --misses lists every error.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { extractStatements, EXTRACTOR_NAME, EXTRACTOR_VERSION } from "../src/ingest/extract";
import { addCounts, type ArticleScore, type Counts, type Gold, precision, recall, scoreArticle } from "../src/ingest/evaluate";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: path.resolve(__dirname, "..", "..", "test", "fixtures", "articles") },
    misses: { type: "boolean", default: false },
    seconds: { type: "string", default: "2" },
  },
});

interface Article {
  slug: string;
  body: string;
  gold: Gold;
}

function loadArticles(dir: string): Article[] {
  return readdirSync(dir)
    .filter((file) => /^\d\d-[a-z0-9-]+\.txt$/.test(file))
    .sort()
    .map((file) => {
      const slug = file.slice(0, -4);
      return { slug, body: readFileSync(path.join(dir, file), "utf8"), gold: JSON.parse(readFileSync(path.join(dir, `${slug}.gold.json`), "utf8")) as Gold };
    });
}

const pct = (value: number): string => value.toFixed(2);
const pr = (c: Counts): string[] => [pct(precision(c)), pct(recall(c))];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}

function main(): void {
  const articles = loadArticles(values.dir);
  if (!articles.length) throw new Error(`no NN-slug.txt articles in ${values.dir}`);
  const header = ["article", "quote P", "quote R", "para P", "para R", "title P", "title R", "org P", "org R", "quotes", "paras", "kind", "place", "date"];
  const rows: string[][] = [header];
  let total: ArticleScore | null = null;
  const sum = (a: [number, number], b: [number, number]): [number, number] => [a[0] + b[0], a[1] + b[1]];
  const ratio = ([right, of]: [number, number]) => (of ? pct(right / of) : "-");
  for (const article of articles) {
    const extraction = extractStatements(article.body, { publishedAt: article.gold.meta.publishedAt });
    const score = scoreArticle(article.body, article.gold, extraction);
    const goldQuotes = article.gold.statements.filter((s) => s.kind !== "PARAPHRASE").length;
    const goldParaphrases = article.gold.statements.length - goldQuotes;
    rows.push([article.slug, ...pr(score.quotes), ...pr(score.paraphrases), ...pr(score.titles), ...pr(score.organizations), `${score.quotes.tp}/${goldQuotes}`, `${score.paraphrases.tp}/${goldParaphrases}`, ratio(score.kind), ratio(score.place), ratio(score.statedOn)]);
    if (values.misses && score.misses.length) {
      console.log(`${article.slug}:`);
      for (const miss of score.misses) console.log(`  ${miss}`);
    }
    total = total
      ? {
          quotes: addCounts(total.quotes, score.quotes),
          paraphrases: addCounts(total.paraphrases, score.paraphrases),
          titles: addCounts(total.titles, score.titles),
          organizations: addCounts(total.organizations, score.organizations),
          kind: sum(total.kind, score.kind),
          place: sum(total.place, score.place),
          statedOn: sum(total.statedOn, score.statedOn),
          misses: [],
        }
      : score;
  }
  const t = total!;
  const goldQuotes = articles.reduce((n, a) => n + a.gold.statements.filter((s) => s.kind !== "PARAPHRASE").length, 0);
  const goldParaphrases = articles.reduce((n, a) => n + a.gold.statements.length, 0) - goldQuotes;
  rows.push(["OVERALL", ...pr(t.quotes), ...pr(t.paraphrases), ...pr(t.titles), ...pr(t.organizations), `${t.quotes.tp}/${goldQuotes}`, `${t.paraphrases.tp}/${goldParaphrases}`, ratio(t.kind), ratio(t.place), ratio(t.statedOn)]);
  if (values.misses) console.log("");
  console.log(`${EXTRACTOR_NAME} ${EXTRACTOR_VERSION} on ${articles.length} articles in ${path.relative(process.cwd(), values.dir) || values.dir}`);
  console.log(table(rows));
  console.log(`(quote: (text, speaker) pairs, exact span; para: same speaker, span overlap ≥ 0.5; title/org: the speakers' affiliations; kind/place/date: agreement on matched statements)`);
  console.log("");
  speed(articles, Number(values.seconds));
}

/** Articles per second over the set, and the time for one article of 5,000 characters. */
function speed(articles: Article[], seconds: number): void {
  const bodies = articles.map((a) => ({ body: a.body, publishedAt: a.gold.meta.publishedAt }));
  // A 5,000-character article: whole paragraphs of the set's articles, in order, up to 5,000.
  let five = "";
  for (const paragraph of articles.flatMap((a) => a.body.split("\n"))) {
    if (five.length + paragraph.length + 1 > 5000) break;
    five += `${paragraph}\n`;
  }
  while (five.length < 5000) five += "The council will meet again next month. ";
  five = five.slice(0, 5000);
  for (let i = 0; i < 50; i++) extractStatements(five, { publishedAt: "2025-03-12T12:00:00Z" }); // warm up the JIT

  const times: number[] = [];
  const until = performance.now() + (seconds * 1000) / 2;
  while (performance.now() < until || times.length < 50) {
    const start = performance.now();
    extractStatements(five, { publishedAt: "2025-03-12T12:00:00Z" });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

  let done = 0;
  const started = performance.now();
  const stop = started + (seconds * 1000) / 2;
  while (performance.now() < stop) {
    for (const { body, publishedAt } of bodies) extractStatements(body, { publishedAt });
    done += bodies.length;
  }
  const perSecond = done / ((performance.now() - started) / 1000);
  const characters = bodies.reduce((n, b) => n + b.body.length, 0) / bodies.length;
  console.log(
    table([
      ["speed", "value"],
      ["articles/s (the set, mean " + Math.round(characters) + " chars)", perSecond.toFixed(0)],
      ["5,000-char article, median ms", quantile(0.5).toFixed(2)],
      ["5,000-char article, p95 ms", quantile(0.95).toFixed(2)],
      ["5,000-char article, max ms", times[times.length - 1].toFixed(2)],
    ]),
  );
}

main();
