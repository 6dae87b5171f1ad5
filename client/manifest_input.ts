/**
 * Bridge from the client to `manifest/`: what `deployAgent`/`updateAgent` accept and how it
 * becomes the JSON the server takes.
 *
 * @module
 */

import type { AgentManifest } from "../manifest/agent_types.ts";

/** A manifest object, or its YAML or JSON text. */
export type ManifestInput = AgentManifest | string;

/** Validates and converts a manifest to the wire JSON. */
export async function prepareAgentManifest(input: ManifestInput): Promise<Record<string, unknown>> {
  // Loaded on demand so that apps which never deploy do not bundle the YAML parser.
  const { toWireManifest } = await import("../manifest/wire.ts");
  return toWireManifest(input);
}
