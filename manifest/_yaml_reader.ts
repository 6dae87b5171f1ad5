/**
 * Reading manifest YAML safely: parses text into plain data within fixed bounds (input size,
 * size after alias expansion, nesting depth, time linear in the input), refuses keys that mean
 * something special to JavaScript objects, turns syntax errors into
 * {@link ManifestValidationError}s with line and column, and maps validation paths back onto
 * source positions.
 *
 * The `yaml` package builds the syntax tree; the conversion to plain data is done here, not by
 * the package's `toJS`, whose duplicate-key check is quadratic in the keys of one mapping and
 * whose alias resolution is quadratic in the number of aliases.
 *
 * @module
 */

import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from "yaml";
import {
  FORBIDDEN_KEYS,
  forbiddenKeyMessage,
  formatPath,
  type RawIssue,
  type Segment,
} from "./_checker.ts";
import { AegisError } from "../errors.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";

/** Parsed YAML text plus a way to find where a path lives in the source. */
export interface YamlSource {
  /** The document as plain JSON-like data. */
  value: unknown;
  /** 1-based line/column of the deepest existing node on `segments`. */
  locate(segments: readonly Segment[]): { line: number; column: number } | undefined;
}

/** Default of {@link ParseOptions.maxBytes}: 1 MiB. */
export const DEFAULT_MAX_MANIFEST_BYTES = 1_048_576;

/** Deepest nesting of mappings and lists a manifest may have. */
const MAX_DEPTH = 128;

/**
 * Options shared by the parse functions.
 *
 * @example
 * ```ts
 * import { parseManifest, type ParseOptions } from "@aegis/sdk/manifest";
 *
 * const options: ParseOptions = { source: "agent.yaml", maxBytes: 64 * 1024 };
 * try {
 *   parseManifest("kind: Agent", options);
 * } catch (error) {
 *   console.log((error as Error).message.includes("agent.yaml")); // true
 * }
 * ```
 */
export interface ParseOptions {
  /** File name or other label shown in error messages. */
  source?: string;
  /**
   * Largest document accepted, in UTF-8 bytes; default 1 MiB (1,048,576). The same bound applies
   * to the document's size once YAML aliases (`*name`) are expanded, so a small text cannot stand
   * for a huge manifest. Larger input is refused with a {@link ManifestValidationError} before
   * it is parsed.
   */
  maxBytes?: number;
}

/**
 * The YAML library's own messages can quote the offending source line, which may hold a secret
 * (an env value, a webhook header), so only the first sentence, without any excerpt, is kept.
 */
function safeYamlMessage(message: string): string {
  const firstLine = message.split("\n")[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, "").trim();
}

/**
 * The `yaml` package's Node build reads the `LOG_TOKENS` and `LOG_STREAM` environment variables
 * while parsing, which Deno refuses without env permission. The raw `NotCapable` error names only
 * one variable and not the cause, so it is replaced by one that says what to grant.
 */
function explainPermissionError(error: unknown): unknown {
  const name = error instanceof Error ? error.name : "";
  if (name !== "NotCapable" && name !== "PermissionDenied") return error;
  return new AegisError(
    "parsing YAML needs read access to the LOG_TOKENS and LOG_STREAM environment variables " +
      "(the yaml package checks them); run Deno with --allow-env=LOG_TOKENS,LOG_STREAM",
    { cause: error },
  );
}

/** UTF-8 length of `text`, without encoding it when its length alone decides. */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit || text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Converts the syntax tree to plain data, enforcing the bounds and collecting problems. */
class Converter {
  readonly issues: ManifestIssue[] = [];
  /** Anchor name -> node, updated in document order (a later anchor of the same name wins). */
  readonly #anchors = new Map<string, Node>();
  /** Alias -> the node it stood for when it was read. */
  readonly aliasTargets = new Map<Node, Node>();
  /** Converted value and expanded size of every anchored node. */
  readonly #done = new Map<Node, { value: unknown; size: number }>();
  readonly #inProgress = new Set<Node>();
  #stopped = false;

