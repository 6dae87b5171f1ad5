/**
 * A small block-style YAML writer for JSON-shaped data (manifests after validation). It is all
 * the SDK needs to write YAML, so code that only writes manifests (the client registering a
 * workflow object) never bundles a YAML library.
 *
 * Strings are written plain only when every YAML 1.1 and 1.2 parser (PyYAML, serde_yaml, npm
 * `yaml`) reads them back as the same string; multi-line text becomes a literal block (`|`);
 * everything else is double-quoted with JSON escapes, which YAML accepts.
 *
 * @module
 */

import { isRecord } from "../internal/guards.ts";

/** Characters a plain scalar may hold here (a conservative subset of what YAML allows). */
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_ ./@+=(),:-]*$/;
/** Booleans and nulls of YAML 1.1 and 1.2, which a plain string must not spell. */
const RESERVED = /^(?:y|n|yes|no|true|false|on|off|null|~|=)$/i;
/** Numbers (1.1: underscores, sexagesimal `1:20`, `0b`/`0o`/`0x`) and dates. */
const NUMERIC =
  /^[-+]?(?:[0-9_.:]*(?:[eE][-+]?[0-9_]+)?|0[xob][0-9a-fA-F_]+|\.(?:inf|nan))$|^\d{4}-\d\d?-\d\d?/i;
/** Characters a literal block cannot carry (YAML would need an escape for them). */
// deno-lint-ignore no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;
/** Characters JSON leaves raw but a YAML double-quoted scalar must escape. */
const YAML_ONLY_ESCAPES = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Writes `value` (JSON-shaped: no `undefined` in arrays, no cycles) as a YAML document. */
export function writeYaml(value: unknown): string {
  if (isBlockCollection(value)) return block(value, "") + "\n";
  // Indented, so that a line "---" or "..." in a literal block is not a document marker.
  return scalar(value, "  ") + "\n";
}

function isBlockCollection(value: unknown): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return value.length > 0;
  return isRecord(value) && Object.values(value).some((v) => v !== undefined);
}

/** A non-empty mapping or sequence, its first line unindented, the rest at `indent`. */
function block(value: unknown[] | Record<string, unknown>, indent: string): string {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      lines.push(
        "- " + (isBlockCollection(item) ? block(item, indent + "  ") : scalar(item, indent + "  ")),
      );
    }
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const name = string(key, indent, false);
      if (isBlockCollection(item)) {
        const nested = indent + "  ";
        lines.push(`${name}:\n${nested}${block(item, nested)}`);
      } else {
        lines.push(`${name}: ${scalar(item, indent + "  ")}`);
      }
    }
  }
  return lines.join("\n" + indent);
}

/** A scalar or empty collection; `indent` is where a literal block's lines go. */
function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as YAML`);
    return JSON.stringify(value);
  }
  if (typeof value === "string") return string(value, indent, true);
  if (Array.isArray(value)) return "[]";
  if (isRecord(value)) return "{}";
  throw new TypeError(`cannot write a ${typeof value} as YAML`);
}

function string(text: string, indent: string, allowBlock: boolean): string {
  if (PLAIN.test(text) && !RESERVED.test(text) && !NUMERIC.test(text) && plainEnds(text)) {
    return text;
  }
  if (allowBlock && literalFits(text)) return literal(text, indent);
  return JSON.stringify(text).replace(
    YAML_ONLY_ESCAPES,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

/**
 * No trailing space or colon, no `: ` inside (it would start a mapping), and no leading `...`
 * (at the start of a line, `... ` ends the document).
 */
function plainEnds(text: string): boolean {
  return !text.endsWith(" ") && !text.endsWith(":") && !text.includes(": ") &&
    !text.startsWith("...");
}

/** Multi-line text whose lines a literal block keeps exactly. */
function literalFits(text: string): boolean {
  if (!text.includes("\n") || text.includes("\r") || UNPRINTABLE.test(text)) return false;
  // A leading space or tab on the first non-empty line would need an indentation indicator; lines of
  // nothing but spaces read back as empty; a block with no content line loses its line breaks.
  if (/^\n*[ \t]/.test(text) || !/\S/.test(text)) return false;
  return text.split("\n").every((line) => line === "" || /\S/.test(line));
}

function literal(text: string, indent: string): string {
  const trailing = /\n*$/.exec(text)![0].length;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? text : text.slice(0, text.length - 1);
  const lines = body.split("\n").map((line) => (line === "" ? "" : indent + line));
  return `|${chomp}\n${lines.join("\n")}`;
}
