/**
 * A fake `POST /v1/dispatch-gateway` for the fake orchestrator: a scripted inner loop that
 * validates requests the way the real handler does (content type, JSON, field types, UUID
 * `agent_id`, pending `execution_id`, matching `dispatch_id`) and answers with dispatches and a
 * final message shaped exactly like the real ones (the final has no `type` field).
 *
 * @module
 */

import { Hono } from "hono";
import type { Context } from "hono";
import type { FakeApp } from "../app.ts";

/**
 * Tags of the orchestrator's LLM failures (`{error: "<tag>: <message>"}`), which decide the
 * HTTP status.
 *
 * @example
 * ```ts
 * import type { LlmErrorTag } from "@aegis/sdk/testing";
 * const tag: LlmErrorTag = "upstream_rate_limit"; // answered with 429
 * ```
 */
export type LlmErrorTag =
  | "upstream_authentication"
  | "upstream_rate_limit"
  | "upstream_model_not_found"
  | "upstream_invalid_input"
  | "upstream_unavailable"
  | "upstream_network"
  | "upstream_provider";

const LLM_ERROR_STATUS: Record<LlmErrorTag, number> = {
  upstream_authentication: 502,
  upstream_rate_limit: 429,
  upstream_model_not_found: 502,
  upstream_invalid_input: 502,
  upstream_unavailable: 503,
  upstream_network: 502,
  upstream_provider: 502,
};

/**
 * One scripted answer of the fake gateway.
 *
 * - `dispatch`: ask the agent to run a command (defaults: `cwd` from the routes' options,
 *   `timeout_secs` 60, `max_output_bytes` 524288, `action` `"exec"`).
 * - `final`: end the loop; `content` defaults to a summary of the results received.
 * - `llm_error`: fail like a model call does (`{error: "<tag>: <message>"}` with the tag's
 *   status); ends the loop.
 * - `json` / `raw`: answer anything (wrong shapes, non-JSON) to test client robustness; the
 *   loop stays open so a later result is still accepted.
 *
 * @example
 * ```ts
 * import type { DispatchStep } from "@aegis/sdk/testing";
 *
 * const steps: DispatchStep[] = [
 *   { kind: "dispatch", command: "echo", args: ["hi"] },
 *   { kind: "final", content: "said hi" },
 * ];
 * ```
 */
export type DispatchStep =
  | {
    kind: "dispatch";
    command: string;
    args?: string[];
    cwd?: string;
    env_additions?: Record<string, string>;
    timeout_secs?: number;
    max_output_bytes?: number;
    action?: string;
  }
  | { kind: "final"; content?: string }
  | { kind: "llm_error"; tag: LlmErrorTag; message?: string }
  | { kind: "json"; status?: number; body: unknown }
  | { kind: "raw"; status?: number; body: string; contentType?: string };

/**
 * A `dispatch_result` as the fake gateway received it.
 *
 * @example
 * ```ts
 * import type { ReceivedDispatchResult } from "@aegis/sdk/testing";
 *
 * function failed(result: ReceivedDispatchResult): boolean {
 *   return result.exit_code !== 0;
 * }
 * ```
 */
export interface ReceivedDispatchResult {
  /** The dispatch being answered. */
  dispatch_id: string;
  /** The command line that was dispatched (`command` and `args` joined by spaces). */
  command_line: string;
  /** Exit code reported. */
  exit_code: number;
  /** Standard output reported. */
  stdout: string;
  /** Standard error reported. */
  stderr: string;
  /** Duration reported. */
  duration_ms: number;
  /** Truncation flag reported. */
  truncated: boolean;
}

/**
 * What a script function sees when choosing the next step.
 *
 * @example
 * ```ts
 * import type { DispatchScriptContext, DispatchStep } from "@aegis/sdk/testing";
 *
 * const script = (ctx: DispatchScriptContext): DispatchStep =>
 *   ctx.step === 0 ? { kind: "dispatch", command: "ls" } : { kind: "final" };
 * ```
 */