  constructor(
    readonly maxBytes: number,
    readonly position: (offset: number) => { line: number; column: number },
  ) {}

  #fail(node: unknown, segments: readonly Segment[], message: string): void {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    this.issues.push({
      path: formatPath(segments),
      message,
      severity: "error",
      ...(range ? this.position(range[0]) : {}),
    });
  }

  /** Stops the conversion: a bound was exceeded, and going on would only waste work. */
  #stop(node: unknown, segments: readonly Segment[], message: string): void {
    this.#fail(node, segments, message);
    this.#stopped = true;
  }

  /** Returns the value of `node` and its expanded size (characters, roughly as JSON). */
  convert(node: unknown, segments: Segment[], depth: number): { value: unknown; size: number } {
    if (this.#stopped) return { value: null, size: 0 };
    if (node === null || node === undefined) return { value: null, size: 4 };
    if (depth > MAX_DEPTH) {
      this.#stop(node, segments, `is nested more than ${MAX_DEPTH} levels deep`);
      return { value: null, size: 0 };
    }
    if (isAlias(node)) {
      const target = this.#anchors.get(node.source);
      if (target === undefined) {
        this.#fail(node, segments, `refers to an undefined anchor "&${node.source}"`);
        return { value: null, size: 0 };
      }
      this.aliasTargets.set(node, target);
      if (this.#inProgress.has(target)) {
        this.#fail(node, segments, `refers to "&${node.source}" from inside itself`);
        return { value: null, size: 0 };
      }
      return this.#done.get(target) ?? { value: null, size: 0 };
    }
    const anchored = node as Node;
    if (anchored.anchor) {
      this.#anchors.set(anchored.anchor, anchored);
      this.#inProgress.add(anchored);
    }
    const result = this.#convertNode(anchored, segments, depth);
    if (anchored.anchor) {
      this.#inProgress.delete(anchored);
      this.#done.set(anchored, result);
    }
    if (result.size > this.maxBytes && !this.#stopped) {
      this.#stop(
        node,
        segments,
        `expands (through YAML aliases) to more than ${this.maxBytes} bytes, the size limit`,
      );
    }
    return result;
  }

  #convertNode(node: Node, segments: Segment[], depth: number): { value: unknown; size: number } {
    if (isScalar(node)) return this.#scalar(node);
    if (isSeq(node)) {
      const value: unknown[] = [];
      let size = 2;
      node.items.forEach((item, index) => {
        segments.push(index);
        const converted = this.convert(item, segments, depth + 1);
        segments.pop();
        value.push(converted.value);
        size += converted.size + 1;
      });
      return { value, size };
    }
    if (isMap(node)) return this.#map(node as YAMLMap, segments, depth);
    this.#fail(node, segments, "is not a mapping, list or scalar");
    return { value: null, size: 0 };
  }

  #scalar(node: Scalar): { value: unknown; size: number } {
    const value = node.value;
    if (typeof value === "string") return { value, size: value.length + 2 };
    if (value === null || value === undefined) return { value: null, size: 4 };
    return { value, size: String(value).length };
  }

  #map(node: YAMLMap, segments: Segment[], depth: number): { value: unknown; size: number } {
    const value: Record<string, unknown> = {};
    const seen = new Set<string>();
    let size = 2;
    for (const pair of node.items) {
      if (this.#stopped) break;
      if (!isPair(pair)) continue;
      const keyNode = pair.key;
      let key: string;
      if (keyNode === null || keyNode === undefined) key = "";
      else if (isScalar(keyNode)) key = keyNode.value === null ? "" : String(keyNode.value);
      else if (isAlias(keyNode)) {
        this.#fail(keyNode, segments, "mapping keys must be written out, not YAML aliases");
        continue;
      } else {
        this.#fail(keyNode, segments, "mapping keys must be plain scalars, not mappings or lists");
        continue;
      }
      segments.push(key);
      if (FORBIDDEN_KEYS.has(key)) {
        this.#fail(keyNode, segments, forbiddenKeyMessage(key));
      } else if (seen.has(key)) {
        this.#fail(keyNode, segments, "YAML syntax error (DUPLICATE_KEY): map keys must be unique");
      } else {
        seen.add(key);
        const converted = this.convert(pair.value, segments, depth + 1);
        value[key] = converted.value;
        size += key.length + converted.size + 4;
      }
      segments.pop();
    }
    return { value, size };
  }
}

