/**
 * Loading and saving manifests as YAML files. This is the only part of the manifest module that
 * touches the filesystem (through `node:fs/promises`, available on Deno, Node and Bun); import it
 * from `@aegis/sdk/manifest/fs` so edge bundles of `@aegis/sdk/manifest` stay filesystem-free.
 *
 * @module
 */

import { readFile, writeFile } from "node:fs/promises";
import { ManifestFileError } from "./error.ts";
import type { AgentManifest } from "./agent_types.ts";
import { validateManifest } from "./agent_validate.ts";
import type { WorkflowManifest } from "./workflow_types.ts";
import { validateWorkflowManifest } from "./workflow_validate.ts";
import { parseManifest, type ParseOptions, parseWorkflowManifest } from "./yaml.ts";
import { stringifyManifest, stringifyWorkflowManifest } from "./yaml_stringify.ts";

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
 * Reads, parses and validates an agent manifest YAML (or JSON) file. `options.maxBytes` bounds
 * the file's size as for {@link parseManifest} (default 1 MiB).
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
export async function loadManifest(
  path: string,
  options: Omit<ParseOptions, "source"> = {},
): Promise<AgentManifest> {
  return parseManifest(await readText(path), { ...options, source: path });
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
 * Reads, parses and validates a workflow manifest YAML file. `options.maxBytes` bounds the
 * file's size as for {@link parseWorkflowManifest} (default 1 MiB).
 *
 * @example
 * ```ts ignore
 * import { loadWorkflowManifest } from "@aegis/sdk/manifest/fs";
 *
 * const workflow = await loadWorkflowManifest("./workflows/release.yaml");
 * console.log(workflow.spec.initial_state);
 * ```
 */
export async function loadWorkflowManifest(
  path: string,
  options: Omit<ParseOptions, "source"> = {},
): Promise<WorkflowManifest> {
  return parseWorkflowManifest(await readText(path), { ...options, source: path });
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

// The manifest types the functions above take and return, so this entry documents them.
export type {
  AccessMode,
  AdvancedConfig,
  AgentManifest,
  AgentOutputHandler,
  AgentSpec,
  AgentState,
  ConsensusConfig,
  ConsensusStrategy,
  ConsensusTransition,
  ContainerOutputHandler,
  ContainerResources,
  ContainerRunConfig,
  ContainerRunState,
  ContainerVolumeMount,
  ContextItem,
  CronSchedule,
  CustomTransition,
  DeliveryCondition,
  DeliveryConfig,
  DeliveryDestination,
  DeliveryTransform,
  DeliveryType,
  DirectoryContextItem,
  EmailDelivery,
  ExecutionMode,
  ExecutionStrategy,
  ExitCodeTransition,
  ExitCodeValidator,
  FileContextItem,
  FilesystemPolicy,
  HealthCheck,
  HumanState,
  ImagePullPolicy,
  InputEqualsTransition,
  IntervalSchedule,
  IsolationMode,
  JsonSchemaValidator,
  MANIFEST_API_VERSION,
  ManifestMetadata,
  ManualSchedule,
  McpToolOutputHandler,
  MultiJudgeValidator,
  NetworkMode,
  NetworkPolicy,
  OutputHandlerConfig,
  ParallelAgentConfig,
  ParallelAgentsState,
  ParallelContainerRunState,
  ParseOptions,
  RegexValidator,
  ResourceLimits,
  RestDelivery,
  RetryConfig,
  RuntimeConfig,
  ScheduleConfig,
  ScoreBetweenTransition,
  SecurityConfig,
  SemanticValidator,
  SimpleTransition,
  SmsDelivery,
  StateCommon,
  StateJudge,
  StorageClass,
  SubworkflowState,
  SystemState,
  TaskConfig,
  TextContextItem,
  ThresholdTransition,
  Transition,
  TransitionBase,
  UrlContextItem,
  ValidatorSpec,
  VolumeSpec,
  VolumeType,
  WebhookDelivery,
  WebhookOutputHandler,
  WorkflowManifest,
  WorkflowMetadata,
  WorkflowSharedVolume,
  WorkflowSpec,
  WorkflowState,
  WorkflowStorage,
  WorkflowWorkspace,
} from "./mod.ts";
