/**
 * Agent manifests as YAML text.
 *
 * @module
 */

import { stringify } from "yaml";
import { type ParseOptions, positionedIssues, readYaml } from "./_yaml_source.ts";
import { ManifestValidationError } from "./error.ts";
import type { AgentManifest } from "./types.ts";
import { collectAgentIssues } from "./validate.ts";

export type { ParseOptions } from "./_yaml_source.ts";

/**
 * Parses and validates an agent manifest written in YAML (or JSON, which is YAML too).
 *
 * Throws {@link ManifestValidationError}: for a YAML syntax error (the issue carries its line and
 * column), or for validation errors, each issue carrying the line and column of the offending
 * node (or of its nearest existing parent when a field is missing).
 *
 * @example
 * ```ts
 * import { parseManifest } from "@aegis/sdk/manifest";
 *
 * const manifest = parseManifest(`
 * apiVersion: 100monkeys.ai/v1
 * kind: Agent
 * metadata: { name: hello, version: "1.0.0" }
 * spec:
 *   runtime: { language: python, version: "3.11" }
 *   task: { instruction: Say hi }
 * `);
 * console.log(manifest.spec.runtime.version); // "3.11"
 * ```
 */
export function parseManifest(text: string, options: ParseOptions = {}): AgentManifest {
  const source = readYaml(text, "agent manifest", options);
  const raw = collectAgentIssues(source.value);
  if (raw.some((issue) => issue.severity === "error")) {
    throw new ManifestValidationError(positionedIssues(raw, source), {
      subject: "agent manifest",
      source: options.source,
    });
  }
  return source.value as AgentManifest;
}

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

/** YAML output settings shared by agent and workflow manifests. */
export function stringifyDocument(value: unknown): string {
  // YAML 1.1 rules also quote strings such as "no", "on" or "y" that 1.1 parsers (PyYAML, older
  // serde_yaml) would read as booleans; the output still means the same under YAML 1.2.
  // Anchors/aliases for repeated sub-objects would make the text harder to review and edit.
  return stringify(value, { version: "1.1", aliasDuplicateObjects: false, lineWidth: 0 });
}
