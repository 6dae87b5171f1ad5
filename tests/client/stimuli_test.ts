import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  signWebhook,
  UnprocessableEntityError,
} from "../../client/mod.ts";
import type { WorkflowManifest } from "../../manifest/mod.ts";
import { type Harness, setup } from "../helpers.ts";

const SECRET = "wh-secret-0f6b2d";

const TRIAGE: WorkflowManifest = {
  apiVersion: "100monkeys.ai/v1",
  kind: "Workflow",
  metadata: { name: "triage", version: "1.0.0" },
  spec: {
    initial_state: "A",
    states: { A: { kind: "System", command: "true", transitions: [] } },
  },
};

async function withWorkflow(): Promise<Harness> {
  const h = setup({}, { webhookSecrets: { github: SECRET } });
  await h.client.registerWorkflow(TRIAGE);
  return h;
}

/** HMAC-SHA256 computed independently of the SDK. */
async function hmacHex(secret: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, body as Uint8Array<ArrayBuffer>),
  );
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("ingestStimulus", () => {
  it("posts {content, idempotency_key} and returns the body plus Location", async () => {
    const h = await withWorkflow();
    const accepted = await h.client.ingestStimulus({ content: "disk full", idempotency_key: "k1" });
    const req = h.last("/v1/stimuli");
    assert.equal(req.method, "POST");
    assert.equal(req.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(req.body!), { content: "disk full", idempotency_key: "k1" });
    assert.match(accepted.stimulus_id, /^[0-9a-f-]{36}$/);
    assert.equal(
      accepted.location,
      `/v1/workflows/executions/${accepted.workflow_execution_id}/logs`,
    );
    const execution = await h.client.getWorkflowExecution(accepted.workflow_execution_id);
    assert.equal(execution.workflow_name, "triage");
  });

  it("maps a repeated idempotency key to ConflictError idempotent_duplicate", async () => {
    const h = await withWorkflow();
    await h.client.ingestStimulus({ content: "a", idempotency_key: "same" });
    const error = await h.client.ingestStimulus({ content: "a", idempotency_key: "same" })
      .catch((e) => e);
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, "idempotent_duplicate");
    await h.client.ingestStimulus({ content: "a" });
    await h.client.ingestStimulus({ content: "a" });
  });

  it("maps routing failures to UnprocessableEntityError with their codes", async () => {
    const h = setup();
    const none = await h.client.ingestStimulus({ content: "x" }).catch((e) => e);
    assert.ok(none instanceof UnprocessableEntityError);
    assert.equal(none.code, "no_router_configured");
    await h.client.registerWorkflow(TRIAGE);
    h.fake.workflows.routeStimulus = () => "ghost";
    const unknown = await h.client.ingestStimulus({ content: "x" }).catch((e) => e);
    assert.equal(unknown.code, "unknown_workflow");
  });

  it("refuses a missing content locally", async () => {
    const h = setup();
    await assert.rejects(h.client.ingestStimulus({} as never), InvalidArgumentError);
    assert.equal(h.fake.requests.length, 0);
  });
});

