/**
 * Validating builders for the messages a bootstrap sends, and a strict parser for the
 * orchestrator's answers. Builders refuse values the server would reject (a non-UUID
 * `agent_id` makes it answer 500) before anything is sent.
 *
 * @module
 */

import { describeValue } from "../internal/describe.ts";
import { isRecord, isUuid } from "../internal/guards.ts";
import { InvalidArgumentError } from "../errors.ts";
import { DispatchProtocolError } from "./error.ts";
import {
  type ConversationMessage,
  DEFAULT_DISPATCH_CWD,
  DEFAULT_DISPATCH_TIMEOUT_SECS,
  DEFAULT_MAX_OUTPUT_BYTES,
  type DispatchMessage,
  type DispatchResultMessage,
  type ExecResult,
  type FinalMessage,
  type GenerateMessage,
  type OrchestratorMessage,
} from "./types.ts";

const ROLES: ReadonlySet<string> = new Set(["system", "user", "assistant", "tool"]);
const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
const U32_MAX = 4294967295;

export { isUuid };

/**
 * Input of {@link createGenerateMessage}.
 *
 * @example
 * ```ts
 * import type { GenerateMessageInit } from "@aegis/sdk/bootstrap";
 *
 * const init: GenerateMessageInit = {
 *   agentId: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   iterationNumber: 1,
 *   prompt: "hello",
 * };
 * ```
 */
export interface GenerateMessageInit {
  /** Agent UUID. */
  agentId: string;
  /** Execution UUID. */
  executionId: string;
  /** Iteration number, integer 0..255. */
  iterationNumber: number;
  /** Fully rendered prompt. */
  prompt: string;
  /** Prior conversation (default `[]`). */
  messages?: readonly ConversationMessage[];
  /** LLM alias (default `"default"`). */
  modelAlias?: string;
}

/**
 * Builds a `generate` message, refusing values the orchestrator would reject.
 *
 * @throws {InvalidArgumentError} when an id is not a UUID, the iteration is not an integer in
 * 0..255, or a field has the wrong type.
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
 *   modelAlias: "fast",
 * });
 * console.log(JSON.stringify(message));
 * ```
 */
export function createGenerateMessage(init: GenerateMessageInit): GenerateMessage {
  if (!isUuid(init.agentId)) {
    throw new InvalidArgumentError("agentId", "must be a UUID (the orchestrator answers 500)");
  }
  if (!isUuid(init.executionId)) {
    throw new InvalidArgumentError("executionId", "must be a UUID");
  }
  const iteration = init.iterationNumber;
  if (!Number.isInteger(iteration) || iteration < 0 || iteration > 255) {
    throw new InvalidArgumentError("iterationNumber", "must be an integer from 0 to 255");
  }
  if (typeof init.prompt !== "string") {
    throw new InvalidArgumentError("prompt", "must be a string");
  }
  const modelAlias = init.modelAlias ?? "default";
  if (typeof modelAlias !== "string" || modelAlias === "") {
    throw new InvalidArgumentError("modelAlias", "must be a non-empty string");
  }
  return {
    type: "generate",
    agent_id: init.agentId,
    execution_id: init.executionId,
    iteration_number: iteration,
    prompt: init.prompt,
    messages: validateConversation(init.messages ?? []),
    model_alias: modelAlias,
  };
}

