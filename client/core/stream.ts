/**
 * Typed, cancellable event streams over SSE responses.
 *
 * @module
 */

import { AegisAbortError, AegisError, AegisTimeoutError } from "../../errors.ts";
import { AegisStreamInterruptedError, embeddedError } from "./errors.ts";
import { sanitizeCause } from "./redact.ts";
import { type RequestLabel, where } from "./response.ts";
import { type SSEMessage, SSEParser } from "./sse.ts";
import { eventStreamResponse, type EventStreamResponseOptions } from "./stream_response.ts";

/** How a stream turns SSE messages into typed events and when it is finished. */
export interface EventStreamSpec<T> {
  /** Converts one SSE message; return `undefined` to skip it; throw to fail the stream. */
  decode(message: SSEMessage): T | undefined;
  /** The stream closes itself right after yielding an event for which this returns true. */
  isTerminal?(event: T): boolean;
  /**
   * True when the server is expected to keep the stream open until a terminal event
   * (execution streams with `follow`): ending earlier is reported as an interruption.
   */
  expectTerminal?: boolean;
  /** Fail with {@link AegisTimeoutError} after this many ms without any bytes (keep-alives count). */
  idleTimeoutMs?: number;
  /** Largest SSE line/event in bytes. */
  maxEventBytes?: number;
  /**
   * The server reports failures as in-stream `{"error": ...}` events: a decoded event with a
   * string `error` field is thrown as a typed `AegisApiError` (`embedded: true`).
   */
  embeddedErrors?: boolean;
  /**
   * Called when the stream ends or breaks off before its first event: the orchestrator answers
   * 200 for streams of resources it does not have and then ends them, so this looks the
   * resource up and throws its `NotFoundError`. When it returns, the stream ends as it would
   * have without it.
   */
  checkEmptyEnd?(): Promise<void>;
}

/** Internals handed over by the pipeline. */
export interface EventStreamSource {
  response: Response;
  /** Aborting it tears down the HTTP request. */
  controller: AbortController;
  /** The caller's signal, to tell a caller abort from our own. */
  callerSignal: AbortSignal | undefined;
  label: RequestLabel;
  /** The call's `onStreamEvent` hooks, when it has any. */
  onEvent?: (event: unknown) => Promise<void>;
}

/**
 * An `AsyncIterable` of typed events from one HTTP response. Breaking out of `for await`,
 * calling {@link EventStream.close} or aborting the call's signal aborts the HTTP request.
 * A stream can be iterated once.
 *
 * @example Follow an execution until it ends
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent",
 *   metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const { execution_id } = await client.startExecution(agent_id, "hi");
 * for await (const event of await client.streamExecution(execution_id)) {
 *   console.log(event.event_type);
 * }
 * ```
 */
export class EventStream<T> implements AsyncIterable<T> {
  /** The class name, as a string so that minifiers keep it. */
  static readonly name: string = "EventStream";
  readonly #source: EventStreamSource;
  readonly #spec: EventStreamSpec<T>;
  #started = false;
  #closedByUser = false;
  #idle = false;

  /** Used by the request pipeline; users get streams from client methods. */
  constructor(source: EventStreamSource, spec: EventStreamSpec<T>) {
    this.#source = source;
    this.#spec = spec;
  }

  /** HTTP status of the stream response (always 200 once a stream exists). */
  get status(): number {
    return this.#source.response.status;
  }

  /** Closes the stream and aborts the HTTP request. Safe to call more than once. */
  close(): void {
    this.#closedByUser = true;
    this.#source.controller.abort();
  }

  /** Iterates the events. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#started) throw new AegisError("an EventStream can be iterated only once");
    this.#started = true;
    return this.#events();
  }

  /** Same as {@link EventStream.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** The events as a web `ReadableStream` (cancelling it closes the HTTP request). */
  toReadableStream(): ReadableStream<T> {
    const iterator = this[Symbol.asyncIterator]();
    return new ReadableStream<T>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
  }

  /**
   * The events as a `text/event-stream` `Response`, to pass them on from an edge function to a
   * browser (`EventSource`) without exposing the orchestrator. Cancelling the response body or
   * aborting `options.signal` closes this stream. See {@link eventStreamResponse}.
   *
   * @example Stream an execution to a browser from a `fetch` handler
   * ```ts
   * import { AegisClient } from "@aegis/sdk";
   * import { createFakeOrchestrator } from "@aegis/sdk/testing";
   *
   * const fake = createFakeOrchestrator({ stepMs: 1 });
   * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
   * const { agent_id } = await client.deployAgent({
   *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
   *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
   * });
   * async function handle(request: Request): Promise<Response> {
   *   const { execution_id } = await client.startExecution(agent_id, "hi");
   *   const events = await client.streamExecution(execution_id, { signal: request.signal });
   *   return events.toResponse({
   *     signal: request.signal,
   *     transform: (event) => ({ event: "progress", data: { type: event.event_type } }),
   *   });
   * }
   * const response = await handle(new Request("http://proxy.local/runs"));
   * console.log(response.headers.get("content-type")); // "text/event-stream; charset=utf-8"
   * await response.body?.cancel();
   * ```
   */
  toResponse(options?: EventStreamResponseOptions<T>): Response {
    return eventStreamResponse(this, options);
  }

