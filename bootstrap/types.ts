/**
 * Wire types of the dispatch protocol (`POST /v1/dispatch-gateway`) exchanged between a
 * bootstrap script inside an agent container and the orchestrator, plus the environment the
 * orchestrator injects into that container. Field names are the wire's snake_case.
 *
 * @module
 */

/**
 * One tool call recorded in a conversation message.
 *
 * @example
 * ```ts
 * import type { ConversationToolCall } from "@aegis/sdk/bootstrap";
 *
 * const call: ConversationToolCall = { id: "call_1", name: "cmd.run", arguments: { command: "ls" } };
 * ```
 */
export interface ConversationToolCall {
  /** Identifier the matching `tool` message refers to through `tool_call_id`. */
  id: string;
  /** Tool name. */
  name: string;
  /** Tool arguments, any JSON value. */
  arguments: unknown;
}

/**
 * One message of the conversation history sent with a `generate` message.
 *
 * @example
 * ```ts
 * import type { ConversationMessage } from "@aegis/sdk/bootstrap";
 *
 * const message: ConversationMessage = { role: "user", content: "Write a primality check" };
 * ```
 */
export interface ConversationMessage {
  /** Author of the message. */
  role: "system" | "user" | "assistant" | "tool";
  /** Message text. */
  content: string;
  /** For `tool` messages: the id of the tool call this message answers. */
  tool_call_id?: string;
  /** For `assistant` messages: the tool calls the model made. */
  tool_calls?: ConversationToolCall[];
}

/**
 * Agent -> orchestrator: start the inner loop of one iteration. The server answers with a
 * {@link DispatchMessage} or a {@link FinalMessage}.
 *
 * @example
 * ```ts
 * import { createGenerateMessage } from "@aegis/sdk/bootstrap";
 *
 * const message = createGenerateMessage({
 *   agentId: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   iterationNumber: 1,
 *   prompt: "Write a primality check",
 * });
 * console.log(message.type); // "generate"
 * ```
 */
export interface GenerateMessage {
  /** Message tag. */
  type: "generate";
  /** Agent UUID (`AEGIS_AGENT_ID`); the server answers 500 if it is not a UUID. */
  agent_id: string;
  /** Execution UUID (`AEGIS_EXECUTION_ID`); keys the server's in-memory loop state. */
  execution_id: string;
  /** Iteration number, 0..255 on the wire, 1-based in practice (`AEGIS_ITERATION`). */
  iteration_number: number;
  /** The fully rendered prompt (with the previous-attempts block, if any). */
  prompt: string;
  /** Prior conversation; when empty the server seeds a system message and the prompt. */
  messages: ConversationMessage[];
  /** LLM alias (`AEGIS_MODEL_ALIAS`). */
  model_alias: string;
}

/**
 * Agent -> orchestrator: the result of a dispatched command.
 *
 * @example
 * ```ts
 * import type { DispatchResultMessage } from "@aegis/sdk/bootstrap";
 *
 * const result: DispatchResultMessage = {
 *   type: "dispatch_result",
 *   execution_id: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   dispatch_id: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
 *   exit_code: 0,
 *   stdout: "All tests passed.\n",
 *   stderr: "",
 *   duration_ms: 1243,
 *   truncated: false,
 * };
 * ```
 */
export interface DispatchResultMessage {
  /** Message tag. */
  type: "dispatch_result";
  /** Same execution id as the originating `generate`. */
  execution_id: string;
  /** Echo of {@link DispatchMessage.dispatch_id}. */
  dispatch_id: string;
  /** Process exit code (i32); `-1` for bootstrap-level failures (timeout, unknown action). */
  exit_code: number;
  /** Captured standard output, tail-trimmed when `truncated`. */
  stdout: string;
  /** Captured standard error, tail-trimmed when `truncated`. */
  stderr: string;
  /** Wall-clock duration in milliseconds. */
  duration_ms: number;
  /** True when the combined output exceeded `max_output_bytes` and was trimmed. */
  truncated: boolean;
}

/**
 * Any message a bootstrap script sends to `POST /v1/dispatch-gateway`.
 *
 * @example
 * ```ts
 * import type { AgentMessage } from "@aegis/sdk/bootstrap";
 *
 * function describe(message: AgentMessage): string {
 *   return message.type === "generate" ? message.prompt : message.dispatch_id;
 * }
 * ```
 */
export type AgentMessage = GenerateMessage | DispatchResultMessage;

