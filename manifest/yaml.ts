/**
 * Reading agent and workflow manifests from YAML text, with validation (issues carry line and
 * column). Writing them is `yaml_stringify.ts`.
 *
 * @module
 */

import type { RawIssue } from "./_checker.ts";
import { type ParseOptions, positionedIssues, readYaml } from "./_yaml_reader.ts";
import type { AgentManifest } from "./agent_types.ts";
import { collectAgentIssues } from "./agent_validate.ts";
import { ManifestValidationError } from "./error.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { collectWorkflowIssues } from "./workflow_validate.ts";

export type { ParseOptions } from "./_yaml_reader.ts";

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
  return parseValidated(text, "agent manifest", collectAgentIssues, options) as AgentManifest;
}

/**
 * Parses and validates a workflow manifest written in YAML (or JSON). Errors carry the line and
 * column of the offending node; YAML syntax errors carry their own position. The same input
 * limits as {@link parseManifest} apply.
 *
 * @example
 * ```ts
 * import { parseWorkflowManifest } from "@aegis/sdk/manifest";
 *
 * const workflow = parseWorkflowManifest(`
 * apiVersion: 100monkeys.ai/v1
 * kind: Workflow
 * metadata: { name: greet }
 * spec:
 *   initial_state: HELLO
 *   states:
 *     HELLO: { kind: System, command: echo hello, transitions: [] }
 * `);
 * console.log(Object.keys(workflow.spec.states)); // ["HELLO"]
 * ```
 */
export function parseWorkflowManifest(text: string, options: ParseOptions = {}): WorkflowManifest {
  return parseValidated(
    text,
    "workflow manifest",
    collectWorkflowIssues,
    options,
  ) as WorkflowManifest;
}

function parseValidated(
  text: string,
  subject: string,
  collect: (value: unknown) => RawIssue[],
  options: ParseOptions,
): unknown {
  const source = readYaml(text, subject, options);
  const raw = collect(source.value);
  if (raw.some((issue) => issue.severity === "error")) {
    throw new ManifestValidationError(positionedIssues(raw, source), {
      subject,
      source: options.source,
    });
  }
  return source.value;
}