/** Parses `text` as one YAML (or JSON) document within the bounds; throws on any problem. */
export function readYaml(text: string, subject: string, options: ParseOptions = {}): YamlSource {
  const fail = (issues: ManifestIssue[], cause?: unknown): never => {
    throw new ManifestValidationError(issues, { subject, source: options.source, cause });
  };
  if (typeof text !== "string") {
    fail([{ path: "", message: "manifest text must be a string", severity: "error" }]);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, got ${String(maxBytes)}`);
  }
  const bytes = utf8Length(text, maxBytes);
  if (bytes > maxBytes) {
    fail([{
      path: "",
      message: `the document is larger than the ${maxBytes}-byte limit (${
        text.length > maxBytes ? "at least " : ""
      }${bytes} bytes); pass a larger maxBytes to accept it`,
      severity: "error",
    }]);
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    // Duplicate keys are found while converting (linear); the library's check is quadratic.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    if (error instanceof RangeError) {
      return fail(
        [{ path: "", message: "the document is nested too deeply", severity: "error" }],
        error,
      );
    }
    throw explainPermissionError(error);
  }
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    fail(doc.errors.map((error) => ({
      path: "",
      message: error.code === "MULTIPLE_DOCS"
        ? "a manifest must be a single YAML document (found a '---' separator)"
        : `YAML syntax error (${error.code}): ${safeYamlMessage(error.message)}`,
      severity: "error",
      ...position(error.pos[0]),
    })));
  }
  const converter = new Converter(maxBytes, position);
  const { value } = converter.convert(doc.contents, [], 0);
  if (converter.issues.length > 0) fail(converter.issues);
  if (value === null || value === undefined) {
    fail([{ path: "", message: "the document is empty", severity: "error" }]);
  }
  return { value, locate: locator(doc, converter.aliasTargets, position) };
}

/** Finds source positions by path, indexing each mapping once so lookups stay cheap. */
function locator(
  doc: Document,
  aliasTargets: ReadonlyMap<Node, Node>,
  position: (offset: number) => { line: number; column: number },
): YamlSource["locate"] {
  const indexes = new WeakMap<YAMLMap, Map<string, unknown>>();
  const child = (node: unknown, segment: Segment): unknown => {
    let current = node;
    if (isAlias(current)) current = aliasTargets.get(current as Node);
    if (isSeq(current)) return typeof segment === "number" ? current.items[segment] : undefined;
    if (!isMap(current)) return undefined;
    const map = current as YAMLMap;
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        const name = key === null || key === undefined ? "" : String(key);
        if (!index.has(name)) index.set(name, pair.value ?? pair.key);
      }
      indexes.set(map, index);
    }
    return index.get(String(segment));
  };
  return (segments) => {
    let best = (doc.contents as { range?: [number, number, number] } | null)?.range;
    let node: unknown = doc.contents;
    for (const segment of segments) {
      node = child(node, segment);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range === undefined) break;
      best = range;
    }
    return best ? position(best[0]) : undefined;
  };
}

/** Attaches source positions to raw issues and orders them errors first. */
export function positionedIssues(raw: readonly RawIssue[], source: YamlSource): ManifestIssue[] {
  const ordered = [
    ...raw.filter((issue) => issue.severity === "error"),
    ...raw.filter((issue) => issue.severity === "warning"),
  ];
  return ordered.map((issue) => ({
    path: formatPath(issue.segments),
    message: issue.message,
    severity: issue.severity,
    ...source.locate(issue.segments),
  }));
}
