/**
 * aegis-sdk: the Deno-first, edge-ready TypeScript SDK for the AEGIS agent orchestrator.
 *
 * - `AegisClient` — every REST call, typed to the orchestrator's real wire format.
 * - SEAL — WebCrypto Ed25519 keys, orchestrator-exact envelopes, `SEALClient`.
 * - Manifests — types, `AgentManifestBuilder`, validation, YAML.
 * - Bootstrap — dispatch-protocol types and the inner loop for custom agent runtimes.
 *
 * Node-only helpers live in separate entry points (`@aegis/sdk/manifest/fs`,
 * `@aegis/sdk/bootstrap/exec`); the fake orchestrator is `@aegis/sdk/testing`.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 *
 * const client = new AegisClient({ baseUrl: "http://localhost:8088", bearerToken: "<jwt>" });
 * ```
 *
 * @module
 */

export * from "./client/mod.ts";
export * from "./manifest/mod.ts";
export * from "./bootstrap/mod.ts";
export * from "./seal/mod.ts";
