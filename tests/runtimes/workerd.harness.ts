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
import { prepareRedirect, STEPS } from "./scenario.ts";
import { startOtherOrigin } from "./other_origin.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";
// The MCP-over-SEAL scenario runs in the same CI step.
import "./workerd_mcp.harness.ts";

let miniflare: Miniflare;
let fake: FakeOrchestrator;
let server: { url: string; close(): Promise<void> };

before(async () => {
  const script = await bundleForRuntime(
    "tests/runtimes/worker_entry.ts",
    ["workerd", "worker"],
    "wrangler",
  );
  miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2025-09-01",
  });
  await miniflare.ready;
  fake = createFakeOrchestrator({ stepMs: 1 });
  server = await listen(fake);
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
      if (step !== "refuse a redirect to another origin") {
        await runInWorker(step, { baseUrl: server.url, token: fake.token });
        return;
      }
      const other = await startOtherOrigin();
      try {
        prepareRedirect(fake, other.url);
        // workerd hands the 307 itself to code that asks for `redirect: "manual"`.
        const detail = await runInWorker(step, { baseUrl: server.url, token: fake.token });
        assert.equal(detail, `307 ${other.url}/v1/agents`);
        assert.deepEqual(other.received, []);
      } finally {
        await other.close();
      }
    });
  }
});
