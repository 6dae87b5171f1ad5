/**
 * Runs the end-to-end scenario inside workerd (Cloudflare Workers' runtime, through Miniflare):
 * the SDK and the fake orchestrator bundled by esbuild into one worker module, first with the
 * fake in the worker itself, then against a fake this Node process serves on 127.0.0.1.
 *
 *     node --import tsx --test tests/runtimes/workerd.harness.ts   (Node >= 22, for Miniflare)
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { bundleForRuntime } from "./bundle.ts";
import { STEPS } from "./scenario.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";

let miniflare: Miniflare;
let fake: FakeOrchestrator;
let server: { url: string; close(): Promise<void> };

before(async () => {
  const script = await bundleForRuntime("tests/runtimes/worker_entry.ts", ["workerd", "worker"]);
  miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2025-09-01",
  });
  await miniflare.ready;
  fake = createFakeOrchestrator({ stepMs: 1 });
  server = await fake.listen();
});

after(async () => {
  await miniflare?.dispose();
  await server?.close();
  fake?.close();
});

async function runInWorker(step: string, target?: { baseUrl: string; token: string }) {
  const url = new URL("http://harness.local/run");
  url.searchParams.set("step", step);
  if (target) {
    url.searchParams.set("baseUrl", target.baseUrl);
    url.searchParams.set("token", target.token);
  }
  const response = await miniflare.dispatchFetch(url);
  assert.equal(response.status, 200);
  const result = await response.json() as { ok: boolean; detail?: string; error?: string };
  assert.ok(result.ok, result.error);
  return result.detail;
}

describe("workerd: fake orchestrator inside the worker", () => {
  for (const step of STEPS) {
    it(step, async () => {
      await runInWorker(step);
    });
  }
});

describe("workerd: fake orchestrator on 127.0.0.1", () => {
  for (const step of STEPS) {
    it(step, async () => {
      await runInWorker(step, { baseUrl: server.url, token: fake.token });
    });
  }
});
