/**
 * Runs the end-to-end scenario in headless Chromium (Debian's `/usr/bin/chromium`, driven by
 * playwright-core): the SDK and the fake orchestrator bundled by esbuild into the page, first
 * with the fake in the page itself, then against a fake this Node process serves on 127.0.0.1.
 *
 * The page is served from the fake's own origin (`http://127.0.0.1:<port>/__harness/`, answered
 * by Playwright's request interception), so the page calls the fake same-origin and the fake
 * needs no CORS.
 *
 *     node --import tsx --test tests/runtimes/chromium.harness.ts
 *
 * `CHROMIUM_PATH` overrides the browser binary; without one every test is skipped.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { bundleForRuntime } from "./bundle.ts";
import { prepareRedirect, STEPS } from "./scenario.ts";
import { startOtherOrigin } from "./other_origin.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const skip = existsSync(executablePath) ? false : `no Chromium at ${executablePath}`;

let userDataDir: string;
let context: BrowserContext;
let page: Page;
let fake: FakeOrchestrator;
let server: { url: string; close(): Promise<void> };
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  const script = await bundleForRuntime("tests/runtimes/browser_entry.ts", [], "vite");
  fake = createFakeOrchestrator({ stepMs: 1 });
  server = await listen(fake);
  userDataDir = await mkdtemp(join(tmpdir(), "aegis-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  await context.route(`${server.url}/__harness/**`, (route) => {
    const isPage = route.request().url().endsWith("/index.html");
    return route.fulfill(
      isPage
        ? {
          contentType: "text/html",
          body: '<!doctype html><meta charset="utf-8"><title>aegis-sdk harness</title>' +
            '<script type="module" src="./bundle.js"></script>',
        }
        : { contentType: "text/javascript", body: script },
    );
  });
  page = context.pages()[0] ?? await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${server.url}/__harness/index.html`);
  await page.waitForFunction(() => "runStep" in globalThis, undefined, { timeout: 10_000 });
});

after(async () => {
  await context?.close();
  await server?.close();
  fake?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

function runInPage(step: string, target?: { baseUrl: string; token: string }): Promise<string> {
  return page.evaluate(
    ([step, target]) =>
      (globalThis as unknown as {
        runStep(step: string, target?: unknown): Promise<string>;
      }).runStep(step, target),
    [step, target] as const,
  );
}

describe("chromium: fake orchestrator inside the page", { skip }, () => {
  for (const step of STEPS) {
    it(step, async () => {
      assert.equal(typeof await runInPage(step), "string");
      assert.deepEqual(pageErrors, []);
    });
  }
});

describe("chromium: fake orchestrator on 127.0.0.1, same origin", { skip }, () => {
  it("really runs in Chromium, from the fake's origin", async () => {
    const { userAgent, origin } = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      origin: location.origin,
    }));
    assert.match(userAgent, /Chrome\//);
    assert.equal(origin, server.url);
  });

  for (const step of STEPS) {
    it(step, async () => {
      if (step !== "refuse a redirect to another origin") {
        assert.equal(
          typeof await runInPage(step, { baseUrl: server.url, token: fake.token }),
          "string",
        );
        assert.deepEqual(pageErrors, []);
        return;
      }
      const other = await startOtherOrigin();
      try {
        prepareRedirect(fake, other.url);
        // Chromium hides a manual redirect from the page: an opaque redirect, status 0.
        const detail = await runInPage(step, { baseUrl: server.url, token: fake.token });
        assert.equal(detail, "0 hidden");
        assert.deepEqual(other.received, []);
        assert.deepEqual(pageErrors, []);
      } finally {
        await other.close();
      }
    });
  }
});
