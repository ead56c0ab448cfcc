import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";

/**
 * GraphQL Playground as the landing page of /graphql, served entirely by newsgraph: the page below
 * loads the Playground's prebuilt script and styles from the graphql-playground-react npm package
 * under /playground/, and nothing from a CDN or Google Fonts (the stock page does both, which
 * fails offline and leaks every visit to third parties).
 */
export const PLAYGROUND_PREFIX = "/playground/";
const BUILD_DIR = path.join(path.dirname(require.resolve("graphql-playground-react/package.json")), "build");
const ASSETS: { [file: string]: string } = {
  "static/js/middleware.js": "application/javascript; charset=utf-8",
  "static/css/middleware.css": "text/css; charset=utf-8",
  "favicon.png": "image/png",
  "logo.png": "image/png",
};

const EXAMPLE_QUERY = `# Welcome to newsgraph. Press the play button (or Ctrl-Enter) to run this query.
{
  events(first: 5) {
    totalCount
    nodes {
      title
      kind
      status
      startDate
      statements(first: 3) {
        nodes {
          kind
          text
          speaker { name }
          organization { name }
        }
      }
    }
  }
}
`;

function playgroundPage(endpoint: string): string {
  const options = {
    endpoint,
    subscriptionEndpoint: endpoint,
    settings: {
      "request.credentials": "same-origin",
      "schema.polling.enable": false,
      "editor.fontFamily": "'Source Code Pro', 'DejaVu Sans Mono', Consolas, Menlo, monospace",
    },
    tabs: [{ endpoint, query: EXAMPLE_QUERY }],
  };
  // `<` is escaped so no string in the options can close the script element.
  const json = JSON.stringify(options).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>newsgraph — GraphQL Playground</title>
  <link rel="icon" href="${PLAYGROUND_PREFIX}favicon.png">
  <link rel="stylesheet" href="${PLAYGROUND_PREFIX}static/css/middleware.css">
  <style>body { margin: 0; font-family: "Open Sans", system-ui, sans-serif; }</style>
  <script src="${PLAYGROUND_PREFIX}static/js/middleware.js"></script>
</head>
<body>
  <div id="root"></div>
  <script>
    window.addEventListener("load", function () {
      GraphQLPlayground.init(document.getElementById("root"), ${json});
    });
  </script>
</body>
</html>`;
}

/** Apollo plugin: GET /graphql from a browser (Accept: text/html) shows the Playground. */
export function playgroundLandingPage(endpoint = "/graphql"): ApolloServerPlugin {
  const html = playgroundPage(endpoint);
  return {
    async serverWillStart() {
      return { async renderLandingPage() { return { html }; } };
    },
  };
}

/** Serves the Playground's files under /playground/; false when `pathname` is not one of them. */
export async function servePlaygroundAsset(pathname: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!pathname.startsWith(PLAYGROUND_PREFIX)) return false;
  const file = pathname.slice(PLAYGROUND_PREFIX.length);
  const contentType = ASSETS[file]; // an allow-list: no path ever reaches the file system unchecked
  if (!contentType || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const fullPath = path.join(BUILD_DIR, file);
  const { size } = await stat(fullPath);
  res.writeHead(200, { "content-type": contentType, "content-length": size, "cache-control": "public, max-age=86400" });
  if (req.method === "HEAD") res.end();
  else await pipeline(createReadStream(fullPath), res);
  return true;
}
