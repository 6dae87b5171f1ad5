/**
 * Runs the official MCP client over `SealMcpTransport` inside workerd (Cloudflare Workers'
 * runtime, through Miniflare): bundled by esbuild with the SDK and the fake orchestrator, first
 * against the fake in the worker itself, then against a fake this Node process serves.
 *
 *     node --import tsx --test tests/runtimes/workerd_mcp.harness.ts   (Node >= 22, for Miniflare)
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Miniflare } from "miniflare";
import { bundleForRuntime } from "./bundle.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";
import { listen } from "../../testing/server.ts";

let miniflare: Miniflare;
let fake: FakeOrchestrator;
let server: { url: string; close(): Promise<void> };

before(async () => {
  const script = await bundleForRuntime(
    "tests/runtimes/mcp_worker_entry.ts",
    ["workerd", "worker"],
    "wrangler",
  );
  miniflare = new Miniflare({ modules: true, script, compatibilityDate: "2025-09-01" });
  await miniflare.ready;
  fake = createFakeOrchestrator();
  server = await listen(fake);
});

after(async () => {
  await miniflare?.dispose();
  await server?.close();
  fake?.close();
});

async function runInWorker(target?: { baseUrl: string; token: string }) {
  const url = new URL("http://harness.local/run");
  if (target) {
    url.searchParams.set("baseUrl", target.baseUrl);
    url.searchParams.set("token", target.token);
  }
  const response = await miniflare.dispatchFetch(url);
  assert.equal(response.status, 200);
  const result = await response.json() as { ok: boolean; detail?: unknown; error?: string };
  assert.ok(result.ok, result.error);
  return result.detail;
}

const expected = {
  server: { name: "aegis-seal-gateway", version: "seal/v1" },
  tools: ["echo", "fs.read", "fs.list"],
  echoed: { hello: "workerd", n: 1e16 },
  refusedCode: -32602,
};

describe("workerd: MCP client over SEAL", () => {
  it("against the fake inside the worker", async () => {
    assert.deepEqual(await runInWorker(), expected);
  });

  it("against a fake served over a real socket", async () => {
    assert.deepEqual(await runInWorker({ baseUrl: server.url, token: fake.token }), expected);
    // The envelopes crossed the socket and were verified there.
    assert.equal(fake.requests.filter((r) => r.path === "/v1/seal/invoke").length, 2);
    assert.equal(fake.requests.filter((r) => r.path === "/v1/seal/attest").length, 1);
  });
});
