/**
 * Bridge from the client to `manifest/`: what `deployAgent`, `updateAgent` and
 * `registerWorkflow` accept and how it becomes the body the server takes.
 *
 * The client takes manifest objects (or JSON text) and validates them before sending. It does
 * not read YAML: the YAML parser is a large library, and an app that deploys from code (the
 * builder, objects) or a Worker that only starts executions should not carry it. YAML text is
 * refused with a pointer to `parseManifest`/`parseWorkflowManifest` in `@aegis/sdk/manifest`.
 *
 * @module
 */

import { InvalidArgumentError } from "../errors.ts";
import type { AgentManifest } from "../manifest/agent_types.ts";
import type { WorkflowManifest } from "../manifest/workflow_types.ts";
import { agentManifestToWire, workflowManifestToYaml } from "../manifest/_to_wire.ts";

/** An agent manifest object, or its JSON text. */
export type ManifestInput = AgentManifest | string;

/** A workflow manifest object, or its JSON text. */
export type WorkflowManifestInput = WorkflowManifest | string;

/** Validates an agent manifest and converts it to the JSON the server takes. */
export function prepareAgentManifest(input: ManifestInput): Record<string, unknown> {
  return agentManifestToWire(
    typeof input === "string" ? parseJsonText(input, "agent", "parseManifest") : input,
  );
}

/** Validates a workflow manifest and writes it as the YAML text the server parses. */
export function prepareWorkflowYaml(input: WorkflowManifestInput): string {
  return workflowManifestToYaml(
    typeof input === "string" ? parseJsonText(input, "workflow", "parseWorkflowManifest") : input,
  );
}

/** The value of JSON text, for the validator that follows to check. */
function parseJsonText(text: string, kind: string, parser: string): unknown {
  if (!text.trimStart().startsWith("{")) {
    throw new InvalidArgumentError(
      "manifest",
      `this text is not JSON; YAML ${kind} manifests are read by \`${parser}(text)\` from ` +
        `"@aegis/sdk/manifest" (or loaded from a file by "@aegis/sdk/manifest/fs"), which ` +
        `returns the manifest object to pass here. The client does not bundle a YAML parser.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError(
      "manifest",
      `is not valid JSON (${(error as Error).message}); pass a manifest object, or read YAML ` +
        `with \`${parser}(text)\` from "@aegis/sdk/manifest"`,
    );
  }
}
