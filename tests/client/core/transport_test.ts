// The connection choice itself; what the server receives is measured in
// tests/reliability/delivery_test.ts.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisCore } from "../../../mod.ts";

const isDeno = typeof (globalThis as { Deno?: { createHttpClient?: unknown } }).Deno
  ?.createHttpClient === "function";

describe("transport choice", () => {
  it("gives requests that are not safe to repeat an unpooled Deno client, and only those", async () => {
    const inits: (RequestInit & { client?: unknown })[] = [];
    const core = new AegisCore({
      baseUrl: "http://aegis.test",
      auth: "none",
      fetch: (_input, init) => {
        inits.push(init ?? {});
        return Promise.resolve(Response.json({}));
      },
    });
    await core.request({ method: "POST", path: "/v1/agents/a/execute", json: {} });
    await core.request({ method: "POST", path: "/v1/token", json: {}, idempotent: true });
    await core.request({ method: "GET", path: "/v1/agents" });
    const [post, declaredIdempotent, get] = inits;
    if (isDeno) {
      assert.ok(post.client !== undefined, "POST carries the unpooled client");
      // One client for the process, not one per request.
      await core.request({ method: "POST", path: "/v1/agents/a/execute", json: {} });
      assert.equal(inits[3].client, post.client);
    } else {
      assert.equal(post.client, undefined);
    }
    assert.equal(declaredIdempotent.client, undefined);
    assert.equal(get.client, undefined);
  });
});
