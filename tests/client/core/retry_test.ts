import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisConnectionError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from "../../../mod.ts";
import { helloManifest, setup } from "../../helpers.ts";
import {
  backoffDelay,
  isIdempotent,
  judgeStatus,
  parseRetryAfter,
} from "../../../client/core/retry.ts";

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

describe("retry policy", () => {
  it("parses Retry-After as seconds, fractional seconds or an HTTP date, never negative", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    assert.equal(parseRetryAfter("2", now), 2000);
    assert.equal(parseRetryAfter(" 0.25 ", now), 250);
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now), 3000);
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now), 0);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it("never shortens a server-mandated wait with jitter", () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(1, 1000);
      assert.ok(delay >= 1000 && delay < 1100, String(delay));
      const exponential = backoffDelay(3, undefined);
      assert.ok(exponential >= 1000 && exponential <= 2000, String(exponential));
    }
  });

  it("retries POSTs only where the server did not act, and not past maxRetryAfter", () => {
    const none = new Headers();
    assert.equal(judgeStatus(502, none, true, 60_000).retryable, true);
    assert.equal(judgeStatus(502, none, false, 60_000).retryable, false);
    assert.equal(judgeStatus(503, none, false, 60_000).retryable, true);
    assert.equal(judgeStatus(500, none, true, 60_000).retryable, false);
    const long = judgeStatus(429, new Headers({ "retry-after": "120" }), true, 60_000);
    assert.deepEqual(long, { retryable: false, retryAfterMs: 120_000, waitTooLong: true });
    assert.equal(isIdempotent("POST", undefined), false);
    assert.equal(isIdempotent("POST", true), true);
    assert.equal(isIdempotent("PUT", undefined), true);
  });
});
