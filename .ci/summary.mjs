// Prints "<runtime>: N passed, N failed[, N skipped]" from a JUnit XML report, counting leaf
// test cases only (a `describe` block that has steps is not a test of its own).
// Usage: node .ci/summary.mjs <runtime> <junit.xml>
import { readFileSync } from "node:fs";

const [runtime, file] = process.argv.slice(2);
const xml = readFileSync(file, "utf8");
const decode = (s) =>
  s.replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const cases = [...xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
  name: decode(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? ""),
  body: m[3] ?? "",
}));
const names = cases.map((c) => c.name);
const leaves = cases.filter((c) => !names.some((n) => n.startsWith(c.name + " > ")));
let failed = 0;
let skipped = 0;
for (const testcase of leaves) {
  if (/<(failure|error)\b/.test(testcase.body)) failed++;
  else if (/<skipped\b/.test(testcase.body)) skipped++;
}
const passed = leaves.length - failed - skipped;
console.log(`${runtime}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 || leaves.length === 0 ? 1 : 0;
