import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium for the browser tests (`apt-get install chromium`; .ci/run installs it).
 * Without it a browser test is skipped locally, with a loud warning, and fails in CI (CI=true):
 * CI must never pass by skipping it.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const inCI = process.env.CI === "true";

/** `it`, or `it.skip` with a warning where no Chromium is installed outside CI. */
export function browserTest(what: string): jest.It {
  if (!hasChromium && !inCI) {
    console.warn(`\n!!! SKIPPING ${what}: ${CHROMIUM} is missing. Install it with \`apt-get install -y chromium\`. !!!\n`);
    return it.skip;
  }
  return it;
}

export function requireChromium(): void {
  if (!hasChromium) throw new Error(`Chromium missing: ${CHROMIUM} does not exist (CI=true; install it with apt-get install -y chromium)`);
}

/** Headless, and quiet: no background calls to Google's hosts, which this machine cannot reach. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic",
    ],
  });
}

/**
 * Playground's class names are styled-components hashes, so its editors are told apart by their
 * CodeMirror mode ("graphql": the query, "graphql-results": the read-only answer). Runs in the
 * page: add it with `context.addInitScript({ content: `window.playgroundEditor = ${String(playgroundEditor)};` })`.
 */
export function playgroundEditor(mode: "graphql" | "graphql-results"): any {
  const editors = (globalThis as any).document.querySelectorAll(".graphiql-wrapper.active .CodeMirror");
  return [...editors].find((element: any) => element.CodeMirror?.getOption("mode") === mode) ?? null;
}
