import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisAbortError,
  AegisApiError,
  AegisClient,
  AegisConnectionError,
  AegisProtocolError,
  AegisTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { helloManifest, setup } from "../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

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

  it("percent-encodes hostile path parameters into exactly one segment", async () => {
    const h = setup();
    for (const name of ["a/b", "x?y#z", "with space", "é😀", "%2e%2e", "a/../../health"]) {
      await assert.rejects(h.client.lookupAgent(name), NotFoundError);
      const request = h.last(/^\/v1\/agents\/lookup\//);
      assert.equal(request.path, `/v1/agents/lookup/${encodeURIComponent(name)}`);
      assert.equal(request.search, "");
    }
    // A non-UUID id reaches the agent route and gets axum's plain-text 400.
    const error = await h.client.getAgent("not/a-uuid").catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.equal(h.last(/^\/v1\/agents\//).path, "/v1/agents/not%2Fa-uuid");
    assert.match(error.serverMessage!, /^Invalid URL/);
  });

  it("refuses dot segments, empty and control-character parameters before sending", async () => {
    const h = setup();
    const before = h.fake.requests.length;
    for (const bad of ["..", ".", "", "a\r\nX-Injected: 1"]) {
      await assert.rejects(h.client.getAgent(bad), InvalidArgumentError);
    }
    await assert.rejects(
      h.client.getExecutionFile(MISSING, "../../etc/passwd"),
      InvalidArgumentError,
    );
    await assert.rejects(h.client.getExecutionFile(MISSING, "a//b"), InvalidArgumentError);
    assert.equal(h.fake.requests.length, before);
  });

  it("refuses CR/LF in tenant ids and tokens", () => {
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", tenantId: "t\r\nX-Evil: 1" }),
      InvalidArgumentError,
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", bearerToken: "a\nb" }),
      InvalidArgumentError,
    );
    assert.throws(() => new AegisClient({ baseUrl: "ftp://x" }), InvalidArgumentError);
    assert.throws(() => new AegisClient({ baseUrl: "http://x?q=1" }), InvalidArgumentError);
  });

  it("accepts the seed constructor form (baseUrl, bearerToken) with the global fetch", async () => {
    const h = setup();
    const server = await h.fake.listen();
    try {
      const client = new AegisClient(server.url + "/", h.fake.token);
      assert.equal(client.baseUrl, server.url);
      assert.deepEqual(await client.listAgents(), []);
      assert.equal(h.last("/v1/agents").headers.get("authorization"), `Bearer ${h.fake.token}`);
      assert.equal(JSON.stringify(client), JSON.stringify({ baseUrl: server.url }));
    } finally {
      await server.close();
    }
  });
});

describe("request pipeline: error mapping", () => {
  it("maps plain-text 401s from the IAM middleware", async () => {
    const h = setup({ bearerToken: "wrong-token" });
    const error = await h.client.listAgents().catch((e) => e);
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.status, 401);
    assert.equal(error.serverMessage, "Unauthorized");
    assert.equal(error.body, "Unauthorized");
    assert.match(error.message, /401 Unauthorized \[GET \/v1\/agents\]/);
  });

  it("maps JSON {error} bodies by status", async () => {
    const h = setup();
    const notFound = await h.client.getExecution(MISSING).catch((e) => e);
    assert.ok(notFound instanceof NotFoundError);
    assert.equal(notFound.serverMessage, "Execution not found");
    assert.deepEqual(notFound.body, { error: "Execution not found" });
    const deployError = await h.client.deployAgent(helloManifest()).then(() =>
      h.client.deployAgent(helloManifest())
    ).catch((e) => e);
    assert.ok(deployError instanceof InternalServerError);
    assert.match(deployError.serverMessage!, /already deployed/);
  });

  it("maps {error, message} and {error:'insufficient_scope', required} bodies to code + message", async () => {
    const h = setup({ maxRetries: 0 });
    h.fake.faults.add({
      path: "/v1/agents",
      status: 403,
      body: { error: "insufficient_scope", required: "agent:list" },
    });
    const scope = await h.client.listAgents().catch((e) => e);
    assert.equal(scope.code, "insufficient_scope");
    assert.match(scope.message, /requires agent:list/);
    h.fake.faults.add({
      path: "/v1/agents",
      status: 402,
      body: {
        error: "colony_suspended",
        team_id: "t",
        tenant_id: "t",
        reason: "r",
        remediation: "x",
      },
    });
    const suspended = await h.client.listAgents().catch((e) => e);
    assert.equal(suspended.code, "colony_suspended");
    assert.equal(suspended.constructor.name, "PaymentRequiredError");
    h.fake.faults.add({
      path: "/v1/agents",
      status: 409,
      body: { status: 409, code: "conflict", message: "edge says no" },
    });
    const edge = await h.client.listAgents().catch((e) => e);
    assert.equal(edge.code, "conflict");
    assert.equal(edge.serverMessage, "edge says no");
  });

  it("maps axum's plain-text 422 and 415", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const error = await h.client.executeAgent(agent_id, undefined).catch((e) => e);
    assert.ok(error instanceof UnprocessableEntityError);
    assert.match(error.serverMessage!, /missing field `input`/);
  });

  it("turns HTTP-200 bodies with an error field into typed errors", async () => {
    const h = setup();
    const error = await h.client.listExecutions({ workflowName: "nope" }).catch((e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 200);
    assert.equal(error.embedded, true);
    assert.match(error.message, /error in body/);
  });

  it("rejects non-JSON and wrong-shape success bodies", async () => {
    const h = setup({ maxRetries: 0 });
    h.fake.faults.add({
      path: "/v1/agents",
      status: 200,
      body: "<html>proxy page</html>",
      headers: { "content-type": "text/html" },
    });
    await assert.rejects(h.client.listAgents(), AegisProtocolError);
    h.fake.faults.add({ path: "/v1/agents", status: 200, body: { items: [] } });
    await assert.rejects(h.client.listAgents(), /expected a JSON array/);
  });
});

