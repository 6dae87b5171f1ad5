/**
 * Redaction of credentials before anything reaches a logger.
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
const SECRET_QUERY = /token|secret|password|key|code|state|signature/i;
const REDACTED = "[redacted]";

/** Replaces the values of secret-bearing query parameters in a URL. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY.test(key)) params.set(key, REDACTED);
  }
  return `${url.slice(0, q)}?${params}`;
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
    } else {
      out[key] = value;
    }
  }
  return out;
}
