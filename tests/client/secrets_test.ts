import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  InvalidArgumentError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
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
