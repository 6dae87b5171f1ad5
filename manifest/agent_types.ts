/**
 * Agent manifest types: the JSON body of `POST /v1/agents` and `PATCH /v1/agents/{id}`.
 *
 * Field names are the orchestrator's wire names (snake_case, except the top-level `apiVersion`).
 * Optional fields the server fills in say their server default in the JSDoc; omitting them is the
 * same as sending the default.
 *
 * @module
 */

import type {
  ConsensusStrategy,
  ImagePullPolicy,
  IsolationMode,
  MANIFEST_API_VERSION,
  OutputHandlerConfig,
} from "./common_types.ts";

/**
 * `"one-shot"` (server default) runs once; `"iterative"` loops with validation feedback.
 *
 * @example
 * ```ts
 * import type { ExecutionMode } from "@aegis/sdk/manifest";
 * const mode: ExecutionMode = "iterative";
 * ```
 */
export type ExecutionMode = "one-shot" | "iterative";

/**
 * Network policy mode: `"allow"` (server default) permits only `allowlist`, `"deny"` blocks
 * `denylist`, `"none"` disables networking.
 *
 * @example
 * ```ts
 * import type { NetworkMode } from "@aegis/sdk/manifest";
 * const mode: NetworkMode = "none";
 * ```
 */
export type NetworkMode = "allow" | "deny" | "none";

/**
 * Volume lifetime: deleted with the execution (`"ephemeral"`) or kept (`"persistent"`).
 *
 * @example
 * ```ts
 * import type { StorageClass } from "@aegis/sdk/manifest";
 * const storage: StorageClass = "ephemeral";
 * ```
 */
export type StorageClass = "ephemeral" | "persistent";

/**
 * Volume backend. Server default `"seaweedfs"`.
 *
 * @example
 * ```ts
 * import type { VolumeType } from "@aegis/sdk/manifest";
 * const type: VolumeType = "hostPath";
 * ```
 */
export type VolumeType = "seaweedfs" | "opendal" | "hostPath" | "seal";

/**
 * Volume mount access.
 *
 * @example
 * ```ts
 * import type { AccessMode } from "@aegis/sdk/manifest";
 * const access: AccessMode = "read-only";
 * ```
 */
export type AccessMode = "read-only" | "read-write";

/**
 * Root agent manifest.
 *
 * @example Minimal valid manifest
 * ```ts
 * import type { AgentManifest } from "@aegis/sdk/manifest";
 *
 * const manifest: AgentManifest = {
 *   apiVersion: "100monkeys.ai/v1",
 *   kind: "Agent",
 *   metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * };
 * ```
 */
export interface AgentManifest {
  /** Must be `"100monkeys.ai/v1"`. */
  apiVersion: typeof MANIFEST_API_VERSION;
  /** Must be `"Agent"`. */
  kind: "Agent";
  /** Name, version and labels. */
  metadata: ManifestMetadata;
  /** What the agent runs and how. */
  spec: AgentSpec;
}

/**
 * Agent identity. There is no `tags` field (the server dropped it; use `labels`).
 *
 * @example
 * ```ts
 * import type { ManifestMetadata } from "@aegis/sdk/manifest";
 * const metadata: ManifestMetadata = { name: "code-reviewer", version: "2.1.0", labels: { team: "sec" } };
 * ```
 */
export interface ManifestMetadata {
  /** Required. Characters `[a-z0-9-]`, not starting or ending with `-`. */
  name: string;
  /** Required, free-form (semver by convention). Deploying an existing name+version conflicts. */
  version: string;
  /** Human-readable description. */
  description?: string;
  /** String labels. Server default `{}`. */
  labels?: Record<string, string>;
  /** String annotations. Server default `{}`. */
  annotations?: Record<string, string>;
}

/**
 * The agent specification.
 *
 * @example
 * ```ts
 * import type { AgentSpec } from "@aegis/sdk/manifest";
 * const spec: AgentSpec = {
 *   runtime: { image: "ghcr.io/acme/agent:1.2" },
 *   task: { instruction: "Summarise the input" },
 *   tools: ["fs.read"],
 * };
 * ```
 */
