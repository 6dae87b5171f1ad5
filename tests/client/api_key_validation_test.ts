import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { validateApiKey } from "../../client/api_key_validation.ts";
import { createApiKey, revokeApiKey } from "../../client/api_keys.ts";
import { AegisClient, AuthenticationError, InvalidArgumentError } from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("validateApiKey", () => {
  it("sends the key as the bearer credential instead of the client's token", async () => {
    const h = setup();
    const { key } = await createApiKey(h.client, { name: "gateway", scopes: ["agent:list"] });
    const identity = await validateApiKey(h.client, key);
    const request = h.last("/v1/api-keys/validate");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("authorization"), `Bearer ${key}`);
    assert.equal(request.body ?? "", "");
    assert.deepEqual(Object.keys(identity).sort(), [
      "aegis_role",
      "scopes",
      "tenant_id",
      "user_id",
      "zaru_tier",
    ]);
    assert.deepEqual(identity.scopes, ["agent:list"]);
    assert.equal(identity.aegis_role, null);
    assert.equal(identity.zaru_tier, null);
    assert.equal(typeof identity.user_id, "string");
    assert.equal(typeof identity.tenant_id, "string");
  });

  it("works without any client credentials (the route takes no JWT)", async () => {
    const h = setup();
    const { key } = await createApiKey(h.client, { name: "gateway", scopes: [] });
    const anonymous = new AegisClient({
      baseUrl: "http://aegis.test",
      auth: "none",
      fetch: h.fake.fetch,
    });
    assert.deepEqual((await validateApiKey(anonymous, key)).scopes, []);
  });

  it("a revoked or unknown key → AuthenticationError with the server's message", async () => {
    const h = setup();
    const { id, key } = await createApiKey(h.client, { name: "temp", scopes: [] });
    await revokeApiKey(h.client, id);
    await assert.rejects(validateApiKey(h.client, key), (e: unknown) => {
      assert.ok(e instanceof AuthenticationError);
      assert.equal(e.status, 401);
      assert.match(e.message, /Invalid or expired API key/);
      return true;
    });
    await assert.rejects(
      validateApiKey(h.client, "aegis_" + "x".repeat(40)),
      AuthenticationError,
    );
  });

  it("refuses a value that is not an aegis_ key before sending", async () => {
    const h = setup();
    for (const bad of ["", "sk-123", "aegis_", "aegis_ab cd", "aegis_x\r\nX-Evil: 1"]) {
      await assert.rejects(validateApiKey(h.client, bad), InvalidArgumentError);
    }
    assert.equal(h.fake.requests.length, 0);
  });
});
