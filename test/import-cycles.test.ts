import path from "node:path";
import madge from "madge";

/** No module imports itself through others (type-only imports count: they tie the files' designs together too). */
it("has no import cycle in src/, migrations/ or bench/", async () => {
  const root = path.join(__dirname, "..");
  const graph = await madge(["src", "migrations", "bench"].map((folder) => path.join(root, folder)), {
    baseDir: root,
    fileExtensions: ["ts"],
    tsConfig: path.join(root, "tsconfig.json"),
  });
  expect(graph.circular()).toEqual([]);
});
