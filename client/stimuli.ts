/**
 * Stimuli (events that start workflows) and signed webhooks.
 *
 * @module
 */

import { encodeHex } from "../internal/encoding.ts";
import type { AegisCore, RequestSpec } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { AegisError, InvalidArgumentError } from "../errors.ts";
import { expectObject } from "./core/expect.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { bodyReadError, parseJson, readText } from "./core/response.ts";

/** Body of `POST /v1/stimuli`. */
export interface IngestStimulusRequest {
  /** The event text the router classifies (required). */
  content: string;
  /** The server refuses a second stimulus with the same key for 24 h (409 `idempotent_duplicate`). */
  idempotency_key?: string;
}

/** Answer of `POST /v1/stimuli` and `POST /v1/webhooks/{source}` (HTTP 202). */
export interface StimulusAccepted {
  /** Stimulus UUID. */
  stimulus_id: string;
  /** The workflow execution the stimulus started. */
  workflow_execution_id: string;
  /**
   * The `Location` response header (added by the SDK; not in the JSON body):
   * `/v1/workflows/executions/{workflow_execution_id}/logs`.
   */
  location: string | undefined;
}

/** One stimulus as the orchestrator records it. */
export interface StimulusView {
  /** Stimulus UUID. */
  stimulus_id: string;
  /** `http_api` for {@link ingestStimulus}, the webhook source name otherwise. */
  source: string;
  /** Processing status reported by the orchestrator. */
  status: string;
  /** Workflow it was routed to; `null` until routed (or when rejected). */
  workflow_id: string | null;
  /** Router confidence (0..1); `null` until classified. */
  confidence: number | null;
  /** How the workflow was chosen; `null` until routed. */
  routing_mode: string | null;
  /** Why the stimulus was rejected; `null` unless it was. */
  rejection_reason: string | null;
  /** Router failure; `null` unless classification failed. */
  classification_error: string | null;
  /** RFC 3339. */
  received_at: string;
  /** RFC 3339 time of the last event. */
  last_event_at: string;
}

/** `GET /v1/stimuli` answer. */
export interface StimulusList {
  /** Stimuli, newest first. */
  items: StimulusView[];
}

/** `GET /v1/stimuli/{id}` answer. */
export interface StimulusResponse {
  /** The stimulus. */
  stimulus: StimulusView;
}

/** Options of {@link listStimuli}. */
export interface ListStimuliOptions extends RequestOptions {
  /** At most this many (1..500; default: all). */
  limit?: number;
}

/**
 * A webhook body: a string (sent as UTF-8), a `Uint8Array` or `ArrayBuffer` (sent as is), or any
 * other JSON-serialisable value (sent as JSON).
 */
export type WebhookPayload = unknown;

/** Options of {@link sendWebhook}. */
export interface SendWebhookOptions extends RequestOptions {
  /**
   * The source's HMAC secret (the orchestrator's `AEGIS_WEBHOOK_SECRET_{TENANT}_{SOURCE}`).
   * Required. Never sent, logged or put in errors.
   */
  secret: string | Uint8Array;
  /**
   * Content type of the body (the server ignores it). Default: `application/json` for objects,
   * `text/plain; charset=utf-8` for strings, `application/octet-stream` for bytes.
   */
  contentType?: string;
}

const RESERVED_SOURCES = new Set(["stripe", "git", "keycloak"]);

/**
 * Ingests a stimulus (`POST /v1/stimuli`, HTTP 202). The answer carries the started workflow
 * execution and the `Location` of its log. With an `idempotency_key` the call is repeated
 * automatically after a lost response; if the first attempt had reached the server, the repeat
 * fails with `ConflictError` (`code: "idempotent_duplicate"`), which then means "already accepted".
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.registerWorkflow({
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "triage", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * const accepted = await client.ingestStimulus({ content: "disk full on db-1", idempotency_key: "alert-42" });
 * console.log(accepted.workflow_execution_id, accepted.location);
 * ```
 */
export function ingestStimulus(
  core: AegisCore,
  request: IngestStimulusRequest,
  options?: RequestOptions,
): AegisPromise<StimulusAccepted> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.content !== "string") {
      throw new InvalidArgumentError("content", "is required and must be a string");
    }
    const key = request.idempotency_key;
    if (key !== undefined && typeof key !== "string") {
      throw new InvalidArgumentError("idempotency_key", "must be a string");
    }
    return await accepted(core, {
      method: "POST",
      path: "/v1/stimuli",
      json: { content: request.content, idempotency_key: key },
      idempotent: key !== undefined,
    }, options);
  });
}

/**
 * Lists stimuli (operators only; others get `PermissionDeniedError` `operator_required`).
 *
 * @example
 * ```ts
 * import { AegisCore, listStimuli } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listStimuli(core, { limit: 10 })).items); // []
 * ```
 */
export function listStimuli(
  core: AegisCore,
  options: ListStimuliOptions = {},
): AegisPromise<StimulusList> {
  return AegisPromise.run(core, async (core) => {
    const limit = options.limit;
    if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1 || limit > 500)) {
      throw new InvalidArgumentError("limit", "must be an integer from 1 to 500");
    }
    const body = await core.request({
      method: "GET",
      path: "/v1/stimuli",
      query: { limit },
    }, options);
    return expectObject<StimulusList>(body, "GET /v1/stimuli");
  });
}

