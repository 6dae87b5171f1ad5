/**
 * Conversion of manifests to the request bodies the orchestrator accepts: JSON for agents, YAML
 * text for workflows.
 *
 * @module
 */

import type { AgentManifest } from "./agent_types.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { parseManifest, parseWorkflowManifest } from "./yaml.ts";
import { agentManifestToWire, renameForWire, workflowManifestToYaml } from "./_to_wire.ts";

/**
 * Validates an agent manifest (an object, or YAML/JSON text) and returns the JSON object to send
 * as the body of `POST /v1/agents` or `PATCH /v1/agents/{id}`.
 *
 * - Throws {@link ManifestValidationError} when validation finds errors.
 * - `spec.execution.max_iterations` (the upstream SDKs' name) is renamed to `max_retries`, the
 *   field the orchestrator stores and returns.
 * - Nothing else is changed or dropped: fields the orchestrator ignores (unknown fields,
 *   `metadata.tags`, `advanced.swarm_enabled`) are kept, since the server accepts them; they are
 *   reported as warnings by {@link checkManifest}.
 * - The result is a deep copy; mutating it does not touch the input.
 *
 * @example
 * ```ts
 * import { toWireManifest } from "@aegis/sdk/manifest";
 *
 * const body = toWireManifest(`
 * apiVersion: 100monkeys.ai/v1
 * kind: Agent
 * metadata: { name: looper, version: "1.0.0" }
 * spec:
 *   runtime: { language: python, version: "3.11" }
 *   task: { instruction: Fix the tests }
 *   execution: { mode: iterative, max_iterations: 7 }
 * `);
 * console.log((body.spec as { execution: unknown }).execution); // { mode: "iterative", max_retries: 7 }
 * ```
 */
export function toWireManifest(input: AgentManifest | string): Record<string, unknown> {
  return typeof input === "string"
    ? renameForWire(parseManifest(input))
    : agentManifestToWire(input);
}

/**
 * Validates a workflow manifest (an object, or YAML/JSON text) and returns the YAML text to send
 * as the body of `POST /v1/workflows`. Text input is returned unchanged (comments and layout
 * kept) once it validates; objects are serialised. Throws {@link ManifestValidationError}.
 *
 * @example
 * ```ts
 * import { toWorkflowYaml } from "@aegis/sdk/manifest";
 *
 * const yaml = toWorkflowYaml({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "w", version: "1.0.0" },
 *   spec: { initial_state: "A", states: { A: { kind: "Human", prompt: "OK?", transitions: [] } } },
 * });
 * console.log(yaml.includes("kind: Human")); // true
 * ```
 */
export function toWorkflowYaml(input: WorkflowManifest | string): string {
  if (typeof input === "string") {
    parseWorkflowManifest(input);
    return input;
  }
  return workflowManifestToYaml(input);
}