  /** Collects every event until the stream ends (convenience for short streams). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const event of this) all.push(event);
    return all;
  }

  async *#events(): AsyncGenerator<T, void, undefined> {
    const { response, controller, label } = this.#source;
    const spec = this.#spec;
    const parser = new SSEParser({ maxEventBytes: spec.maxEventBytes });
    const reader = response.body!.getReader();
    const idleTimeoutMs = spec.idleTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // When bytes last came. The timer is set once per idle period rather than reset for every
    // chunk (a timer costs far more than reading the clock): when it fires after bytes came, it
    // is set again for what is left of the period since.
    let lastBytesAt = 0;
    // While the consumer (or a hook) holds an event, the time is its own, not the server's
    // silence: bytes that arrive meanwhile wait unread, so no read could show the server is there.
    let consumerHasEvent = false;
    const onIdleTimer = () => {
      if (consumerHasEvent) {
        timer = undefined;
        return;
      }
      const left = idleTimeoutMs! - (performance.now() - lastBytesAt);
      if (left > 0) {
        timer = setTimeout(onIdleTimer, left);
        return;
      }
      this.#idle = true;
      controller.abort();
    };
    const armIdleTimer = () => {
      if (idleTimeoutMs === undefined) return;
      lastBytesAt = performance.now();
      timer ??= setTimeout(onIdleTimer, idleTimeoutMs);
    };
    // Ends a pending read on close, idle timeout or caller abort, even with a fetch that ignores
    // its signal.
    controller.signal.addEventListener("abort", () => reader.cancel().catch(() => {}), {
      once: true,
    });
    let delivered = 0;
    try {
      armIdleTimer();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (this.#closedByUser) return;
          throw await this.#emptyEndError(this.#readError(error, delivered, label), delivered);
        }
        if (chunk.done && controller.signal.aborted) {
          if (this.#closedByUser) return;
          const failure = this.#readError(controller.signal.reason, delivered, label);
          throw await this.#emptyEndError(failure, delivered);
        }
        if (chunk.done) break;
        armIdleTimer();
        for (const message of parser.feed(chunk.value)) {
          const event = spec.decode(message);
          if (event === undefined) continue;
          if (spec.embeddedErrors) {
            const error = embeddedError(event, response, label);
            if (error) throw error;
          }
          consumerHasEvent = true;
          if (this.#source.onEvent !== undefined) await this.#source.onEvent(event);
          delivered++;
          yield event;
          consumerHasEvent = false;
          if (spec.isTerminal?.(event)) return;
          // A new idle period begins when the consumer asks for more.
          armIdleTimer();
        }
      }
      parser.end();
      if (delivered === 0 && !this.#closedByUser) await spec.checkEmptyEnd?.();
      if (spec.expectTerminal && !this.#closedByUser) {
        throw new AegisStreamInterruptedError(
          `stream ended before its terminal event after ${delivered} events; the orchestrator ` +
            `cannot resume streams, so reconnecting would replay history [${where(label)}]`,
          delivered,
        );
      }
    } finally {
      clearTimeout(timer);
      // Releases the connection whether we finished, failed or the consumer stopped early
      // (cancelling the body too, for fetch implementations that ignore the signal).
      controller.abort();
      reader.cancel().catch(() => {});
    }
  }

  /** A stream that broke off before any event may be one the server does not have. */
  async #emptyEndError(failure: AegisError, delivered: number): Promise<AegisError> {
    if (delivered === 0 && failure instanceof AegisStreamInterruptedError) {
      await this.#spec.checkEmptyEnd?.();
    }
    return failure;
  }

  #readError(error: unknown, delivered: number, label: RequestLabel): AegisError {
    if (error instanceof AegisError) return error;
    if (this.#idle) {
      return new AegisTimeoutError(
        `stream idle for more than ${this.#spec.idleTimeoutMs} ms [${where(label)}]`,
        { cause: error },
      );
    }
    const caller = this.#source.callerSignal;
    if (caller?.aborted) {
      return new AegisAbortError(`stream aborted [${where(label)}]`, { cause: caller.reason });
    }
    return new AegisStreamInterruptedError(
      `stream broke off after ${delivered} events [${where(label)}]`,
      delivered,
      { cause: sanitizeCause(error) },
    );
  }
}
