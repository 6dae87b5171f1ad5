import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BadRequestError, InvalidArgumentError, NotFoundError } from "../../../mod.ts";
import { setup } from "../../helpers.ts";
import { path } from "../../../client/core/path.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

describe("paths: one encoded segment per parameter", () => {
  it("percent-encodes hostile path parameters into exactly one segment", async () => {
    const h = setup();
    for (const name of ["a/b", "x?y#z", "with space", "é😀", "%2e%2e", "a/../../health"]) {
      await assert.rejects(h.client.lookupAgent(name), NotFoundError);
      const request = h.last(/^\/v1\/agents\/lookup\//);
      assert.equal(request.path, `/v1/agents/lookup/${encodeURIComponent(name)}`);
      assert.equal(request.search, "");
    }
    // A non-UUID id sent through the pipeline (agent functions refuse it before sending) reaches
    // the agent route as one segment and gets axum's plain-text 400.
    const error = await h.client.request({ method: "GET", path: path`/v1/agents/${"not/a-uuid"}` })
      .catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.equal(h.last(/^\/v1\/agents\//).path, "/v1/agents/not%2Fa-uuid");
    assert.match(error.serverMessage!, /^Invalid URL/);
  });

  it("refuses dot segments, empty and control-character parameters before sending", async () => {
    const h = setup();
    const before = h.fake.requests.length;
    for (const bad of ["..", ".", "", "a\r\nX-Injected: 1"]) {
      await assert.rejects(h.client.getAgent(bad), InvalidArgumentError);
      assert.throws(() => path`/v1/agents/${bad}`, InvalidArgumentError);
    }
    await assert.rejects(
      h.client.getExecutionFile(MISSING, "../../etc/passwd"),
      InvalidArgumentError,
    );
    await assert.rejects(h.client.getExecutionFile(MISSING, "a//b"), InvalidArgumentError);
    assert.equal(h.fake.requests.length, before);
  });

  it("refuses lone UTF-16 surrogates with a typed error (no bare URIError), before sending", async () => {
    const h = setup();
    const before = h.fake.requests.length;
    for (const bad of ["name-\uD800", "\uDC00", "a\uDBFFb"]) {
      for (
        const call of [
          () => h.client.lookupAgent(bad),
          () => h.client.getSecret(`ci/${bad}`),
          () => h.client.getExecutionFile(MISSING, `dir/${bad}.txt`),
          // Query values: URLSearchParams would silently turn the surrogate into U+FFFD.
          () => h.client.request({ method: "GET", path: "/v1/agents", query: { q: bad } }),
          () => h.client.uploadFile(MISSING, "a.txt", "x", { filename: bad }),
        ]
      ) {
        await assert.rejects(
          call(),
          (e: unknown) => e instanceof InvalidArgumentError && /surrogate/.test(e.message),
          JSON.stringify(bad),
        );
      }
    }
    // Well-formed astral characters (surrogate pairs) are fine.
    await assert.rejects(h.client.lookupAgent("😀"), NotFoundError);
    assert.equal(h.fake.requests.length - before, 1);
  });
});
