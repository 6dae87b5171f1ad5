/**
 * Server-Sent Events responses in the orchestrator's frame format: `data: <compact JSON>\n\n`
 * per event and an empty `:\n\n` comment as keep-alive.
 *
 * @module
 */

import { onEitherAbort } from "./lifecycle.ts";

/** A source of events: yields JSON values; returning ends the stream cleanly. */
export type EventSource = (signal: AbortSignal) => AsyncIterable<unknown>;

/** Options of {@link sseResponse}. */
export interface SseOptions {
  /** Keep-alive comment interval in ms. */
  keepAliveMs: number;
  /** Aborted when the client goes away (it may already be). */
  signal: AbortSignal;
  /** Aborted when the fake closes: the stream then breaks off like a server going down. */
  closing: AbortSignal;
}

/**
 * Streams `source` as SSE with periodic keep-alive comments. An error thrown by `source` aborts
 * the body after the 200, like the orchestrator's in-stream errors.
 */
export function sseResponse(source: EventSource, options: SseOptions): Response {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let fail: ((error: Error) => void) | undefined;
  // The client may have gone before this handler ran (e.g. during an injected delay).
  const forget = onEitherAbort(options.signal, options.closing, () => {
    stop.abort();
    clearInterval(keepAlive);
    if (options.closing.aborted) fail?.(new Error("the fake orchestrator closed"));
  });
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (stop.signal.aborted) {
        forget();
        controller.close();
        return;
      }
      fail = (error) => {
        try {
          controller.error(error);
        } catch { /* already closed */ }
      };
      keepAlive = setInterval(() => {
        try {
          controller.enqueue(encoder.encode(":\n\n"));
        } catch {
          clearInterval(keepAlive);
        }
      }, options.keepAliveMs);
      try {
        for await (const event of source(stop.signal)) {
          if (stop.signal.aborted) break;
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        }
        if (!stop.signal.aborted) controller.close();
      } catch (error) {
        // The orchestrator aborts the body on in-stream errors; so do we.
        if (!stop.signal.aborted) controller.error(error);
      } finally {
        clearInterval(keepAlive);
        forget();
      }
    },
    cancel() {
      clearInterval(keepAlive);
      stop.abort();
      forget();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}
