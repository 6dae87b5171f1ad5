/**
 * The bootstrap inner loop for custom agent runtimes: send `generate`, run every command the
 * orchestrator dispatches, send each `dispatch_result`, until the final answer arrives.
 * Web standards only; running commands is delegated to an {@link ExecFunction} (see
 * `@aegis/sdk/bootstrap/exec` for one built on `node:child_process`).
 *
 * @module
 */

import { AegisAbortError, AegisTimeoutError } from "../errors.ts";
import { buildIterationPrompt } from "./env.ts";
import { DispatchLimitError } from "./error.ts";
import {
  createDispatchResultMessage,
  createGenerateMessage,
  isDispatchMessage,
  limitOutputSize,
  parseOrchestratorMessage,
} from "./parse.ts";
import type {
  AgentMessage,
  BootstrapEnv,
  ConversationMessage,
  DispatchMessage,
  DispatchResultMessage,
  ExecFunction,
  ExecResult,
  FinalMessage,
  IterationHistoryEntry,
} from "./types.ts";

/**
 * Anything that can POST a message to `/v1/dispatch-gateway` and return the parsed JSON body
 * of an HTTP 200 answer (throwing on other statuses). `AegisClient` implements it.
 *
 * @example A client over plain `fetch`
 * ```ts
 * import type { DispatchGatewayClient } from "@aegis/sdk/bootstrap";
 *
 * const client: DispatchGatewayClient = {
 *   async dispatchGateway(message, options) {
 *     const response = await fetch("http://127.0.0.1:8088/v1/dispatch-gateway", {
 *       method: "POST",
 *       headers: { "content-type": "application/json" },
 *       body: JSON.stringify(message),
 *       signal: options?.signal,
 *     });
 *     if (!response.ok) throw new Error(`HTTP ${response.status}`);
 *     return await response.json();
 *   },
 * };
 * ```
 */
export interface DispatchGatewayClient {
  /** Sends one agent message and resolves with the orchestrator's JSON answer. */
  dispatchGateway(message: AgentMessage, options?: { signal?: AbortSignal }): Promise<unknown>;
}

/**
 * The parts of {@link BootstrapEnv} the loop uses.
 *
 * @example
 * ```ts
 * import type { BootstrapLoopEnv } from "@aegis/sdk/bootstrap";
 *
 * const env: BootstrapLoopEnv = {
 *   agentId: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   iteration: 1,
 *   modelAlias: "default",
 * };
 * ```
 */
export type BootstrapLoopEnv =
  & Pick<BootstrapEnv, "agentId" | "executionId" | "iteration" | "modelAlias">
  & Partial<Pick<BootstrapEnv, "iterationHistory">>;

/**
 * Options of {@link runBootstrap}. Identity comes from `env` (usually `readBootstrapEnv(...)`)
 * or from the explicit `agentId`/`executionId`/`iterationNumber`/`modelAlias`, which win over
 * `env` when both are given.
 *
 * @example
 * ```ts
 * import type { RunBootstrapOptions } from "@aegis/sdk/bootstrap";
 *
 * const options: Partial<RunBootstrapOptions> = { prompt: "Say hi", maxDispatches: 20 };
 * ```
 */
export interface RunBootstrapOptions {
  /** Sends the messages; `AegisClient` or any {@link DispatchGatewayClient}. */
  client: DispatchGatewayClient;
  /** The task prompt (argv[1] or stdin for a bootstrap script). */
  prompt: string;
  /** Runs each dispatched `exec` command. */
  exec: ExecFunction;
  /** Injected environment; supplies ids, iteration, model alias and iteration history. */
  env?: BootstrapLoopEnv;
  /** Agent UUID (overrides `env.agentId`). */
  agentId?: string;
  /** Execution UUID (overrides `env.executionId`). */
  executionId?: string;
  /** Iteration number 0..255 (overrides `env.iteration`; default 1). */
  iterationNumber?: number;
  /** LLM alias (overrides `env.modelAlias`; default `"default"`). */
  modelAlias?: string;
  /**
   * Previous iterations, rendered before the prompt by `buildIterationPrompt` (overrides
   * `env.iterationHistory`; pass `[]` to send the prompt untouched).
   */
  iterationHistory?: readonly IterationHistoryEntry[];
  /** Prior conversation sent with `generate` (default `[]`). */
  messages?: readonly ConversationMessage[];
  /** Aborts the loop: the pending request and the running command are cancelled. */
  signal?: AbortSignal;
  /**
   * Bound on each wait for the orchestrator's answer, in milliseconds. Each answer waits for
   * the model, so `env.llmTimeoutSeconds * 1000` is a natural value. Default: no bound beyond
   * the client's own.
   */
  requestTimeoutMs?: number;
  /**
   * Most dispatches one iteration may run before the loop gives up with
   * {@link DispatchLimitError}, guarding against an orchestrator that never sends a final
   * answer. Default 500.
   */
  maxDispatches?: number;
  /** Called before each dispatch runs, with its 0-based index. */
  onDispatch?: (dispatch: DispatchMessage, index: number) => void | Promise<void>;
  /** Called with each result before it is sent. */
  onResult?: (result: DispatchResultMessage, dispatch: DispatchMessage) => void | Promise<void>;
}

