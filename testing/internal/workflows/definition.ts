/**
 * Parses workflow manifests the way the orchestrator's parser checks them, keeping the parts the
 * simulator uses.
 *
 * @module
 */

import { parse as parseYaml } from "yaml";
import { isObject } from "../http.ts";
import type { FakeWorkflow, ParsedWorkflow } from "./types.ts";

const STATE_KINDS = new Set([
  "Agent",
  "System",
  "Human",
  "ParallelAgents",
  "ContainerRun",
  "ParallelContainerRun",
  "Subworkflow",
]);

/** The description, labels and input schema of a parsed manifest. */
export function describe(
  parsed: ParsedWorkflow,
): Pick<FakeWorkflow, "description" | "labels" | "inputSchema"> {
  const meta = parsed.metadata;
  return {
    description: typeof meta.description === "string" ? meta.description : undefined,
    labels: isObject(meta.labels) ? (meta.labels as Record<string, string>) : {},
    inputSchema: meta.input_schema,
  };
}

/** Parses and checks the parts of a workflow manifest the orchestrator's parser insists on. */
export function parseWorkflow(yaml: string): ParsedWorkflow | string {
  let doc: unknown;
  try {
    doc = parseYaml(yaml);
  } catch (error) {
    return `invalid YAML: ${(error as Error).message.split("\n")[0]}`;
  }
  if (!isObject(doc)) return "manifest must be a YAML mapping";
  if (doc.apiVersion !== "100monkeys.ai/v1") return "apiVersion must be '100monkeys.ai/v1'";
  if (doc.kind !== "Workflow") return "kind must be 'Workflow'";
  const metadata = doc.metadata;
  if (!isObject(metadata) || typeof metadata.name !== "string" || metadata.name === "") {
    return "missing field `metadata.name`";
  }
  const spec = doc.spec;
  if (!isObject(spec) || typeof spec.initial_state !== "string") {
    return "missing field `spec.initial_state`";
  }
  if (!isObject(spec.states)) return "missing field `spec.states`";
  for (const [name, state] of Object.entries(spec.states)) {
    if (!isObject(state) || typeof state.kind !== "string" || !STATE_KINDS.has(state.kind)) {
      return `state '${name}': unknown or missing kind`;
    }
    if (!Array.isArray(state.transitions)) return `state '${name}': missing field \`transitions\``;
  }
  if (!(spec.initial_state in spec.states)) {
    return `initial_state '${spec.initial_state}' is not a defined state`;
  }
  return doc as unknown as ParsedWorkflow;
}