export interface AgentSpec {
  /** Required: a language+version from the runtime registry, or a custom `image`. */
  runtime: RuntimeConfig;
  /** Required by the server on deploy: `task.instruction` must be non-blank. */
  task: TaskConfig;
  /** Extra context handed to the agent. Server default `[]`. */
  context?: ContextItem[];
  /** Execution strategy. Server default: one-shot, 5 retries, 300 s LLM timeout. */
  execution?: ExecutionStrategy;
  /** Network, filesystem and resource limits. Every part has server defaults. */
  security?: SecurityConfig;
  /** When the agent runs by itself. Absent: only on demand. */
  schedule?: ScheduleConfig;
  /** Tool names or patterns (e.g. `fs.read`, `cmd.run`); also the SEAL allowed-tool list. Server default `[]`. */
  tools?: string[];
  /** Environment variables (filtered by the server's env guard at spawn). Server default `{}`. */
  env?: Record<string, string>;
  /** Volumes mounted into the agent container. Server default `[]`. */
  volumes?: VolumeSpec[];
  /** Warm pool, startup script, health check, custom bootstrap. */
  advanced?: AdvancedConfig;
  /** JSON Schema the execution input must satisfy (enforced on execute, 422 otherwise). */
  input_schema?: unknown;
  /** Security context name; only `aegis-system-*` names, settable only by operators/service accounts. */
  security_context?: string;
  /** Where the agent's final output is forwarded. */
  output_handler?: OutputHandlerConfig;
}

/**
 * Which runtime executes the agent. Either `language` + `version` (from the runtime registry) or
 * `image` (a custom image) -- never both.
 *
 * @example
 * ```ts
 * import type { RuntimeConfig } from "@aegis/sdk/manifest";
 * const runtime: RuntimeConfig = { language: "typescript", version: "5.1", model: "smart" };
 * ```
 */
export interface RuntimeConfig {
  /** Registry language: `python`, `javascript`, `typescript`, `rust`, `go`. */
  language?: string;
  /** Registry version for `language`, e.g. `"3.11"`. Quote it in YAML (`3.10` is a number). */
  version?: string;
  /** Custom image reference; must contain `/`. Excludes `language`/`version`. */
  image?: string;
  /** Server default `"IfNotPresent"`. */
  image_pull_policy?: ImagePullPolicy;
  /** Server default `"inherit"`. */
  isolation?: IsolationMode;
  /** LLM alias. Server default `"default"`. */
  model?: string;
  /** LLM sampling temperature (f32). Server default: the model's own. */
  temperature?: number;
}

/**
 * What the agent is asked to do.
 *
 * @example
 * ```ts
 * import type { TaskConfig } from "@aegis/sdk/manifest";
 * const task: TaskConfig = { instruction: "Review the diff", prompt_template: "Diff:\n{{input}}" };
 * ```
 */
export interface TaskConfig {
  /** Required and non-blank: the server refuses to deploy without it. */
  instruction: string;
  /** Template for the per-execution prompt. */
  prompt_template?: string;
  /** Any JSON value made available to the task. */
  input_data?: unknown;
}

/**
 * Plain-text context.
 *
 * @example
 * ```ts
 * import type { TextContextItem } from "@aegis/sdk/manifest";
 * const item: TextContextItem = { type: "text", content: "Follow PEP 8." };
 * ```
 */
export interface TextContextItem {
  /** Tag. */
  type: "text";
  /** The text. */
  content: string;
  /** What the context is for. */
  description?: string;
}

/**
 * A file (path inside the agent's filesystem) given as context.
 *
 * @example
 * ```ts
 * import type { FileContextItem } from "@aegis/sdk/manifest";
 * const item: FileContextItem = { type: "file", path: "/workspace/README.md" };
 * ```
 */
export interface FileContextItem {
  /** Tag. */
  type: "file";
  /** File path. */
  path: string;
  /** What the context is for. */
  description?: string;
}

/**
 * A directory given as context.
 *
 * @example
 * ```ts
 * import type { DirectoryContextItem } from "@aegis/sdk/manifest";
 * const item: DirectoryContextItem = { type: "directory", path: "/workspace/src" };
 * ```
 */
export interface DirectoryContextItem {
  /** Tag. */
  type: "directory";
  /** Directory path. */
  path: string;
  /** What the context is for. */
  description?: string;
}

/**
 * A URL given as context.
 *
 * @example
 * ```ts
 * import type { UrlContextItem } from "@aegis/sdk/manifest";
 * const item: UrlContextItem = { type: "url", url: "https://example.com/spec.md" };
 * ```
 */
