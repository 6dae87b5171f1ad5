import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_RUNTIME_REGISTRY, defaultRuntimeVersion } from "../../manifest/mod.ts";

describe("runtime registry", () => {
  it("lists the orchestrator's default languages and versions, newest last", () => {
    assert.deepEqual(Object.keys(DEFAULT_RUNTIME_REGISTRY), [
      "python",
      "javascript",
      "typescript",
      "rust",
      "go",
    ]);
    assert.deepEqual(DEFAULT_RUNTIME_REGISTRY.python, ["3.9", "3.10", "3.11"]);
    assert.ok(Object.isFrozen(DEFAULT_RUNTIME_REGISTRY));
  });

  it("picks the newest version of a registry language, nothing for others", () => {
    assert.equal(defaultRuntimeVersion("python"), "3.11");
    assert.equal(defaultRuntimeVersion("go"), "1.21");
    assert.equal(defaultRuntimeVersion("cobol"), undefined);
    assert.equal(defaultRuntimeVersion("toString"), undefined);
  });
});
