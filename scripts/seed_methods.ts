/**
 * Extracts the `AegisClient` method lists from the two seed reference pages and writes them to
 * `tests/fixtures/seed_methods.json`, which `tests/client/surface_test.ts` checks the client
 * against (the seed pages themselves live outside the repository).
 *
 * Run: `deno run -A scripts/seed_methods.ts [seed dir]` (default `../shared/seeds`, the shared
 * folder beside the repository).
 *
 * @module
 */

/** One method of a seed page. */
export interface SeedMethod {
  /** Name as the seed spells it (`get_cortex_skills` or `listPendingApprovals`). */
  name: string;
  /** The parameter list as written in the seed, without parentheses. */
  params: string;
  /** Section heading it was listed under. */
  section: string;
}

/** The committed fixture. */
export interface SeedMethodsFixture {
  /** How to regenerate. */
  generatedBy: string;
  /** Methods of `python-sdk-reference.txt` (snake_case). */
  python: SeedMethod[];
  /** Methods of `typescript-sdk-reference.txt` (camelCase). */
  typescript: SeedMethod[];
}

/** Python seed: the "Method Reference" table rows `name(params) | description | |`. */
export function parsePythonSeed(text: string): SeedMethod[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.includes("Method Reference"));
  if (start < 0) throw new Error("python seed: 'Method Reference' table not found");
  const methods: SeedMethod[] = [];
  let section = "";
  for (const line of lines.slice(start + 1)) {
    const heading = /^\| ([A-Z][^|]*?) \| \|\|$/.exec(line) ?? /^\| ([A-Z][^|]*?) \|/.exec(line);
    const row = /^([a-z_][a-z0-9_]*)\(([^)]*)\) \|/.exec(line);
    if (row) {
      methods.push({ name: row[1], params: row[2], section });
      if (row[1] === "aclose") break;
    } else if (heading && !line.startsWith("| Section")) {
      section = heading[1].trim();
    }
  }
  return methods;
}

/**
 * TypeScript seed: method headings `name(params)` alone on a line, in the `AegisClient`
 * sections (the "SEAL Protocol" module section and everything from "Streaming Executions" on
 * describe other APIs and are skipped).
 */
export function parseTypeScriptSeed(text: string): SeedMethod[] {
  const lines = text.split(/\r?\n/);
  const methods: SeedMethod[] = [];
  let section = "";
  let skipping = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "Streaming Executions") break;
    if (line === "SEAL Protocol") skipping = true;
    if (line === "Dispatch Gateway") skipping = false;
    if (skipping) continue;
    const next = lines.slice(i + 1).map((l) => l.trim()).find((l) => l !== "") ?? "";
    const isHeading = /^[A-Z][A-Za-z:& ]+$/.test(line) && line.length < 40 && next !== "" &&
      /^[a-z][A-Za-z]*\(/.test(next);
    if (isHeading) section = line;
    const method = /^([a-z][A-Za-z0-9]*)\(([^)]*)\)$/.exec(line);
    if (method && section !== "") methods.push({ name: method[1], params: method[2], section });
  }
  return methods;
}

/** `get_cortex_skills` → `getCortexSkills`; camelCase names pass through. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

if (import.meta.main) {
  const dir = Deno.args[0] ?? new URL("../../shared/seeds/", import.meta.url);
  const read = (name: string) =>
    Deno.readTextFile(typeof dir === "string" ? `${dir}/${name}` : new URL(name, dir));
  const fixture: SeedMethodsFixture = {
    generatedBy: "deno run -A scripts/seed_methods.ts <seed dir>",
    python: parsePythonSeed(await read("python-sdk-reference.txt")),
    typescript: parseTypeScriptSeed(await read("typescript-sdk-reference.txt")),
  };
  const target = new URL("../tests/fixtures/seed_methods.json", import.meta.url);
  await Deno.writeTextFile(target, JSON.stringify(fixture, null, 2) + "\n");
  console.log(
    `wrote ${fixture.python.length} Python and ${fixture.typescript.length} TypeScript methods`,
  );
}
