/**
 * Runs a call's hooks and sets its trace context headers: the code behind the `hooks` and
 * `traceContext` options, which an app bundles only through `AegisClient` or `hookRunner`.
 *
 * @module
 */

import { AegisError, InvalidArgumentError } from "../../errors.ts";
import {
  AegisHookError,
  type AfterResponseContext,
  type BeforeRequestContext,
  type BeforeRetryContext,
  type ClientHooks,
  type ErrorHookContext,
  type HookCall,
  type HookName,
  type HookRunner,
  type Hooks,
  type StreamEventContext,
  type TraceContext,
  type TraceContextProvider,
} from "./hooks.ts";
import { redactHeaders } from "./redact.ts";
import { type RequestLabel, where } from "./response.ts";

/**
 * Runs hooks and trace context for an `AegisCore` (or a `SEALClient`) built without `AegisClient`:
 * pass it as the `hookRunner` option next to `hooks` or `traceContext`, or before giving a call
 * its own.
 *
 * @example Hooks on a bare core
 * ```ts
 * import { AegisCore, hookRunner, listAgents } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({
 *   baseUrl: "http://fake",
 *   bearerToken: fake.token,
 *   fetch: fake.fetch,
 *   hookRunner,
 *   hooks: { afterResponse: [(ctx) => console.log(ctx.call.path, ctx.status)] }, // "/v1/agents" 200
 * });
 * await listAgents(core);
 * ```
 */
export const hookRunner: HookRunner = {
  description: "hook runner",
  check: checkClientHooks,
  forCall: hooksForCall,
} as RunnableHookRunner;

/** What a {@link HookRunner} is underneath. Internal: the public type stays opaque. */
export interface RunnableHookRunner extends HookRunner {
  /** Checks a client's `hooks` and `traceContext` options. */
  check: typeof checkClientHooks;
  /** The hooks of one call, or `undefined` when there are none (it checks the call's). */
  forCall: typeof hooksForCall;
}

/** A client's `hooks` and `traceContext` options, checked. */
function checkClientHooks(hooks: unknown, traceContext: unknown): ClientHooks {
  return { hooks: checkHooks(hooks) ?? {}, traceContext: checkTraceContextProvider(traceContext) };
}

/** The hooks, in the order they run. */
const HOOK_NAMES = [
  "beforeRequest",
  "afterResponse",
  "beforeRetry",
  "onError",
  "onStreamEvent",
] as const;

/**
 * Checks a `hooks` option: an object whose keys are hook names and values lists of functions.
 */
function checkHooks(hooks: unknown, name = "hooks"): Hooks | undefined {
  if (hooks === undefined) return undefined;
  if (typeof hooks !== "object" || hooks === null || Array.isArray(hooks)) {
    throw new InvalidArgumentError(name, `must be an object with ${HOOK_NAMES.join(", ")}`);
  }
  for (const [key, list] of Object.entries(hooks)) {
    if (!(HOOK_NAMES as readonly string[]).includes(key)) {
      throw new InvalidArgumentError(
        `${name}.${key}`,
        `is not a hook: the hooks are ${HOOK_NAMES.join(", ")}`,
      );
    }
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((hook) => typeof hook !== "function")) {
      throw new InvalidArgumentError(`${name}.${key}`, "must be an array of functions");
    }
  }
  return hooks as Hooks;
}

/** Checks a `traceContext` option. */
function checkTraceContextProvider(
  provider: unknown,
  name = "traceContext",
): TraceContextProvider | undefined {
  if (provider === undefined) return undefined;
  if (typeof provider !== "function") {
    throw new InvalidArgumentError(
      name,
      "must be a function returning { traceparent, tracestate? } or a span context",
    );
  }
  return provider as TraceContextProvider;
}

/** Headers that carry the SDK's credentials: a hook may not set them. */
const RESERVED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const MAX_TRACESTATE_LENGTH = 512;

/**
 * The hooks of one call, or `undefined` when there are none (the common case costs nothing).
 * Internal: not part of the public API.
 */
