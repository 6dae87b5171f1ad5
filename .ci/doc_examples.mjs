// Runs every JSDoc example of the library as `deno test --doc` would, without a worker per
// example.
//
// `deno test --doc` type-checks the examples in one program (cheap) but then runs each of them as a
// test module of its own, in a fresh worker that loads the SDK again: ~0.4 CPU-s per example, most
// of the CI's doc step. This script keeps Deno's own extraction and type check and only changes how
// the examples are grouped when they run:
//
//   1. `deno test --doc --no-run --log-level=debug <targets>` type-checks every example exactly as
//      `deno test --doc` does (same pseudo files, same program); a type error fails here. At debug
//      level Deno also logs each pseudo file it generated (its imports, the injected imports of the
//      documented module's exports, and the `Deno.test("<file>#<lines>.ts", …)` wrapper).
//   2. Those pseudo files are written out unchanged, except that relative import specifiers become
//      absolute (resolved against the documented module, as Deno resolves them), and a few group
//      modules import them, so each group loads the SDK once.
//   3. `deno test --no-check --parallel` runs the groups; the test names (and so the JUnit report)
//      are Deno's own `<file>#<lines>.ts`.
//
// Anything the script cannot reproduce faithfully (a pseudo file that it cannot parse out of the
// log, `import.meta` or a dynamic import that would resolve elsewhere, a count that does not match
// Deno's list of checked modules) fails the step rather than skip an example.
//
// Usage: node .ci/doc_examples.mjs <deno> <junit.xml> <deno test args...> -- <targets...>
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [deno, junit, ...rest] = process.argv.slice(2);
const split = rest.indexOf("--");
const denoArgs = rest.slice(0, split);
const targets = rest.slice(split + 1);
const GROUPS = Number(process.env.DOC_EXAMPLE_GROUPS ?? 4);
const outDir = ".ci/doctests";

function fail(message) {
  console.error(`doc examples: ${message}`);
  process.exit(1);
}

// 1. Type-check, and collect the pseudo files from the debug log.
const started = Date.now();
const check = spawnSync(
  deno,
  ["test", "-A", "--doc", "--no-run", "--log-level=debug", ...denoArgs, ...targets],
  { encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } },
);
const log = `${check.stdout}\n${check.stderr}`.split("\n");
const checked = log.filter((line) => /^Check /.test(line)).map((line) => line.slice(6).trim());
if (check.status !== 0) {
  // The type errors, without the debug chatter around them.
  const first = log.findIndex((line) => /\[ERROR\]|^error:/.test(line));
  console.error(log.slice(Math.max(first, 0)).filter((line) => !/^DEBUG /.test(line)).join("\n"));
  fail(`type check failed (exit ${check.status})`);
}
console.log(
  `type-checked ${checked.length || "(cached)"} modules in ${
    ((Date.now() - started) / 1000).toFixed(1)
  } s`,
);

const pseudo = new Map(); // specifier -> source
for (let i = 0; i < log.length; i++) {
  const m = /^DEBUG RS - deno::util::extract:\d+ - (file:\/\/\S+#\d+-\d+\.\w+):$/.exec(log[i]);
  if (!m) continue;
  const body = [];
  for (i++; i < log.length && !/^DEBUG (RS|TS|JS) - /.test(log[i]); i++) body.push(log[i]);
  i--;
  if (pseudo.has(m[1])) fail(`${m[1]} was logged twice`);
  pseudo.set(m[1], body.join("\n").trimEnd() + "\n");
}
const checkedExamples = checked.filter((name) => /#\d+-\d+\.\w+$/.test(name));
// Deno prints "Check <module>" only when its check cache misses (a fresh clone always misses).
if (checked.length > 0 && pseudo.size !== checkedExamples.length) {
  fail(`Deno checked ${checkedExamples.length} examples but logged ${pseudo.size} of them`);
}
if (pseudo.size === 0) fail("no examples found");
for (const name of checkedExamples) {
  const specifier = pathToFileURL(name.replace(/#(\d+-\d+\.\w+)$/, "")).href +
    name.slice(name.lastIndexOf("#"));
  if (!pseudo.has(specifier)) fail(`no generated source logged for ${name}`);
}

// 2. Write the pseudo files and the groups that import them.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const relative = /(\bfrom\s*|\bimport\s*)(["'])(\.{1,2}\/[^"']*)\2/g;
const files = [];
let n = 0;
for (const [specifier, source] of pseudo) {
  if (!source.includes(`Deno.test(`)) fail(`${specifier}: no Deno.test in its generated source`);
  if (/\bimport\.meta\b|\bimport\s*\(/.test(source)) {
    fail(`${specifier} uses import.meta or a dynamic import, which would resolve elsewhere here`);
  }
  const rewritten = source.replace(
    relative,
    (_, keyword, quote, path) => `${keyword}${quote}${new URL(path, specifier).href}${quote}`,
  );
  const file = `${String(n++).padStart(4, "0")}.ts`;
  writeFileSync(`${outDir}/${file}`, `// ${specifier}\n${rewritten}`);
  files.push(file);
}
const groups = Array.from({ length: GROUPS }, () => []);
files.forEach((file, i) => groups[i % GROUPS].push(`import "./${file}";`));
// `deno test --doc` also runs its ordinary test modules: the files it was given by name (mod.ts)
// and, in the directories, the files named like tests. Load them too.
const testModules = [];
const testName = /(^|[._])test\.(ts|tsx|mts|js|mjs|jsx)$/;
const walk = (dir) => {
  for (
    const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1
    )
  ) {
    if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
    else if (testName.test(entry.name)) testModules.push(`${dir}/${entry.name}`);
  }
};
for (const target of targets) {
  if (statSync(target).isDirectory()) walk(target);
  else testModules.push(target);
}
testModules.forEach((name, i) => groups[i % GROUPS].push(`import "${pathToFileURL(name).href}";`));
const groupFiles = groups.map((lines, i) => {
  const file = `${outDir}/group_${i}_test.ts`;
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
});
console.log(`${pseudo.size} examples and ${testModules.length} test modules in ${GROUPS} groups`);

// 3. Run them.
const run = spawnSync(
  deno,
  ["test", "-A", "--no-check", "--parallel", `--junit-path=${junit}`, ...denoArgs, ...groupFiles],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