export interface DispatchScriptContext {
  /** Execution the loop belongs to. */
  executionId: string;
  /** Agent id from `generate`. */
  agentId: string;
  /** Iteration number from `generate`. */
  iterationNumber: number;
  /** Model alias from `generate`. */
  modelAlias: string;
  /** Prompt from `generate`. */
  prompt: string;
  /** Conversation sent with `generate`. */
  messages: unknown[];
  /** Results received so far in this loop, oldest first. */
  results: ReceivedDispatchResult[];
  /** 0-based index of the answer being chosen (0 answers `generate`). */
  step: number;
}

/**
 * Options of {@link createDispatchRoutes}.
 *
 * @example
 * ```ts
 * import { createDispatchRoutes } from "./dispatch.ts";
 *
 * const app = createDispatchRoutes({
 *   cwd: "/tmp",
 *   script: [{ kind: "dispatch", command: "pwd" }, { kind: "final" }],
 * });
 * ```
 */
export interface DispatchRoutesOptions {
  /**
   * The answers, in order, or a function choosing each answer. When an array runs out the
   * loop ends with a summarising final. Default: `ls -a`, an `echo`, a test-like command, then
   * the final summary.
   */
  script?: readonly DispatchStep[] | ((context: DispatchScriptContext) => DispatchStep);
  /** `cwd` of dispatch steps that name none (default `/workspace`, as the real server). */
  cwd?: string;
  /** Called with every parsed request body, before validation, to let tests inspect traffic. */
  onMessage?: (message: unknown) => void;
}

/**
 * The default script: a small but realistic tool loop.
 *
 * @example
 * ```ts
 * import { DEFAULT_DISPATCH_SCRIPT } from "./dispatch.ts";
 * console.log(DEFAULT_DISPATCH_SCRIPT.length); // 3
 * ```
 */
export const DEFAULT_DISPATCH_SCRIPT: readonly DispatchStep[] = [
  { kind: "dispatch", command: "ls", args: ["-a"] },
  { kind: "dispatch", command: "echo", args: ["'writing prime.py'"] },
  {
    kind: "dispatch",
    command: "test",
    args: ["-d", ".", "&&", "echo", "'3 passed, 0 failed'"],
    timeout_secs: 30,
  },
];

interface LoopState {
  context: DispatchScriptContext;
  pending: { dispatchId: string; commandLine: string } | undefined;
}

const BODY_LIMIT = 2 * 1024 * 1024;
const DESERIALIZE = "Failed to deserialize the JSON body into the target type: ";

/**
 * Creates a Hono app serving `POST /v1/dispatch-gateway` with an in-memory inner loop keyed by
 * `execution_id`. Mount it into a larger fake with `app.route("/", createDispatchRoutes())`.
 *
 * @example Drive one loop by hand
 * ```ts
 * import { createDispatchRoutes } from "./dispatch.ts";
 *
 * const app = createDispatchRoutes({ script: [{ kind: "final", content: "nothing to do" }] });
 * const response = await app.request("/v1/dispatch-gateway", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: JSON.stringify({
 *     type: "generate",
 *     agent_id: "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5",
 *     execution_id: "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
 *     iteration_number: 1,
 *     prompt: "hello",
 *   }),
 * });
 * console.log(await response.json()); // { content: "nothing to do", tool_calls_executed: 0 }
 * ```
 */
export function createDispatchRoutes(options: DispatchRoutesOptions = {}): FakeApp {
  return dispatchApp(options);
}

