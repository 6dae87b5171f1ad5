import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisError,
  formatManifestIssue,
  ManifestFileError,
  ManifestValidationError,
} from "../../manifest/mod.ts";

describe("manifest errors", () => {
  it("formats an issue with its path and position", () => {
    assert.equal(
      formatManifestIssue({
        path: "kind",
        message: 'must be "Agent"',
        severity: "error",
        line: 2,
        column: 7,
      }),
      'kind: must be "Agent" (line 2, column 7)',
    );
    assert.equal(
      formatManifestIssue({ path: "", message: "the document is empty", severity: "error" }),
      "(document): the document is empty",
    );
  });

  it("lists the errors in the message and keeps every issue", () => {
    const error = new ManifestValidationError([
      { path: "metadata.name", message: "is required", severity: "error", line: 3 },
      { path: "metadata.tags", message: "ignored", severity: "warning" },
    ], { subject: "agent manifest", source: "agent.yaml" });
    assert.ok(error instanceof AegisError);
    assert.equal(error.issues.length, 2);
    assert.equal(error.subject, "agent manifest");
    assert.equal(error.source, "agent.yaml");
    assert.equal(
      error.message,
      "invalid agent manifest (agent.yaml): 1 error, 1 warning\n  - metadata.name: is required (line 3)",
    );
  });

  it("wraps file errors with the path and operation", () => {
    const cause = new Error("ENOENT");
    const error = new ManifestFileError("read", "./a.yaml", cause);
    assert.ok(error instanceof AegisError);
    assert.equal(error.message, "cannot read manifest file ./a.yaml: ENOENT");
    assert.equal(error.cause, cause);
    assert.equal(error.operation, "read");
  });
});