function validateConversation(messages: readonly ConversationMessage[]): ConversationMessage[] {
  if (!Array.isArray(messages)) throw new InvalidArgumentError("messages", "must be an array");
  return messages.map((message, index) => {
    const where = `messages[${index}]`;
    if (!isNonNullObject(message)) throw new InvalidArgumentError(where, "must be an object");
    if (typeof message.role !== "string" || !ROLES.has(message.role)) {
      throw new InvalidArgumentError(`${where}.role`, "must be system, user, assistant or tool");
    }
    if (typeof message.content !== "string") {
      throw new InvalidArgumentError(`${where}.content`, "must be a string");
    }
    const copy: ConversationMessage = {
      role: message.role as ConversationMessage["role"],
      content: message.content,
    };
    if (message.tool_call_id !== undefined) {
      if (typeof message.tool_call_id !== "string") {
        throw new InvalidArgumentError(`${where}.tool_call_id`, "must be a string");
      }
      copy.tool_call_id = message.tool_call_id;
    }
    if (message.tool_calls !== undefined) {
      if (!Array.isArray(message.tool_calls)) {
        throw new InvalidArgumentError(`${where}.tool_calls`, "must be an array");
      }
      copy.tool_calls = message.tool_calls.map((call, callIndex) => {
        const callWhere = `${where}.tool_calls[${callIndex}]`;
        if (
          !isNonNullObject(call) || typeof call.id !== "string" || typeof call.name !== "string"
        ) {
          throw new InvalidArgumentError(
            callWhere,
            "must be {id: string, name: string, arguments}",
          );
        }
        return { id: call.id, name: call.name, arguments: call.arguments };
      });
    }
    return copy;
  });
}

/**
 * Input of {@link createDispatchResultMessage}.
 *
 * @example
 * ```ts
 * import type { DispatchResultInit } from "@aegis/sdk/bootstrap";
 *
 * const init: DispatchResultInit = {
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   dispatchId: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
 *   result: { exit_code: 0, stdout: "", stderr: "", duration_ms: 3, truncated: false },
 * };
 * ```
 */
export interface DispatchResultInit {
  /** Execution UUID of the loop. */
  executionId: string;
  /** The `dispatch_id` being answered. */
  dispatchId: string;
  /** What the command produced. */
  result: ExecResult;
}

/**
 * Builds a `dispatch_result` message. `duration_ms` is rounded to a whole non-negative number.
 *
 * @throws {InvalidArgumentError} when the ids are malformed or a result field has the wrong
 * type (`exit_code` must be an i32 integer).
 *
 * @example
 * ```ts
 * import { createDispatchResultMessage } from "@aegis/sdk/bootstrap";
 *
 * const message = createDispatchResultMessage({
 *   executionId: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *   dispatchId: "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
 *   result: { exit_code: 0, stdout: "ok\n", stderr: "", duration_ms: 12.4, truncated: false },
 * });
 * console.log(message.duration_ms); // 12
 * ```
 */
export function createDispatchResultMessage(init: DispatchResultInit): DispatchResultMessage {
  if (!isUuid(init.executionId)) throw new InvalidArgumentError("executionId", "must be a UUID");
  if (typeof init.dispatchId !== "string" || init.dispatchId === "") {
    throw new InvalidArgumentError("dispatchId", "must be a non-empty string");
  }
  const result = init.result;
  if (!isNonNullObject(result)) throw new InvalidArgumentError("result", "must be an object");
  const { exit_code, stdout, stderr, duration_ms, truncated } = result;
  if (!Number.isInteger(exit_code) || exit_code < I32_MIN || exit_code > I32_MAX) {
    throw new InvalidArgumentError("result.exit_code", "must be a 32-bit integer");
  }
  if (typeof stdout !== "string") {
    throw new InvalidArgumentError("result.stdout", "must be a string");
  }
  if (typeof stderr !== "string") {
    throw new InvalidArgumentError("result.stderr", "must be a string");
  }
  if (typeof duration_ms !== "number" || !Number.isFinite(duration_ms) || duration_ms < 0) {
    throw new InvalidArgumentError("result.duration_ms", "must be a finite number >= 0");
  }
  if (typeof truncated !== "boolean") {
    throw new InvalidArgumentError("result.truncated", "must be a boolean");
  }
  return {
    type: "dispatch_result",
    execution_id: init.executionId,
    dispatch_id: init.dispatchId,
    exit_code,
    stdout,
    stderr,
    duration_ms: Math.round(duration_ms),
    truncated,
  };
}

