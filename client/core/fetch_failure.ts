/**
 * What a rejected `fetch` means, as an SDK error. Runtimes reject for very different reasons
 * with the same `TypeError`: a connection that failed (worth retrying for idempotent requests),
 * a response whose headers exceed the runtime's limit (Node's "Headers Overflow", Deno's
 * "message head is too large", Bun's `ResponseHeadersTooLarge`: the same answer would come
 * again, so it is a protocol error and never retried), or a request fetch refused to build
 * (nothing was sent). Their messages can carry the full request URL, query string included
 * (Deno, Bun), so the message and the cause are sanitised ({@link sanitizeCause}).
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

import {
  AegisConnectionError,
  type AegisError,
  AegisProtocolError,
  InvalidArgumentError,
} from "../../errors.ts";
import { redactText, sanitizeCause } from "./redact.ts";
import { type RequestLabel, where } from "./response.ts";

const OVERSIZED_HEADER_CODES = new Set([
  "UND_ERR_HEADERS_OVERFLOW",
  "HPE_HEADER_OVERFLOW",
  "ResponseHeadersTooLarge",
]);
const OVERSIZED_HEADER_TEXT = /message head is too large|headers? overflow|headers? too large/i;
/** fetch refusing to build the request (header values beyond Latin-1, credentials in the URL). */
const UNSENDABLE_TEXT = /ByteString|has invalid value|invalid header|includes credentials/i;
/** How deep the `cause` chain is searched. */
const MAX_DEPTH = 4;

/** The typed error for a rejected fetch, and whether the call may try again. */
export function fetchFailure(
  error: unknown,
  label: RequestLabel,
  idempotent: boolean,
): { error: AegisError; retryable: boolean } {
  const detail = errorText(error);
  if (
    matches(
      error,
      (code, message) => OVERSIZED_HEADER_CODES.has(code) || OVERSIZED_HEADER_TEXT.test(message),
    )
  ) {
    return {
      error: new AegisProtocolError(
        `the response headers exceed what this runtime accepts (${detail}) [${where(label)}]`,
        { cause: sanitizeCause(error) },
      ),
      retryable: false,
    };
  }
  if (matches(error, (_code, message) => UNSENDABLE_TEXT.test(message))) {
    return {
      error: new InvalidArgumentError(
        "request",
        `fetch refused to send it (${detail}); nothing was sent [${where(label)}]`,
      ),
      retryable: false,
    };
  }
  return {
    error: new AegisConnectionError(
      `could not reach the orchestrator: ${detail} [${where(label)}]`,
      { cause: sanitizeCause(error) },
    ),
    retryable: idempotent,
  };
}

function matches(error: unknown, test: (code: string, message: string) => boolean): boolean {
  let current = error;
  for (let depth = 0; depth < MAX_DEPTH && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (test(typeof code === "string" ? code : "", current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The error's message and its cause's, with URLs reduced to scheme, host and path. */
function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return redactText(`${error.message}${detail}`);
  }
  return redactText(String(error));
}