export interface UrlContextItem {
  /** Tag. */
  type: "url";
  /** The URL. */
  url: string;
  /** What the context is for. */
  description?: string;
}

/**
 * One `spec.context` entry, tagged by `type`.
 *
 * @example
 * ```ts
 * import type { ContextItem } from "@aegis/sdk/manifest";
 * const items: ContextItem[] = [{ type: "text", content: "Be terse." }];
 * ```
 */
export type ContextItem = TextContextItem | FileContextItem | DirectoryContextItem | UrlContextItem;

/**
 * How the agent executes.
 *
 * @example
 * ```ts
 * import type { ExecutionStrategy } from "@aegis/sdk/manifest";
 * const execution: ExecutionStrategy = {
 *   mode: "iterative",
 *   max_retries: 8,
 *   validation: [{ type: "exit_code", expected: 0 }],
 * };
 * ```
 */
export interface ExecutionStrategy {
  /** Server default `"one-shot"`. */
  mode?: ExecutionMode;
  /** Iteration/retry cap (u32). Server default 5. */
  max_retries?: number;
  /**
   * Input-only alias of `max_retries` (the upstream SDKs' name). {@link toWireManifest} renames it;
   * never set both.
   *
   * @deprecated Use `max_retries`.
   */
  max_iterations?: number;
  /** Per-iteration time limit, e.g. `"5m"`. */
  iteration_timeout?: string;
  /** LLM call timeout in seconds (u64). Server default 300. */
  llm_timeout_seconds?: number;
  /** Output validators, applied in order. Server default `[]`. */
  validation?: ValidatorSpec[];
  /** Validators applied to tool calls. Server default `[]`. */
  tool_validation?: ValidatorSpec[];
  /** Where results are delivered after the execution. */
  delivery?: DeliveryConfig;
}

/**
 * Validates the process exit code.
 *
 * @example
 * ```ts
 * import type { ExitCodeValidator } from "@aegis/sdk/manifest";
 * const v: ExitCodeValidator = { type: "exit_code", expected: 0 };
 * ```
 */
export interface ExitCodeValidator {
  /** Tag. */
  type: "exit_code";
  /** Expected exit code (i32). Server default 0. */
  expected?: number;
  /** Score required to pass, 0-1. Server default 1.0. */
  min_score?: number;
}

/**
 * Validates output against a JSON Schema.
 *
 * @example
 * ```ts
 * import type { JsonSchemaValidator } from "@aegis/sdk/manifest";
 * const v: JsonSchemaValidator = { type: "json_schema", schema: { type: "object" } };
 * ```
 */
export interface JsonSchemaValidator {
  /** Tag. */
  type: "json_schema";
  /** Required JSON Schema. */
  schema: unknown;
  /** Score required to pass, 0-1. Server default 1.0. */
  min_score?: number;
}

/**
 * Validates output with a (Rust-syntax) regular expression.
 *
 * @example
 * ```ts
 * import type { RegexValidator } from "@aegis/sdk/manifest";
 * const v: RegexValidator = { type: "regex", pattern: "^PASS", target: "stdout" };
 * ```
 */
export interface RegexValidator {
  /** Tag. */
  type: "regex";
  /** Required pattern. */
  pattern: string;
  /** Stream the pattern is matched against. Server default `"stdout"`. */
  target?: string;
  /** Score required to pass, 0-1. Server default 1.0. */
  min_score?: number;
}

/**
 * An LLM judge agent scores the output.
 *
 * @example
 * ```ts
 * import type { SemanticValidator } from "@aegis/sdk/manifest";
 * const v: SemanticValidator = { type: "semantic", judge_agent: "judge", criteria: "Correct and complete" };
 * ```
 */
export interface SemanticValidator {
  /** Tag. */
  type: "semantic";
  /** Required judge agent name. */
  judge_agent: string;
  /** Required judging criteria. */
  criteria: string;
  /** Score required to pass, 0-1. Server default 0.7. */
  min_score?: number;
  /** Judge confidence required, 0-1. Server default 0.0. */
  min_confidence?: number;
  /** Judge timeout in seconds (u64). Server default 300. */
  timeout_seconds?: number;
}

