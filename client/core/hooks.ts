/**
 * Request lifecycle hooks (before a request, after a response, before a retry, on the final
 * error, on each stream event) and W3C trace context propagation (`traceparent`/`tracestate`).
 *
 * What every hook receives is redacted: the URL has no query string, fragment or user
 * credentials; `Authorization`, `Cookie`, `X-Api-Key` and the other secret headers appear as
 * `[redacted]`; bodies are never shown. A hook that throws fails the call with an
 * {@link AegisHookError} (the connection is released first), except `onError`, whose failure is
 * logged and leaves the call's own error in place.
 *
 * @module
 */

import { AegisError } from "../../errors.ts";

/** Which hook failed. `traceContext` is the trace context provider. */
export type HookName =
  | "beforeRequest"
  | "afterResponse"
  | "beforeRetry"
  | "onError"
  | "onStreamEvent"
  | "traceContext";

/**
 * The call a hook is about. The same object is passed to every hook of one call (all its
 * attempts), so it can key per-call state, such as a span, in a `WeakMap`.
 */
export interface HookCall {
  /** HTTP method. */
  readonly method: string;
  /** The request URL without user credentials, query string or fragment. */
  readonly url: string;
  /** The full request path (the base URL's path included), without the query string. */
  readonly path: string;
}

/** What a `beforeRequest` hook receives. */
export interface BeforeRequestContext {
  /** The call (the same object for all its hooks). */
  readonly call: HookCall;
  /** 1 for the first attempt, 2 for the first retry (or the retry with a fresh token), ... */
  readonly attempt: number;
  /** The headers about to be sent; secret ones (`authorization`, ...) read `[redacted]`. */
  readonly headers: Headers;
  /**
   * Adds or replaces a header of this attempt. `Authorization`, `Proxy-Authorization` and
   * `Cookie` are the SDK's and are refused, as are values fetch could not send unchanged
   * (an {@link InvalidArgumentError}, which fails the call).
   */
  setHeader(name: string, value: string): void;
}

/** What an `afterResponse` hook receives, for every attempt that got an HTTP answer. */
export interface AfterResponseContext {
  /** The call (the same object for all its hooks). */
  readonly call: HookCall;
  /** Which attempt this answer belongs to (1-based). */
  readonly attempt: number;
  /** HTTP status (errors and retried answers included). */
  readonly status: number;
  /** A copy of the response headers; secret ones (`set-cookie`, ...) read `[redacted]`. */
  readonly headers: Headers;
  /** Milliseconds from sending the attempt to its response headers. */
  readonly durationMs: number;
}

/** What a `beforeRetry` hook receives; return `false` to stop retrying. */
export interface BeforeRetryContext {
  /** The call (the same object for all its hooks). */
  readonly call: HookCall;
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** Which retry this would be (1 for the first). */
  readonly retry: number;
  /** How long the SDK will wait before it, in ms (backoff, or the server's `Retry-After`). */
  readonly delayMs: number;
  /** Why the attempt failed: the typed error the call ends with if it is not retried. */
  readonly error: AegisError;
}

/** What an `onError` hook receives: the error the call is about to fail with. */
export interface ErrorHookContext {
  /** The call (the same object for all its hooks). */
  readonly call: HookCall;
  /** Attempts made (0 when the call failed before sending anything). */
  readonly attempts: number;
  /** The typed error the call fails with. */
  readonly error: AegisError;
}

/** What an `onStreamEvent` hook receives, for each decoded event of a stream. */
export interface StreamEventContext {
  /** The call that opened the stream. */
  readonly call: HookCall;
  /** The decoded event, exactly as the iterator yields it next. */
  readonly event: unknown;
  /** 0 for the stream's first event. */
  readonly index: number;
}

/** Runs before each attempt is sent; may add or replace headers, or throw to stop the call. */
export type BeforeRequestHook = (context: BeforeRequestContext) => void | Promise<void>;
/** Runs when an attempt's response headers arrived; observes only. */
export type AfterResponseHook = (context: AfterResponseContext) => void | Promise<void>;
/** Runs before a retry's wait; returning `false` stops retrying (the call fails with `error`). */
export type BeforeRetryHook = (
  context: BeforeRetryContext,
) => boolean | void | Promise<boolean | void>;
/** Runs once when the call fails, with its final typed error; observes only. */
export type ErrorHook = (context: ErrorHookContext) => void | Promise<void>;
/** Runs for each decoded stream event before the iterator yields it; observes only. */
export type StreamEventHook = (context: StreamEventContext) => void | Promise<void>;