/**
 * Gets one stimulus (operators only). The server reports an unknown id as an HTTP 200
 * `{error}` body; that becomes `NotFoundError` (`embedded: true`).
 *
 * @example
 * ```ts
 * import { AegisCore, getStimulus } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getStimulus(core, crypto.randomUUID()).catch((e) => console.log(e.name)); // "NotFoundError"
 * ```
 */
export function getStimulus(
  core: AegisCore,
  stimulusId: string,
  options?: RequestOptions,
): AegisPromise<StimulusResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/stimuli/${stimulusId}`,
      embeddedErrors: true,
    }, options);
  });
}

/**
 * Sends a webhook to `POST /v1/webhooks/{source}`, signed the way the orchestrator verifies it:
 * the payload is serialised once (strings and bytes as they are, other values as JSON), those
 * exact bytes are signed with HMAC-SHA256 under `secret`, and sent with
 * `X-Aegis-Signature: sha256=<hex>` and no bearer token. The secret itself is never sent.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator({ webhookSecrets: { github: "s3cret" } });
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await client.registerWorkflow({
 *   apiVersion: "100monkeys.ai/v1", kind: "Workflow", metadata: { name: "on-push", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * const accepted = await client.sendWebhook("github", { ref: "main" }, { secret: "s3cret" });
 * console.log(accepted.stimulus_id);
 * ```
 */
export function sendWebhook(
  core: AegisCore,
  source: string,
  payload: WebhookPayload,
  options: SendWebhookOptions,
): AegisPromise<StimulusAccepted> {
  return AegisPromise.run(core, async (core) => {
    if (RESERVED_SOURCES.has(source)) {
      throw new InvalidArgumentError(
        "source",
        `'${source}' is an internal webhook of the orchestrator with its own authentication`,
      );
    }
    const route = path`/v1/webhooks/${source}`;
    const secret = options?.secret;
    if (!(typeof secret === "string" || secret instanceof Uint8Array) || secret.length === 0) {
      throw new InvalidArgumentError(
        "secret",
        "is required: the orchestrator only accepts webhooks signed with the source's HMAC secret",
      );
    }
    const { bytes, contentType } = serialisePayload(payload);
    const signature = await signWebhook(bytes, secret);
    return await accepted(core, {
      method: "POST",
      path: route,
      body: bytes,
      contentType: options.contentType ?? contentType,
      headers: { "x-aegis-signature": signature },
      auth: false,
    }, options);
  });
}

/**
 * Computes the `X-Aegis-Signature` value for a webhook body: `sha256=` + lower-case hex of
 * HMAC-SHA256(secret, body). Strings are signed as UTF-8.
 *
 * @example
 * ```ts
 * import { signWebhook } from "@aegis/sdk/client";
 * console.log(await signWebhook('{"ref":"main"}', "s3cret")); // "sha256=..."
 * ```
 */
export async function signWebhook(
  body: string | Uint8Array,
  secret: string | Uint8Array,
): Promise<string> {
  const encoder = new TextEncoder();
  const keyBytes = typeof secret === "string" ? encoder.encode(secret) : secret;
  if (keyBytes.length === 0) throw new InvalidArgumentError("secret", "must not be empty");
  const data = typeof body === "string" ? encoder.encode(body) : body;
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, data as Uint8Array<ArrayBuffer>);
  return `sha256=${encodeHex(new Uint8Array(mac))}`;
}

function serialisePayload(
  payload: WebhookPayload,
): { bytes: Uint8Array<ArrayBuffer>; contentType: string } {
  if (typeof payload === "string") {
    return { bytes: new TextEncoder().encode(payload), contentType: "text/plain; charset=utf-8" };
  }
  if (payload instanceof Uint8Array) {
    // A private copy, so the bytes sent are exactly the bytes signed.
    return { bytes: new Uint8Array(payload), contentType: "application/octet-stream" };
  }
  if (payload instanceof ArrayBuffer) {
    return { bytes: new Uint8Array(payload.slice(0)), contentType: "application/octet-stream" };
  }
  const json = JSON.stringify(payload);
  if (json === undefined) {
    throw new InvalidArgumentError(
      "payload",
      "must be a string, bytes or a JSON-serialisable value",
    );
  }
  return { bytes: new TextEncoder().encode(json), contentType: "application/json" };
}

/** Sends a request answered by 202 + `Location` + `{stimulus_id, workflow_execution_id}`. */
async function accepted(
  core: AegisCore,
  spec: RequestSpec,
  options?: RequestOptions,
): Promise<StimulusAccepted> {
  const response = await core.requestResponse(spec, options);
  const label = { method: spec.method, path: spec.path };
  let text: string;
  try {
    text = await readText(response, 1024 * 1024, label);
  } catch (error) {
    throw error instanceof AegisError ? error : bodyReadError(error, label);
  }
  const body = expectObject<Omit<StimulusAccepted, "location">>(
    parseJson(text, label, response.headers),
    `${spec.method} ${spec.path}`,
  );
  return { ...body, location: response.headers.get("location") ?? undefined };
}