export function hooksForCall(
  client: ClientHooks | undefined,
  callHooks: Hooks | undefined,
  callTrace: TraceContextProvider | undefined,
  label: RequestLabel,
  warn: (message: string, data: Record<string, unknown>) => void,
): CallHooks | undefined {
  if (client === undefined && callHooks === undefined && callTrace === undefined) return undefined;
  checkHooks(callHooks);
  checkTraceContextProvider(callTrace);
  const hooks = callHooks === undefined
    ? client?.hooks ?? {}
    : client === undefined
    ? callHooks
    : mergeHooks(client.hooks, callHooks);
  return new CallHooks(hooks, callTrace ?? client?.traceContext, label, warn);
}

function mergeHooks(first: Hooks, second: Hooks): Hooks {
  const merged: Record<string, unknown[]> = {};
  for (const name of HOOK_NAMES) {
    const a = first[name] ?? [];
    const b = second[name] ?? [];
    if (a.length + b.length > 0) merged[name] = [...a, ...b];
  }
  return merged as Hooks;
}

/** Runs one call's hooks. Internal: not part of the public API. */
export class CallHooks {
  /** The call as hooks see it (redacted). */
  readonly call: HookCall;
  /** Attempts started so far. */
  attempts = 0;
  #events = 0;
  readonly #hooks: Hooks;
  readonly #trace: TraceContextProvider | undefined;
  readonly #label: RequestLabel;
  readonly #warn: (message: string, data: Record<string, unknown>) => void;

  constructor(
    hooks: Hooks,
    trace: TraceContextProvider | undefined,
    label: RequestLabel,
    warn: (message: string, data: Record<string, unknown>) => void,
  ) {
    this.#hooks = hooks;
    this.#trace = trace;
    this.#label = label;
    this.#warn = warn;
    this.call = Object.freeze({
      method: label.method,
      url: label.url ?? label.path,
      path: label.path,
    });
  }

  /** Sets the trace context headers and runs `beforeRequest` on the attempt's headers. */
  async beforeRequest(headers: Record<string, string>): Promise<void> {
    this.attempts++;
    if (this.#trace !== undefined) this.#applyTraceContext(headers);
    const hooks = this.#hooks.beforeRequest;
    if (hooks === undefined || hooks.length === 0) return;
    const view = new Headers(redactHeaders({ headers }).headers as Record<string, string>);
    const context: BeforeRequestContext = {
      call: this.call,
      attempt: this.attempts,
      headers: view,
      setHeader(name: string, value: string) {
        const lower = checkHookHeader(name, value);
        headers[lower] = value;
        view.set(lower, value);
      },
    };
    for (const hook of hooks) await this.#invoke("beforeRequest", () => hook(context));
  }

  /** Runs `afterResponse`; on a hook failure, releases the body before failing the call. */
  async afterResponse(response: Response, started: number): Promise<void> {
    const hooks = this.#hooks.afterResponse;
    if (hooks === undefined || hooks.length === 0) return;
    const context: AfterResponseContext = {
      call: this.call,
      attempt: this.attempts,
      status: response.status,
      headers: new Headers(
        redactHeaders({ headers: response.headers }).headers as Record<string, string>,
      ),
      durationMs: Date.now() - started,
    };
    try {
      for (const hook of hooks) await this.#invoke("afterResponse", () => hook(context));
    } catch (error) {
      await response.body?.cancel().catch(() => {});
      throw error;
    }
  }

  /** Runs `beforeRetry`; false when a hook said not to retry. */
  async beforeRetry(retry: number, delayMs: number, error: AegisError): Promise<boolean> {
    const hooks = this.#hooks.beforeRetry;
    if (hooks === undefined || hooks.length === 0) return true;
    const context: BeforeRetryContext = {
      call: this.call,
      attempt: this.attempts,
      retry,
      delayMs,
      error,
    };
    let proceed = true;
    for (const hook of hooks) {
      if (await this.#invoke("beforeRetry", () => hook(context)) === false) proceed = false;
    }
    return proceed;
  }

  /** Runs `onError`; never throws (a failing hook is logged). */
  async failed(error: unknown): Promise<void> {
    const hooks = this.#hooks.onError;
    if (hooks === undefined || hooks.length === 0) return;
    const typed = error instanceof AegisError
      ? error
      : new AegisError(String(error), { cause: error });
    const context: ErrorHookContext = { call: this.call, attempts: this.attempts, error: typed };
    for (const hook of hooks) {
      try {
        await hook(context);
      } catch (failure) {
        this.#warn("onError hook failed; the call fails with its own error", {
          ...this.#label,
          hookError: failure instanceof Error ? failure.message : String(failure),
        });
      }
    }
  }