/**
 * Orchestrator -> agent: run a command and report back with a {@link DispatchResultMessage}.
 * `action` is `"exec"` today; other values must be answered with exit code `-1` and stderr
 * `unknown_action:<action>`.
 *
 * @example
 * ```ts
 * import { parseOrchestratorMessage, isDispatchMessage } from "@aegis/sdk/bootstrap";
 *
 * const message = parseOrchestratorMessage({
 *   type: "dispatch",
 *   dispatch_id: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
 *   action: "exec",
 *   command: "python",
 *   args: ["-m", "pytest"],
 * });
 * if (isDispatchMessage(message)) console.log(message.cwd); // "/workspace"
 * ```
 */
export interface DispatchMessage {
  /** Message tag. */
  type: "dispatch";
  /** UUID to echo in the result. */
  dispatch_id: string;
  /** What to do; `"exec"` is the only action the orchestrator sends today. */
  action: string;
  /** Command to run. The default bootstrap runs `command + " " + args.join(" ")` in a shell. */
  command: string;
  /** Arguments, appended to `command` separated by spaces (not quoted). */
  args: string[];
  /** Working directory (default `/workspace`). */
  cwd: string;
  /** Variables merged over the container's environment for this command. */
  env_additions: Record<string, string>;
  /** Time limit in seconds (default 60). */
  timeout_secs: number;
  /** Bound on the combined stdout+stderr size in bytes (default 524288). */
  max_output_bytes: number;
}

/**
 * Orchestrator -> agent: the inner loop is over. On the wire this object has **no `type`
 * field** (the handler builds it by hand), so it is recognised by its shape.
 *
 * @example
 * ```ts
 * import { parseOrchestratorMessage } from "@aegis/sdk/bootstrap";
 *
 * const final = parseOrchestratorMessage({ content: "done", tool_calls_executed: 2 });
 * console.log(final); // { content: "done", tool_calls_executed: 2 }
 * ```
 */
export interface FinalMessage {
  /** The model's final text output: what the bootstrap prints as the iteration output. */
  content: string;
  /** How many tool calls the loop executed. */
  tool_calls_executed: number;
}

/**
 * Any HTTP 200 answer of `POST /v1/dispatch-gateway`.
 *
 * @example
 * ```ts
 * import { isDispatchMessage, type OrchestratorMessage } from "@aegis/sdk/bootstrap";
 *
 * function summary(message: OrchestratorMessage): string {
 *   return isDispatchMessage(message) ? `run ${message.command}` : message.content;
 * }
 * ```
 */
export type OrchestratorMessage = DispatchMessage | FinalMessage;

/**
 * What a command executor receives: the `exec` part of a {@link DispatchMessage}.
 *
 * @example
 * ```ts
 * import type { ExecRequest } from "@aegis/sdk/bootstrap";
 *
 * const request: ExecRequest = {
 *   command: "ls",
 *   args: ["-la"],
 *   cwd: "/workspace",
 *   env_additions: {},
 *   timeout_secs: 60,
 *   max_output_bytes: 524288,
 * };
 * ```
 */
export interface ExecRequest {
  /** Command to run. */
  command: string;
  /** Arguments. */
  args: string[];
  /** Working directory. */
  cwd: string;
  /** Variables merged over the process environment. */
  env_additions: Record<string, string>;
  /** Time limit in seconds. */
  timeout_secs: number;
  /** Bound on the combined stdout+stderr size in bytes. */
  max_output_bytes: number;
}

/**
 * What a command executor returns; becomes the body of a {@link DispatchResultMessage}.
 *
 * @example
 * ```ts
 * import type { ExecResult } from "@aegis/sdk/bootstrap";
 *
 * const result: ExecResult = { exit_code: 0, stdout: "ok\n", stderr: "", duration_ms: 5, truncated: false };
 * ```
 */
export interface ExecResult {
  /** Exit code; `-1` for failures of the executor itself (timeout, cannot start). */
  exit_code: number;
  /** Captured standard output. */
  stdout: string;
  /** Captured standard error. */
  stderr: string;
  /** Wall-clock duration in milliseconds. */
  duration_ms: number;
  /** True when output was trimmed to respect `max_output_bytes`. */
  truncated: boolean;
}

/**
 * Runs one dispatched command. It should resolve for every outcome of the command itself
 * (non-zero exit, timeout) and reject only when aborted through `signal` or when it cannot
 * work at all; the bootstrap loop reports a rejection as exit code `-1`.
 *
 * @example An executor that only echoes
 * ```ts
 * import type { ExecFunction } from "@aegis/sdk/bootstrap";
 *
 * const echoOnly: ExecFunction = (request) =>
 *   Promise.resolve({
 *     exit_code: request.command === "echo" ? 0 : 127,
 *     stdout: request.command === "echo" ? request.args.join(" ") + "\n" : "",
 *     stderr: "",
 *     duration_ms: 0,
 *     truncated: false,
 *   });
 * ```
 */
