// Times one dynamic import in a fresh process (Node or Deno): `cold_import.mjs <specifier>`.
// `sinceStartMs` is measured from the runtime's time origin, so it includes runtime start-up.
const specifier = globalThis.Deno
  ? globalThis.Deno.args[0]
  : globalThis.process.argv[2];
const started = performance.now();
const module = await import(specifier);
const ms = performance.now() - started;
if (Object.keys(module).length === 0) {
  throw new Error(`${specifier} exported nothing`);
}
console.log(
  "BENCH_RESULT " + JSON.stringify({ ms, sinceStartMs: performance.now() }),
);