/** Builds the Hono app behind {@link createDispatchRoutes} (mounted by the fake orchestrator). */
export function dispatchApp(options: DispatchRoutesOptions = {}): Hono {
  const app = new Hono();
  const loops = new Map<string, LoopState>();
  const script = options.script ?? DEFAULT_DISPATCH_SCRIPT;
  const defaultCwd = options.cwd ?? "/workspace";

  const nextStep = (context: DispatchScriptContext): DispatchStep => {
    if (typeof script === "function") return script(context);
    return script[context.step] ?? { kind: "final" };
  };

  const answer = (c: Context, state: LoopState): Response => {
    const context = state.context;
    const step = nextStep(context);
    context.step++;
    switch (step.kind) {
      case "dispatch": {
        const dispatchId = crypto.randomUUID();
        const args = step.args ?? [];
        state.pending = { dispatchId, commandLine: [step.command, ...args].join(" ") };
        return c.json({
          type: "dispatch",
          dispatch_id: dispatchId,
          action: step.action ?? "exec",
          command: step.command,
          args,
          cwd: step.cwd ?? defaultCwd,
          env_additions: step.env_additions ?? {},
          timeout_secs: step.timeout_secs ?? 60,
          max_output_bytes: step.max_output_bytes ?? 524288,
        });
      }
      case "final":
        loops.delete(context.executionId);
        return c.json({
          content: step.content ?? summarise(context.results),
          tool_calls_executed: context.results.length,
        });
      case "llm_error":
        loops.delete(context.executionId);
        return c.json(
          { error: `${step.tag}: ${step.message ?? "the model provider failed"}` },
          LLM_ERROR_STATUS[step.tag] as 429,
        );
      case "json":
        return c.json(step.body, (step.status ?? 200) as 200);
      case "raw":
        return c.body(step.body, (step.status ?? 200) as 200, {
          "content-type": step.contentType ?? "text/plain; charset=utf-8",
        });
    }
  };

  app.post("/v1/dispatch-gateway", async (c) => {
    if (!isJsonContentType(c.req.header("content-type"))) {
      return plain(c, 415, "Expected request with `Content-Type: application/json`");
    }
    const text = await c.req.text();
    if (new TextEncoder().encode(text).length > BODY_LIMIT) {
      return plain(c, 413, "Failed to buffer the request body: length limit exceeded");
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return plain(c, 400, `Failed to parse the request body as JSON: ${(error as Error).message}`);
    }
    options.onMessage?.(body);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return plain(
        c,
        422,
        `${DESERIALIZE}invalid type: expected internally tagged enum AgentMessage`,
      );
    }
    const message = body as Record<string, unknown>;
    if (message.type === undefined) return plain(c, 422, `${DESERIALIZE}missing field \`type\``);
    if (message.type === "generate") {
      const problem = checkFields(message, GENERATE_FIELDS);
      if (problem !== undefined) return plain(c, 422, DESERIALIZE + problem);
      const agentId = message.agent_id as string;
      if (!parsesAsUuid(agentId)) {
        return c.json({ error: `invalid agent_id ${JSON.stringify(agentId)}: not a UUID` }, 500);
      }
      const executionId = message.execution_id as string;
      const state: LoopState = {
        context: {
          executionId,
          agentId,
          iterationNumber: message.iteration_number as number,
          modelAlias: (message.model_alias as string | undefined) ?? "default",
          prompt: message.prompt as string,
          messages: (message.messages as unknown[] | undefined) ?? [],
          results: [],
          step: 0,
        },
        pending: undefined,
      };
      loops.set(executionId, state);
      return answer(c, state);
    }
    if (message.type === "dispatch_result") {
      const problem = checkFields(message, RESULT_FIELDS);
      if (problem !== undefined) return plain(c, 422, DESERIALIZE + problem);
      const executionId = message.execution_id as string;
      const state = loops.get(executionId);
      if (state === undefined || state.pending === undefined) {
        return c.json({ error: `Unknown or expired execution_id: ${executionId}` }, 500);
      }
      const dispatchId = message.dispatch_id as string;
      if (dispatchId.toLowerCase() !== state.pending.dispatchId) {
        return c.json({
          error: `Mismatched dispatch_id: expected ${state.pending.dispatchId}, got ${dispatchId}`,
        }, 500);
      }
      state.context.results.push({
        dispatch_id: state.pending.dispatchId,
        command_line: state.pending.commandLine,
        exit_code: message.exit_code as number,
        stdout: (message.stdout as string | undefined) ?? "",
        stderr: (message.stderr as string | undefined) ?? "",
        duration_ms: message.duration_ms as number,
        truncated: message.truncated as boolean,
      });
      state.pending = undefined;
      return answer(c, state);
    }
    return plain(
      c,
      422,
      `${DESERIALIZE}unknown variant \`${String(message.type)}\`, expected \`generate\` or ` +
        "`dispatch_result`",
    );
  });

  return app;
}

