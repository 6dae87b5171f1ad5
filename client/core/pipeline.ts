/**
 * The request loop every SDK call goes through: URL and headers, per-attempt timeouts,
 * cancellation, the 401 refresh-and-retry, and the loop that asks the retry policy
 * (`retry.ts`) whether to try again. Auth, option checks, error mapping, body reading, SSE and
 * streams each live in their own module beside this one.
 *
 * @module
 */

import {
  AegisAbortError,
  AegisConnectionError,
  AegisError,
  AegisTimeoutError,
  InvalidArgumentError,
} from "../../errors.ts";
import { recordResponse, RESPONSE_RECORD, type ResponseRecord } from "./api_promise.ts";
import { type AuthStrategy, createAuth, type TokenFailure, waitForToken } from "./auth.ts";
import { type AegisApiError, apiErrorFromResponse, embeddedError } from "./errors.ts";
import type { ClientHooks } from "./hooks.ts";
import type { CallHooks, RunnableHookRunner } from "./hook_runner.ts";
import { RequestLog } from "./log.ts";
import { fetchFailure } from "./fetch_failure.ts";
import {
  checkHeaderText,
  checkHeaderValue,
  checkRequestOptions,
  type ClientOptions,
  headerRecord,
  noHookRunner,
  nonNegativeInteger,
  positive,
  type RequestOptions,
  resolveClientOptions,
} from "./options.ts";
import { followRedirects, isRedirect } from "./redirect.ts";
import { redactUrl, safeUrl, sanitizeCause } from "./redact.ts";
import {
  abortableRead,
  bodyReadError,
  parseJson,
  type ReadAbort,
  readText,
  type RequestLabel,
  where,
} from "./response.ts";
import { backoffDelay, isIdempotent, judgeStatus, sleep } from "./retry.ts";
import { startDeadline } from "./deadline.ts";
import { deliverAtMostOnce } from "./transport.ts";
import { defineInspect } from "../../internal/inspect.ts";

/** HTTP methods the orchestrator uses. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A query-string value; `undefined` and `null` are left out. */
export type QueryValue = string | number | boolean | undefined | null;

/** Declarative description of one API call, written by resource modules. */
export interface RequestSpec {
  /** HTTP method. */
  method: HttpMethod;
  /** Encoded path (build it with the `path` template tag). */
  path: string;
  /** Query parameters. */
  query?: Record<string, QueryValue>;
  /** JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** Raw body (text, bytes, Blob, form data, stream). */
  body?: BodyInit;
  /** Content type of a raw body. */
  contentType?: string;
  /** Extra headers for this endpoint. */
  headers?: Record<string, string>;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** Safe to repeat after a failure that may have reached the server (default: by method). */
  idempotent?: boolean;
  /**
   * For a request that is not idempotent: the error statuses at which this route has not acted,
   * so repeating it is safe (default 429 and 503). `[]` when the route answers them after
   * acting (the dispatch gateway answers 429/503 after its LLM call failed).
   */
  unprocessedStatuses?: readonly number[];
  /** The endpoint reports failures as HTTP 200 bodies with an `error` field. */
  embeddedErrors?: boolean;
  /** Absolute URL instead of `baseUrl + path` (the token endpoint). */
  url?: string;
  /**
   * Follow redirects to the same origin (default true). Redirects to another origin or a
   * weaker scheme are never followed; `false` (the token request) follows none.
   */
  followRedirects?: boolean;
}

/**
 * Largest error body read for its message (1 MiB); the status matters more than the rest. Sizes
 * are written out: a bundler can keep a product at module level where nothing uses it.
 */
const MAX_ERROR_BODY_BYTES = 1_048_576;

/** What the caller of the loop does with a successful response. */
export type Consume<R> = (
  response: Response,
  stop: () => void,
  controller: AbortController,
  hooks: CallHooks | undefined,
  /** Ends a body read when the attempt is aborted (timeout or the caller's signal). */
  reading: ReadAbort,
) => Promise<R>;

