import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisAbortError,
  AegisCore,
  AegisTimeoutError,
  InvalidArgumentError,
} from "../../../mod.ts";
import { runCall } from "../../../client/core/pipeline.ts";
import { helloManifest, setup } from "../../helpers.ts";

describe("runCall: the pipeline for calls outside the class (event streams)", () => {
  it("runs a call through the core's pipeline, for a core and for an AegisClient", async () => {
    const { client } = setup();
    const core = new AegisCore({
      baseUrl: client.baseUrl,
      auth: "none",
      fetch: () => {
        return Promise.resolve(new Response("ok", { status: 200 }));
      },
    });
    for (const target of [core, client]) {
      const status = await runCall(
        target,
        { method: "GET", path: "/health/live" },
        {},
        (response) => Promise.resolve(response.status),
        false,
      );
      assert.equal(status, 200);
    }
  });

  it("refuses an object that is not a constructed core, with a typed error", async () => {
    const imitation = Object.assign(Object.create(AegisCore.prototype), { baseUrl: "http://x" });
    await assert.rejects(
      runCall(
        imitation,
        { method: "GET", path: "/health/live" },
        {},
        () => Promise.resolve(0),
        false,
      ),
      (error) => error instanceof InvalidArgumentError && error.argument === "core",
    );
  });
});

describe("request pipeline: URLs and headers", () => {
  it("joins base URL and path, sends accept/content-type/authorization/x-tenant-id", async () => {
    const h = setup({
      baseUrl: "http://aegis.test/",
      tenantId: "t-team",
      headers: { "x-extra": "1" },
    });
    await h.client.deployAgent(helloManifest());
    const request = h.last("/v1/agents");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(request.headers.get("accept"), "application/json");
    assert.equal(request.headers.get("x-tenant-id"), "t-team");
    assert.equal(request.headers.get("x-extra"), "1");
    assert.equal(JSON.parse(request.body!).metadata.name, "hello");
    await h.client.listAgents({ headers: { "x-extra": "2" }, tenantId: "t-other" });
    assert.equal(h.last("/v1/agents").headers.get("x-extra"), "2");
    assert.equal(h.last("/v1/agents").headers.get("x-tenant-id"), "t-other");
  });

  it("sends no Authorization to unauthenticated routes", async () => {
    const h = setup();
    await h.client.healthLive();
    assert.equal(h.last("/health/live").headers.get("authorization"), null);
  });
});

describe("request pipeline: timeouts and cancellation", () => {
  it("times out a request whose headers never come", async () => {
    const h = setup({ timeout: 100, maxRetries: 0 });
    h.fake.faults.add({ path: "/v1/agents", action: "hang" });
    const error = await h.client.listAgents().catch((e) => e);
    assert.ok(error instanceof AegisTimeoutError, String(error));
    assert.match(error.message, /timed out after 100 ms/);
  });

  it("retries a timed-out GET, then succeeds", async () => {
    const h = setup({ timeout: 100 });
    h.fake.faults.add({ path: "/v1/agents", action: "hang" });
    assert.deepEqual(await h.client.listAgents(), []);
  });

  it("aborts with the caller's signal, during the request and during backoff", async () => {
    const h = setup();
    h.fake.faults.add({ path: "/v1/agents", action: "hang" });
    const controller = new AbortController();
    setTimeout(() => controller.abort("user gave up"), 50);
    const error = await h.client.listAgents({ signal: controller.signal }).catch((e) => e);
    assert.ok(error instanceof AegisAbortError);
    assert.equal(error.cause, "user gave up");

    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "30" } });
    const during = new AbortController();
    setTimeout(() => during.abort(), 50);
    const started = Date.now();
    await assert.rejects(h.client.listAgents({ signal: during.signal }), AegisAbortError);
    assert.ok(Date.now() - started < 5000);
    await assert.rejects(h.client.listAgents({ signal: AbortSignal.abort() }), AegisAbortError);
  });
});
