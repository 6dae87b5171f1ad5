/**
 * Fake `/v1/stimuli*` and `/v1/webhooks/{source}` routes. A stimulus starts a workflow execution
 * (chosen by `engine.routeStimulus`) and is answered with 202, a `Location` header pointing at the
 * execution's log, and `{stimulus_id, workflow_execution_id}`. Webhooks are verified like the
 * orchestrator does: `X-Aegis-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` with the
 * secret configured for the source (`webhookSecrets`), errors as `{error: <code>, message}`.
 *
 * @module
 */

import type { Hono } from "hono";
import { decodeHex, encodeBase64 } from "../../internal/encoding.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  plainText,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import type { FakeStimulus } from "../internal/workflows/types.ts";

const WEBHOOK_BODY_LIMIT = 1024 * 1024;
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Registers the stimulus and webhook routes. */
export function registerStimulusRoutes(app: Hono, ctx: FakeContext): void {
  const engine = ctx.workflows;
  /** `source\0key` -> when it was first seen. */
  const idempotencyKeys = new Map<string, number>();

  app.post("/v1/stimuli", async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const value = body.value;
    if (!isObject(value) || !("content" in value)) return unprocessable("missing field `content`");
    if (typeof value.content !== "string") {
      return unprocessable("content: invalid type: expected a string");
    }
    const key = value.idempotency_key;
    if (key !== undefined && key !== null && typeof key !== "string") {
      return unprocessable("idempotency_key: invalid type: expected a string");
    }
    return ingest("http_api", value.content, key ?? undefined);
  });

  app.get("/v1/stimuli", (c) => {
    if (!engine.callerIsOperator) return operatorRequired();
    const limitText = c.req.query("limit");
    if (limitText !== undefined && !/^\d+$/.test(limitText)) {
      return plainText(
        400,
        "Failed to deserialize query string: limit: invalid digit found in string",
      );
    }
    const all = [...engine.stimuli.values()].sort((a, b) => b.receivedAt - a.receivedAt);
    const limit = limitText === undefined
      ? all.length
      : Math.min(Math.max(Number(limitText), 1), 500);
    return c.json({ items: all.slice(0, limit).map(stimulusView) });
  });

  app.get("/v1/stimuli/:id", (c) => {
    if (!engine.callerIsOperator) return operatorRequired();
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const stimulus = engine.stimuli.get(id);
    if (!stimulus) return c.json({ error: "stimulus not found" });
    return c.json({ stimulus: stimulusView(stimulus) });
  });

  app.post("/v1/webhooks/:source", async (c) => {
    const source = c.req.param("source");
    if (source === "git" || source === "keycloak") return new Response(null, { status: 404 });
    if (source === "stripe") return jsonError(503, "Stripe billing is not configured");
    const header = c.req.header("x-aegis-signature");
    if (header === undefined) {
      return jsonError(401, "missing_signature", "X-Aegis-Signature header is required");
    }
    if (!header.startsWith("sha256=")) {
      return jsonError(
        400,
        "malformed_signature",
        "X-Aegis-Signature must be in the format 'sha256=<hex>'",
      );
    }
    const presented = decodeHex(header.slice("sha256=".length));
    if (presented === undefined) {
      return jsonError(400, "invalid_hex", "X-Aegis-Signature contains invalid hex encoding");
    }
    const secret = engine.webhookSecrets.get(source);
    if (secret === undefined) {
      return jsonError(401, "secret_not_found", `No HMAC secret configured for source '${source}'`);
    }
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength > WEBHOOK_BODY_LIMIT) {
      return plainText(413, "Failed to buffer the request body: length limit exceeded");
    }
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    // WebCrypto's verify compares in constant time, like the orchestrator's `subtle` check.
    const valid = await crypto.subtle.verify(
      "HMAC",
      key,
      presented as Uint8Array<ArrayBuffer>,
      raw,
    );
    if (!valid) {
      return jsonError(401, "invalid_signature", "Webhook signature verification failed");
    }
    let content: string;
    try {
      content = new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      content = encodeBase64(raw);
    }
    return ingest(source, content, undefined);
  });

  function ingest(source: string, content: string, idempotencyKey: string | undefined): Response {
    const now = engine.now();
    if (idempotencyKey !== undefined) {
      const scoped = `${source}\u0000${idempotencyKey}`;
      const seen = idempotencyKeys.get(scoped);
      if (seen !== undefined && now - seen < IDEMPOTENCY_WINDOW_MS) {
        return jsonError(
          409,
          "idempotent_duplicate",
          `A stimulus with idempotency key '${idempotencyKey}' was already accepted`,
        );
      }
      idempotencyKeys.set(scoped, now);
    }
    const name = engine.routeStimulus({ source, content });
    if (name === undefined) {
      return jsonError(
        422,
        "no_router_configured",
        "No workflow is registered to route stimuli to",
      );
    }
    const workflow = engine.find(name);
    if (!workflow) {
      return jsonError(422, "unknown_workflow", `Routed to unknown workflow '${name}'`);
    }
    const execution = engine.start(workflow, content);
    const stimulus: FakeStimulus = {
      id: crypto.randomUUID(),
      source,
      content,
      status: "routed",
      workflowId: workflow.id,
      executionId: execution.id,
      receivedAt: now,
      lastEventAt: now,
    };
    engine.stimuli.set(stimulus.id, stimulus);
    return Response.json(
      { stimulus_id: stimulus.id, workflow_execution_id: execution.id },
      {
        status: 202,
        headers: { location: `/v1/workflows/executions/${execution.id}/logs` },
      },
    );
  }
}

function operatorRequired(): Response {
  return jsonError(403, "operator_required", "This endpoint requires an operator identity");
}

function stimulusView(stimulus: FakeStimulus): Record<string, unknown> {
  return {
    stimulus_id: stimulus.id,
    source: stimulus.source,
    status: stimulus.status,
    // The orchestrator's view serialises every `Option` field, `null` when unset.
    workflow_id: stimulus.workflowId ?? null,
    confidence: 1,
    routing_mode: "deterministic",
    rejection_reason: null,
    classification_error: null,
    received_at: timestampZ(stimulus.receivedAt),
    last_event_at: timestampZ(stimulus.lastEventAt),
  };
}
