import { parseDocument, LineCounter, Parser, Composer } from "yaml";
import { parseManifest } from "./manifest/mod.ts";
const lines = ["apiVersion: 100monkeys.ai/v1\nkind: Agent\nmetadata:\n  name: big\n  version: '1'\n  labels:\n"];
for (let i = 0; i < 20000; i++) lines.push(`    key${i}: v${i}\n`);
const text = lines.join("") + 'spec:\n  runtime: { language: python, version: "3.11" }\n  task: { instruction: hi }\n';
for (let r = 0; r < 4; r++) {
  let t = performance.now(); const tokens = [...new Parser().parse(text)]; const tp = performance.now() - t;
  t = performance.now(); parseDocument(text, { uniqueKeys: false, lineCounter: new LineCounter() }); const td = performance.now() - t;
  t = performance.now(); parseManifest(text); const tm = performance.now() - t;
  t = performance.now(); JSON.parse(JSON.stringify({a: 1})); 
  console.log(`cst ${tp.toFixed(0)} doc ${td.toFixed(0)} full ${tm.toFixed(0)}`);
}
