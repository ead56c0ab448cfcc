import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

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

/** Where a browser test saves a screenshot: the temp folder, one name per user (another user's file there cannot be overwritten). */
export function screenshotPath(name: string): string {
  return path.join(os.tmpdir(), `newsgraph-${os.userInfo().uid}-${name}.png`);
}

/** A screenshot of the page as the test failed, named in the error output. */
export async function screenshotOnFailure(page: Page, test: string): Promise<void> {
  const file = screenshotPath(`${test}-failure`);
  await page.screenshot({ path: file }).then(
    () => console.error(`${test} failed; screenshot: ${file}`),
    () => undefined,
  );
}
