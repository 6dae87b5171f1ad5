// Prints "<runtime>: N passed, N failed[, N skipped]" from JUnit XML reports (Deno, Node's test
// runner, Bun), counting leaf test cases only (a `describe` block that has steps is not a test of
// its own). A report that is missing or unreadable counts as one failure: the runner crashed.
//
// Usage: node .ci/summary.mjs <runtime> [--exit-code=N] <junit.xml>...
//        (--exit-code: the runner's exit status; non-zero with no failing test case in the reports
//        counts as one failure, e.g. a module that failed to load outside any test)
//        node .ci/summary.mjs --total <file with summary lines>   (prints "total: ...")
import { readFileSync } from "node:fs";

const [runtime, ...args] = process.argv.slice(2);
const exitArg = args.find((arg) => arg.startsWith("--exit-code="));
const exitCode = exitArg === undefined ? 0 : Number(exitArg.slice("--exit-code=".length));
const files = args.filter((arg) => arg !== exitArg);

function format(label, passed, failed, skipped) {
  return `${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}

if (runtime === "--total") {
  let passed = 0, failed = 0, skipped = 0;
  const lines = readFileSync(files[0], "utf8").split("\n");
  for (const line of lines) {
    const m = /^[\w.-]+: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(line.trim());
    if (!m) continue;
    passed += Number(m[1]);
    failed += Number(m[2]);
    skipped += Number(m[3] ?? 0);
  }
  console.log(format("total", passed, failed, skipped));
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
} else {
  const decode = (s) =>
    s.replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&quot;/g, '"')
      .replace(/&apos;|&#39;/g, "'").replace(/&amp;/g, "&");
  let passed = 0, failed = 0, skipped = 0;
  for (const file of files) {
    let xml;
    try {
      xml = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`${runtime}: no JUnit report at ${file} (${error.code ?? error})`);
      failed++;
      continue;
    }
    // Attribute values may hold ">" (Node writes a test named "x > 0" as is), so the tag ends at
    // the first ">" outside quotes.
    const cases = [
      ...xml.matchAll(/<testcase\b((?:[^>"]|"[^"]*")*?)(\/>|>([\s\S]*?)<\/testcase>)/g),
    ].map((
      m,
    ) => ({
      name: decode(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? ""),
      body: m[3] ?? "",
    }));
    const names = cases.map((c) => c.name);
    const leaves = cases.filter((c) => !names.some((n) => n.startsWith(c.name + " > ")));
    for (const testcase of leaves) {
      if (/<(failure|error)\b/.test(testcase.body)) failed++;
      else if (/<skipped\b/.test(testcase.body)) skipped++;
      else passed++;
    }
  }
  if (exitCode !== 0 && failed === 0) {
    console.error(`${runtime}: the runner exited ${exitCode} though no test case failed`);
    failed++;
  }
  console.log(format(runtime, passed, failed, skipped));
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}
