/**
 * Path building: every caller-supplied value becomes exactly one percent-encoded segment, so no
 * id, name or file path can escape the route it was meant for.
 *
 * @module
 */

import { InvalidArgumentError } from "../../errors.ts";

/** A value that may stand in one path segment. */
export type PathParam = string | number;

/**
 * Tagged template that percent-encodes each interpolated value as a single path segment.
 * Empty values and the dot segments `.`/`..` are refused (URL parsers would collapse them, and
 * `%2E%2E` is treated as `..` by WHATWG URL too), as are control characters.
 *
 * @example Build a safe path
 * ```ts
 * import { path } from "./path.ts";
 *
 * const id = "a b/../c";
 * console.log(path`/v1/agents/${id}/versions`); // "/v1/agents/a%20b%2F..%2Fc/versions"
 * ```
 */
export function path(strings: TemplateStringsArray, ...values: PathParam[]): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += encodeSegment(values[i], i) + strings[i + 1];
  }
  return out;
}

/** Characters that `encodeURIComponent` leaves as they are: ids and most names are only these. */
const UNRESERVED = /^[\w.~-]+$/;

/**
 * Encodes one path segment, refusing values that a URL parser would normalise away. `name` says
 * which argument the value is, for errors: a number `i` means "path parameter #i+1".
 *
 * @example
 * ```ts
 * import { encodeSegment } from "./path.ts";
 * console.log(encodeSegment("reports/2026", "secretPath")); // "reports%2F2026"
 * ```
 */
export function encodeSegment(value: PathParam, name: string | number): string {
  // The common case, checked at once: nothing to refuse and nothing to encode.
  if (typeof value === "string" && UNRESERVED.test(value) && value !== "." && value !== "..") {
    return value;
  }
  return encodeOther(value, typeof name === "number" ? `path parameter #${name + 1}` : name);
}

function encodeOther(value: PathParam, name: string): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidArgumentError(name, "must be a finite number");
    return String(value);
  }
  if (typeof value !== "string") {
    throw new InvalidArgumentError(name, `must be a string, got ${typeof value}`);
  }
  if (value.length === 0) throw new InvalidArgumentError(name, "must not be empty");
  if (value === "." || value === "..") {
    throw new InvalidArgumentError(name, `must not be the dot segment '${value}'`);
  }
  rejectControlCharacters(value, name);
  return encodeURIComponent(value);
}

/**
 * Encodes a relative file path for a wildcard route: segments are encoded one by one and joined
 * with `/`. Leading slashes are dropped (the orchestrator roots paths itself); empty, `.` and `..`
 * segments are refused so the path cannot climb out of its root.
 *
 * @example
 * ```ts
 * import { encodeFilePath } from "./path.ts";
 * console.log(encodeFilePath("/workspace/out put/\u00e9.txt", "path")); // "workspace/out%20put/%C3%A9.txt"
 * ```
 */
export function encodeFilePath(filePath: string, name: string): string {
  return normalizeFilePath(filePath, name).split("/").map(encodeURIComponent).join("/");
}

/**
 * Validates a relative file path without encoding it (for query parameters, which
 * `URLSearchParams` encodes): no empty result, no `.`/`..` or empty segments, no control
 * characters; leading slashes are dropped unless `keepRoot` is set (listings use `/`).
 *
 * @example
 * ```ts
 * import { normalizeFilePath } from "./path.ts";
 * console.log(normalizeFilePath("/docs/a.md", "path")); // "docs/a.md"
 * ```
 */
export function normalizeFilePath(
  filePath: string,
  name: string,
  options: { keepRoot?: boolean } = {},
): string {
  if (typeof filePath !== "string") {
    throw new InvalidArgumentError(name, `must be a string, got ${typeof filePath}`);
  }
  rejectControlCharacters(filePath, name);
  if (options.keepRoot && filePath === "/") return "/";
  const relative = filePath.replace(/^\/+/, "");
  if (relative.length === 0) throw new InvalidArgumentError(name, "must name a file or directory");
  for (const segment of relative.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new InvalidArgumentError(
        name,
        `must not contain ${segment === "" ? "empty" : `'${segment}'`} segments`,
      );
    }
  }
  return options.keepRoot ? "/" + relative : relative;
}

/**
 * Refuses C0 controls and DEL, which could split headers or confuse path handling, and lone
 * UTF-16 surrogates ({@link rejectLoneSurrogates}).
 */
export function rejectControlCharacters(value: string, name: string): void {
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidArgumentError(name, "must not contain control characters");
  }
  rejectLoneSurrogates(value, name);
}

/**
 * Refuses lone UTF-16 surrogates, which no URL, query string or header can carry:
 * `encodeURIComponent` throws a bare `URIError` on them and `URLSearchParams` silently replaces
 * them with U+FFFD.
 */
export function rejectLoneSurrogates(value: string, name: string): void {
  if (!ANY_SURROGATE.test(value)) return;
  // Pairs are consumed whole, so a match of one code unit is a lone surrogate. (No lookbehind:
  // older Safari cannot even parse a module that contains one.)
  const units = new RegExp(SURROGATE_UNITS.source, "g");
  for (let match = units.exec(value); match !== null; match = units.exec(value)) {
    if (match[0].length === 1) {
      throw new InvalidArgumentError(
        name,
        `is not well-formed text: a lone UTF-16 surrogate (U+${
          match[0].charCodeAt(0).toString(16).toUpperCase()
        }) at index ${match.index} cannot be encoded`,
      );
    }
  }
}

const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const SURROGATE_UNITS = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/;
