/**
 * Loading and saving manifests as YAML files. This is the only part of the manifest module that
 * touches the filesystem (through `node:fs/promises`, available on Deno, Node and Bun); import it
 * from `@aegis/sdk/manifest/fs` so edge bundles of `@aegis/sdk/manifest` stay filesystem-free.
 *
 * @module
 */

import { readFile, writeFile } from "node:fs/promises";
import { ManifestFileError } from "./error.ts";
import type { AgentManifest } from "./types.ts";
import { validateManifest } from "./validate.ts";
import {
  parseWorkflowManifest,
  stringifyWorkflowManifest,
  validateWorkflowManifest,
} from "./workflow.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { parseManifest, stringifyManifest } from "./yaml.ts";

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, { encoding: "utf8" });
  } catch (error) {
    throw new ManifestFileError("read", path, error);
  }
}

async function writeText(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { encoding: "utf8" });
  } catch (error) {
    throw new ManifestFileError("write", path, error);
  }
}

/**
 * Reads, parses and validates an agent manifest YAML (or JSON) file.
 *
 * Throws {@link ManifestFileError} when the file cannot be read and
 * {@link ManifestValidationError} (issues with line and column, `source` = `path`) when it is
 * not a valid manifest.
 *
 * @example
 * ```ts ignore
 * import { loadManifest } from "@aegis/sdk/manifest/fs";
 *
 * const manifest = await loadManifest("./agents/reviewer.yaml");
 * console.log(manifest.metadata.name);
 * ```
 */
export async function loadManifest(path: string): Promise<AgentManifest> {
  return parseManifest(await readText(path), { source: path });
}

/**
 * Validates an agent manifest and writes it to `path` as YAML (overwriting the file).
 * Throws {@link ManifestValidationError} before writing anything if the manifest is invalid.
 *
 * @example
 * ```ts ignore
 * import { AgentManifestBuilder } from "@aegis/sdk/manifest";
 * import { saveManifest } from "@aegis/sdk/manifest/fs";
 *
 * const manifest = new AgentManifestBuilder("hello", "python", "3.11").withInstruction("Hi").build();
 * await saveManifest(manifest, "./hello.yaml");
 * ```
 */
export async function saveManifest(manifest: AgentManifest, path: string): Promise<void> {
  await writeText(path, stringifyManifest(validateManifest(manifest)));
}

/**
 * Reads, parses and validates a workflow manifest YAML file.
 *
 * @example
 * ```ts ignore
 * import { loadWorkflowManifest } from "@aegis/sdk/manifest/fs";
 *
 * const workflow = await loadWorkflowManifest("./workflows/release.yaml");
 * console.log(workflow.spec.initial_state);
 * ```
 */
export async function loadWorkflowManifest(path: string): Promise<WorkflowManifest> {
  return parseWorkflowManifest(await readText(path), { source: path });
}

/**
 * Validates a workflow manifest and writes it to `path` as YAML (overwriting the file).
 *
 * @example
 * ```ts ignore
 * import { loadWorkflowManifest, saveWorkflowManifest } from "@aegis/sdk/manifest/fs";
 *
 * const workflow = await loadWorkflowManifest("./release.yaml");
 * await saveWorkflowManifest(workflow, "./release.copy.yaml");
 * ```
 */
export async function saveWorkflowManifest(
  manifest: WorkflowManifest,
  path: string,
): Promise<void> {
  await writeText(path, stringifyWorkflowManifest(validateWorkflowManifest(manifest)));
}

export type * from "./types.ts";
export type * from "./workflow_types.ts";