/**
 * Several judge agents score the output and their verdicts are combined.
 *
 * @example
 * ```ts
 * import type { MultiJudgeValidator } from "@aegis/sdk/manifest";
 * const v: MultiJudgeValidator = {
 *   type: "multi_judge",
 *   judges: ["judge-a", "judge-b"],
 *   consensus: "majority",
 *   criteria: "No security issues",
 * };
 * ```
 */
export interface MultiJudgeValidator {
  /** Tag. */
  type: "multi_judge";
  /** Required judge agent names. */
  judges: string[];
  /** Server default `"weighted_average"`. */
  consensus?: ConsensusStrategy;
  /** Minimum judges that must answer (u32). Server default 1. */
  min_judges_required?: number;
  /** Required judging criteria. */
  criteria: string;
  /** Score required to pass, 0-1. Server default 0.7. */
  min_score?: number;
  /** Confidence required, 0-1. Server default 0.0. */
  min_confidence?: number;
  /** Judge timeout in seconds (u64). Server default 300. */
  timeout_seconds?: number;
}

/**
 * One element of `execution.validation` / `execution.tool_validation`, tagged by `type`.
 *
 * @example
 * ```ts
 * import type { ValidatorSpec } from "@aegis/sdk/manifest";
 * const validators: ValidatorSpec[] = [{ type: "exit_code" }, { type: "regex", pattern: "ok" }];
 * ```
 */
export type ValidatorSpec =
  | ExitCodeValidator
  | JsonSchemaValidator
  | RegexValidator
  | SemanticValidator
  | MultiJudgeValidator;

/**
 * Result delivery after an execution.
 *
 * @example
 * ```ts
 * import type { DeliveryConfig } from "@aegis/sdk/manifest";
 * const delivery: DeliveryConfig = {
 *   destinations: [{
 *     name: "notify",
 *     condition: "on_success",
 *     type: "webhook",
 *     webhook: { url: "https://hooks.example.com/done" },
 *   }],
 * };
 * ```
 */
export interface DeliveryConfig {
  /** Destinations, each tried independently. */
  destinations: DeliveryDestination[];
}

/**
 * When a delivery destination fires.
 *
 * @example
 * ```ts
 * import type { DeliveryCondition } from "@aegis/sdk/manifest";
 * const when: DeliveryCondition = "always";
 * ```
 */
export type DeliveryCondition = "on_success" | "on_failure" | "always";

/**
 * Delivery channel; the destination carries a sub-object named like the type.
 *
 * @example
 * ```ts
 * import type { DeliveryType } from "@aegis/sdk/manifest";
 * const type: DeliveryType = "email";
 * ```
 */
export type DeliveryType = "email" | "webhook" | "rest" | "sms";

/**
 * One delivery destination. Exactly the sub-object named by `type` must be present.
 *
 * @example
 * ```ts
 * import type { DeliveryDestination } from "@aegis/sdk/manifest";
 * const destination: DeliveryDestination = {
 *   name: "mail-team",
 *   condition: "on_failure",
 *   type: "email",
 *   email: { to: "team@example.com", subject: "Agent failed" },
 * };
 * ```
 */
export interface DeliveryDestination {
  /** Destination name. */
  name: string;
  /** When to deliver. */
  condition: DeliveryCondition;
  /** Optional script that transforms the output before delivery. */
  transform?: DeliveryTransform;
  /** Channel; selects which of `email`/`webhook`/`rest`/`sms` is read. */
  type: DeliveryType;
  /** Settings for `type: "email"`. */
  email?: EmailDelivery;
  /** Settings for `type: "webhook"`. */
  webhook?: WebhookDelivery;
  /** Settings for `type: "rest"`. */
  rest?: RestDelivery;
  /** Settings for `type: "sms"`. */
  sms?: SmsDelivery;
}

/**
 * Output transform script.
 *
 * @example
 * ```ts
 * import type { DeliveryTransform } from "@aegis/sdk/manifest";
 * const transform: DeliveryTransform = { script: "/scripts/to-markdown.py", args: ["--short"] };
 * ```
 */
export interface DeliveryTransform {
  /** Script to run. */
  script: string;
  /** Script arguments. Server default `[]`. */
  args?: string[];
  /** Time limit in seconds (u64). Server default 300. */
  timeout_seconds?: number;
}

