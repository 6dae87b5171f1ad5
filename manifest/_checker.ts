/**
 * The checker shared by the agent and workflow validators: an issue collector and typed field
 * readers that record a precise path for every problem instead of stopping at the first one, and
 * the compile-time-checked field lists the validators use.
 *
 * @module
 */

import { describeValue } from "../internal/describe.ts";
import { isRecord } from "../internal/guards.ts";
import type { ManifestIssue, ManifestIssueSeverity } from "./error.ts";

/** A path step: an object key or an array index. */
export type Segment = string | number;

/** An issue whose location is still structured, so it can be mapped back onto YAML nodes. */
export interface RawIssue {
  /** Steps from the document root. */
  segments: Segment[];
  /** What is wrong. */
  message: string;
  /** Error or warning. */
  severity: ManifestIssueSeverity;
}

/** A plain JSON-like object. */
export type Dict = Record<string, unknown>;

/** C0, DEL, C1 and the Unicode line/paragraph separators: never allowed in names and keys. */
function isControlCode(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** True for a non-null, non-array object. */
export const isDict: (value: unknown) => value is Dict = isRecord;

/** True when `text` holds a control or line-break character. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isControlCode(text.charCodeAt(i))) return true;
  }
  return false;
}

/** Replaces control characters with `?`, so a key can be shown in a path safely. */
function maskControlCharacters(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += isControlCode(text.charCodeAt(i)) ? "?" : text[i];
  return out;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Renders segments as `spec.tools[2]` / `metadata.labels["app.kubernetes.io/name"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Describes the type of a value without revealing it (for fields that may hold secrets). */
function describeType(value: unknown): string {
  return describeValue(value, { reveal: false });
}

/** Options for {@link Checker.string}. */
export interface StringRule {
  /** Report a missing field. */
  required?: boolean;
  /** Reject empty or whitespace-only strings. */
  nonBlank?: boolean;
  /** Reject control characters. */
  noControl?: boolean;
}

/** Options for {@link Checker.integer}. */
export interface IntegerRule {
  /** Report a missing field. */
  required?: boolean;
  /** Inclusive lower bound. Default 0. */
  min?: number;
  /** Inclusive upper bound. Default `Number.MAX_SAFE_INTEGER`. */
  max?: number;
  /** Name of the Rust type, used in messages (e.g. `u32`). */
  kind?: string;
}

/**
 * The field names of `T`, written once as a map that the compiler checks against `T`: a field of
 * `T` missing from the map, or a name `T` does not have, fails to compile. Validators use these
 * lists for their unknown-field checks, so a field added to a type cannot be forgotten.
 */
export function keysOf<T>(map: { [K in keyof Required<T>]: true }): string[] {
  return Object.keys(map);
}

/**
 * Keys refused at every depth of a manifest: as object keys they reach `Object.prototype`
 * machinery (`__proto__` is dropped, kept or turned into a prototype depending on the runtime
 * and library; `constructor` is the classic prototype-pollution step), so the one behaviour on
 * every runtime is to refuse them. The orchestrator has no field with either name.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor"]);

/** The message for a {@link FORBIDDEN_KEYS} key. */
export function forbiddenKeyMessage(key: string): string {
  return `the key ${
    JSON.stringify(key)
  } is not allowed (it has a special meaning for JavaScript objects); rename or remove it`;
}

/** Reports every {@link FORBIDDEN_KEYS} own key anywhere in `value` (objects built in code). */
export function checkForbiddenKeys(c: Checker, value: unknown): void {
  const visited = new Set<object>();
  const walk = (node: unknown, at: Segment[]): void => {
    if (typeof node !== "object" || node === null || visited.has(node)) return;
    visited.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...at, index]));
      return;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) c.error([...at, key], forbiddenKeyMessage(key));
      else walk((node as Dict)[key], [...at, key]);
    }
  };
  walk(value, []);
}

/** The u32 upper bound. */
export const U32_MAX = 4_294_967_295;

/** Collects issues while reading fields. */
export class Checker {
  /** Issues found so far, in discovery order. */
  readonly issues: RawIssue[] = [];

  /** Records an error. */
  error(segments: readonly Segment[], message: string): void {
    this.issues.push({ segments: [...segments], message, severity: "error" });
  }

  /** Records a warning. */
  warn(segments: readonly Segment[], message: string): void {
    this.issues.push({ segments: [...segments], message, severity: "warning" });
  }

  /** Reports keys of `dict` outside `known`, as warnings (server ignores) or errors (rejects). */
  unknownKeys(
    dict: Dict,
    path: readonly Segment[],
    known: readonly string[],
    severity: ManifestIssueSeverity = "warning",
  ): void {
    for (const key of Object.keys(dict)) {
      if (known.includes(key)) continue;
      if (severity === "error") {
        this.error([...path, key], "unknown field; the orchestrator rejects it");
      } else {
        this.warn([...path, key], "unknown field; the orchestrator ignores it");
      }
    }
  }

  /**
   * Reads `parent[key]` as a mapping. Missing -> `undefined` (error when required); anything
   * other than a mapping -> error and `undefined`.
   */
  dict(parent: Dict, key: string, path: readonly Segment[], required = false): Dict | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (value === undefined) {
      if (required) this.error(at, "is required");
      return undefined;
    }
    if (!isDict(value)) {
      this.error(at, `must be a mapping (object), got ${describeType(value)}`);
      return undefined;
    }
    return value;
  }

  /** Reads `parent[key]` as a list; same reporting rules as {@link Checker.dict}. */
  list(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    required = false,
  ): unknown[] | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (value === undefined) {
      if (required) this.error(at, "is required");
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.error(at, `must be a list, got ${describeType(value)}`);
      return undefined;
    }
    return value;
  }

  /**
   * Reads `parent[key]` as a list of mappings: runs `check` on each mapping with its path, and
   * reports every other element with `rule.message` ("must be a mapping with a 'name'").
   * Returns the list, as {@link Checker.list} does.
   */
  eachMapping(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: { message: string; required?: boolean },
    check: (item: Dict, here: Segment[], index: number) => void,
  ): unknown[] | undefined {
    const items = this.list(parent, key, path, rule.required);
    items?.forEach((item, index) => {
      const here = [...path, key, index];
      if (isDict(item)) check(item, here, index);
      else this.error(here, rule.message);
    });
    return items;
  }

  /** Reads `parent[key]` as a string, applying `rule`. */
  string(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: StringRule = {},
  ): string | undefined {
    return this.stringValue(parent[key], [...path, key], rule);
  }

  /** Checks a string value at `at`, applying `rule`. */
  stringValue(value: unknown, at: readonly Segment[], rule: StringRule = {}): string | undefined {
    if (value === undefined) {
      if (rule.required) this.error(at, "is required");
      return undefined;
    }
    if (typeof value !== "string") {
      const hint = typeof value === "number" || typeof value === "boolean"
        ? " (quote it in YAML)"
        : "";
      this.error(at, `must be a string, got ${describeType(value)}${hint}`);
      return undefined;
    }
    if (rule.nonBlank && value.trim() === "") {
      this.error(at, "must not be empty or blank");
      return undefined;
    }
    if (rule.noControl && hasControlCharacter(value)) {
      this.error(at, "must not contain control characters (CR, LF, NUL, \u2026)");
      return undefined;
    }
    return value;
  }

  /** Reads `parent[key]` as one of `allowed`. */
  enumeration<T extends string>(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    allowed: readonly T[],
    required = false,
  ): T | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (value === undefined) {
      if (required) this.error(at, "is required");
      return undefined;
    }
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.error(
        at,
        `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${
          describeValue(value)
        }`,
      );
      return undefined;
    }
    return value as T;
  }

  /** Reads `parent[key]` as a non-negative (by default) safe integer within `rule`'s bounds. */
  integer(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: IntegerRule = {},
  ): number | undefined {
    const value = parent[key];
    const at = [...path, key];
    const min = rule.min ?? 0;
    const max = rule.max ?? Number.MAX_SAFE_INTEGER;
    const kind = rule.kind ?? "integer";
    if (value === undefined) {
      if (rule.required) this.error(at, "is required");
      return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.error(at, `must be an integer (${kind}), got ${describeValue(value)}`);
      return undefined;
    }
    if (value < min || value > max) {
      this.error(at, `must be between ${min} and ${max} (${kind}), got ${value}`);
      return undefined;
    }
    return value;
  }

  /** Reads `parent[key]` as a finite number; outside `[min, max]` is a warning. */
  number(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: { required?: boolean; min?: number; max?: number } = {},
  ): number | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (value === undefined) {
      if (rule.required) this.error(at, "is required");
      return undefined;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.error(at, `must be a finite number, got ${describeValue(value)}`);
      return undefined;
    }
    if (
      (rule.min !== undefined && value < rule.min) || (rule.max !== undefined && value > rule.max)
    ) {
      this.warn(
        at,
        `is usually between ${rule.min ?? "-\u221e"} and ${rule.max ?? "\u221e"}, got ${value}`,
      );
    }
    return value;
  }

  /** Reads `parent[key]` as a boolean. */
  boolean(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    required = false,
  ): boolean | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (value === undefined) {
      if (required) this.error(at, "is required");
      return undefined;
    }
    if (typeof value !== "boolean") {
      this.error(at, `must be true or false, got ${describeValue(value)}`);
      return undefined;
    }
    return value;
  }

  /**
   * Reads `parent[key]` as a string -> string map. Keys must be non-empty; `noControlKeys` /
   * `noControlValues` reject control characters. Values are never echoed (they may be secrets).
   */
  stringMap(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: { noControlKeys?: boolean; noControlValues?: boolean } = {},
  ): Record<string, string> | undefined {
    const map = this.dict(parent, key, path);
    if (map === undefined) return undefined;
    const at = [...path, key];
    let ok = true;
    for (const [entryKey, entryValue] of Object.entries(map)) {
      if (entryKey.trim() === "") {
        this.error([...at, entryKey], "key must not be empty or blank");
        ok = false;
      } else if (rule.noControlKeys && hasControlCharacter(entryKey)) {
        this.error(
          [...at, maskControlCharacters(entryKey)],
          "key must not contain control characters (CR, LF, NUL, \u2026)",
        );
        ok = false;
        continue;
      }
      if (typeof entryValue !== "string") {
        const hint = typeof entryValue === "number" || typeof entryValue === "boolean"
          ? " (quote it in YAML)"
          : "";
        this.error([...at, entryKey], `must be a string, got ${describeType(entryValue)}${hint}`);
        ok = false;
      } else if (rule.noControlValues && hasControlCharacter(entryValue)) {
        this.error([...at, entryKey], "must not contain control characters (CR, LF, NUL, \u2026)");
        ok = false;
      }
    }
    return ok ? map as Record<string, string> : undefined;
  }

  /** Reads `parent[key]` as a list of strings. Duplicates are warnings. */
  stringList(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    rule: StringRule = {},
  ): string[] | undefined {
    const list = this.list(parent, key, path, rule.required);
    if (list === undefined) return undefined;
    const at = [...path, key];
    const seen = new Set<string>();
    let ok = true;
    list.forEach((item, index) => {
      const text = this.stringValue(item, [...at, index], { ...rule, required: true });
      if (text === undefined) {
        ok = false;
        return;
      }
      if (seen.has(text)) this.warn([...at, index], "duplicate entry");
      seen.add(text);
    });
    return ok ? list as string[] : undefined;
  }

  /**
   * Reads `parent[key]` as a size: bare bytes or a `Ki`/`Mi`/`Gi` suffix (`512Mi`, `1Gi`,
   * `1048576`).
   */
  size(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    required = false,
  ): string | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
      this.error(at, `must be a string such as "${value}" or "512Mi" (quote it in YAML)`);
      return undefined;
    }
    const text = this.stringValue(value, at, { required });
    if (text === undefined) return undefined;
    if (!/^[0-9]+(Ki|Mi|Gi)?$/.test(text)) {
      this.error(
        at,
        `must be bytes or a Ki/Mi/Gi size such as "512Mi" or "1Gi", got ${describeValue(text)}`,
      );
      return undefined;
    }
    return text;
  }

  /** Reads `parent[key]` as a simple duration: `60s`, `5m`, `1h` or bare seconds. */
  simpleDuration(
    parent: Dict,
    key: string,
    path: readonly Segment[],
    severity: ManifestIssueSeverity = "error",
  ): string | undefined {
    const value = parent[key];
    const at = [...path, key];
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
      this.error(at, `must be a string such as "${value}s" (quote it in YAML)`);
      return undefined;
    }
    const text = this.stringValue(value, at);
    if (text === undefined) return undefined;
    if (!/^[0-9]+[smh]?$/.test(text)) {
      const message = `must be a duration such as "60s", "5m", "1h" or bare seconds, got ${
        describeValue(text)
      }`;
      if (severity === "error") this.error(at, message);
      else this.warn(at, message);
      return undefined;
    }
    return text;
  }

  /** Reads `parent[key]` as a humantime duration (`5m`, `1h 30m`, `500ms`, `2days`). */
  humanDuration(parent: Dict, key: string, path: readonly Segment[]): string | undefined {
    const at = [...path, key];
    const text = this.stringValue(parent[key], at);
    if (text === undefined) return undefined;
    if (!HUMANTIME.test(text.trim())) {
      this.error(
        at,
        `must be a duration such as "30s", "5m" or "1h 30m", got ${describeValue(text)}`,
      );
      return undefined;
    }
    return text;
  }

  /** Reads `parent[key]` as an absolute `http:` or `https:` URL. */
  httpUrl(parent: Dict, key: string, path: readonly Segment[], required = false): void {
    const at = [...path, key];
    const text = this.stringValue(parent[key], at, { required, nonBlank: true });
    if (text === undefined) return;
    let protocol: string;
    try {
      protocol = new URL(text).protocol;
    } catch {
      this.error(at, "must be an absolute URL");
      return;
    }
    if (protocol !== "http:" && protocol !== "https:") {
      this.error(at, `must be an http(s) URL, got scheme ${JSON.stringify(protocol)}`);
    }
  }
}

const HUMANTIME_UNIT =
  "(?:nsec|ns|usec|us|\u00b5s|msec|ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|w|months|month|M|years|year|y)";
const HUMANTIME = /* @__PURE__ */ (() => new RegExp(`^(?:[0-9]+\\s*${HUMANTIME_UNIT}\\s*)+$`))();

/** Converts raw issues to public ones, errors first. */
export function toPublicIssues(raw: readonly RawIssue[]): ManifestIssue[] {
  const sorted = [
    ...raw.filter((issue) => issue.severity === "error"),
    ...raw.filter((issue) => issue.severity === "warning"),
  ];
  return sorted.map((issue) => ({
    path: formatPath(issue.segments),
    message: issue.message,
    severity: issue.severity,
  }));
}
