/**
 * Typed, cancellable event streams over SSE responses.
 *
 * @module
 */

import {
  AegisAbortError,
  AegisError,
  AegisStreamInterruptedError,
  AegisTimeoutError,
} from "./errors.ts";
import { embeddedError, type RequestLabel, where } from "./response.ts";
import { type SSEMessage, SSEParser } from "./sse.ts";

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
   * The server reports failures as in-stream `{"error": …}` events: a decoded event with a
   * string `error` field is thrown as a typed `AegisApiError` (`embedded: true`).
   */
  embeddedErrors?: boolean;
}

/** Internals handed over by the pipeline. */
export interface EventStreamSource {
  response: Response;
  /** Aborting it tears down the HTTP request. */
  controller: AbortController;
  /** The caller's signal, to tell a caller abort from our own. */
  callerSignal: AbortSignal | undefined;
  label: RequestLabel;
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
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armIdleTimer = () => {
      if (spec.idleTimeoutMs === undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.#idle = true;
        controller.abort();
      }, spec.idleTimeoutMs);
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
          throw this.#readError(error, delivered, label);
        }
        if (chunk.done && controller.signal.aborted) {
          if (this.#closedByUser) return;
          throw this.#readError(controller.signal.reason, delivered, label);
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
          delivered++;
          yield event;
          if (spec.isTerminal?.(event)) return;
        }
      }
      parser.end();
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
      { cause: error },
    );
  }
}