/**
 * Email delivery settings.
 *
 * @example
 * ```ts
 * import type { EmailDelivery } from "@aegis/sdk/manifest";
 * const email: EmailDelivery = { to: "ops@example.com", subject: "Report" };
 * ```
 */
export interface EmailDelivery {
  /** Recipient address: one string (the orchestrator reads a single value, not a list). */
  to: string;
  /** Subject line. */
  subject: string;
  /** Body template. */
  body_template?: string;
  /** Attachment paths. Server default `[]`. */
  attachments?: string[];
}

/**
 * Webhook delivery settings.
 *
 * @example
 * ```ts
 * import type { WebhookDelivery } from "@aegis/sdk/manifest";
 * const webhook: WebhookDelivery = { url: "https://hooks.example.com/x", method: "PUT" };
 * ```
 */
export interface WebhookDelivery {
  /** Target URL. */
  url: string;
  /** HTTP method. Server default `"POST"`. */
  method?: string;
  /** Extra headers. Server default `{}`. */
  headers?: Record<string, string>;
  /** Request body (template). */
  body?: unknown;
}

/**
 * REST call delivery settings.
 *
 * @example
 * ```ts
 * import type { RestDelivery } from "@aegis/sdk/manifest";
 * const rest: RestDelivery = { url: "https://api.example.com/results", method: "POST" };
 * ```
 */
export interface RestDelivery {
  /** Target URL. */
  url: string;
  /** HTTP method (required). */
  method: string;
  /** Extra headers. Server default `{}`. */
  headers?: Record<string, string>;
  /** Request body (template). */
  body?: unknown;
}

/**
 * SMS delivery settings.
 *
 * @example
 * ```ts
 * import type { SmsDelivery } from "@aegis/sdk/manifest";
 * const sms: SmsDelivery = { to: "+15550100", message: "Agent finished" };
 * ```
 */
export interface SmsDelivery {
  /** Recipient number. */
  to: string;
  /** Message text. */
  message: string;
}

/**
 * Network, filesystem and resource policy.
 *
 * @example
 * ```ts
 * import type { SecurityConfig } from "@aegis/sdk/manifest";
 * const security: SecurityConfig = {
 *   network: { mode: "allow", allowlist: ["api.github.com"] },
 *   resources: { cpu: 2000, memory: "1Gi", timeout: "10m" },
 * };
 * ```
 */
export interface SecurityConfig {
  /** Server default: mode `"allow"` with empty lists. */
  network?: NetworkPolicy;
  /** Server default: no paths, writable. */
  filesystem?: FilesystemPolicy;
  /** Server default: 1000 millicores, `512Mi` memory, `1Gi` disk. */
  resources?: ResourceLimits;
}

/**
 * Network policy.
 *
 * @example
 * ```ts
 * import type { NetworkPolicy } from "@aegis/sdk/manifest";
 * const network: NetworkPolicy = { mode: "deny", denylist: ["evil.example"] };
 * ```
 */
export interface NetworkPolicy {
  /** Server default `"allow"`. */
  mode?: NetworkMode;
  /** Hostnames reachable in `"allow"` mode. Server default `[]`. */
  allowlist?: string[];
  /** Hostnames blocked in `"deny"` mode. Server default `[]`. */
  denylist?: string[];
}

/**
 * Filesystem policy.
 *
 * @example
 * ```ts
 * import type { FilesystemPolicy } from "@aegis/sdk/manifest";
 * const filesystem: FilesystemPolicy = { read: ["/workspace"], write: ["/tmp"] };
 * ```
 */
export interface FilesystemPolicy {
  /** Readable paths. Server default `[]`. */
  read?: string[];
  /** Writable paths. Server default `[]`. */
  write?: string[];
  /** Mount everything read-only. Server default `false`. */
  read_only?: boolean;
}

/**
 * Resource limits.
 *
 * @example
 * ```ts
 * import type { ResourceLimits } from "@aegis/sdk/manifest";
 * const resources: ResourceLimits = { cpu: 500, memory: "256Mi", disk: "2Gi", timeout: "90s" };
 * ```
 */
export interface ResourceLimits {
  /** CPU in millicores (u32). Server default 1000. */
  cpu?: number;
  /** Memory: bare bytes or a `Ki`/`Mi`/`Gi` suffix. Server default `"512Mi"`. */
  memory?: string;
  /** Disk: bare bytes or a `Ki`/`Mi`/`Gi` suffix. Server default `"1Gi"`. */
  disk?: string;
  /** Wall-clock limit: `"60s"`, `"5m"`, `"1h"` or bare seconds. Server default: none. */
  timeout?: string;
}

