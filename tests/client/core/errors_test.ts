import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  AegisProtocolError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../../mod.ts";
import { helloManifest, setup } from "../../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

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
    // The agent functions turn this 500 into a ConflictError; the status stays the server's.
    assert.ok(deployError instanceof AegisApiError);
    assert.equal(deployError.status, 500);
    assert.match(deployError.serverMessage!, /already deployed/);
    h.fake.faults.add({ path: "/v1/agents", method: "GET", status: 500, body: { error: "boom" } });
    const serverError = await h.client.listAgents().catch((e) => e);
    assert.ok(serverError instanceof InternalServerError);
    assert.equal(serverError.serverMessage, "boom");
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

describe("errors are recognisable", () => {
  it("every SDK error is an AegisError and API errors carry request context", async () => {
    const h = setup();
    const error = await h.client.getAgent(MISSING).catch((e) => e);
    assert.ok(error instanceof AegisApiError);
    assert.equal(error.method, "GET");
    assert.equal(error.path, `/v1/agents/${MISSING}`);
    assert.equal(error.name, "NotFoundError");
  });

  it("name the URL actually requested, the base URL's path included, never its query", async () => {
    const h = setup({ baseUrl: "http://aegis.test/v1/" });
    const error = await h.client.listAgents().catch((e) => e);
    assert.ok(error instanceof AegisApiError, String(error));
    assert.equal(h.fake.requests.at(-1)!.path, "/v1/v1/agents");
    assert.equal(error.path, "/v1/v1/agents");
    assert.equal(error.url, "http://aegis.test/v1/v1/agents");
    assert.match(error.message, /\[GET \/v1\/v1\/agents\]/);
    const secret = "code-from-provider-81c2";
    const callback = await h.client.oauthCallback({ state: secret, code: secret }).catch((e) => e);
    assert.ok(callback instanceof AegisApiError, String(callback));
    assert.equal(callback.url, "http://aegis.test/v1/v1/credentials/oauth/callback");
    assert.ok(!callback.message.includes(secret), callback.message);
  });
});
