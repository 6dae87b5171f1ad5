/**
 * Agent and workflow manifests: types with the orchestrator's real field names, a fluent
 * builder, client-side validation that reports every problem at once, YAML parsing and
 * serialisation, and conversion to the wire format.
 *
 * File helpers (`loadManifest`, `saveManifest`, ...) live in `@aegis/sdk/manifest/fs` so this
 * module runs anywhere, including edge runtimes without a filesystem.
 *
 * @example Build, check and convert an agent manifest
 * ```ts
 * import { AgentManifestBuilder, stringifyManifest, toWireManifest } from "@aegis/sdk/manifest";
 *
 * const manifest = new AgentManifestBuilder("reviewer", "python", "3.11")
 *   .withInstruction("Review the pull request for security issues.")
 *   .withExecutionMode("iterative", 5)
 *   .withTool("fs.read")
 *   .build();
 * const body = toWireManifest(manifest); // JSON body for POST /v1/agents
 * console.log(stringifyManifest(manifest));
 * ```
 *
 * @module
 */

// Re-exported so the error classes' base is part of this entry point's documented API.
export { AegisError } from "../errors.ts";
export {
  formatManifestIssue,
  ManifestFileError,
  type ManifestIssue,
  type ManifestIssueSeverity,
  ManifestValidationError,
} from "./error.ts";
export { DEFAULT_RUNTIME_REGISTRY, defaultRuntimeVersion } from "./runtimes.ts";
export { AgentManifestBuilder } from "./builder.ts";
export { checkManifest, validateManifest } from "./agent_validate.ts";
export { parseManifest, type ParseOptions, parseWorkflowManifest } from "./yaml.ts";
export { stringifyManifest, stringifyWorkflowManifest } from "./yaml_stringify.ts";
export { toWireManifest, toWorkflowYaml } from "./wire.ts";
export { checkWorkflowManifest, validateWorkflowManifest } from "./workflow_validate.ts";
export {
  type AgentOutputHandler,
  type ConsensusStrategy,
  type ContainerOutputHandler,
  type ContainerResources,
  ImagePullPolicy,
  type IsolationMode,
  MANIFEST_API_VERSION,
  type McpToolOutputHandler,
  type OutputHandlerConfig,
  type RetryConfig,
  type WebhookOutputHandler,
} from "./common_types.ts";
export {
  type AccessMode,
  type AdvancedConfig,
  type AgentManifest,
  type AgentSpec,
  type ContextItem,
  type CronSchedule,
  type DeliveryCondition,
  type DeliveryConfig,
  type DeliveryDestination,
  type DeliveryTransform,
  type DeliveryType,
  type DirectoryContextItem,
  type EmailDelivery,
  type ExecutionMode,
  type ExecutionStrategy,
  type ExitCodeValidator,
  type FileContextItem,
  type FilesystemPolicy,
  type HealthCheck,
  type IntervalSchedule,
  type JsonSchemaValidator,
  type ManifestMetadata,
  type ManualSchedule,
  type MultiJudgeValidator,
  type NetworkMode,
  type NetworkPolicy,
  type RegexValidator,
  type ResourceLimits,
  type RestDelivery,
  type RuntimeConfig,
  type ScheduleConfig,
  type SecurityConfig,
  type SemanticValidator,
  type SmsDelivery,
  type StorageClass,
  type TaskConfig,
  type TextContextItem,
  type UrlContextItem,
  type ValidatorSpec,
  type VolumeSpec,
  type VolumeType,
  type WebhookDelivery,
} from "./agent_types.ts";
export {
  type AgentState,
  type ConsensusConfig,
  type ConsensusTransition,
  type ContainerRunConfig,
  type ContainerRunState,
  type ContainerVolumeMount,
  type CustomTransition,
  type ExitCodeTransition,
  type HumanState,
  type InputEqualsTransition,
  type ParallelAgentConfig,
  type ParallelAgentsState,
  type ParallelContainerRunState,
  type ScoreBetweenTransition,
  type SimpleTransition,
  type StateCommon,
  type StateJudge,
  type SubworkflowState,
  type SystemState,
  type ThresholdTransition,
  type Transition,
  type TransitionBase,
  type WorkflowManifest,
  type WorkflowMetadata,
  type WorkflowSharedVolume,
  type WorkflowSpec,
  type WorkflowState,
  type WorkflowStorage,
  type WorkflowWorkspace,
} from "./workflow_types.ts";