describe("request pipeline: retries", () => {
  it("retries 503 and 429 honouring Retry-After (seconds) and succeeds", async () => {
    const h = setup();
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
    h.fake.faults.add({ path: "/v1/agents", status: 429, headers: { "retry-after": "1" } });
    const started = Date.now();
    assert.deepEqual(await h.client.listAgents(), []);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1000, `waited ${elapsed} ms, Retry-After said 1 s`);
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/agents").length, 3);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const h = setup();
    const date = new Date(Date.now() + 1500).toUTCString();
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": date } });
    const started = Date.now();
    await h.client.listAgents();
    assert.ok(Date.now() - started >= 400);
  });

  it("does not retry 400, and gives up after maxRetries", async () => {
    const h = setup({ maxRetries: 2 });
    h.fake.faults.add({ path: "/v1/agents", status: 400, body: { error: "bad" } });
    await assert.rejects(h.client.listAgents(), BadRequestError);
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/agents").length, 1);
    h.fake.faults.add({
      path: "/v1/agents",
      status: 502,
      times: 10,
      headers: { "retry-after": "0" },
    });
    await assert.rejects(h.client.listAgents(), InternalServerError);
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/agents").length, 4);
  });

  it("does not repeat a non-idempotent POST after a 500, but does after 429/503", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const path = `/v1/agents/${agent_id}/execute`;
    h.fake.faults.add({ path, status: 500, body: { error: "boom" } });
    await assert.rejects(h.client.startExecution(agent_id, "x"), InternalServerError);
    assert.equal(h.fake.requests.filter((r) => r.path === path).length, 1);
    h.fake.faults.add({ path, status: 503, headers: { "retry-after": "0" } });
    const { execution_id } = await h.client.startExecution(agent_id, "x");
    assert.ok(execution_id);
    assert.equal(h.fake.requests.filter((r) => r.path === path).length, 3);
  });

  it("does not retry when Retry-After exceeds maxRetryAfter", async () => {
    const h = setup({ maxRetryAfter: 1000 });
    h.fake.faults.add({ path: "/v1/agents", status: 429, headers: { "retry-after": "86400" } });
    const error = await h.client.listAgents().catch((e) => e);
    assert.ok(error instanceof RateLimitError);
    assert.ok(error.retryAfterMs! > 86_000_000);
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/agents").length, 1);
  });

  it("retries dropped connections for GET, not for POST", async () => {
    const h = setup();
    h.fake.faults.add({ path: "/v1/agents", action: "reset" });
    assert.deepEqual(await h.client.listAgents(), []);
    const { agent_id } = await h.client.deployAgent(helloManifest());
    h.fake.faults.add({ path: `/v1/agents/${agent_id}/execute`, action: "reset" });
    await assert.rejects(h.client.startExecution(agent_id, "x"), AegisConnectionError);
  });

  it("retries a body that breaks off mid-JSON for idempotent calls", async () => {
    const h = setup();
    await h.client.deployAgent(helloManifest());
    h.fake.faults.add({
      path: "/v1/agents",
      method: "GET",
      action: "truncate",
      truncateAfterBytes: 10,
    });
    assert.equal((await h.client.listAgents()).length, 1);
    h.fake.faults.add({
      path: "/v1/agents",
      method: "GET",
      action: "truncate",
      truncateAfterBytes: 10,
      times: 5,
    });
    await assert.rejects(h.client.listAgents({ maxRetries: 1 }), AegisConnectionError);
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

describe("errors are recognisable", () => {
  it("every SDK error is an AegisError and API errors carry request context", async () => {
    const h = setup();
    const error = await h.client.getAgent(MISSING).catch((e) => e);
    assert.ok(error instanceof AegisApiError);
    assert.equal(error.method, "GET");
    assert.equal(error.path, `/v1/agents/${MISSING}`);
    assert.equal(error.name, "NotFoundError");
  });
});
