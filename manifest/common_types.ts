/**
 * Manifest types shared by agents and workflows: the API version, enums both use, and output
 * handlers (an agent's `spec.output_handler` and a workflow state's `output_handler`).
 *
 * @module
 */

/**
 * The only `apiVersion` the orchestrator accepts for agent and workflow manifests.
 *
 * @example
 * ```ts
 * import { MANIFEST_API_VERSION } from "@aegis/sdk/manifest";
 * console.log(MANIFEST_API_VERSION); // "100monkeys.ai/v1"
 * ```
 */
export const MANIFEST_API_VERSION = "100monkeys.ai/v1" as const;

/**
 * When the container runtime pulls the agent image. Usable as a value and as a type.
 *
 * @example
 * ```ts
 * import { AgentManifestBuilder, ImagePullPolicy } from "@aegis/sdk/manifest";
 *
 * const builder = new AgentManifestBuilder("scanner", "python", "3.11")
 *   .withImagePullPolicy(ImagePullPolicy.Always);
 * ```
 */
export const ImagePullPolicy = {
  /** Pull before every start. */
  Always: "Always",
  /** Pull only when the image is missing locally (server default). */
  IfNotPresent: "IfNotPresent",
  /** Never pull; the image must already be present. */
  Never: "Never",
} as const;

/**
 * One of `"Always"`, `"IfNotPresent"` (server default), `"Never"`.
 *
 * @example
 * ```ts
 * import type { ImagePullPolicy } from "@aegis/sdk/manifest";
 * const policy: ImagePullPolicy = "Never";
 * ```
 */
export type ImagePullPolicy = typeof ImagePullPolicy[keyof typeof ImagePullPolicy];

/**
 * Sandbox an agent runs in. `"inherit"` (server default) uses the node's configured isolation.
 *
 * @example
 * ```ts
 * import type { IsolationMode } from "@aegis/sdk/manifest";
 * const isolation: IsolationMode = "firecracker";
 * ```
 */
export type IsolationMode = "inherit" | "firecracker" | "docker" | "process";

/**
 * How judges' scores are combined.
 *
 * @example
 * ```ts
 * import type { ConsensusStrategy } from "@aegis/sdk/manifest";
 * const strategy: ConsensusStrategy = "majority";
 * ```
 */
export type ConsensusStrategy = "weighted_average" | "majority" | "unanimous" | "best_of_n";

/**
 * Forward the output to another agent.
 *
 * @example
 * ```ts
 * import type { AgentOutputHandler } from "@aegis/sdk/manifest";
 * const handler: AgentOutputHandler = { type: "agent", agent_id: "summariser" };
 * ```
 */
export interface AgentOutputHandler {
  /** Tag. */
  type: "agent";
  /** Receiving agent (name or id). */
  agent_id: string;
  /** Template for the receiving agent's input. */
  input_template?: string;
  /** Time limit in seconds (u64). */
  timeout_seconds?: number;
  /** Fail the execution if forwarding fails. Server default `false`. */
  required?: boolean;
}

/**
 * Run a container on the output. Accepted by the server but not implemented.
 *
 * @example
 * ```ts
 * import type { ContainerOutputHandler } from "@aegis/sdk/manifest";
 * const handler: ContainerOutputHandler = { type: "container", image: "ghcr.io/acme/post:1", command: ["post"] };
 * ```
 */
export interface ContainerOutputHandler {
  /** Tag. */
  type: "container";
  /** Image to run. */
  image: string;
  /** Command and arguments. */
  command: string[];
  /** Environment. */
  env?: Record<string, string>;
  /** CPU, memory and time limits. */
  resources?: ContainerResources;
  /** Fail the execution if the handler fails. Server default `false`. */
  required?: boolean;
}

/**
 * Call an MCP tool with the output. Accepted by the server but not implemented.
 *
 * @example
 * ```ts
 * import type { McpToolOutputHandler } from "@aegis/sdk/manifest";
 * const handler: McpToolOutputHandler = { type: "mcp_tool", tool_name: "notes.append", arguments: {} };
 * ```
 */
export interface McpToolOutputHandler {
  /** Tag. */
  type: "mcp_tool";
  /** Tool to call. */
  tool_name: string;
  /** Tool arguments: any JSON value (`null` or `{}` when the tool takes none). Required. */
  arguments: unknown;
  /** Time limit in seconds (u64). */
  timeout_seconds?: number;
  /** Fail the execution if the call fails. Server default `false`. */
  required?: boolean;
}

/**
 * POST the output to a webhook.
 *
 * @example
 * ```ts
 * import type { WebhookOutputHandler } from "@aegis/sdk/manifest";
 * const handler: WebhookOutputHandler = { type: "webhook", url: "https://hooks.example.com/out" };
 * ```
 */
export interface WebhookOutputHandler {
  /** Tag. */
  type: "webhook";
  /** `http(s)` URL. */
  url: string;
  /** Server default `"POST"`. */
  method?: string;
  /** Extra headers. Server default `{}`. */
  headers?: Record<string, string>;
  /** Body template. */
  body_template?: string;
  /** Time limit in seconds (u64). */
  timeout_seconds?: number;
  /** Retry policy. */
  retry?: RetryConfig;
  /** Fail the execution if delivery fails. Server default `false`. */
  required?: boolean;
}

/**
 * `spec.output_handler`, tagged by `type`.
 *
 * @example
 * ```ts
 * import type { OutputHandlerConfig } from "@aegis/sdk/manifest";
 * const handler: OutputHandlerConfig = { type: "agent", agent_id: "reviewer", required: true };
 * ```
 */
export type OutputHandlerConfig =
  | AgentOutputHandler
  | ContainerOutputHandler
  | McpToolOutputHandler
  | WebhookOutputHandler;

/**
 * CPU, memory and time limits of a container (a `container` output handler, a workflow
 * `ContainerRun` state or step).
 *
 * @example
 * ```ts
 * import type { ContainerResources } from "@aegis/sdk/manifest";
 * const resources: ContainerResources = { cpu: 500, memory: "512Mi", timeout: "10m" };
 * ```
 */
export interface ContainerResources {
  /** CPU in millicores (u32), e.g. `500` for half a core. */
  cpu?: number;
  /** Memory: bare bytes or a `Ki`/`Mi`/`Gi` suffix, e.g. `"512Mi"`. */
  memory?: string;
  /** Wall-clock limit as a duration such as `"30s"`, `"10m"` or `"1h 30m"`. */
  timeout?: string;
}

/**
 * Retry policy of a webhook output handler or a workflow `ContainerRun` state.
 *
 * @example
 * ```ts
 * import type { RetryConfig } from "@aegis/sdk/manifest";
 * const retry: RetryConfig = { max_attempts: 3, backoff: "5s" };
 * ```
 */
export interface RetryConfig {
  /** Attempts after the first (u32). Server default 0 (no retry). */
  max_attempts?: number;
  /** Initial wait between attempts, a duration such as `"5s"` or `"1m"`. */
  backoff?: string;
}