/**
 * Schedule: a cron expression in a time zone.
 *
 * @example
 * ```ts
 * import type { CronSchedule } from "@aegis/sdk/manifest";
 * const schedule: CronSchedule = { type: "cron", cron: "0 0 9 * * Mon-Fri", timezone: "Europe/Berlin" };
 * ```
 */
export interface CronSchedule {
  /** Tag. */
  type: "cron";
  /** Cron expression. */
  cron: string;
  /** IANA time zone, e.g. `"UTC"`. */
  timezone: string;
  /** Server default `true`. */
  enabled?: boolean;
}

/**
 * Schedule: every N seconds.
 *
 * @example
 * ```ts
 * import type { IntervalSchedule } from "@aegis/sdk/manifest";
 * const schedule: IntervalSchedule = { type: "interval", seconds: 3600 };
 * ```
 */
export interface IntervalSchedule {
  /** Tag. */
  type: "interval";
  /** Interval in seconds (u64, > 0). */
  seconds: number;
  /** Server default `true`. */
  enabled?: boolean;
}

/**
 * Schedule: only when triggered.
 *
 * @example
 * ```ts
 * import type { ManualSchedule } from "@aegis/sdk/manifest";
 * const schedule: ManualSchedule = { type: "manual" };
 * ```
 */
export interface ManualSchedule {
  /** Tag. */
  type: "manual";
}

/**
 * `spec.schedule`, tagged by `type`.
 *
 * @example
 * ```ts
 * import type { ScheduleConfig } from "@aegis/sdk/manifest";
 * const schedule: ScheduleConfig = { type: "interval", seconds: 600, enabled: false };
 * ```
 */
export type ScheduleConfig = CronSchedule | IntervalSchedule | ManualSchedule;

/**
 * A volume mounted into the agent container.
 *
 * @example
 * ```ts
 * import type { VolumeSpec } from "@aegis/sdk/manifest";
 * const volume: VolumeSpec = {
 *   name: "workspace",
 *   storage_class: "ephemeral",
 *   mount_path: "/workspace",
 *   access_mode: "read-write",
 *   size_limit: "1Gi",
 * };
 * ```
 */
export interface VolumeSpec {
  /** Volume name. */
  name: string;
  /** Lifetime. */
  storage_class: StorageClass;
  /** Backend. Server default `"seaweedfs"`. */
  type?: VolumeType;
  /** Backend provider (for `opendal`). */
  provider?: string;
  /** Backend-specific configuration. */
  config?: unknown;
  /** Absolute mount path inside the container. */
  mount_path: string;
  /** Mount access. */
  access_mode: AccessMode;
  /** Required size limit: bare bytes or `Ki`/`Mi`/`Gi` suffix, e.g. `"1Gi"`. */
  size_limit: string;
  /** Hours before an ephemeral volume is reclaimed (u32). */
  ttl_hours?: number;
}

/**
 * Advanced runtime settings. There is no `swarm_enabled` (the server ignores it).
 *
 * @example
 * ```ts
 * import type { AdvancedConfig } from "@aegis/sdk/manifest";
 * const advanced: AdvancedConfig = { warm_pool_size: 2, bootstrap_path: "/opt/agent/bootstrap.py" };
 * ```
 */
export interface AdvancedConfig {
  /** Pre-started containers (u32). Server default 0. */
  warm_pool_size?: number;
  /** Script run when the container starts. */
  startup_script?: string;
  /** Container health check. */
  health_check?: HealthCheck;
  /** Custom bootstrap script inside a custom `image`. */
  bootstrap_path?: string;
}

/**
 * Container health check.
 *
 * @example
 * ```ts
 * import type { HealthCheck } from "@aegis/sdk/manifest";
 * const check: HealthCheck = { path: "/healthz", interval_seconds: 10, timeout_seconds: 2 };
 * ```
 */
export interface HealthCheck {
  /** HTTP path probed. */
  path: string;
  /** Probe interval in seconds (u64). */
  interval_seconds: number;
  /** Probe timeout in seconds (u64). */
  timeout_seconds: number;
}
