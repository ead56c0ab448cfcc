import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Kind, parse, print, validate, type GraphQLSchema } from "graphql";

/**
 * The documents of a folder's `.graphql` files (subfolders included), for registering. Each file is
 * one complete document: its operations and the fragments they use. A file is registered as written
 * and, when that differs, as graphql's `print` of it, which is the text Apollo Client and most APQ
 * clients hash; so both the file's bytes and the client's canonical text are found by hash.
 */
export interface OperationFile {
  /** Path relative to the folder, with forward slashes. */
  source: string;
  /** The distinct texts to register: as written, then as printed. */
  documents: string[];
}

export class OperationFileError extends Error {}

export async function readOperationFiles(folder: string, schema: GraphQLSchema): Promise<OperationFile[]> {
  let entries: string[];
  try {
    entries = await readdir(folder, { recursive: true });
  } catch {
    throw new OperationFileError(`Cannot read the folder ${folder}`);
  }
  const files = entries.filter((entry) => entry.endsWith(".graphql")).sort();
  if (files.length === 0) throw new OperationFileError(`No .graphql files in ${folder}`);

  const problems: string[] = [];
  const operations: OperationFile[] = [];
  for (const file of files) {
    const source = file.split(path.sep).join("/");
    const text = await readFile(path.join(folder, file), "utf8");
    try {
      const document = parse(text);
      if (!document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
        problems.push(`${source}: has no operation (fragments belong in the file of the operation that uses them)`);
        continue;
      }
      const invalid = validate(schema, document);
      if (invalid.length > 0) {
        problems.push(...invalid.map((error) => `${source}: ${error.message}`));
        continue;
      }
      operations.push({ source, documents: [...new Set([text, print(document)])] });
    } catch (error) {
      problems.push(`${source}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new OperationFileError(`Nothing was registered:\n${problems.join("\n")}`);
  return operations;
}
