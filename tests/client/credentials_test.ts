import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

async function storeOne(h: ReturnType<typeof setup>): Promise<string> {
  const { id } = await h.client.storeApiKey({
    provider: "github",
    label: "CI token",
    value: "ghp_example",
    credential_type: "secret",
  });
  return id;
}

describe("credentials", () => {
  it("storeApiKey posts {provider, label, value, credential_type, scope?} and returns 201 {id}", async () => {
    const h = setup();
    const teamId = crypto.randomUUID();
    const { id } = await h.client.storeApiKey({
      provider: "openai",
      label: "prod",
      value: "sk-secret",
      credential_type: "secret",
      scope: `team:${teamId}`,
    });
    const request = h.last("/v1/credentials/api-keys");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.equal(request.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.deepEqual(JSON.parse(request.body!), {
      provider: "openai",
      label: "prod",
      value: "sk-secret",
      credential_type: "secret",
      scope: `team:${teamId}`,
    });
    assert.match(id, /^[0-9a-f-]{36}$/);
    const { credential } = await h.client.getCredential(id);
    assert.equal(h.last().path, `/v1/credentials/${id}`);
    assert.equal(credential.provider, "open_a_i");
    assert.deepEqual(credential.scope, { team: { team_id: teamId } });
    assert.equal(credential.metadata.label, "prod");
    assert.equal(credential.status, "active");
    assert.ok(!JSON.stringify(credential).includes("sk-secret"), "value is never returned");
  });

  it("listCredentials returns {credentials, count}", async () => {
    const h = setup();
    assert.deepEqual(await h.client.listCredentials(), { credentials: [], count: 0 });
    assert.equal(h.last().method, "GET");
    assert.equal(h.last().path, "/v1/credentials");
    const id = await storeOne(h);
    const list = await h.client.listCredentials();
    assert.equal(list.count, 1);
    assert.equal(list.credentials[0].id, id);
    assert.equal(list.credentials[0].provider, "git_hub");
  });

  it("a reference-page-style body (missing label/value) is refused with a typed 400", async () => {
    const h = setup();
    await assert.rejects(
      // The reference page's example sends {name, provider, api_key}.
      h.client.storeApiKey({ provider: "github", api_key: "x" } as never),
      (e: unknown) => e instanceof BadRequestError && /missing field `label`/.test(e.message),
    );
  });

  it("getCredential: unknown id → NotFoundError, malformed id → BadRequestError (JSON 400)", async () => {
    const h = setup();
    await assert.rejects(h.client.getCredential(MISSING), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.serverMessage, "Credential binding not found");
      return true;
    });
    await assert.rejects(h.client.getCredential("not-a-uuid"), BadRequestError);
  });

  it("hostile ids stay one segment or are refused before sending", async () => {
    const h = setup();
    await assert.rejects(h.client.getCredential("a/b?c#d"), BadRequestError);
    assert.equal(h.last().path, "/v1/credentials/a%2Fb%3Fc%23d");
    const before = h.fake.requests.length;
    await assert.rejects(h.client.getCredential(".."), InvalidArgumentError);
    await assert.rejects(h.client.revokeGrant(MISSING, ""), InvalidArgumentError);
    await assert.rejects(h.client.listGrants("x\ny"), InvalidArgumentError);
    assert.equal(h.fake.requests.length, before);
  });

  it("revokeCredential and rotateCredential(id, value) send the contract's shapes", async () => {
    const h = setup();
    const id = await storeOne(h);
    assert.deepEqual(await h.client.rotateCredential(id, "ghp_new"), { status: "rotated", id });
    const rotate = h.last(`/v1/credentials/${id}/rotate`);
    assert.equal(rotate.method, "POST");
    assert.deepEqual(JSON.parse(rotate.body!), { value: "ghp_new" });
    assert.deepEqual(await h.client.revokeCredential(id), { status: "revoked", id });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/credentials/${id}`);
    assert.equal((await h.client.getCredential(id)).credential.status, "revoked");
    await assert.rejects(
      h.client.rotateCredential(id, undefined as unknown as string),
      InvalidArgumentError,
    );
  });

  it("oauthInitiate → oauthCallback (GET with state and code) creates an active binding", async () => {
    const h = setup();
    const started = await h.client.oauthInitiate({
      provider: "github",
      redirect_uri: "https://app.example/cb",
    });
    assert.deepEqual(JSON.parse(h.last("/v1/credentials/oauth/initiate").body!), {
      provider: "github",
      redirect_uri: "https://app.example/cb",
    });
    assert.ok(new URL(started.authorization_url).searchParams.get("state") === started.state);
    const done = await h.client.oauthCallback({ state: started.state, code: "c&d=1" });
    const callback = h.last("/v1/credentials/oauth/callback");
    assert.equal(callback.method, "GET");
    assert.equal(callback.body, undefined);
    const query = new URLSearchParams(callback.search);
    assert.equal(query.get("state"), started.state);
    assert.equal(query.get("code"), "c&d=1");
    assert.equal(done.status, "active");
    assert.equal((await h.client.getCredential(done.id)).credential.credential_type, "o_auth2");
    // The state is single-use.
    await assert.rejects(
      h.client.oauthCallback({ state: started.state, code: "again" }),
      BadRequestError,
    );
  });

  it("oauthCallback is not retried after a 502 (its state is single-use)", async () => {
    const h = setup({ maxRetries: 3 });
    h.fake.faults.add({ path: "/v1/credentials/oauth/callback", status: 502 });
    await assert.rejects(h.client.oauthCallback({ state: "s", code: "c" }), AegisApiError);
    assert.equal(
      h.fake.requests.filter((r) => r.path === "/v1/credentials/oauth/callback").length,
      1,
    );
  });

  it("devicePoll returns 202 pending then 200 complete, distinguishable by status", async () => {
    const h = setup();
    const first = await h.client.devicePoll({ device_code: "dev-1", provider: "github" });
    assert.deepEqual(first, { status: "pending", provider: "github" });
    assert.equal(h.last().path, "/v1/credentials/oauth/device/poll");
    assert.deepEqual(JSON.parse(h.last().body!), { device_code: "dev-1", provider: "github" });
    const second = await h.client.devicePoll({ device_code: "dev-1", provider: "github" });
    assert.equal(second.status, "complete");
    if (second.status === "complete") {
      assert.equal(
        (await h.client.getCredential(second.binding_id)).credential.id,
        second.binding_id,
      );
    }
  });

  it("grants: add (201 {grant_id}), list ({grants, count}), revoke", async () => {
    const h = setup();
    const id = await storeOne(h);
    const agentId = crypto.randomUUID();
    const { grant_id } = await h.client.addGrant(id, {
      target_type: "agent",
      target_value: agentId,
    });
    const add = h.last(`/v1/credentials/${id}/grants`);
    assert.equal(add.method, "POST");
    assert.deepEqual(JSON.parse(add.body!), { target_type: "agent", target_value: agentId });
    const all = await h.client.addGrant(id, { target_type: "all_agents" });
    assert.deepEqual(JSON.parse(h.last().body!), { target_type: "all_agents" });
    const list = await h.client.listGrants(id);
    assert.equal(list.count, 2);
    assert.deepEqual(list.grants[0].target, { kind: "agent", agent_id: agentId });
    assert.deepEqual(list.grants[1].target, { kind: "all_agents" });
    assert.deepEqual(await h.client.revokeGrant(id, grant_id), { status: "revoked", grant_id });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/credentials/${id}/grants/${grant_id}`);
    assert.equal((await h.client.listGrants(id)).grants[0].id, all.grant_id);
    await assert.rejects(h.client.revokeGrant(id, grant_id), NotFoundError);
  });

  it("addGrant for an agent or workflow without target_value is refused locally", async () => {
    const h = setup();
    const before = h.fake.requests.length;
    await assert.rejects(
      h.client.addGrant(MISSING, { target_type: "workflow" }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "grant.target_value",
    );
    assert.equal(h.fake.requests.length, before);
  });

  it("maps the credential routes' 403 and 503 answers", async () => {
    const h = setup({ maxRetries: 0 });
    h.fake.faults.add({
      path: "/v1/credentials",
      status: 403,
      body: { error: "Consumer or tenant user identity required" },
    });
    await assert.rejects(h.client.listCredentials(), (e: unknown) => {
      assert.ok(e instanceof PermissionDeniedError);
      assert.equal(e.serverMessage, "Consumer or tenant user identity required");
      return true;
    });
    h.fake.faults.add({
      path: "/v1/credentials",
      status: 503,
      body: { error: "Credential service not configured" },
    });
    await assert.rejects(h.client.listCredentials(), /503 Credential service not configured/);
  });
});
