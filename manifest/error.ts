/**
 * Errors raised by the manifest module.
 *
 * @module
 */

import { AegisError } from "../errors.ts";

/** How serious a {@link ManifestIssue} is: only `"error"` issues make validation throw. */
export type ManifestIssueSeverity = "error" | "warning";

/**
 * One problem found in a manifest.
 *
 * @example
 * ```ts
 * import type { ManifestIssue } from "@aegis/sdk/manifest";
 *
 * const issue: ManifestIssue = {
 *   path: "spec.runtime.image",
 *   message: "must contain '/' (registry/repository[:tag])",
 *   severity: "error",
 * };
 * console.log(`${issue.path}: ${issue.message}`);
 * ```
 */
export interface ManifestIssue {
  /**
   * Where the problem is, e.g. `spec.runtime.image`, `spec.tools[2]` or
   * `metadata.labels["app.kubernetes.io/name"]`. Empty for the document itself.
   */
  path: string;
  /** What is wrong. Never contains the offending value when that value could be a secret. */
  message: string;
  /** `"error"` makes validation throw; `"warning"` is advice (e.g. a field the server ignores). */
  severity: ManifestIssueSeverity;
  /** 1-based source line, when the manifest was parsed from text. */
  line?: number;
  /** 1-based source column, when the manifest was parsed from text. */
  column?: number;
}

/**
 * Renders one issue as `path: message (line L, column C)`.
 *
 * @example
 * ```ts
 * import { formatManifestIssue } from "@aegis/sdk/manifest";
 *
 * const text = formatManifestIssue({ path: "kind", message: "must be \"Agent\"", severity: "error", line: 2, column: 7 });
 * console.log(text); // kind: must be "Agent" (line 2, column 7)
 * ```
 */
export function formatManifestIssue(issue: ManifestIssue): string {
  const where = issue.path === "" ? "(document)" : issue.path;
  const position = issue.line === undefined
    ? ""
    : ` (line ${issue.line}${issue.column === undefined ? "" : `, column ${issue.column}`})`;
  return `${where}: ${issue.message}${position}`;
}

/**
 * A manifest (agent or workflow) failed validation or could not be parsed. `issues` holds every
 * problem found, errors and warnings alike; the message lists the errors.
 *
 * @example Report every problem at once
 * ```ts
 * import { ManifestValidationError, validateManifest } from "@aegis/sdk/manifest";
 *
 * try {
 *   validateManifest({ apiVersion: "v0", kind: "Agent" });
 * } catch (error) {
 *   if (error instanceof ManifestValidationError) {
 *     for (const issue of error.issues) console.log(issue.severity, issue.path, issue.message);
 *   }
 * }
 * ```
 */
export class ManifestValidationError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "ManifestValidationError";
  /** Every problem found, errors first in document order, then warnings. */
  readonly issues: ManifestIssue[];
  /** What was validated, e.g. `"agent manifest"` or `"workflow manifest"`. */
  readonly subject: string;
  /** File the manifest came from, when it was loaded from disk. */
  readonly source: string | undefined;

  /** Creates the error from the issues found; the message lists the `"error"` issues. */
  constructor(
    issues: ManifestIssue[],
    options?: { subject?: string; source?: string; cause?: unknown },
  ) {
    const subject = options?.subject ?? "manifest";
    const errors = issues.filter((issue) => issue.severity === "error");
    const warnings = issues.length - errors.length;
    const listed = errors.length > 0 ? errors : issues;
    const from = options?.source === undefined ? "" : ` (${options.source})`;
    const count = `${errors.length} error${errors.length === 1 ? "" : "s"}` +
      (warnings > 0 ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : "");
    const lines = listed.map((issue) => `  - ${formatManifestIssue(issue)}`).join("\n");
    super(`invalid ${subject}${from}: ${count}\n${lines}`, { cause: options?.cause });
    this.issues = issues;
    this.subject = subject;
    this.source = options?.source;
  }
}

/**
 * A manifest file could not be read or written (missing file, permission denied, ...).
 *
 * @example
 * ```ts
 * import { ManifestFileError } from "@aegis/sdk/manifest";
 *
 * const error = new ManifestFileError("read", "./agent.yaml", new Error("ENOENT"));
 * console.log(error.message, error.path);
 * ```
 */
export class ManifestFileError extends AegisError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "ManifestFileError";
  /** The file that could not be accessed. */
  readonly path: string;
  /** Whether reading or writing failed. */
  readonly operation: "read" | "write";

  /** Creates the error; the underlying runtime error is kept as `cause`. */
  constructor(operation: "read" | "write", path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot ${operation} manifest file ${path}: ${reason}`, { cause });
    this.path = path;
    this.operation = operation;
  }
}