  /** The `onStreamEvent` runner for a stream, or `undefined` when there is none. */
  streamObserver(): ((event: unknown) => Promise<void>) | undefined {
    const hooks = this.#hooks.onStreamEvent;
    if (hooks === undefined || hooks.length === 0) return undefined;
    return async (event) => {
      const context: StreamEventContext = { call: this.call, event, index: this.#events++ };
      for (const hook of hooks) await this.#invoke("onStreamEvent", () => hook(context));
    };
  }

  async #invoke<R>(hook: HookName, run: () => R | Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AegisHookError(hook, `${hook} hook failed: ${reason} [${where(this.#label)}]`, {
        cause: error,
      });
    }
  }

  #applyTraceContext(headers: Record<string, string>): void {
    let given: TraceContext | undefined;
    try {
      given = this.#trace!();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AegisHookError(
        "traceContext",
        `traceContext failed: ${reason} [${where(this.#label)}]`,
        { cause: error },
      );
    }
    if (given === undefined || given === null) return;
    const { traceparent, tracestate } = traceHeaders(given);
    headers.traceparent = traceparent;
    if (tracestate !== undefined && tracestate !== "") headers.tracestate = tracestate;
    else delete headers.tracestate;
  }
}

/** The header values of a trace context, checked. */
function traceHeaders(given: TraceContext): { traceparent: string; tracestate?: string } {
  if (typeof given !== "object") {
    throw new InvalidArgumentError(
      "traceContext",
      "must return { traceparent, tracestate? }, a span context, or undefined",
    );
  }
  let traceparent: unknown;
  let tracestate: unknown;
  if ("traceparent" in given) {
    traceparent = given.traceparent;
    tracestate = given.tracestate;
  } else {
    const { traceId, spanId, traceFlags } = given;
    const flags = Number.isInteger(traceFlags) && traceFlags >= 0 && traceFlags <= 255
      ? traceFlags.toString(16).padStart(2, "0")
      : "invalid";
    traceparent = `00-${traceId}-${spanId}-${flags}`;
    tracestate = given.traceState?.serialize();
  }
  const match = typeof traceparent === "string" ? TRACEPARENT.exec(traceparent) : null;
  if (match === null || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) {
    throw new InvalidArgumentError(
      "traceContext",
      "traceparent must be 00-<32 lower-case hex trace id>-<16 lower-case hex span id>-" +
        "<2 hex flags> with ids not all zero (W3C Trace Context)",
    );
  }
  if (tracestate !== undefined) {
    if (
      typeof tracestate !== "string" || tracestate.length > MAX_TRACESTATE_LENGTH ||
      !/^[\x20-\x7e]*$/.test(tracestate) || /^\s|\s$/.test(tracestate)
    ) {
      throw new InvalidArgumentError(
        "traceContext",
        `tracestate must be printable ASCII of at most ${MAX_TRACESTATE_LENGTH} characters ` +
          "without leading or trailing spaces (W3C Trace Context)",
      );
    }
  }
  return { traceparent: traceparent as string, tracestate: tracestate as string | undefined };
}

/** A header a hook sets: a valid name and value, and not one of the SDK's credentials. */
function checkHookHeader(name: string, value: string): string {
  if (typeof name !== "string" || typeof value !== "string") {
    throw new InvalidArgumentError("setHeader", "takes a header name and a string value");
  }
  const lower = name.toLowerCase();
  if (RESERVED_HEADERS.has(lower)) {
    throw new InvalidArgumentError(
      `header ${name}`,
      "carries the SDK's credentials and cannot be set by a hook",
    );
  }
  try {
    new Headers([[name, value]]);
  } catch (error) {
    throw new InvalidArgumentError(
      `header ${name}`,
      `not a valid HTTP header: ${(error as Error).message}`,
    );
  }
  if (/^[ \t]|[ \t]$/.test(value) || /[\u0100-\uffff]/.test(value)) {
    throw new InvalidArgumentError(
      `header ${name}`,
      "must be Latin-1 without leading or trailing whitespace",
    );
  }
  return lower;
}
