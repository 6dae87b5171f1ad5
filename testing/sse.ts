/**
 * Server-Sent Events responses in the orchestrator's frame format: `data: <compact JSON>\n\n`
 * per event and an empty `:\n\n` comment as keep-alive.
 *
 * @module
 */

/** A source of events: yields JSON values; returning ends the stream cleanly. */
export type EventSource = (signal: AbortSignal) => AsyncIterable<unknown>;

/** Options of {@link sseResponse}. */
export interface SseOptions {
  /** Keep-alive comment interval in ms. */
  keepAliveMs: number;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Streams `source` as SSE with periodic keep-alive comments. */
export function sseResponse(source: EventSource, options: SseOptions): Response {
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const onClientGone = () => stop.abort();
  options.signal.addEventListener("abort", onClientGone, { once: true });
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
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
        options.signal.removeEventListener("abort", onClientGone);
      }
    },
    cancel() {
      clearInterval(keepAlive);
      stop.abort();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}