/** One attempt's outcome before retry decisions. */
type Attempt =
  | {
    kind: "response";
    response: Response;
    controller: AbortController;
    reading: ReadAbort;
    stop: () => void;
    unlink: () => void;
    /** True once this attempt's timer fired (so a failed body read is a timeout). */
    timedOut: () => boolean;
    timeoutMs: number;
  }
  | { kind: "error"; error: AegisError; retryable: boolean; retryAfterMs?: number };

/** A core's pipeline, as `runCall` reaches it. */
type Pipeline = <R>(
  spec: RequestSpec,
  options: RequestOptions,
  consume: Consume<R>,
  keepConnection: boolean,
  label: RequestLabel | undefined,
) => Promise<R>;

/**
 * Each core's pipeline, set by its constructor. Not a static block that exports a private method:
 * bundlers count a static block as a side effect and would keep the class, and the whole
 * pipeline, in apps that never make a call.
 */
const pipelines = /* @__PURE__ */ new WeakMap<AegisCore, Pipeline>();

/**
 * Runs a call through `core`'s pipeline (auth, timeouts, retries, error mapping, hooks) and hands
 * the successful response to `consume`. For call kinds that live outside the class (event
 * streams), so that apps which never use them do not bundle them. Internal: not exported by any
 * entry point.
 */
export function runCall<R>(
  core: AegisCore,
  spec: RequestSpec,
  options: RequestOptions,
  consume: Consume<R>,
  keepConnection: boolean,
  label?: RequestLabel,
): Promise<R> {
  const record = recordOf(core);
  const pipeline = pipelines.get(record?.core ?? core);
  if (pipeline === undefined) {
    return Promise.reject(
      new InvalidArgumentError("core", "must be an AegisCore (or an AegisClient)"),
    );
  }
  return pipeline(
    spec,
    options,
    (response, stop, controller, hooks, reading) => {
      if (record !== undefined) recordResponse(record, response, undefined);
      return consume(response, stop, controller, hooks, reading);
    },
    keepConnection,
    label,
  );
}

/**
 * The transport shared by every resource: holds the configuration and credentials and runs the
 * request pipeline. `AegisClient` extends it; resource functions (`getExecution(core, id)`) take
 * it as their first argument, so an app that imports only a few functions bundles only those.
 * For the same reason a bare core has neither an OAuth2 client nor a hook runner built in: pass
 * `auth: clientCredentials({...})` and `hookRunner` (both from `@aegis/sdk/client`) to use them.
 *
 * @example Call a resource function on a bare core
 * ```ts
 * import { AegisCore, getExecution } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getExecution(core, "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11").catch((e) => console.log(e.status)); // 404
 * ```
 */
export class AegisCore {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "AegisCore";
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #auth: AuthStrategy | undefined;
  readonly #timeout: number;
  readonly #maxRetries: number;
  readonly #maxRetryAfter: number;
  readonly #maxResponseBytes: number;
  /** Validated client-wide headers, lower-case names. */
  readonly #headers: Record<string, string>;
  readonly #tenantId: string | undefined;
  readonly #log: RequestLog;
  readonly #hooks: ClientHooks | undefined;
  readonly #hookRunner: RunnableHookRunner | undefined;