/**
 * Request lifecycle hooks, each a list of functions run in order (client hooks first, then the
 * call's). Hooks run for every call, the OAuth2 token request included.
 *
 * - `beforeRequest`: before each attempt is sent (after the trace context is set); may add or
 *   replace headers with `setHeader` (never `Authorization`), or throw to stop the call.
 * - `afterResponse`: when an attempt's response headers arrived, success or not; status,
 *   redacted headers and timing.
 * - `beforeRetry`: before the wait that precedes a retry; attempt, delay and cause; returning
 *   `false` stops retrying and the call fails with that cause.
 * - `onError`: once, with the typed error the call fails with. Errors of a stream while it is
 *   iterated are the iterator's: they do not reach `onError`.
 * - `onStreamEvent`: each decoded event of a stream, before the iterator yields it.
 *
 * A hook that throws (or rejects) fails the call with an {@link AegisHookError} naming the
 * hook, its `cause` what was thrown; the response body, timer and signal listener are released
 * first, so the client stays usable. A failing `onError` hook is logged (`warn`) instead: the call
 * keeps failing with its own typed error.
 *
 * @example Time every attempt and tag requests with a header
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({
 *   baseUrl: "http://fake",
 *   bearerToken: fake.token,
 *   fetch: fake.fetch,
 *   hooks: {
 *     beforeRequest: [(ctx) => ctx.setHeader("x-request-source", "docs")],
 *     afterResponse: [(ctx) => console.log(ctx.call.method, ctx.call.path, ctx.status, ctx.durationMs)],
 *   },
 * });
 * await client.listAgents();
 * ```
 */
export interface Hooks {
  /** Before each attempt is sent. */
  beforeRequest?: readonly BeforeRequestHook[];
  /** When each attempt's response headers arrived. */
  afterResponse?: readonly AfterResponseHook[];
  /** Before each retry's wait. */
  beforeRetry?: readonly BeforeRetryHook[];
  /** Once, with the final typed error of a failed call. */
  onError?: readonly ErrorHook[];
  /** For each decoded stream event. */
  onStreamEvent?: readonly StreamEventHook[];
}

/**
 * A W3C trace context to propagate: the header values themselves, or an OpenTelemetry
 * `SpanContext` (`trace.getActiveSpan()?.spanContext()`), whose fields make them.
 */
export type TraceContext =
  | { traceparent: string; tracestate?: string }
  | { traceId: string; spanId: string; traceFlags: number; traceState?: { serialize(): string } };

/**
 * Called before each attempt; what it returns is sent as `traceparent` (and `tracestate`),
 * after checking its format (`00-<32 hex>-<16 hex>-<2 hex>`, ids not all zero). Return
 * `undefined` to send none for that attempt.
 */
export type TraceContextProvider = () => TraceContext | undefined;

/**
 * A hook (or the trace context provider) threw or rejected. The call was stopped cleanly; the
 * hook's error is the `cause`.
 *
 * @example
 * ```ts
 * import { AegisClient, AegisHookError } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({
 *   baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch,
 *   hooks: { beforeRequest: [() => { throw new Error("maintenance window"); }] },
 * });
 * await client.listAgents().catch((e) => {
 *   if (e instanceof AegisHookError) console.log(e.hook, e.message); // "beforeRequest" ...
 * });
 * ```
 */
export class AegisHookError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "AegisHookError";
  /** Which hook failed. */
  readonly hook: HookName;

  /** Wraps what a hook threw. */
  constructor(hook: HookName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.hook = hook;
  }
}

/** A client's hooks and trace context provider, checked. Internal. */
export interface ClientHooks {
  hooks: Hooks;
  traceContext: TraceContextProvider | undefined;
}

/**
 * What runs hooks and the trace context provider. A bare `AegisCore` runs them only when given
 * `hookRunner` (so that apps without hooks do not bundle the code that runs them); `AegisClient`
 * always has it.
 */
export interface HookRunner {
  /** What it is, for messages. */
  readonly description: string;
}
