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
