/**
 * Agent and workflow manifests: types with the orchestrator's real field names, a fluent
 * builder, client-side validation that reports every problem at once, YAML parsing and
 * serialisation, and conversion to the wire format.
 *
 * File helpers (`loadManifest`, `saveManifest`, …) live in `@aegis/sdk/manifest/fs` so this
 * module runs anywhere, including edge runtimes without a filesystem.
 *
 * @example Build, check and convert an agent manifest
 * ```ts
 * import { AgentManifestBuilder, stringifyManifest, toWireManifest } from "@aegis/sdk/manifest";
 *
 * const manifest = new AgentManifestBuilder("reviewer", "python", "3.11")
 *   .withInstruction("Review the pull request for security issues.")
 *   .withExecutionMode("iterative", 5)
 *   .withTool("fs.read")
 *   .build();
 * const body = toWireManifest(manifest); // JSON body for POST /v1/agents
 * console.log(stringifyManifest(manifest));
 * ```
 *
 * @module
 */

// Re-exported so the error classes' base is part of this entry point's documented API.
export { AegisError } from "../client/core/errors.ts";
export * from "./types.ts";
export * from "./workflow_types.ts";
export {
  formatManifestIssue,
  ManifestFileError,
  type ManifestIssue,
  type ManifestIssueSeverity,
  ManifestValidationError,
} from "./error.ts";
export { DEFAULT_RUNTIME_REGISTRY, defaultRuntimeVersion } from "./runtimes.ts";
export { AgentManifestBuilder } from "./builder.ts";
export { checkManifest, validateManifest } from "./validate.ts";
export { parseManifest, type ParseOptions, stringifyManifest } from "./yaml.ts";
export { toWireManifest } from "./wire.ts";
export {
  checkWorkflowManifest,
  parseWorkflowManifest,
  stringifyWorkflowManifest,
  toWorkflowYaml,
  validateWorkflowManifest,
} from "./workflow.ts";
