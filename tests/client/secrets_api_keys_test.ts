import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisCore,
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("secrets", () => {
  it("listSecrets always rejects with NotImplementedError (server 501)", async () => {
    const h = setup();
    await assert.rejects(h.client.listSecrets(), (e: unknown) => {
      assert.ok(e instanceof NotImplementedError);
      assert.equal(e.status, 501);
      assert.equal(e.serverMessage, "Secret listing is not supported via this endpoint");
      return true;
    });
    assert.equal(h.last().method, "GET");
    assert.equal(h.last().path, "/v1/secrets");
  });

  it("writeSecret PUTs {data} with the path as one %2F-encoded segment; getSecret returns field names", async () => {
    const h = setup();
    const written = await h.client.writeSecret("ci/github", { token: "ghp_x", port: 5432 });
    assert.deepEqual(written, { status: "written", path: "ci/github" });
    const put = h.last("/v1/secrets/ci%2Fgithub");
    assert.equal(put.method, "PUT");
    assert.equal(put.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(put.body!), { data: { token: "ghp_x", port: 5432 } });
    const info = await h.client.getSecret("ci/github");
    assert.equal(h.last().path, "/v1/secrets/ci%2Fgithub");
    assert.deepEqual(info, { path: "ci/github", fields: ["token", "port"] });
    assert.deepEqual(await h.client.deleteSecret("ci/github"), {
      status: "deleted",
      path: "ci/github",
    });
    assert.equal(h.last().method, "DELETE");
    await assert.rejects(h.client.getSecret("ci/github"), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.deepEqual(e.body, { error: "Secret not found", path: "ci/github" });
      return true;
    });
  });

  it("hostile secret paths: unicode, spaces, ? and # travel encoded; '..' and '' are refused", async () => {
    const h = setup();
    const path = "team a/é?x#y";
    await h.client.writeSecret(path, { k: "v" });
    assert.equal(h.last().path, "/v1/secrets/team%20a%2F%C3%A9%3Fx%23y");
    assert.equal(h.last().search, "");
    assert.deepEqual((await h.client.getSecret(path)).fields, ["k"]);
    const before = h.fake.requests.length;
    await assert.rejects(h.client.getSecret(".."), InvalidArgumentError);
    await assert.rejects(h.client.deleteSecret(""), InvalidArgumentError);
    await assert.rejects(
      h.client.writeSecret("x", ["not", "an", "object"] as unknown as Record<string, unknown>),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, before);
  });

  it("maps the operator-only 403", async () => {
    const h = setup();
    h.fake.faults.add({
      path: /^\/v1\/secrets\//,
      status: 403,
      body: { error: "Operator or Admin role required" },
    });
    await assert.rejects(h.client.getSecret("a"), PermissionDeniedError);
  });
});

describe("API keys", () => {
  it("createApiKey posts {name, scopes, expires_at?} and returns 201 with `key`", async () => {
    const h = setup();
    const expires = new Date("2030-01-02T03:04:05.000Z");
    const created = await h.client.createApiKey({
      name: "ci",
      scopes: ["agent:list"],
      expires_at: expires,
    });
    const request = h.last("/v1/api-keys");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      name: "ci",
      scopes: ["agent:list"],
      expires_at: "2030-01-02T03:04:05.000Z",
    });
    assert.match(created.key, /^aegis_[0-9A-Za-z]{40}$/);
    assert.equal(created.name, "ci");
    assert.deepEqual(created.scopes, ["agent:list"]);
    assert.equal(Date.parse(created.expires_at!), expires.getTime());
  });

  it("listApiKeys returns {api_keys} without the secret; revokeApiKey → {message}", async () => {
    const h = setup();
    const created = await h.client.createApiKey({ name: "temp", scopes: [] });
    const { api_keys } = await h.client.listApiKeys();
    assert.equal(h.last().path, "/v1/api-keys");
    assert.equal(api_keys.length, 1);
    assert.equal(api_keys[0].id, created.id);
    assert.equal(api_keys[0].status, "active");
    assert.ok(!JSON.stringify(api_keys).includes(created.key));
    assert.deepEqual(await h.client.revokeApiKey(created.id), { message: "API key revoked" });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/api-keys/${created.id}`);
    await assert.rejects(h.client.revokeApiKey(created.id), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.equal(e.serverMessage, "API key not found or already revoked");
      return true;
    });
    assert.deepEqual((await h.client.listApiKeys()).api_keys, []);
  });

  it("validation errors: bad name → 400, missing scopes → local InvalidArgumentError, bad id → 400", async () => {
    const h = setup();
    await assert.rejects(h.client.createApiKey({ name: "", scopes: [] }), BadRequestError);
    await assert.rejects(
      h.client.createApiKey({ name: "x" } as never),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "scopes",
    );
    await assert.rejects(
      h.client.createApiKey({ name: "x", scopes: [], expires_at: "soon" }),
      UnprocessableEntityError,
    );
    await assert.rejects(h.client.revokeApiKey("not-a-uuid"), BadRequestError);
  });

  it("createApiKey is not retried after a 500 (a repeat would mint a second key)", async () => {
    const h = setup({ maxRetries: 3 });
    h.fake.faults.add({ method: "POST", path: "/v1/api-keys", status: 500, body: { error: "db" } });
    await assert.rejects(h.client.createApiKey({ name: "x", scopes: [] }));
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/api-keys").length, 1);
  });

  it("a created key authenticates /v1/api-keys/validate in the fake, a revoked one does not", async () => {
    const h = setup();
    const created = await h.client.createApiKey({ name: "gw", scopes: ["seal:attest"] });
    const gateway = new AegisCore({
      baseUrl: "http://aegis.test",
      bearerToken: created.key,
      fetch: h.fake.fetch,
    });
    const identity = await gateway.request<{ scopes: string[] }>({
      method: "POST",
      path: "/v1/api-keys/validate",
    });
    assert.deepEqual(identity.scopes, ["seal:attest"]);
    await h.client.revokeApiKey(created.id);
    await assert.rejects(
      gateway.request({ method: "POST", path: "/v1/api-keys/validate" }),
      AuthenticationError,
    );
  });
});