  /**
   * Creates a client from options, or positionally from a base URL and a bearer
   * token. Whatever is left out comes from `AEGIS_*` environment variables where the runtime has
   * them (see {@link ClientOptions}); `new AegisCore()` reads everything from there. OAuth2
   * client credentials are `auth: clientCredentials({...})` here (the core has no OAuth2 client
   * built in, so that apps without one do not bundle it); `AegisClient` also takes them as
   * options and from the environment.
   */
  constructor(options?: ClientOptions | string, bearerToken?: string) {
    const config = resolveClientOptions(options, bearerToken);
    this.baseUrl = config.baseUrl;
    this.#fetch = config.fetch;
    this.#timeout = config.timeout;
    this.#maxRetries = config.maxRetries;
    this.#maxRetryAfter = config.maxRetryAfter;
    this.#maxResponseBytes = config.maxResponseBytes;
    this.#headers = config.headers;
    this.#tenantId = config.tenantId;
    this.#log = new RequestLog(config.logger, config.logLevel);
    this.#hooks = config.hooks;
    this.#hookRunner = config.hookRunner;
    this.#auth = createAuth(
      config.auth,
      (spec, options) => this.request(spec, options),
      (expiresIn) => this.#log.write("info", "obtained an OAuth2 token", { expiresIn }),
    );
    pipelines.set(
      this,
      (spec, options, consume, keepConnection, label) =>
        this.#run(spec, options, consume, keepConnection, label),
    );
    // `inspect` shows the configuration, never credentials.
    defineInspect(
      AegisCore.prototype,
      (core) => `${core.constructor.name} { baseUrl: ${JSON.stringify(core.baseUrl)} }`,
    );
  }

  /**
   * Sends a request and returns its parsed JSON body (`undefined` for an empty body).
   *
   * @example
   * ```ts
   * import { AegisCore } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const health = await core.request<{ status: string }>({ method: "GET", path: "/health/live" });
   * console.log(health.status); // "healthy"
   * ```
   */
  request<T>(spec: RequestSpec, options: RequestOptions = {}): Promise<T> {
    const record = recordOf(this);
    return (record?.core ?? this).#request(spec, options, record);
  }

  // Not an async function, nor is the body reader below: each async layer is one more promise
  // and tick per call on the path every JSON call takes.
  #request<T>(
    spec: RequestSpec,
    options: RequestOptions,
    record: ResponseRecord | undefined,
  ): Promise<T> {
    let label: RequestLabel;
    try {
      label = labelOf(spec, this.baseUrl);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#run(
      spec,
      options,
      (response, stop, _controller, _hooks, reading) =>
        readText(response, this.#maxResponseBytes, label, reading).then((text) => {
          stop();
          const body = parseJson(text, label, response.headers);
          if (spec.embeddedErrors) {
            const error = embeddedError(body, response, label);
            if (error) throw error;
          }
          if (record !== undefined) recordResponse(record, response, text);
          return body as T;
        }, (error) => {
          stop();
          throw error;
        }),
      false,
      label,
    );
  }

  /**
   * Sends a request and returns the successful `Response` with its body unread (downloads).
   * The timeout covers the wait for the headers; the call's `signal` still aborts the body.
   *
   * @example
   * ```ts
   * import { AegisCore } from "@aegis/sdk/client";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator();
   * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
   * const response = await core.requestResponse({ method: "GET", path: "/health" });
   * console.log(response.headers.get("content-type"));
   * ```
   */
  requestResponse(spec: RequestSpec, options: RequestOptions = {}): Promise<Response> {
    const record = recordOf(this);
    return (record?.core ?? this).#requestResponse(spec, options, record);
  }

  async #requestResponse(
    spec: RequestSpec,
    options: RequestOptions,
    record: ResponseRecord | undefined,
  ): Promise<Response> {
    return await this.#run(spec, options, (response, stop) => {
      stop();
      if (record !== undefined) recordResponse(record, response, undefined);
      return Promise.resolve(response);
    }, true);
  }

  /**
   * Runs the call's attempts (`#loop`), with its hooks when it has any. `label` is computed
   * once per call, by the caller when it needs one too.
   */
  #run<R>(
    spec: RequestSpec,
    options: RequestOptions,
    consume: Consume<R>,
    keepConnection = false,
    label: RequestLabel = labelOf(spec, this.baseUrl),
  ): Promise<R> {
    if (
      this.#hooks === undefined && options.hooks === undefined &&
      options.traceContext === undefined
    ) {
      return this.#loop(spec, options, consume, keepConnection, undefined, label);
    }
    let hooks: CallHooks | undefined;
    try {
      const runner = this.#hookRunner;
      if (runner === undefined) {
        throw noHookRunner(options.hooks !== undefined ? "hooks" : "traceContext");
      }
      hooks = runner.forCall(
        this.#hooks,
        options.hooks,
        options.traceContext,
        label,
        (message, data) => this.#log.write("warn", message, data),
      );
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#loop(spec, options, consume, keepConnection, hooks, label).catch(
      async (error) => {
        await hooks?.failed(error);
        throw error;
      },
    );
  }

  /** Runs attempts until one succeeds and `consume` accepts it, or retries are exhausted. */
  async #loop<R>(
    spec: RequestSpec,
    options: RequestOptions,
    consume: Consume<R>,
    keepConnection: boolean,
    hooks: CallHooks | undefined,
    label: RequestLabel,
  ): Promise<R> {
    checkRequestOptions(options, spec.query);
    const replayable = !(spec.body instanceof ReadableStream);
    const maxRetries = replayable
      ? nonNegativeInteger(options.maxRetries, this.#maxRetries, "maxRetries")
      : 0;
    const idempotent = isIdempotent(spec.method, spec.idempotent);
    let retries = 0;
    let refreshedAuth = false;
    for (;;) {
      throwIfAborted(options.signal, label);
      const pending = this.#token(spec, options, label);
      const token = pending instanceof Promise ? await pending : pending;
      if (typeof token === "object") {
        if (!token.retryable || retries >= maxRetries) throw token.error;
        retries++;
        await this.#backoff(retries, token.retryAfterMs, options.signal, label, token.error, hooks);
        continue;
      }
      const attempt = await this.#attempt(spec, options, label, token, idempotent, hooks);
      if (attempt.kind === "response") {
        const { response, controller, stop, unlink, reading } = attempt;
        if (token !== undefined && response.status !== 401) this.#auth?.accepted(token);
        if (
          response.status === 401 && token !== undefined && !refreshedAuth &&
          replayable && this.#auth?.invalidate(token)
        ) {
          refreshedAuth = true;
          stop();
          unlink();
          await response.body?.cancel().catch(() => {});
          this.#log.write("info", "401 received; retrying once with a fresh token", { ...label });
          continue;
        }
        if (response.ok) {
          try {
            const result = await consume(response, stop, controller, hooks, reading);
            // Streams and downloads stay linked to the caller's signal until they end. Others
            // read their body to the end, so there is nothing to abort (and aborting costs a
            // DOMException per call on Node).
            if (!keepConnection) unlink();
            return result;
          } catch (error) {
            controller.abort();
            unlink();
            const mapped = this.#mapFailure(error, attempt, options, label);
            if (
              mapped instanceof AegisConnectionError && idempotent && retries < maxRetries
            ) {
              retries++;
              await this.#backoff(retries, undefined, options.signal, label, mapped, hooks);
              continue;
            }
            throw mapped;
          }
        }
        const failure = await this.#failure(response, stop, label, idempotent, spec);
        controller.abort();
        unlink();
        if (!failure.retryable || retries >= maxRetries) throw failure.error;
        retries++;
        await this.#backoff(
          retries,
          failure.retryAfterMs,
          options.signal,
          label,
          failure.error,
          hooks,
        );
        continue;
      }
      if (!attempt.retryable || retries >= maxRetries) throw attempt.error;
      retries++;
      await this.#backoff(
        retries,
        attempt.retryAfterMs,
        options.signal,
        label,
        attempt.error,
        hooks,
      );
    }
  }

  /** One fetch with its own timeout; maps transport failures. */
  async #attempt(
    spec: RequestSpec,
    options: RequestOptions,
    label: RequestLabel,
    token: string | undefined,
    idempotent: boolean,
    hooks: CallHooks | undefined,
  ): Promise<Attempt> {
    // Built first: invalid headers must fail before any timer or listener exists.
    const headers = this.#requestHeaders(spec, options, token);
    if (hooks !== undefined) {
      await hooks.beforeRequest(headers);
      throwIfAborted(options.signal, label);
    }
    const controller = new AbortController();
    // Every abort (timeout, caller) goes through `abort`, which also ends a pending body read:
    // cheaper per call than an `abort` listener on the signal.
    const { reading, abort } = abortableRead(controller);
    const timeoutMs = positive(options.timeout, this.#timeout, "timeout");
    let timedOut = false;
    const stop = startDeadline(timeoutMs, () => {
      timedOut = true;
      abort();
    });
    options.signal?.addEventListener("abort", abort, { once: true });
    const unlink = () => options.signal?.removeEventListener("abort", abort);
    const url = this.#url(spec);
    const init: RequestInit & { duplex?: "half" } = {
      method: spec.method,
      headers,
      signal: controller.signal,
      redirect: "manual",
    };
    if (spec.json !== undefined) init.body = JSON.stringify(spec.json);
    else if (spec.body !== undefined) init.body = spec.body;
    if (init.body instanceof ReadableStream) init.duplex = "half";
    deliverAtMostOnce(init, idempotent);
    // Log data is only built when someone listens: this is the per-call hot path.
    const debug = this.#log.enabled("debug");
    const started = debug || hooks !== undefined ? Date.now() : 0;
    if (debug) this.#log.write("debug", "request", { ...label, url: redactUrl(url) });
    try {
      // `redirect: "manual"` (set above) and the redirect policy (`redirect.ts`) only when an
      // answer is a redirect: most never are. Called detached: Workers' fetch throws "Illegal
      // invocation" when `this` is not global.
      const fetchImpl = this.#fetch;
      let response = await fetchImpl(url, init);
      if (isRedirect(response)) {
        response = await followRedirects(fetchImpl, url, init, response, {
          follow: spec.followRedirects !== false,
          replayableBody: !(init.body instanceof ReadableStream),
          label,
          onFollow: (status, location) =>
            this.#log.write("info", "following a same-origin redirect", {
              ...label,
              status,
              location,
            }),
        });
      }
      if (debug) {
        this.#log.write("debug", "response", {
          ...label,
          status: response.status,
          ms: Date.now() - started,
        });
      }
      if (hooks !== undefined) await hooks.afterResponse(response, started);
      return {
        kind: "response",
        response,
        controller,
        reading,
        stop,
        unlink,
        timedOut: () => timedOut,
        timeoutMs,
      };
    } catch (error) {
      stop();
      unlink();
      if (options.signal?.aborted) {
        return {
          kind: "error",
          error: new AegisAbortError(`request aborted [${where(label)}]`, {
            cause: options.signal.reason,
          }),
          retryable: false,
        };
      }
      if (timedOut) {
        return {
          kind: "error",
          error: new AegisTimeoutError(
            `request timed out after ${timeoutMs} ms [${where(label)}]`,
            {
              cause: sanitizeCause(error),
            },
          ),
          retryable: idempotent,
        };
      }
      if (error instanceof AegisError) return { kind: "error", error, retryable: false };
      return { kind: "error", ...fetchFailure(error, label, idempotent) };
    }
  }

  /** Reads an error response and decides whether it may be retried. */
  async #failure(
    response: Response,
    stop: () => void,
    label: RequestLabel,
    idempotent: boolean,
    spec: RequestSpec,
  ): Promise<{ error: AegisApiError; retryable: boolean; retryAfterMs?: number }> {
    let text = "";
    try {
      text = await readText(response, MAX_ERROR_BODY_BYTES, label);
    } catch {
      // An unreadable error body must not hide the status, which is what matters.
    } finally {
      stop();
    }
    const error = apiErrorFromResponse(response, text, label);
    const verdict = judgeStatus(
      response.status,
      response.headers,
      idempotent,
      this.#maxRetryAfter,
      spec.unprocessedStatuses,
    );
    if (verdict.waitTooLong) {
      this.#log.write("warn", "Retry-After exceeds maxRetryAfter; not retrying", {
        ...label,
        retryAfterMs: verdict.retryAfterMs,
      });
      return { error, retryable: false };
    }
    return { error, retryable: verdict.retryable, retryAfterMs: verdict.retryAfterMs };
  }

  #mapFailure(
    error: unknown,
    attempt: Extract<Attempt, { kind: "response" }>,
    options: RequestOptions,
    label: RequestLabel,
  ): unknown {
    if (error instanceof AegisError) return error;
    if (options.signal?.aborted) {
      return new AegisAbortError(`request aborted [${where(label)}]`, {
        cause: options.signal.reason,
      });
    }
    if (attempt.timedOut()) {
      return new AegisTimeoutError(
        `request timed out after ${attempt.timeoutMs} ms while reading the body [${where(label)}]`,
        { cause: sanitizeCause(error) },
      );
    }
    return bodyReadError(error, label);
  }

  /** Waits before the next attempt, as the retry policy says. */
  async #backoff(
    retry: number,
    retryAfterMs: number | undefined,
    signal: AbortSignal | undefined,
    label: RequestLabel,
    cause: AegisError,
    hooks: CallHooks | undefined,
  ): Promise<void> {
    const delay = backoffDelay(retry, retryAfterMs);
    // A hook that says no ends the call with the failure that would have been retried.
    if (hooks !== undefined && !(await hooks.beforeRetry(retry, delay, cause))) throw cause;
    this.#log.write("warn", "retrying", {
      ...label,
      retry,
      delayMs: Math.round(delay),
      cause: cause.name,
    });
    await sleep(delay, signal, label);
  }

  /**
   * The token for one attempt, or why there is none (bounded by the call's limits). Synchronous
   * when a token is at hand (the usual case): no promise, no tick per attempt.
   */
  #token(
    spec: RequestSpec,
    options: RequestOptions,
    label: RequestLabel,
  ): string | undefined | Promise<string | undefined | TokenFailure> {
    if (spec.auth === false || this.#auth === undefined) return undefined;
    return this.#auth.ready() ?? waitForToken(this.#auth, {
      signal: options.signal,
      timeoutMs: positive(options.timeout, this.#timeout, "timeout"),
      label,
      maxRetryAfterMs: this.#maxRetryAfter,
    });
  }

  #url(spec: RequestSpec): string {
    let url = spec.url ?? this.baseUrl + spec.path;
    if (spec.query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(spec.query)) {
        if (value !== undefined && value !== null) params.append(key, String(value));
      }
      const qs = params.toString();
      if (qs) url += (url.includes("?") ? "&" : "?") + qs;
    }
    return url;
  }

  /**
   * A plain record, not `Headers`: fetch builds its own `Headers` anyway, and constructing and
   * validating one more per call is a measurable share of the per-call overhead.
   */
  #requestHeaders(
    spec: RequestSpec,
    options: RequestOptions,
    token: string | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", ...this.#headers };
    if (spec.json !== undefined) headers["content-type"] = "application/json";
    else if (spec.contentType) headers["content-type"] = spec.contentType;
    if (spec.headers) {
      for (const name in spec.headers) {
        const value = spec.headers[name];
        checkHeaderText(value, `header ${name}`);
        headers[name.toLowerCase()] = value;
      }
    }
    if (options.headers) Object.assign(headers, headerRecord(options.headers));
    const tenant = options.tenantId ?? this.#tenantId;
    if (tenant !== undefined) headers["x-tenant-id"] = checkHeaderValue(tenant, "tenantId");
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return headers;
  }

  /** `JSON.stringify(client)` shows the base URL only. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }
}

/**
 * Method, full path and URL (never a query string: queries are kept apart in `spec.query`, and
 * base URLs carry no credentials) of the request, for messages and errors: with a base URL
 * `https://host/api`, a route `/v1/agents` is labelled `/api/v1/agents`.
 */
export function labelOf(spec: RequestSpec, baseUrl: string): RequestLabel {
  if (spec.url !== undefined) {
    const url = safeUrl(spec.url);
    return { method: spec.method, path: new URL(url).pathname, url };
  }
  const pathStart = baseUrl.indexOf("/", baseUrl.indexOf("//") + 2);
  return {
    method: spec.method,
    path: pathStart === -1 ? spec.path : baseUrl.slice(pathStart) + spec.path,
    url: baseUrl + spec.path,
  };
}

/** The call's record when `core` is a per-call view (`AegisPromise.run`). */
function recordOf(core: AegisCore): ResponseRecord | undefined {
  return (core as { [RESPONSE_RECORD]?: ResponseRecord })[RESPONSE_RECORD];
}

function throwIfAborted(signal: AbortSignal | undefined, label: RequestLabel): void {
  if (signal?.aborted) {
    throw new AegisAbortError(`request aborted [${where(label)}]`, { cause: signal.reason });
  }
}
