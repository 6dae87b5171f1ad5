// Hostile input from the caller: route escapes, header injection, control characters.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient, InvalidArgumentError, ManifestValidationError } from "../../mod.ts";
import { helloManifest, setup } from "../helpers.ts";

describe("hostile caller input", () => {
  it("path parameters cannot escape their route", async () => {
    const h = setup();
    for (
      const id of ["../health", "..%2F..%2Fhealth", "a/../../v1/secrets", "?x=1", "#frag", " ", "é"]
    ) {
      // UUID parameters are refused before sending; free-text ones stay one segment.
      const sent = h.fake.requests.length;
      await assert.rejects(h.client.getExecution(id), InvalidArgumentError);
      assert.equal(h.fake.requests.length, sent);
      await h.client.lookupAgent(id).catch(() => {});
      const request = h.fake.requests.at(-1)!;
      assert.ok(request.path.startsWith("/v1/agents/lookup/"), request.path);
      assert.equal(request.path.split("/").length, 5, `escaped: ${request.path}`);
      assert.equal(request.search, "");
    }
  });

  it("file paths cannot climb out of the workspace", async () => {
    const h = setup();
    const sent = h.fake.requests.length;
    for (const bad of ["..", "a/../../b", "./x", "a/./b", "x\u0000y", ""]) {
      await assert.rejects(
        h.client.getExecutionFile("6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11", bad),
        InvalidArgumentError,
        bad,
      );
    }
    assert.equal(h.fake.requests.length, sent);
  });

  it("CR/LF cannot inject headers through ids, tokens, tenant ids or custom headers", async () => {
    const h = setup();
    const sent = h.fake.requests.length;
    await assert.rejects(h.client.getAgent("x\r\nX-Injected: 1"), InvalidArgumentError);
    await assert.rejects(
      h.client.listAgents({ tenantId: "t\r\nX-Injected: 1" }),
      InvalidArgumentError,
    );
    await assert.rejects(
      h.client.listAgents({ headers: { "x-custom": "a\r\nX-Injected: 1" } }),
      InvalidArgumentError,
    );
    const tokenFn = new AegisClient({
      baseUrl: "http://aegis.test",
      fetch: h.fake.fetch,
      token: () => "tok\r\nX-Injected: 1",
    });
    await assert.rejects(tokenFn.listAgents(), InvalidArgumentError);
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", auth: "none", headers: { "bad name": "v" } }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, sent);
  });

  it("manifest fields with control characters are rejected before sending", async () => {
    const h = setup();
    const sent = h.fake.requests.length;
    const manifest = helloManifest();
    const tainted = {
      ...manifest,
      metadata: { ...manifest.metadata, labels: { "team\nX": "a" } },
      spec: { ...manifest.spec, env: { "A\r\nB": "1" } },
    };
    const error = await h.client.deployAgent(tainted).catch((e) => e);
    assert.ok(error instanceof ManifestValidationError, String(error));
    assert.ok(error.issues.length >= 2);
    assert.equal(h.fake.requests.length, sent);
  });
});
