import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import {
  commitMutation,
  createOperationDescriptor,
  Environment,
  fetchQuery,
  getRequest,
  getSelector,
  Network,
  RecordSource,
  Store,
  type ConcreteRequest,
  type Disposable,
  type GraphQLResponse,
  type ReaderFragment,
  type Variables,
} from "relay-runtime";

/** The small Relay app: its sources (graphql`` documents) and relay.config.json. */
export const RELAY_APP = path.join(__dirname, "..", "clients", "relay");

export interface RelayArtifacts {
  dir: string;
  /** The artifact of a query, mutation or fragment by name (e.g. "PersonCardQuery", "PersonCard_person"). */
  load<T = ConcreteRequest>(name: string): T;
  remove(): Promise<void>;
}

/**
 * Runs the real relay-compiler (its native binary ships inside the npm package: no install
 * script) on test/clients/relay, validating the documents against schema.graphql, with the
 * artifacts written to a fresh temporary folder rather than into the repository. The committed
 * relay.config.json is used as is, but with absolute paths and that artifact folder.
 */
export async function compileRelayApp(): Promise<RelayArtifacts> {
  const binary: string | null = require("relay-compiler");
  if (!binary) throw new Error(`relay-compiler ships no binary for ${process.platform}/${process.arch}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "newsgraph-relay-"));
  const artifacts = path.join(dir, "__generated__");
  await mkdir(artifacts);
  const config = JSON.parse(await readFile(path.join(RELAY_APP, "relay.config.json"), "utf8"));
  const configPath = path.join(dir, "relay.config.json");
  await writeFile(
    configPath,
    JSON.stringify({ ...config, src: path.resolve(RELAY_APP, config.src), schema: path.resolve(RELAY_APP, config.schema), artifactDirectory: artifacts }),
  );
  try {
    await promisify(execFile)(binary, ["--output", "quiet-with-errors", configPath], { cwd: dir, timeout: 30_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    await rm(dir, { recursive: true, force: true });
    throw new Error(`relay-compiler failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
  return {
    dir: artifacts,
    // The artifacts are CommonJS (language javascript, eagerEsModules false): plain require works under jest.
    load: (name) => require(path.join(artifacts, `${name}.graphql.js`)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RelayClient {
  environment: Environment;
  /** Every operation text sent, with its variables. */
  sent: { name: string; text: string; variables: Variables }[];
  /** fetchQuery, keeping the result in the store (retained) and resolving with the query's data. */
  query<T = any>(query: ConcreteRequest, variables: Variables): Promise<T>;
  mutate<T = any>(mutation: ConcreteRequest, variables: Variables): Promise<T>;
  /** The data of a fragment, read from the store through a fragment reference. */
  read<T = any>(fragment: ReaderFragment, reference: unknown): T;
  dispose(): void;
}

/** relay-runtime over the real service: Network.create with fetch, a RecordSource and a Store. */
export function createRelayClient(url: string, mutationToken?: string): RelayClient {
  const sent: RelayClient["sent"] = [];
  const retained: Disposable[] = [];
  const network = Network.create(async (params, variables) => {
    if (!params.text) throw new Error(`no text for ${params.name}`);
    sent.push({ name: params.name, text: params.text, variables });
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        ...(params.operationKind === "mutation" && mutationToken && { authorization: `Bearer ${mutationToken}` }),
      },
      body: JSON.stringify({ query: params.text, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  });
  const environment = new Environment({ network, store: new Store(new RecordSource()) });
  return {
    environment,
    sent,
    async query(query, variables) {
      retained.push(environment.retain(createOperationDescriptor(getRequest(query), variables)));
      return (await fetchQuery(environment, query, variables, { fetchPolicy: "network-only" }).toPromise()) as any;
    },
    mutate: (mutation, variables) =>
      new Promise((resolve, reject) => {
        commitMutation(environment, {
          mutation,
          variables,
          onCompleted: (response, errors) => (errors?.length ? reject(new Error(JSON.stringify(errors))) : resolve(response as any)),
          onError: reject,
        });
      }),
    read(fragment, reference) {
      const selector = getSelector(fragment, reference as any);
      if (!selector || selector.kind !== "SingularReaderSelector") throw new Error(`no singular selector for ${fragment.name}`);
      const snapshot = environment.lookup(selector);
      if (snapshot.isMissingData) throw new Error(`missing data in the store for ${fragment.name}`);
      return snapshot.data as any;
    },
    dispose() {
      for (const disposable of retained) disposable.dispose();
    },
  };
}
