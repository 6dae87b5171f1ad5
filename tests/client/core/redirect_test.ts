import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisCore, AegisRedirectError } from "../../../mod.ts";

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers from `answer`. */
function recordingFetch(answer: (url: string, call: number) => Response) {
  const calls: Call[] = [];
  const fetchImpl = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return Promise.resolve(answer(String(input), calls.length));
  };
  return { calls, fetch: fetchImpl as typeof fetch };
}

/** What browsers hand out for `redirect: "manual"`: type `opaqueredirect`, status 0, no headers. */
function opaqueRedirect(): Response {
  const response = new Response(null, { status: 200 });
  Object.defineProperty(response, "type", { value: "opaqueredirect" });
  Object.defineProperty(response, "status", { value: 0 });
  return response;
}

describe("redirect policy", () => {
  it("asks fetch not to follow redirects itself", async () => {
    const recorder = recordingFetch(() => Response.json([]));
    const core = new AegisCore({
      baseUrl: "https://aegis.test",
      auth: "none",
      fetch: recorder.fetch,
    });
    await core.request({ method: "GET", path: "/v1/agents" });
    assert.equal(recorder.calls[0].init.redirect, "manual");
  });

  it("never downgrades https to http, even on the same host", async () => {
    const recorder = recordingFetch(() =>
      new Response(null, { status: 308, headers: { location: "http://aegis.test/v1/agents?x=1" } })
    );
    const core = new AegisCore({
      baseUrl: "https://aegis.test",
      auth: "none",
      fetch: recorder.fetch,
    });
    const error = await core.request({ method: "GET", path: "/v1/agents" }).catch((e) => e);
    assert.ok(error instanceof AegisRedirectError, String(error));
    assert.equal(error.location, "http://aegis.test/v1/agents");
    assert.equal(error.reason, "it would downgrade https: to http:");
    assert.equal(recorder.calls.length, 1);
  });

  it("keeps user credentials of a Location out of the error", async () => {
    const recorder = recordingFetch(() =>
      new Response(null, {
        status: 307,
        headers: { location: "https://user:pw@other.test/p?token=t#f" },
      })
    );
    const core = new AegisCore({
      baseUrl: "https://aegis.test",
      auth: "none",
      fetch: recorder.fetch,
    });
    const error = await core.request({ method: "GET", path: "/x" }).catch((e) => e);
    assert.ok(error instanceof AegisRedirectError);
    assert.equal(error.location, "https://other.test/p");
    assert.doesNotMatch(error.message, /pw|token=|#f/);
  });

  it("refuses the opaque redirects of browsers (status 0, target hidden)", async () => {
    const recorder = recordingFetch(() => opaqueRedirect());
    const core = new AegisCore({
      baseUrl: "https://aegis.test",
      auth: "none",
      fetch: recorder.fetch,
    });
    const error = await core.request({ method: "POST", path: "/v1/x", json: {} }).catch((e) => e);
    assert.ok(error instanceof AegisRedirectError, String(error));
    assert.equal(error.status, 0);
    assert.equal(error.location, undefined);
    assert.match(error.message, /^redirect not followed: this runtime hides where redirects lead/);
    assert.equal(recorder.calls.length, 1);
  });

  it("is not retried: a refused redirect ends the call", async () => {
    const recorder = recordingFetch(() =>
      new Response(null, { status: 307, headers: { location: "https://other.test/" } })
    );
    const core = new AegisCore({
      baseUrl: "https://aegis.test",
      auth: "none",
      fetch: recorder.fetch,
      maxRetries: 3,
    });
    await assert.rejects(core.request({ method: "GET", path: "/x" }), AegisRedirectError);
    assert.equal(recorder.calls.length, 1);
  });
});
