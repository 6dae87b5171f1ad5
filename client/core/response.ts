/**
 * Body reading: a whole response body as bounded, strictly decoded UTF-8 text, then JSON. The
 * error mapper for failed responses is in `errors.ts`.
 *
 * @module
 */

import { AegisConnectionError, AegisProtocolError } from "../../errors.ts";
import { sanitizeCause } from "./redact.ts";

/** Where a response came from, for error messages. */
export interface RequestLabel {
  method: string;
  /** The full request path (the base URL's path included), without the query string. */
  path: string;
  /** The request URL without user credentials, query string or fragment. */
  url?: string;
}

/**
 * A cheaper way to end a pending read than an `abort` listener on its signal (on Node, adding
 * and removing one costs microseconds and garbage on every call): whoever aborts `signal` then
 * takes `onAbort`, when it is set, clears it and calls it with the reason. Made, with the one
 * function that aborts both, by {@link abortableRead}.
 */
export interface ReadAbort {
  /** The signal the read belongs to. */
  readonly signal: AbortSignal;
  /** Set by the read while it waits, cleared when it ends. */
  onAbort: ((reason: unknown) => void) | undefined;
}

/**
 * A {@link ReadAbort} for `controller`, and `abort`, which aborts the controller (with its
 * default reason) and ends a read waiting on it. `abort` takes no argument, so it can be an
 * `abort` listener on another signal.
 */
export function abortableRead(
  controller: AbortController,
): { reading: ReadAbort; abort: () => void } {
  const reading: ReadAbort = { signal: controller.signal, onAbort: undefined };
  const abort = (): void => {
    controller.abort();
    const onAbort = reading.onAbort;
    reading.onAbort = undefined;
    onAbort?.(controller.signal.reason);
  };
  return { reading, abort };
}

/**
 * Reads a body completely as UTF-8, refusing more than `limit` bytes and invalid UTF-8.
 * A body that breaks off mid-way becomes an {@link AegisConnectionError}. Aborting through
 * `abort` ends the read even with a `fetch` that ignores its own signal (it then throws the
 * reason).
 */
export function readText(
  response: Response,
  limit: number,
  label: RequestLabel,
  abort?: ReadAbort,
): Promise<string> {
  // Not an async function: the usual case (a declared length) is one promise from the runtime's
  // whole-body read to the text, without the extra promises and ticks of async layers.
  try {
    const declared = Number(response.headers.get("content-length") ?? NaN);
    // A declared length within the limit bounds the body already (HTTP framing ends it there),
    // so the runtime's own whole-body read is safe, and on Deno it costs far less CPU than a
    // reader loop. Without a length (chunked), or when fetch decompresses (the length is the
    // compressed one), the body is read chunk by chunk and refused at the limit.
    // `response.body` is not touched on this path: on Deno and Bun the getter turns a body the
    // runtime holds whole into a stream, which `arrayBuffer()` must then read through (several
    // microseconds per call on Deno). A null body reads as no bytes.
    if (
      declared >= 0 && declared <= limit && response.headers.get("content-encoding") === null
    ) {
      return wholeText(response, limit, label, abort);
    }
    if (response.body === null) return Promise.resolve("");
    if (declared > limit) return refuseDeclared(response.body, declared, limit, label);
    return readChunks(response.body, limit, label, abort);
  } catch (error) {
    return Promise.reject(error);
  }
}

async function refuseDeclared(
  body: ReadableStream<Uint8Array>,
  declared: number,
  limit: number,
  label: RequestLabel,
): Promise<never> {
  await body.cancel().catch(() => {});
  throw new AegisProtocolError(
    `response body of ${declared} bytes exceeds the ${limit}-byte limit [${where(label)}]`,
  );
}

/** A body without a declared length (or a compressed one), read chunk by chunk up to `limit`. */
async function readChunks(
  body: ReadableStream<Uint8Array>,
  limit: number,
  label: RequestLabel,
  abort: ReadAbort | undefined,
): Promise<string> {
  const signal = abort?.signal;
  const reader = body.getReader();
  if (abort !== undefined) {
    abort.onAbort = (reason) => void reader.cancel(reason).catch(() => {});
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    // Aborted before the read began: `onAbort` was not there to be called.
    if (signal?.aborted) {
      await reader.cancel(signal.reason).catch(() => {});
      throw signal.reason;
    }
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      received += value.byteLength;
      if (received > limit) {
        await reader.cancel().catch(() => {});
        throw new AegisProtocolError(
          `response body exceeds the ${limit}-byte limit [${where(label)}]`,
        );
      }
      chunks.push(value);
    }
  } finally {
    if (abort !== undefined) abort.onAbort = undefined;
  }
  // One non-streaming decode of the whole body: a streaming decoder costs several times more
  // per call on Node and Deno, and small JSON bodies usually arrive in one chunk.
  return decodeUtf8(chunks.length === 1 ? chunks[0] : concatBytes(chunks, received), label);
}

/**
 * The whole text of a response that declared its length, ended early by an abort even with a
 * `fetch` that ignores its own signal. A body that arrives longer than the limit anyway (an
 * in-process `Response` whose header does not match its body) is still refused.
 */
function wholeText(
  response: Response,
  limit: number,
  label: RequestLabel,
  abort: ReadAbort | undefined,
): Promise<string> {
  const read = response.arrayBuffer();
  const text = (bytes: ArrayBuffer): string => {
    if (bytes.byteLength > limit) {
      throw new AegisProtocolError(
        `response body exceeds the ${limit}-byte limit [${where(label)}]`,
      );
    }
    return decodeUtf8(new Uint8Array(bytes), label);
  };
  if (abort === undefined) return read.then(text);
  return new Promise<string>((resolve, reject) => {
    if (abort.signal.aborted) reject(abort.signal.reason);
    else abort.onAbort = reject;
    read.then((bytes) => {
      abort.onAbort = undefined;
      try {
        resolve(text(bytes));
      } catch (error) {
        reject(error);
      }
    }, (error) => {
      abort.onAbort = undefined;
      reject(error);
    });
  });
}

function decodeUtf8(bytes: Uint8Array, label: RequestLabel): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new AegisProtocolError(`response body is not valid UTF-8 [${where(label)}]`, {
      cause: error,
    });
  }
}

/** Stateless when used without `stream`, so one instance serves every call. */
const utf8 = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true });

function concatBytes(chunks: Uint8Array[], total: number): Uint8Array {
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * Parses a JSON body; anything else is an {@link AegisProtocolError}. Empty text -> `undefined`.
 * The content type (for the message) is only looked up in `headers` when the body is not JSON,
 * which saves a header lookup per call.
 */
export function parseJson(text: string, label: RequestLabel, headers: Headers): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    const type = headers.get("content-type");
    const kind = type ? ` (${type.split(";")[0]})` : "";
    throw new AegisProtocolError(
      `expected a JSON body but got ${text.length} characters of something else${kind} ` +
        `[${where(label)}]`,
      { cause: error },
    );
  }
}

/** Wraps a failure to read a body that had started arriving. */
export function bodyReadError(error: unknown, label: RequestLabel): AegisConnectionError {
  return new AegisConnectionError(`response body broke off [${where(label)}]`, {
    cause: sanitizeCause(error),
  });
}

/** `GET /v1/agents` style label for messages. */
export function where(label: RequestLabel): string {
  return `${label.method} ${label.path}`;
}