/**
 * Parses an HTTP 200 body of `POST /v1/dispatch-gateway`. A body with `type: "dispatch"` is a
 * {@link DispatchMessage} (missing optional fields get the orchestrator's defaults); any other
 * body is a {@link FinalMessage} only if it has a string `content` and an integer
 * `tool_calls_executed` -- the real server sends the final answer without a `type` field.
 *
 * @throws {DispatchProtocolError} naming the first malformed field.
 *
 * @example
 * ```ts
 * import { isDispatchMessage, parseOrchestratorMessage } from "@aegis/sdk/bootstrap";
 *
 * const message = parseOrchestratorMessage(
 *   JSON.parse('{"content":"The answer is 42","tool_calls_executed":1}'),
 * );
 * if (!isDispatchMessage(message)) console.log(message.content);
 * ```
 */
export function parseOrchestratorMessage(value: unknown): DispatchMessage | FinalMessage {
  if (!isRecord(value)) {
    throw new DispatchProtocolError(
      "(body)",
      `expected a JSON object, got ${describeValue(value, { maxLength: 60 })}`,
    );
  }
  if (value.type === "dispatch") return parseDispatch(value);
  return parseFinal(value);
}

function parseDispatch(value: Record<string, unknown>): DispatchMessage {
  const dispatchId = value.dispatch_id;
  if (typeof dispatchId !== "string" || !isUuid(dispatchId)) {
    throw new DispatchProtocolError(
      "dispatch_id",
      `expected a UUID, got ${describeValue(dispatchId, { maxLength: 60 })}`,
    );
  }
  const action = value.action;
  if (typeof action !== "string") {
    throw new DispatchProtocolError(
      "action",
      `expected a string, got ${describeValue(action, { maxLength: 60 })}`,
    );
  }
  // A future action may carry no command; the loop still has to answer it with unknown_action.
  const command = action === "exec" ? value.command : (value.command ?? "");
  if (typeof command !== "string") {
    throw new DispatchProtocolError(
      "command",
      `expected a string, got ${describeValue(command, { maxLength: 60 })}`,
    );
  }
  return {
    type: "dispatch",
    dispatch_id: dispatchId,
    action,
    command,
    args: parseArgs(value.args),
    cwd: optionalString(value, "cwd") ?? DEFAULT_DISPATCH_CWD,
    env_additions: parseEnvAdditions(value.env_additions),
    timeout_secs: optionalInteger(value, "timeout_secs", U32_MAX) ?? DEFAULT_DISPATCH_TIMEOUT_SECS,
    max_output_bytes: optionalInteger(value, "max_output_bytes", Number.MAX_SAFE_INTEGER) ??
      DEFAULT_MAX_OUTPUT_BYTES,
  };
}

function parseArgs(args: unknown): string[] {
  if (args === undefined || args === null) return [];
  if (!Array.isArray(args)) {
    throw new DispatchProtocolError(
      "args",
      `expected an array of strings, got ${describeValue(args, { maxLength: 60 })}`,
    );
  }
  return args.map((arg, index) => {
    if (typeof arg !== "string") {
      throw new DispatchProtocolError(
        `args[${index}]`,
        `expected a string, got ${describeValue(arg, { maxLength: 60 })}`,
      );
    }
    return arg;
  });
}

function parseEnvAdditions(env: unknown): Record<string, string> {
  if (env === undefined || env === null) return {};
  if (!isRecord(env)) {
    throw new DispatchProtocolError(
      "env_additions",
      `expected an object, got ${describeValue(env, { maxLength: 60 })}`,
    );
  }
  const out: Record<string, string> = {};
  for (const [name, val] of Object.entries(env)) {
    if (typeof val !== "string") {
      throw new DispatchProtocolError(
        `env_additions.${name}`,
        `expected a string, got ${describeValue(val, { maxLength: 60 })}`,
      );
    }
    out[name] = val;
  }
  return out;
}

