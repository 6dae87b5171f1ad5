/**
 * Redaction of credentials before anything reaches a logger, an error message or an error's
 * `cause`: secret headers, secret-looking log fields, and the parts of URLs that may carry
 * secrets (user credentials, query strings, fragments).
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-aegis-signature",
  "x-aegis-webhook-secret",
  "x-api-key",
]);
const REDACTED = "[redacted]";
/** A URL inside free text: up to whitespace, a quote or an angle bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi;
/** Punctuation that ends a sentence around a URL rather than belonging to it. */
const TRAILING_PUNCTUATION = /[)\].,:;!]+$/;
/** How deep {@link sanitizeCause} follows `cause` chains. */
const MAX_CAUSE_DEPTH = 4;
/** Fields of runtime errors worth keeping: what failed, never where to. */
const KEPT_ERROR_FIELDS = ["code", "errno", "syscall"] as const;

/**
 * Scheme, host, port and path of a URL: never its user credentials, query string or fragment,
 * which may carry secrets (`code`, `state`, tokens, passwords).
 */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url.replace(/[?#].*$/s, "").replace(/\/\/[^/@]*@/, "//");
  }
}

/** The URL as logged: {@link safeUrl} (the query string is left out entirely). */
export function redactUrl(url: string): string {
  return safeUrl(url);
}

/** `text` with every URL in it reduced to {@link safeUrl}. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    const tail = TRAILING_PUNCTUATION.exec(match)?.[0] ?? "";
    return safeUrl(match.slice(0, match.length - tail.length)) + tail;
  });
}

/**
 * A copy of an error a runtime's fetch raised, safe to keep as an SDK error's `cause`: the same
 * name, message and `code`/`errno`/`syscall`, with every URL in the messages reduced to
 * {@link safeUrl}, and nothing else (Deno puts the full URL, query included, in messages; Bun
 * adds it as `path`; Node adds the socket). Causes are copied the same way.
 */
export function sanitizeCause(error: unknown, depth = 0): unknown {
  if (typeof error === "string") return redactText(error);
  if (!(error instanceof Error) || depth >= MAX_CAUSE_DEPTH) {
    return error instanceof Error ? new Error(redactText(error.message)) : error;
  }
  const inner = (error as { cause?: unknown }).cause;
  const copy = new Error(
    redactText(error.message),
    inner === undefined ? undefined : { cause: sanitizeCause(inner, depth + 1) },
  );
  copy.name = error.name;
  for (const field of KEPT_ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === "string" || typeof value === "number") {
      (copy as unknown as Record<string, unknown>)[field] = value;
    }
  }
  return copy;
}

/**
 * Copies log data, redacting secret headers (in `Headers` or plain objects under `headers`)
 * and secret-looking keys at the top level.
 */
export function redactHeaders(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "headers" && value !== null && typeof value === "object") {
      const headers: Record<string, string> = {};
      const entries = value instanceof Headers
        ? [...value.entries()]
        : Object.entries(value as Record<string, string>);
      for (const [name, v] of entries) {
        headers[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : String(v);
      }
      out[key] = headers;
    } else if (/secret|password|token/i.test(key) && typeof value === "string") {
      out[key] = REDACTED;
    } else if (typeof value === "string") {
      out[key] = redactText(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}