describe("listStimuli / getStimulus", () => {
  it("lists {items} with ?limit and gets one as {stimulus}", async () => {
    const h = await withWorkflow();
    const first = await h.client.ingestStimulus({ content: "one" });
    const second = await h.client.ingestStimulus({ content: "two" });
    const list = await h.client.listStimuli({ limit: 1 });
    assert.equal(h.last("/v1/stimuli").search, "limit=1");
    assert.deepEqual(list.items.map((s) => s.stimulus_id), [second.stimulus_id]);
    const all = await h.client.listStimuli();
    assert.equal(h.last("/v1/stimuli").search, "");
    assert.equal(all.items.length, 2);
    const { stimulus } = await h.client.getStimulus(first.stimulus_id);
    assert.equal(h.last().path, `/v1/stimuli/${first.stimulus_id}`);
    assert.equal(stimulus.stimulus_id, first.stimulus_id);
    assert.equal(stimulus.source, "http_api");
    assert.equal(typeof stimulus.status, "string");
    assert.match(stimulus.received_at, /Z$/);
  });

  it("turns the HTTP 200 not-found body into an embedded NotFoundError", async () => {
    const h = setup();
    const error = await h.client.getStimulus(crypto.randomUUID()).catch((e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.embedded, true);
    assert.equal(error.status, 200);
    await assert.rejects(h.client.getStimulus("nope"), BadRequestError);
  });

  it("maps operator_required to PermissionDeniedError and validates limit", async () => {
    const h = setup();
    h.fake.workflows.callerIsOperator = false;
    const error = await h.client.listStimuli().catch((e) => e);
    assert.ok(error instanceof PermissionDeniedError);
    assert.equal(error.code, "operator_required");
    await assert.rejects(h.client.listStimuli({ limit: 0 }), InvalidArgumentError);
    await assert.rejects(h.client.listStimuli({ limit: 501 }), InvalidArgumentError);
  });
});

describe("sendWebhook", () => {
  it("signs the exact JSON bytes it sends, without a bearer token, and the fake verifies it", async () => {
    const h = await withWorkflow();
    const payload = { ref: "refs/heads/main", note: "ünïcode ✓" };
    const accepted = await h.client.sendWebhook("github", payload, { secret: SECRET });
    const req = h.last("/v1/webhooks/github");
    assert.equal(req.method, "POST");
    assert.equal(req.headers.get("authorization"), null);
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.equal(req.body, JSON.stringify(payload));
    const expected = await hmacHex(SECRET, new TextEncoder().encode(JSON.stringify(payload)));
    assert.equal(req.headers.get("x-aegis-signature"), `sha256=${expected}`);
    assert.equal(
      accepted.location,
      `/v1/workflows/executions/${accepted.workflow_execution_id}/logs`,
    );
    const { stimulus } = await h.client.getStimulus(accepted.stimulus_id);
    assert.equal(stimulus.source, "github");
  });

  it("sends strings and bytes as they are", async () => {
    const h = await withWorkflow();
    await h.client.sendWebhook("github", "raw text body", { secret: SECRET });
    const text = h.last("/v1/webhooks/github");
    assert.equal(text.body, "raw text body");
    assert.equal(text.headers.get("content-type"), "text/plain; charset=utf-8");
    const bytes = new Uint8Array([0xff, 0x00, 0x10, 0x80]);
    await h.client.sendWebhook("github", bytes, { secret: new TextEncoder().encode(SECRET) });
    const binary = h.last("/v1/webhooks/github");
    assert.equal(binary.headers.get("content-type"), "application/octet-stream");
    assert.equal(binary.headers.get("x-aegis-signature"), `sha256=${await hmacHex(SECRET, bytes)}`);
    await h.client.sendWebhook("github", '{"a":1}', {
      secret: SECRET,
      contentType: "application/json",
    });
    assert.equal(h.last("/v1/webhooks/github").headers.get("content-type"), "application/json");
  });

  it("is rejected by the fake when the secret is wrong or missing on the server", async () => {
    const h = await withWorkflow();
    const wrong = await h.client.sendWebhook("github", { a: 1 }, { secret: "not-the-secret" })
      .catch((e) => e);
    assert.ok(wrong instanceof AuthenticationError);
    assert.equal(wrong.code, "invalid_signature");
    assert.ok(!wrong.message.includes("not-the-secret"));
    const unknown = await h.client.sendWebhook("gitlab", { a: 1 }, { secret: SECRET })
      .catch((e) => e);
    assert.ok(unknown instanceof AuthenticationError);
    assert.equal(unknown.code, "secret_not_found");
    h.fake.workflows.webhookSecrets.set("gitlab", SECRET);
    const ok = await h.client.sendWebhook("gitlab", { a: 1 }, { secret: SECRET });
    assert.equal(typeof ok.stimulus_id, "string");
  });

  it("reproduces the server's signature errors for hand-made requests", async () => {
    const h = await withWorkflow();
    const post = (headers: Record<string, string>) =>
      h.fake.fetch("http://aegis.test/v1/webhooks/github", { method: "POST", body: "{}", headers });
    const missing = await post({});
    assert.equal(missing.status, 401);
    assert.equal((await missing.json()).error, "missing_signature");
    const malformed = await post({ "x-aegis-signature": "md5=abcd" });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).error, "malformed_signature");
    const badHex = await post({ "x-aegis-signature": "sha256=xyz" });
    assert.equal(badHex.status, 400);
    assert.equal((await badHex.json()).error, "invalid_hex");
    const upper = await post({
      "x-aegis-signature": `sha256=${
        (await hmacHex(SECRET, new TextEncoder().encode("{}"))).toUpperCase()
      }`,
    });
    assert.equal(upper.status, 202);
  });

  it("refuses a missing secret and internal sources before sending", async () => {
    const h = await withWorkflow();
    const before = h.fake.requests.length;
    for (const secret of [undefined, ""]) {
      const error = await h.client.sendWebhook("github", {}, { secret } as never).catch((e) => e);
      assert.ok(error instanceof InvalidArgumentError);
      assert.equal(error.argument, "secret");
    }
    await assert.rejects(
      h.client.sendWebhook("github", undefined, { secret: SECRET }),
      InvalidArgumentError,
    );
    for (const source of ["stripe", "git", "keycloak", "..", ""]) {
      await assert.rejects(
        h.client.sendWebhook(source, {}, { secret: SECRET }),
        InvalidArgumentError,
      );
    }
    assert.equal(h.fake.requests.length, before);
  });

  it("never puts the secret into errors or logs", async () => {
    const lines: string[] = [];
    const log = (message: string, data?: unknown) => lines.push(message + JSON.stringify(data));
    const h = setup({
      logLevel: "debug",
      logger: { debug: log, info: log, warn: log, error: log },
    }, { webhookSecrets: { github: SECRET } });
    await h.client.registerWorkflow(TRIAGE);
    h.fake.faults.add({
      path: "/v1/webhooks/github",
      status: 503,
      headers: { "retry-after": "0" },
    });
    await h.client.sendWebhook("github", { a: 1 }, { secret: SECRET });
    const failure = await h.client.sendWebhook("github", {}, { secret: `${SECRET}-x` })
      .catch((e) => e);
    assert.ok(failure instanceof AegisError);
    assert.ok(lines.length > 0);
    for (const text of [...lines, failure.message, String(failure.stack)]) {
      assert.ok(!text.includes(SECRET), `secret leaked into: ${text}`);
    }
  });

  it("signWebhook matches an independent HMAC", async () => {
    const body = new TextEncoder().encode("payload");
    assert.equal(await signWebhook(body, "k"), `sha256=${await hmacHex("k", body)}`);
    assert.equal(await signWebhook("payload", "k"), `sha256=${await hmacHex("k", body)}`);
  });
});