type FieldKind = "string" | "uuid" | "u8" | "i32" | "u64" | "bool" | "array";
type FieldSpec = Record<string, { kind: FieldKind; required: boolean }>;

const GENERATE_FIELDS: FieldSpec = {
  agent_id: { kind: "string", required: true },
  execution_id: { kind: "string", required: true },
  iteration_number: { kind: "u8", required: true },
  prompt: { kind: "string", required: true },
  messages: { kind: "array", required: false },
  model_alias: { kind: "string", required: false },
};

const RESULT_FIELDS: FieldSpec = {
  execution_id: { kind: "string", required: true },
  dispatch_id: { kind: "uuid", required: true },
  exit_code: { kind: "i32", required: true },
  stdout: { kind: "string", required: false },
  stderr: { kind: "string", required: false },
  duration_ms: { kind: "u64", required: true },
  truncated: { kind: "bool", required: true },
};

function checkFields(message: Record<string, unknown>, spec: FieldSpec): string | undefined {
  for (const [name, { kind, required }] of Object.entries(spec)) {
    const value = message[name];
    if (value === undefined) {
      if (required) return `missing field \`${name}\``;
      continue;
    }
    if (!hasKind(value, kind)) return `invalid value for field \`${name}\`: expected ${kind}`;
  }
  return undefined;
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "uuid":
      return typeof value === "string" && parsesAsUuid(value);
    case "u8":
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
    case "i32":
      return Number.isInteger(value) && (value as number) >= -2147483648 &&
        (value as number) <= 2147483647;
    case "u64":
      return Number.isInteger(value) && (value as number) >= 0;
    case "bool":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
  }
}

/** Accepts the forms Rust's `Uuid::parse_str` accepts: hyphenated, simple, braced, URN. */
function parsesAsUuid(value: string): boolean {
  const hex = "[0-9a-fA-F]";
  const hyphenated = `${hex}{8}-${hex}{4}-${hex}{4}-${hex}{4}-${hex}{12}`;
  return new RegExp(`^(?:${hyphenated}|${hex}{32}|\\{${hyphenated}\\}|urn:uuid:${hyphenated})$`)
    .test(value);
}

function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const essence = header.split(";")[0].trim().toLowerCase();
  const [type, subtype] = essence.split("/");
  return type === "application" && subtype !== undefined &&
    (subtype === "json" || subtype.endsWith("+json"));
}

function plain(c: Context, status: number, text: string): Response {
  return c.body(text, status as 400, { "content-type": "text/plain; charset=utf-8" });
}

function summarise(results: readonly ReceivedDispatchResult[]): string {
  if (results.length === 0) return "Done without running any command.";
  const lines = results.map((result) => {
    const lastLine = (result.stdout.trim().split("\n").pop() ?? "").slice(0, 80);
    const note = result.truncated ? " (output truncated)" : "";
    return `- \`${result.command_line}\` exited ${result.exit_code}${note}` +
      (lastLine === "" ? "" : `: ${lastLine}`);
  });
  const failed = results.filter((result) => result.exit_code !== 0).length;
  const verdict = failed === 0 ? "All commands succeeded." : `${failed} command(s) failed.`;
  return `Ran ${results.length} command(s):\n${lines.join("\n")}\n${verdict}`;
}