/**
 * Outcome of {@link runBootstrap}.
 *
 * @example
 * ```ts
 * import type { BootstrapResult } from "@aegis/sdk/bootstrap";
 *
 * function print(result: BootstrapResult): void {
 *   console.log(result.content, result.toolCallsExecuted, result.dispatchCount);
 * }
 * ```
 */
export interface BootstrapResult {
  /** The final answer's text: what a bootstrap prints as the iteration output. */
  content: string;
  /** `tool_calls_executed` as reported by the orchestrator. */
  toolCallsExecuted: number;
  /** How many dispatches this loop ran. */
  dispatchCount: number;
  /** The final message as received. */
  final: FinalMessage;
}

/**
 * Default of {@link RunBootstrapOptions.maxDispatches}.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_DISPATCHES } from "@aegis/sdk/bootstrap";
 * console.log(DEFAULT_MAX_DISPATCHES); // 500
 * ```
 */
export const DEFAULT_MAX_DISPATCHES = 500;

/**
 * Runs one iteration's inner loop: `generate` -> (dispatch -> exec -> `dispatch_result`)* -> final.
 *
 * Command outcomes never end the loop: a non-zero exit is reported as is, an `exec` that
 * throws is reported as exit code `-1` with the error in stderr, an action other than `exec`
 * as exit code `-1` with stderr `unknown_action:<action>`, and output over `max_output_bytes`
 * is tail-trimmed even if the executor did not do it.
 *
 * @throws {InvalidArgumentError} when the ids, iteration or model alias are invalid.
 * @throws {DispatchProtocolError} when the orchestrator answers something malformed.
 * @throws {DispatchLimitError} after `maxDispatches` dispatches without a final answer.
 * @throws {AegisAbortError} when `signal` aborts; {@link AegisTimeoutError} when
 * `requestTimeoutMs` passes. Errors of the client (e.g. `RateLimitError` for the
 * orchestrator's `429 upstream_rate_limit`) propagate unchanged.
 *
 * @example Run against a scripted gateway
 * ```ts
 * import { runBootstrap, type DispatchGatewayClient } from "@aegis/sdk/bootstrap";
 *
 * const answers: unknown[] = [
 *   {
 *     type: "dispatch",
 *     dispatch_id: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
 *     action: "exec",
 *     command: "echo",
 *     args: ["hi"],
 *   },
 *   { content: "said hi", tool_calls_executed: 1 },
 * ];
 * const client: DispatchGatewayClient = { dispatchGateway: () => Promise.resolve(answers.shift()) };
 *
 * const result = await runBootstrap({
 *   client,
 *   prompt: "Say hi",
 *   agentId: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   exec: (request) =>
 *     Promise.resolve({
 *       exit_code: 0,
 *       stdout: request.args.join(" ") + "\n",
 *       stderr: "",
 *       duration_ms: 1,
 *       truncated: false,
 *     }),
 * });
 * console.log(result.content); // "said hi"
 * ```
 */
