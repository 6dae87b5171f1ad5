/**
 * How a fake's response reaches the caller like it would over a network: the markers that tell
 * the transport (in-process fetch or socket server) to drop the connection or cut the body, and
 * the in-process fetch that honours the request's signal.
 *
 * @module
 */

/** Marks a response the transport must turn into a dropped connection. */
export const RESET_HEADER = "x-fake-orchestrator-reset";
/** Marks a response whose body the transport must cut after this many bytes. */
export const TRUNCATE_HEADER = "x-fake-orchestrator-truncate";

/** Passes the first `limit` bytes of `body`, then fails like a dropped connection. */
export function truncate(
  body: ReadableStream<Uint8Array>,
  limit: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.error(new Error("connection reset (fault injection)"));
        return;
      }
      const room = limit - sent;
      if (value.length < room) {
        sent += value.length;
        controller.enqueue(value);
        return;
      }
      if (room > 0) controller.enqueue(value.subarray(0, room));
      await reader.cancel();
      controller.error(new Error("connection reset (fault injection)"));
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * Calls the app like a network fetch would behave: honours the request's signal (before the
 * response and while reading the body) and turns injected resets into network errors.
 */
export async function fetchInProcess(
  app: { fetch(request: Request): Response | Promise<Response> },
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal.aborted) throw abortError(signal);
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
  });
  aborted.catch(() => {});
  const handled = Promise.resolve(app.fetch(request));
  const response = await Promise.race([handled, aborted]).catch((error) => {
    // The caller gave up first: whatever the handler still answers is discarded, never left
    // streaming into nowhere.
    handled.then((late) => late.body?.cancel().catch(() => {}), () => {});
    throw error;
  });
  if (response.headers.has(RESET_HEADER)) {
    throw new TypeError("fetch failed", { cause: new Error("socket hang up (ECONNRESET)") });
  }
  if (response.body === null) return response;
  const cutAfter = response.headers.get(TRUNCATE_HEADER);
  const source = cutAfter === null ? response.body : truncate(response.body, Number(cutAfter));
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await Promise.race([reader.read(), aborted]);
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        reader.cancel(error).catch(() => {});
        controller.error(
          error instanceof DOMException ? error : new TypeError("terminated", { cause: error }),
        );
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const headers = new Headers(response.headers);
  headers.delete(TRUNCATE_HEADER);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function abortError(signal: AbortSignal): DOMException {
  return signal.reason instanceof DOMException
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}
