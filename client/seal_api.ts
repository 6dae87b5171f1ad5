/**
 * The orchestrator's SEAL REST routes: attestation, signed tool invocation and the tool list.
 * For the signing itself (keys, envelopes) see `@aegis/sdk/seal`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { JsonValue } from "../seal/canonical.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { rejectControlCharacters } from "./core/path.ts";

/** Body of {@link attestSeal}. */
export interface SealAttestationRequest {
  /**
   * The agent's Ed25519 public key: standard base64 of the 32 raw bytes, URL-safe base64, PEM
   * (`BEGIN PUBLIC KEY`) or base64 SPKI DER. (The server also accepts the aliases
   * `public_key_pem` and `agent_public_key`.)
   */
  public_key: string;
  /** Security context name; must exist and belong to the caller (`zaru-*`, `aegis-system-*`, `tenant-{slug}-*`). */
  security_context: string;
  /** Agent UUID (used together with `execution_id`; random ids are minted otherwise). */
  agent_id?: string;
  /** Execution UUID; its tenant must match the caller's unless the caller is an operator. */
  execution_id?: string;
  /** Container id (verified as running when the server has a verifier). */
  container_id?: string;
  /** Tenant to attest for (operators and service accounts only; operators must give this or `execution_id`). */
  tenant_id?: string;
  /** Audit: principal subject. */
  principal_subject?: string;
  /** User id. */
  user_id?: string;
  /** Audit: workload id. */
  workload_id?: string;
  /** Audit: Zaru tier. */
  zaru_tier?: string;
  /** Copied into the token when at most 256 bytes. */
  task_summary?: string;
  /** Other fields are sent as given. */
  [field: string]: unknown;
}

/** `POST /v1/seal/attest` answer. */
export interface SealAttestationResponse {
  /** Status. */
  status: "success";
  /** RS256 JWT naming the session; put it in every envelope. */
  security_token: string;
  /** RFC 3339 (`+00:00`), one hour after attestation. */
  expires_at: string;
  /** Session id (the token's `jti`). */
  session_id: string;
}

/** A signed envelope for `POST /v1/seal/invoke` (what `createSealEnvelope` returns). */
export interface SealInvokeEnvelope {
  /** Protocol id, `seal/v1`. */
  protocol: string;
  /** Session token from attestation. */
  security_token: string;
  /** Base64 Ed25519 signature. */
  signature: string;
  /** The MCP JSON-RPC request. */
  payload: unknown;
  /** Signing time (RFC 3339). */
  timestamp: string;
}

/** One tool of `GET /v1/seal/tools`. */
export interface SealTool {
  /** Name. */
  name: string;
  /** Human description. */
  description: string;
  /** JSON Schema of the arguments (camelCase on the wire). */
  inputSchema: unknown;
  /** Where the tool runs (`"edge"` for edge-routed tools); left out for the local chain. */
  executor?: string;
  /** `true` when the tool can run across an edge fleet; left out otherwise. */
  fleetCapable?: true;
}

/**
 * What `POST /v1/seal/invoke` answers: the tool's own JSON result, unwrapped, or
 * `{status: "dispatch_required", action}` for tools that must run inside the agent container.
 */
export type SealInvokeResult = JsonValue;

/** `GET /v1/seal/tools`. */
export interface SealToolsResponse {
  /** Protocol id, `seal/v1`. */
  protocol: "seal/v1";
  /** Attestation route. */
  attestation_endpoint: string;
  /** Invocation route. */
  invoke_endpoint: string;
  /** Security context, if one was given. */
  security_context: string | null;
  /** The tools. */
  tools: SealTool[];
}

/**
 * Attests an agent key and opens a SEAL session (`POST /v1/seal/attest`). The route is outside
 * the JWT middleware but authenticates inside the handler, so the client's bearer token (a
 * Keycloak JWT, or an `aegis_...` API key given as `bearerToken`) is sent; without one the server
 * answers 401 `{"error":"unauthorized"}`.
 *
 * @example
 * ```ts
 * import { AegisCore, attestSeal } from "@aegis/sdk/client";
 * import { Ed25519Key } from "@aegis/sdk/seal";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const key = await Ed25519Key.generate();
 * const session = await attestSeal(core, {
 *   public_key: key.getPublicKeyBase64(), security_context: "aegis-system-operator",
 * });
 * console.log(session.security_token.split(".").length); // 3
 * ```
 */
export function attestSeal(
  core: AegisCore,
  payload: SealAttestationRequest,
  options?: RequestOptions,
): AegisPromise<SealAttestationResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "POST", path: "/v1/seal/attest", json: payload }, options);
  });
}

/**
 * Sends a signed envelope to `POST /v1/seal/invoke` and returns the tool's result as is.
 * Sent without credentials (the session token inside the envelope authenticates) and **never
 * retried**: the server's replay protection would reject the repeat. Every failure is a 400
 * `{error}` (`BadRequestError`). Pass the envelope object, or its exact JSON text when the
 * payload holds numbers whose text matters for the signature.
 *
 * @example
 * ```ts
 * import { AegisCore, attestSeal, invokeSeal } from "@aegis/sdk/client";
 * import { createSealEnvelope, Ed25519Key } from "@aegis/sdk/seal";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const key = await Ed25519Key.generate();
 * const { security_token } = await attestSeal(core, {
 *   public_key: key.getPublicKeyBase64(), security_context: "aegis-system-operator",
 * });
 * const envelope = await createSealEnvelope(security_token, {
 *   jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { hi: 1 } },
 * }, key);
 * console.log(await invokeSeal(core, envelope)); // { hi: 1 }
 * ```
 */
export function invokeSeal(
  core: AegisCore,
  envelope: SealInvokeEnvelope | string,
  options?: RequestOptions,
): AegisPromise<SealInvokeResult> {
  return AegisPromise.run(core, async (core) => {
    const spec = typeof envelope === "string"
      ? { body: envelope, contentType: "application/json" }
      : { json: envelope };
    return await core.request({
      method: "POST",
      path: "/v1/seal/invoke",
      ...spec,
      auth: false,
      idempotent: false,
    }, { ...options, maxRetries: 0 });
  });
}

/**
 * Lists the SEAL tools, optionally for one security context (sent both as the
 * `X-Zaru-Security-Context` header, which the server prefers, and as the `security_context`
 * query parameter; a non-ASCII name, which a header cannot carry, goes in the query only).
 * Needs no credentials.
 *
 * @example
 * ```ts
 * import { AegisCore, listSealTools } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
 * const { tools } = await listSealTools(core, "aegis-system-operator");
 * console.log(tools.map((t) => t.name));
 * ```
 */
export function listSealTools(
  core: AegisCore,
  securityContext?: string,
  options?: RequestOptions,
): AegisPromise<SealToolsResponse> {
  return AegisPromise.run(core, async (core) => {
    if (securityContext !== undefined) {
      if (typeof securityContext !== "string" || securityContext.length === 0) {
        throw new InvalidArgumentError("securityContext", "must be a non-empty string");
      }
      rejectControlCharacters(securityContext, "securityContext");
    }
    return await core.request({
      method: "GET",
      path: "/v1/seal/tools",
      query: { security_context: securityContext },
      // Header values must be ASCII; other names still travel in the query parameter.
      headers: securityContext !== undefined && /^[\x20-\x7e]+$/.test(securityContext)
        ? { "x-zaru-security-context": securityContext }
        : undefined,
      auth: false,
    }, options);
  });
}