export async function runBootstrap(options: RunBootstrapOptions): Promise<BootstrapResult> {
  const { client, exec, env, signal } = options;
  const maxDispatches = options.maxDispatches ?? DEFAULT_MAX_DISPATCHES;
  throwIfAborted(signal);
  const generate = createGenerateMessage({
    agentId: options.agentId ?? env?.agentId ?? "",
    executionId: options.executionId ?? env?.executionId ?? "",
    iterationNumber: options.iterationNumber ?? env?.iteration ?? 1,
    modelAlias: options.modelAlias ?? env?.modelAlias,
    prompt: buildIterationPrompt(
      options.prompt,
      options.iterationHistory ?? env?.iterationHistory ?? [],
    ),
    messages: options.messages,
  });
  const send = (message: AgentMessage): Promise<unknown> =>
    sendWithBounds(client, message, signal, options.requestTimeoutMs);

  let answer = parseOrchestratorMessage(await send(generate));
  let dispatchCount = 0;
  while (isDispatchMessage(answer)) {
    if (dispatchCount >= maxDispatches) throw new DispatchLimitError(maxDispatches);
    const dispatch = answer;
    await options.onDispatch?.(dispatch, dispatchCount);
    dispatchCount++;
    const outcome = await runDispatch(dispatch, exec, signal);
    const result = createDispatchResultMessage({
      executionId: generate.execution_id,
      dispatchId: dispatch.dispatch_id,
      result: outcome,
    });
    await options.onResult?.(result, dispatch);
    throwIfAborted(signal);
    answer = parseOrchestratorMessage(await send(result));
  }
  return {
    content: answer.content,
    toolCallsExecuted: answer.tool_calls_executed,
    dispatchCount,
    final: answer,
  };
}

async function runDispatch(
  dispatch: DispatchMessage,
  exec: ExecFunction,
  signal: AbortSignal | undefined,
): Promise<ExecResult> {
  if (dispatch.action !== "exec") {
    return bootstrapFailure(`unknown_action:${dispatch.action}`, 0);
  }
  const started = Date.now();
  let outcome: ExecResult;
  try {
    outcome = await exec({
      command: dispatch.command,
      args: [...dispatch.args],
      cwd: dispatch.cwd,
      env_additions: { ...dispatch.env_additions },
      timeout_secs: dispatch.timeout_secs,
      max_output_bytes: dispatch.max_output_bytes,
    }, signal);
  } catch (error) {
    throwIfAborted(signal);
    return bootstrapFailure(`[AEGIS] exec failed: ${errorText(error)}`, Date.now() - started);
  }
  const problem = describeInvalidResult(outcome);
  if (problem !== undefined) {
    return bootstrapFailure(
      `[AEGIS] exec returned an invalid result: ${problem}`,
      Date.now() - started,
    );
  }
  const limited = limitOutputSize(outcome.stdout, outcome.stderr, dispatch.max_output_bytes);
  return {
    exit_code: outcome.exit_code,
    stdout: limited.stdout,
    stderr: limited.stderr,
    duration_ms: Math.max(0, Math.round(outcome.duration_ms)),
    truncated: outcome.truncated || limited.truncated,
  };
}

function bootstrapFailure(stderr: string, durationMs: number): ExecResult {
  return { exit_code: -1, stdout: "", stderr, duration_ms: durationMs, truncated: false };
}

function describeInvalidResult(outcome: unknown): string | undefined {
  if (typeof outcome !== "object" || outcome === null) return "not an object";
  const r = outcome as Record<string, unknown>;
  const code = r.exit_code;
  if (typeof code !== "number" || !Number.isInteger(code) || Math.abs(code) > 2147483647) {
    return "exit_code is not a 32-bit integer";
  }
  if (typeof r.stdout !== "string") return "stdout is not a string";
  if (typeof r.stderr !== "string") return "stderr is not a string";
  if (typeof r.duration_ms !== "number" || !Number.isFinite(r.duration_ms)) {
    return "duration_ms is not a finite number";
  }
  if (typeof r.truncated !== "boolean") return "truncated is not a boolean";
  return undefined;
}

async function sendWithBounds(
  client: DispatchGatewayClient,
  message: AgentMessage,
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
): Promise<unknown> {
  throwIfAborted(signal);
  const controller = new AbortController();
  let timedOut = false;
  let rejectEarly: (error: unknown) => void = () => {};
  const early = new Promise<never>((_, reject) => {
    rejectEarly = reject;
  });
  const onAbort = (): void => {
    controller.abort(signal?.reason);
    rejectEarly(abortError(signal));
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    const error = new AegisTimeoutError(
      `no answer from the dispatch gateway within ${timeoutMs} ms (${message.type})`,
    );
    controller.abort(error);
    rejectEarly(error);
  }, timeoutMs);
  try {
    // The race keeps abort and timeout prompt even with a client that ignores the signal.
    const request = client.dispatchGateway(message, { signal: controller.signal });
    request.catch(() => {});
    return await Promise.race([request, early]);
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (timedOut && !(error instanceof AegisTimeoutError)) {
      throw new AegisTimeoutError(
        `no answer from the dispatch gateway within ${timeoutMs} ms (${message.type})`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal | undefined): AegisAbortError {
  return new AegisAbortError("bootstrap loop aborted", { cause: signal?.reason });
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
