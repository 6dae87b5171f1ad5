/**
 * Re-serving an orchestrator event stream as a `text/event-stream` `Response`, so an edge
 * function can pass live events to a browser without exposing the orchestrator or its token.
 *
 * @module
 */

import { InvalidArgumentError } from "../../errors.ts";
import type { EventStream } from "./stream.ts";

/** One frame sent to the browser: `data` is JSON-encoded; `event` and `id` are optional. */
export interface ServerSentFrame {
  /** Payload, sent as one `data:` line of JSON. */
  data: unknown;
  /** Event name (`EventSource.addEventListener(name, ...)`); unnamed frames reach `onmessage`. */
  event?: string;
  /** `id:` line, which the browser echoes back as `Last-Event-ID` when it reconnects. */
  id?: string;
}

/** Options of {@link eventStreamResponse} and `EventStream.toResponse()`. */
export interface EventStreamResponseOptions<T> {
  /**
   * Chooses and shapes what the browser sees: return a frame to send, `undefined` to drop the
   * event. Default: every event as an unnamed frame (`{ data: event }`). Use it to strip
   * fields a browser must not see.
   */
  transform?: (event: T) => ServerSentFrame | undefined | Promise<ServerSentFrame | undefined>;
  /** Interval of `: keep-alive` comments while no event is sent, in ms (default 15 000; 0: none). */
  keepAliveMs?: number;
  /**
   * Name of the frame sent after the last event (default `"end"`; `null`: none). Browsers'
   * `EventSource` reconnects whenever a response ends, so a page closes its source on this
   * frame instead of starting the work again.
   */
  endEvent?: string | null;
  /**
   * Name of the frame sent when the orchestrator stream fails (default `"stream-error"`; data
   * `{ name, message }`, messages never carry credentials). Not `"error"`: that name is what
   * `EventSource` uses for its own connection errors.
   */
  errorEvent?: string;
  /** Aborting it (e.g. the incoming `Request.signal`) ends the response and the orchestrator stream. */
  signal?: AbortSignal;
  /** Extra response headers. */
  headers?: HeadersInit;
  /** Response status (default 200). */
  status?: number;
}

const DEFAULT_KEEP_ALIVE_MS = 15_000;
const KEEP_ALIVE = ": keep-alive\n\n";

/**
 * Turns an {@link EventStream} into a streaming `Response` with `content-type:
 * text/event-stream`. Cancelling the response body (the browser went away), or aborting
 * `options.signal`, closes the orchestrator stream and its HTTP connection.
 *
 * @example Pass an execution's events on to a browser
 * ```ts
 * import { AegisClient } from "@aegis/sdk";
 * import { eventStreamResponse } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator({ stepMs: 1 });
 * const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { agent_id } = await client.deployAgent({
 *   apiVersion: "100monkeys.ai/v1", kind: "Agent", metadata: { name: "hello", version: "1.0.0" },
 *   spec: { runtime: { language: "python", version: "3.11" }, task: { instruction: "Say hi" } },
 * });
 * const { execution_id } = await client.startExecution(agent_id, "hi");
 * const response = eventStreamResponse(await client.streamExecution(execution_id), {
 *   transform: (event) => ({ event: "progress", data: { type: event.event_type } }),
 * });
 * console.log(response.headers.get("content-type")); // "text/event-stream; charset=utf-8"
 * console.log((await response.text()).includes("event: end")); // true
 * ```
 */
export function eventStreamResponse<T>(
  stream: EventStream<T>,
  options: EventStreamResponseOptions<T> = {},
): Response {
  const keepAliveMs = options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  if (!(keepAliveMs >= 0) || !Number.isFinite(keepAliveMs)) {
    throw new InvalidArgumentError(
      "keepAliveMs",
      "must be a finite number \u2265 0 (0 turns keep-alives off)",
    );
  }
  const endEvent = options.endEvent === undefined ? "end" : options.endEvent;
  const errorEvent = options.errorEvent ?? "stream-error";
  if (endEvent !== null) checkEventName(endEvent, "endEvent");
  checkEventName(errorEvent, "errorEvent");
  const transform = options.transform ?? ((event: T): ServerSentFrame => ({ data: event }));
  const signal = options.signal;
  const encoder = new TextEncoder();
  const iterator = stream[Symbol.asyncIterator]();
  // A `next()` that lost the race against the keep-alive timer, still pending.
  let pending: Promise<IteratorResult<T>> | undefined;
  let finished = false;

  const finish = (): void => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener("abort", onAbort);
    stream.close();
    iterator.return?.().catch(() => {});
  };
  let onAbortController: ReadableStreamDefaultController<Uint8Array> | undefined;
  const onAbort = (): void => {
    finish();
    try {
      onAbortController?.close();
    } catch {
      // Already closed or errored.
    }
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbortController = controller;
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      if (finished) return;
      try {
        for (;;) {
          pending ??= iterator.next();
          const next = keepAliveMs > 0 ? await raceTimer(pending, keepAliveMs) : await pending;
          if (finished) return;
          if (next === TIMER) {
            controller.enqueue(encoder.encode(KEEP_ALIVE));
            return;
          }
          pending = undefined;
          if (next.done) {
            if (endEvent !== null) {
              controller.enqueue(encoder.encode(encodeFrame({ event: endEvent, data: null })));
            }
            finish();
            controller.close();
            return;
          }
          const frame = await transform(next.value);
          if (finished) return;
          if (frame === undefined) continue;
          controller.enqueue(encoder.encode(encodeFrame(frame)));
          return;
        }
      } catch (error) {
        if (finished) return;
        finish();
        const data = error instanceof Error
          ? { name: error.name, message: error.message }
          : { name: "Error", message: String(error) };
        controller.enqueue(encoder.encode(encodeFrame({ event: errorEvent, data })));
        controller.close();
      }
    },
    cancel() {
      finish();
    },
  });

  const headers = new Headers(options.headers);
  headers.set("content-type", "text/event-stream; charset=utf-8");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-cache, no-transform");
  // Proxies such as nginx buffer responses unless told not to.
  if (!headers.has("x-accel-buffering")) headers.set("x-accel-buffering", "no");
  return new Response(body, { status: options.status ?? 200, headers });
}

const TIMER: unique symbol = Symbol("keep-alive");

function raceTimer<V>(promise: Promise<V>, ms: number): Promise<V | typeof TIMER> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<typeof TIMER>((resolve) => {
    timer = setTimeout(() => resolve(TIMER), ms);
  });
  return Promise.race([promise, elapsed]).finally(() => clearTimeout(timer));
}

function checkEventName(name: string, argument: string): void {
  if (typeof name !== "string" || name === "" || /[\r\n]/.test(name)) {
    throw new InvalidArgumentError(
      argument,
      "an SSE event name must be a non-empty string without CR or LF",
    );
  }
}

/** One SSE frame; JSON never contains a raw line break, so `data` is always one line. */
function encodeFrame(frame: ServerSentFrame): string {
  let text = "";
  if (frame.event !== undefined) {
    checkEventName(frame.event, "frame.event");
    text += `event: ${frame.event}\n`;
  }
  if (frame.id !== undefined) {
    if (typeof frame.id !== "string" || /[\r\n\0]/.test(frame.id)) {
      throw new InvalidArgumentError(
        "frame.id",
        "an SSE id must be a string without CR, LF or NUL",
      );
    }
    text += `id: ${frame.id}\n`;
  }
  const data = JSON.stringify(frame.data);
  return `${text}data: ${data === undefined ? "null" : data}\n\n`;
}
