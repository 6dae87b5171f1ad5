/**
 * Manifest objects to request bodies, without a YAML parser: what the client bundles. The public
 * `wire.ts` adds YAML text input on top.
 *
 * @module
 */

import type { AgentManifest } from "./agent_types.ts";
import { validateManifest } from "./agent_validate.ts";
import { validateWorkflowManifest } from "./workflow_validate.ts";
import { writeYaml } from "./_yaml_writer.ts";

/**
 * Validates an agent manifest (any value: the validator checks every field) and returns a deep
 * copy in the orchestrator's field names.
 */
export function agentManifestToWire(input: unknown): Record<string, unknown> {
  return renameForWire(validateManifest(input));
}

/** Renames `spec.execution.max_iterations` to the `max_retries` the orchestrator stores. */
export function renameForWire(manifest: AgentManifest): Record<string, unknown> {
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

/** Validates a workflow manifest (any value) and writes it as the YAML text the orchestrator parses. */
export function workflowManifestToYaml(input: unknown): string {
  return writeYaml(validateWorkflowManifest(input));
}
