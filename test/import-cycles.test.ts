import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import madge from "madge";

const root = path.join(__dirname, "..");
const graphOf = (folders: string[]) =>
  madge(
    folders.map((folder) => path.join(root, folder)),
    { baseDir: root, fileExtensions: ["ts"], tsConfig: path.join(root, "tsconfig.json") },
  );

/** No module imports itself through others (type-only imports count: they tie the files' designs together too). */
it("has no import cycle in src/, migrations/ or bench/", async () => {
  const graph = await graphOf(["src", "migrations", "bench"]);
  expect(graph.circular()).toEqual([]);
});

/**
 * The layers import downward only: the API contract (errors, ids, pages) nothing of the service;
 * the store (src/db) the contract, config and logger, never a concept's module, the registry or the
 * GraphQL layer. Concepts reach the store as arguments (entity classes, lists, relations).
 */
it("keeps the store and the contract below the modules, the registry and the GraphQL layer", async () => {
  const graph = (await graphOf(["src"])).obj();
  const allowed: { [layer: string]: RegExp } = {
    "src/contract/": /^src\/contract\//,
    "src/db/": /^(src\/db\/|src\/contract\/|src\/config\.ts$|src\/logger\.ts$|migrations\/)/,
  };
  const outOfLayer = Object.entries(graph).flatMap(([file, imports]) =>
    Object.entries(allowed).flatMap(([layer, may]) => (file.startsWith(layer) ? imports.filter((imported) => !may.test(imported)).map((imported) => `${file} → ${imported}`) : [])),
  );
  expect(outOfLayer).toEqual([]);
  expect(Object.keys(graph).filter((file) => file.startsWith("src/db/")).length).toBeGreaterThan(10);
});

/**
 * SQL is written in two places only: the store (src/db), which assembles every statement, and each
 * concept's .loaders.ts, which declares its lists' fragments (FROM, WHERE, sort keys), its search
 * kind and its special reads. Everything else names what it wants (entities, properties, relations).
 */
it("writes SQL only in src/db/ and the concepts' .loaders.ts", () => {
  const sources = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(folder, entry.name);
      return entry.isDirectory() ? sources(file) : entry.name.endsWith(".ts") ? [file] : [];
    });
  const SQL = /\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|WITH RECURSIVE|JOIN|WHERE)\b|\b(LISTEN|NOTIFY) [a-z_$]/;
  const outside = sources(path.join(root, "src"))
    .map((file) => path.relative(root, file))
    .filter((file) => !file.startsWith("src/db/") && !file.endsWith(".loaders.ts"))
    .filter((file) => {
      // Comments may name SQL; code may not.
      const code = readFileSync(path.join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      return SQL.test(code);
    });
  expect(outside).toEqual([]);
  expect(sources(path.join(root, "src/db")).some((file) => SQL.test(readFileSync(file, "utf8")))).toBe(true);
});
