/**
 * Writing manifests as YAML text. Apart from `yaml.ts` (reading), so that code which only writes
 * YAML never loads a YAML parser.
 *
 * @module
 */

import type { AgentManifest } from "./agent_types.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { writeYaml } from "./_yaml_writer.ts";

/**
 * Serialises an agent manifest as YAML, keeping field order. Strings that YAML would read back as
 * numbers or booleans under YAML 1.2 or 1.1 (a runtime version `"3.10"`, `"no"`, `"on"`) are quoted, so
 * `parseManifest(stringifyManifest(m))` deep-equals `m`. It does not validate; use
 * {@link validateManifest} first when needed.
 *
 * @example
 * ```ts
 * import { AgentManifestBuilder, stringifyManifest } from "@aegis/sdk/manifest";
 *
 * const manifest = new AgentManifestBuilder("hello", "python", "3.10")
 *   .withInstruction("Say hi")
 *   .build();
 * console.log(stringifyManifest(manifest)); // ... version: "3.10" ...
 * ```
 */
export function stringifyManifest(manifest: AgentManifest): string {
  return stringifyDocument(manifest);
}

/**
 * Serialises a workflow manifest as YAML, keeping field and state order. Does not validate.
 *
 * @example
 * ```ts
 * import { stringifyWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const text = stringifyWorkflowManifest({
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Workflow",
 *   metadata: { name: "w" },
 *   spec: { initial_state: "A", states: { A: { kind: "System", command: "true", transitions: [] } } },
 * });
 * console.log(text.startsWith("apiVersion: 100monkeys.ai/v1")); // true
 * ```
 */
export function stringifyWorkflowManifest(manifest: WorkflowManifest): string {
  return stringifyDocument(manifest);
}

/** YAML output settings shared by agent and workflow manifests. */
function stringifyDocument(value: unknown): string {
  // Strings that a YAML 1.1 parser (PyYAML, older serde_yaml) would read as booleans or numbers
  // ("no", "on", "3.10") are quoted; no anchors or aliases, so the text is easy to review.
  return writeYaml(value);
}
