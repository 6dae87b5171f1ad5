/**
 * The REST client: {@link AegisClient}, the request pipeline ({@link AegisCore}), the typed
 * errors, and every resource function (`getExecution(core, id)`, …) for tree-shaken apps.
 *
 * @example
 * ```ts
 * import { AegisClient } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await client.healthLive()).status);
 * ```
 *
 * @module
 */

export * from "./core/errors.ts";
export * from "./core/options.ts";
export { AegisCore, type HttpMethod, type QueryValue, type RequestSpec } from "./core/core.ts";
export {
  encodeFilePath,
  encodeSegment,
  normalizeFilePath,
  path,
  type PathParam,
} from "./core/path.ts";
export { type SSEMessage, SSEParser, type SSEParserOptions } from "./core/sse.ts";
export { EventStream, type EventStreamSpec } from "./core/stream.ts";
export { FileDownload } from "./core/download.ts";
export { AegisClient } from "./aegis_client.ts";
export * from "./events.ts";
export * from "./health.ts";
export * from "./agents.ts";
export * from "./executions.ts";
export * from "./workflows.ts";
export * from "./workflow_executions.ts";
export * from "./approvals.ts";
export * from "./stimuli.ts";
export * from "./volumes.ts";
export * from "./volume_files.ts";
export * from "./dispatch.ts";
export * from "./credentials.ts";
export * from "./secrets.ts";
export * from "./api_keys.ts";
export * from "./colony.ts";
export * from "./billing.ts";
export * from "./cluster.ts";
export * from "./swarms.ts";
export * from "./observability.ts";
export * from "./cortex.ts";
export * from "./users.ts";
export * from "./admin.ts";
export * from "./seal_api.ts";
export type { ManifestInput } from "./manifest_input.ts";
// Manifest types, which deployAgent/registerWorkflow accept (type-only: nothing is bundled).
export type * from "../manifest/types.ts";
export type * from "../manifest/workflow_types.ts";
