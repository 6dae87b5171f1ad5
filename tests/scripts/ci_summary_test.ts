// The CI's test counts (.ci/summary.mjs) read the JUnit reports of Deno, Node and Bun. A count
// that is off hides tests that stopped running, so the parser is checked on the reports' odd
// parts: Node writes a test named "x > 0" with a bare ">" in the attribute.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../../.ci/summary.mjs", import.meta.url));

/** Runs the summary on reports with these contents; its stdout line and exit status. */
function summarize(runtime: string, ...reports: string[]): { line: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), "aegis-ci-summary-"));
  try {
    const files = reports.map((xml, i) => {
      const file = join(dir, `report-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const result = spawnSync("node", [script, runtime, ...files], { encoding: "utf8" });
    return { line: result.stdout.trim(), status: result.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(".ci/summary.mjs counts every test case", () => {
  it("reads a Node report whose test names hold '>'", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="validation" tests="5">
    <testcase name="rejects: interval seconds > 0" time="0.1" classname="test"/>
    <testcase name="rejects: tools list" time="0.1" classname="test"/>
    <testcase name="a -> b" time="0.1" classname="test"/>
    <testcase name="skipped one" time="0" classname="test">
      <skipped type="skipped" message="not here"/>
    </testcase>
    <testcase name="fails" time="0.1" classname="test">
      <failure type="testCodeFailure" message="boom">boom</failure>
    </testcase>
  </testsuite>
</testsuites>`;
    assert.deepEqual(summarize("node20", xml), {
      line: "node20: 3 passed, 1 failed, 1 skipped",
      status: 1,
    });
  });

  it("counts Deno's steps, not the test that holds them", () => {
    const xml = `<testsuites>
  <testsuite name="./tests/a_test.ts" tests="3">
    <testcase name="suite" classname="./tests/a_test.ts"/>
    <testcase name="suite &gt; step one" classname="./tests/a_test.ts"/>
    <testcase name="suite &gt; step two" classname="./tests/a_test.ts"/>
    <testcase name="alone" classname="./tests/a_test.ts"/>
  </testsuite>
</testsuites>`;
    assert.deepEqual(summarize("deno", xml), { line: "deno: 3 passed, 0 failed", status: 0 });
  });

  it("counts a missing report as a failure", () => {
    const result = spawnSync("node", [script, "bun", join(tmpdir(), "no-such-report.xml")], {
      encoding: "utf8",
    });
    assert.equal(result.stdout.trim(), "bun: 0 passed, 1 failed");
    assert.equal(result.status, 1);
  });
});
