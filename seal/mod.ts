/**
 * SEAL (Signed Envelope Attestation Layer) for the AEGIS orchestrator: Ed25519 keys on WebCrypto,
 * the canonical message the orchestrator rebuilds with serde_json, envelope creation, and a
 * strict verifier that judges envelopes exactly like `POST /v1/seal/invoke` does.
 *
 * @example Sign, send, verify
 * ```ts
 * import { createSealEnvelope, Ed25519Key, verifySealEnvelopeJson } from "@aegis/sdk/seal";
 *
 * using key = await Ed25519Key.generate();
 * const envelope = await createSealEnvelope(
 *   "<security-token>",
 *   { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { x: 0.5 } } },
 *   key,
 * );
 * const body = JSON.stringify(envelope);
 * const payload = await verifySealEnvelopeJson(body, key.getPublicKeyBase64());
 * console.log(payload);
 * ```
 *
 * @module
 */

// Re-exported so the documented SEALError hierarchy is complete from this entry point.
export { AegisError } from "../errors.ts";
export { SEALError, type SEALErrorCode } from "./error.ts";
export { Ed25519Key } from "./key.ts";
export {
  canonicalJson,
  createCanonicalMessage,
  type JsonValue,
  type McpPayload,
} from "./canonical.ts";
export {
  createSealEnvelope,
  type CreateSealEnvelopeOptions,
  type SealEnvelope,
  verifySealEnvelope,
  verifySealEnvelopeJson,
  type VerifySealEnvelopeOptions,
} from "./envelope.ts";
export { type AttestationResult, SEALClient, type SEALClientOptions } from "./client.ts";
export {
  JSON_RPC_ERRORS,
  type JsonRpcId,
  type JsonRpcMessage,
  SealMcpTransport,
  type SealMcpTransportOptions,
} from "./mcp_transport.ts";
// Referenced by SEALClient's options.
export type { Logger, RequestOptions, TokenProvider } from "../client/core/options.ts";
// Referenced by RequestOptions (SEALClient takes them), so documented from this entry too.
export type {
  AfterResponseContext,
  AfterResponseHook,
  BeforeRequestContext,
  BeforeRequestHook,
  BeforeRetryContext,
  BeforeRetryHook,
  ErrorHook,
  ErrorHookContext,
  HookCall,
  HookName,
  HookRunner,
  Hooks,
  StreamEventContext,
  StreamEventHook,
  TraceContext,
  TraceContextProvider,
} from "../client/core/hooks.ts";
export type { SealAttestationRequest, SealTool, SealToolsResponse } from "../client/seal_api.ts";