function optionalString(value: Record<string, unknown>, field: string): string | undefined {
  const raw = value[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string") {
    throw new DispatchProtocolError(
      field,
      `expected a string, got ${describeValue(raw, { maxLength: 60 })}`,
    );
  }
  return raw;
}

function optionalInteger(
  value: Record<string, unknown>,
  field: string,
  max: number,
): number | undefined {
  const raw = value[field];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 0 || raw > max) {
    throw new DispatchProtocolError(
      field,
      `expected an integer 0..${max}, got ${describeValue(raw, { maxLength: 60 })}`,
    );
  }
  return raw;
}

function parseFinal(value: Record<string, unknown>): FinalMessage {
  const { content, tool_calls_executed: count } = value;
  if (typeof content !== "string") {
    const serverError = typeof value.error === "string"
      ? ` (the body carries error: ${JSON.stringify(truncateText(value.error, 200))})`
      : "";
    const kind = value.type === undefined
      ? ""
      : ` for a message of type ${describeValue(value.type, { maxLength: 60 })}`;
    throw new DispatchProtocolError(
      "content",
      `expected a string${kind}, got ${describeValue(content, { maxLength: 60 })}${serverError}`,
    );
  }
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > U32_MAX) {
    throw new DispatchProtocolError(
      "tool_calls_executed",
      `expected a non-negative integer, got ${describeValue(count, { maxLength: 60 })}`,
    );
  }
  return { content, tool_calls_executed: count };
}

/**
 * True when `message` asks the bootstrap to run something (as opposed to a final answer).
 *
 * @example
 * ```ts
 * import { isDispatchMessage } from "@aegis/sdk/bootstrap";
 *
 * console.log(isDispatchMessage({ content: "done", tool_calls_executed: 0 })); // false
 * ```
 */
export function isDispatchMessage(message: OrchestratorMessage): message is DispatchMessage {
  return (message as Partial<DispatchMessage>).type === "dispatch";
}

/**
 * Output after {@link limitOutputSize}.
 *
 * @example
 * ```ts
 * import type { LimitedOutput } from "@aegis/sdk/bootstrap";
 * const out: LimitedOutput = { stdout: "", stderr: "", truncated: false };
 * ```
 */
export interface LimitedOutput {
  /** Standard output, possibly trimmed to its tail. */
  stdout: string;
  /** Standard error, possibly trimmed to its tail. */
  stderr: string;
  /** True when anything was trimmed. */
  truncated: boolean;
}

/**
 * Applies the default bootstrap's output bound: when stdout and stderr together exceed
 * `maxBytes` UTF-8 bytes, each keeps only its last `floor(maxBytes / 2)` bytes (cut on a
 * character boundary) and `truncated` is set. Output within the bound is returned unchanged.
 *
 * @example
 * ```ts
 * import { limitOutputSize } from "@aegis/sdk/bootstrap";
 *
 * const out = limitOutputSize("a".repeat(10), "bcd", 8);
 * console.log(out); // { stdout: "aaaa", stderr: "bcd", truncated: true }
 * ```
 */
export function limitOutputSize(stdout: string, stderr: string, maxBytes: number): LimitedOutput {
  const encoder = new TextEncoder();
  const outBytes = encoder.encode(stdout);
  const errBytes = encoder.encode(stderr);
  if (outBytes.length + errBytes.length <= maxBytes) return { stdout, stderr, truncated: false };
  const keep = Math.floor(Math.max(0, maxBytes) / 2);
  return { stdout: utf8Tail(outBytes, keep), stderr: utf8Tail(errBytes, keep), truncated: true };
}

/** Decodes the last `keep` bytes of `bytes`, dropping a partial leading character. */
export function utf8Tail(bytes: Uint8Array, keep: number): string {
  let start = Math.max(0, bytes.length - keep);
  while (start < bytes.length && (bytes[start] & 0xc0) === 0x80) start++;
  return new TextDecoder().decode(bytes.subarray(start));
}

/** Any object, arrays included (their fields are then checked one by one). */
function isNonNullObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026`;
}