export type ExecFunction = (request: ExecRequest, signal?: AbortSignal) => Promise<ExecResult>;

/**
 * One entry of `AEGIS_ITERATION_HISTORY`: what a previous iteration produced and why it was
 * rejected.
 *
 * @example
 * ```ts
 * import type { IterationHistoryEntry } from "@aegis/sdk/bootstrap";
 *
 * const entry: IterationHistoryEntry = { iteration: 1, output: "42", feedback: "wrong answer" };
 * ```
 */
export interface IterationHistoryEntry {
  /** The iteration number, when the orchestrator recorded it. */
  iteration?: number;
  /** That iteration's output. */
  output?: string;
  /** That iteration's error. */
  error?: string;
  /** Validator feedback. */
  feedback?: string;
  /** Why validation rejected the output. */
  validation_reason?: string;
}

/**
 * The environment the orchestrator injects into an agent container, validated and typed by
 * `readBootstrapEnv`. `sealPrivateKey` and `sealToken` are non-enumerable so that logging or
 * `JSON.stringify` of this object does not print them.
 *
 * @example
 * ```ts
 * import { readBootstrapEnv } from "@aegis/sdk/bootstrap";
 *
 * const env = readBootstrapEnv({
 *   AEGIS_AGENT_ID: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   AEGIS_EXECUTION_ID: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   AEGIS_MODEL_ALIAS: "default",
 * });
 * console.log(env.iteration, env.llmTimeoutSeconds); // 1 300
 * ```
 */
export interface BootstrapEnv {
  /** `AEGIS_AGENT_ID`: agent UUID (required). */
  agentId: string;
  /** `AEGIS_EXECUTION_ID`: execution UUID (required). */
  executionId: string;
  /**
   * `AEGIS_ORCHESTRATOR_URL`, or `http://host.docker.internal:8088` (the first fallback the
   * default bootstrap tries) when unset.
   */
  orchestratorUrl: string;
  /** `AEGIS_MODEL_ALIAS` (required, like the default bootstrap). */
  modelAlias: string;
  /** `AEGIS_LLM_TIMEOUT_SECONDS`; 300 when unset or not a positive number. */
  llmTimeoutSeconds: number;
  /** `AEGIS_AGENT_INSTRUCTION`, when set. */
  agentInstruction?: string;
  /** `AEGIS_PROMPT_TEMPLATE`, when set. */
  promptTemplate?: string;
  /** `AEGIS_ITERATION`: 1-based iteration number (default 1). */
  iteration: number;
  /** `AEGIS_ITERATION_HISTORY` parsed (empty on the first iteration). */
  iterationHistory: IterationHistoryEntry[];
  /** `AEGIS_WORKFLOW_ID`, when the agent runs inside a workflow. */
  workflowId?: string;
  /** `AEGIS_BOOTSTRAP_DEBUG` is one of `1`, `true`, `yes`, `on` (any case). */
  bootstrapDebug: boolean;
  /** `AEGIS_SEAL_ENABLED` is one of `1`, `true`, `yes` (any case). */
  sealEnabled: boolean;
  /** `AEGIS_SEAL_GATEWAY_URL`, when set. */
  sealGatewayUrl?: string;
  /** `AEGIS_SECURITY_CONTEXT`, when set. */
  securityContext?: string;
  /** `AEGIS_SEAL_PRIVATE_KEY` (base64 Ed25519 key), when pre-provisioned. Non-enumerable. */
  sealPrivateKey?: string;
  /** `AEGIS_SEAL_TOKEN` (pre-minted SEAL token), when pre-provisioned. Non-enumerable. */
  sealToken?: string;
}

/**
 * Working directory the orchestrator uses when a dispatch names none.
 *
 * @example
 * ```ts
 * import { DEFAULT_DISPATCH_CWD } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_DISPATCH_CWD); // "/workspace"
 * ```
 */
export const DEFAULT_DISPATCH_CWD = "/workspace";

/**
 * Time limit the default bootstrap applies when a dispatch names none, in seconds.
 *
 * @example
 * ```ts
 * import { DEFAULT_DISPATCH_TIMEOUT_SECS } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_DISPATCH_TIMEOUT_SECS); // 60
 * ```
 */
export const DEFAULT_DISPATCH_TIMEOUT_SECS = 60;

/**
 * Output bound the default bootstrap applies when a dispatch names none, in bytes.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_OUTPUT_BYTES } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_MAX_OUTPUT_BYTES); // 524288
 * ```
 */
export const DEFAULT_MAX_OUTPUT_BYTES = 524288;
