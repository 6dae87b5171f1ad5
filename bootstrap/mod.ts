/**
 * Dispatch-protocol types, validating builders and parsers, the agent-container environment,
 * and a runnable bootstrap loop for custom agent runtimes (`spec.advanced.bootstrap_path`).
 *
 * Everything here is web-standard. The process-spawning executor lives in
 * `@aegis/sdk/bootstrap/exec` so that this module also loads on edge runtimes.
 *
 * @example A minimal custom bootstrap
 * ```ts ignore
 * import { AegisClient } from "@aegis/sdk/client";
 * import { readBootstrapEnv, runBootstrap } from "@aegis/sdk/bootstrap";
 * import { nodeExec } from "@aegis/sdk/bootstrap/exec";
 * import process from "node:process";
 *
 * const env = readBootstrapEnv(process.env);
 * const result = await runBootstrap({
 *   client: new AegisClient({ baseUrl: env.orchestratorUrl, auth: "none" }),
 *   env,
 *   prompt: process.argv[2],
 *   exec: nodeExec,
 * });
 * console.log(result.content);
 * ```
 *
 * @module
 */

export { DispatchLimitError, DispatchProtocolError } from "./error.ts";
// Re-exported because the functions below throw them and the error classes above extend them.
export { AegisAbortError, AegisError, AegisTimeoutError, InvalidArgumentError } from "../errors.ts";
export type {
  AgentMessage,
  BootstrapEnv,
  ConversationMessage,
  ConversationToolCall,
  DispatchMessage,
  DispatchResultMessage,
  ExecFunction,
  ExecRequest,
  ExecResult,
  FinalMessage,
  GenerateMessage,
  IterationHistoryEntry,
  OrchestratorMessage,
} from "./types.ts";
export {
  DEFAULT_DISPATCH_CWD,
  DEFAULT_DISPATCH_TIMEOUT_SECS,
  DEFAULT_MAX_OUTPUT_BYTES,
} from "./types.ts";
export {
  createDispatchResultMessage,
  createGenerateMessage,
  type DispatchResultInit,
  type GenerateMessageInit,
  isDispatchMessage,
  type LimitedOutput,
  limitOutputSize,
  parseOrchestratorMessage,
} from "./parse.ts";
export {
  buildIterationPrompt,
  DEFAULT_LLM_TIMEOUT_SECONDS,
  DEFAULT_ORCHESTRATOR_URL,
  parseIterationHistory,
  readBootstrapEnv,
} from "./env.ts";
export {
  type BootstrapLoopEnv,
  type BootstrapResult,
  DEFAULT_MAX_DISPATCHES,
  type DispatchGatewayClient,
  runBootstrap,
  type RunBootstrapOptions,
} from "./loop.ts";
