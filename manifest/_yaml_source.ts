/**
 * Internal YAML reading shared by agent and workflow manifests: parses text, turns syntax errors
 * into {@link ManifestValidationError}s with line and column, and maps validation paths back onto
 * source positions.
 *
 * @module
 */

import { type Document, LineCounter, parseDocument } from "yaml";
import { formatPath, type RawIssue, type Segment } from "./_check.ts";
import { AegisError } from "../client/core/errors.ts";
import { type ManifestIssue, ManifestValidationError } from "./error.ts";

/** Parsed YAML text plus a way to find where a path lives in the source. */
export interface YamlSource {
  /** The document as plain JSON-like data. */
  value: unknown;
  /** 1-based line/column of the deepest existing node on `segments`. */
  locate(segments: readonly Segment[]): { line: number; column: number } | undefined;
}

/** Options shared by the parse functions. */
export interface ParseOptions {
  /** File name or other label shown in error messages. */
  source?: string;
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

/** Parses `text` as one YAML (or JSON) document; throws on syntax errors. */
export function readYaml(text: string, subject: string, options: ParseOptions = {}): YamlSource {
  if (typeof text !== "string") {
    throw new ManifestValidationError(
      [{ path: "", message: "manifest text must be a string", severity: "error" }],
      { subject, source: options.source },
    );
  }
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw explainPermissionError(error);
  }
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const issues: ManifestIssue[] = doc.errors.map((error) => ({
      path: "",
      message: error.code === "MULTIPLE_DOCS"
        ? "a manifest must be a single YAML document (found a '---' separator)"
        : `YAML syntax error (${error.code}): ${safeYamlMessage(error.message)}`,
      severity: "error",
      ...position(error.pos[0]),
    }));
    throw new ManifestValidationError(issues, { subject, source: options.source });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? safeYamlMessage(error.message) : "cannot be read";
    throw new ManifestValidationError(
      [{ path: "", message: `YAML document ${message}`, severity: "error" }],
      { subject, source: options.source, cause: error },
    );
  }
  if (value === null || value === undefined) {
    throw new ManifestValidationError(
      [{ path: "", message: "the document is empty", severity: "error" }],
      { subject, source: options.source },
    );
  }
  return {
    value,
    locate(segments) {
      for (let depth = segments.length; depth >= 0; depth--) {
        const node = depth === 0 ? doc.contents : doc.getIn(segments.slice(0, depth), true);
        const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
        if (range) return position(range[0]);
      }
      return undefined;
    },
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
