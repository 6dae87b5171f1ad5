import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisCore,
  AuthenticationError,
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

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
