/**
 * Conversion of manifests to the request bodies the orchestrator accepts: JSON for agents, YAML
 * text for workflows.
 *
 * @module
 */

import type { AgentManifest } from "./agent_types.ts";
import { validateManifest } from "./agent_validate.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { validateWorkflowManifest } from "./workflow_validate.ts";
import { parseManifest, parseWorkflowManifest, stringifyWorkflowManifest } from "./yaml.ts";

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
  const manifest = typeof input === "string" ? parseManifest(input) : validateManifest(input);
  const wire = structuredClone(manifest) as unknown as Record<string, unknown>;
  const execution = (wire.spec as { execution?: Record<string, unknown> }).execution;
  if (execution !== undefined && execution.max_iterations !== undefined) {
    const renamed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(execution)) {
      if (key === "max_iterations") renamed.max_retries = value;
      else renamed[key] = value;
    }
    (wire.spec as { execution?: Record<string, unknown> }).execution = renamed;
  }
  return wire;
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
  return stringifyWorkflowManifest(validateWorkflowManifest(input));
}
