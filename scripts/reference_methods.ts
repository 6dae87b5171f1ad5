/**
 * Extracts the `AegisClient` method lists from the two AEGIS SDK reference pages and writes them to
 * `tests/fixtures/reference_methods.json`, which `tests/client/surface_test.ts` checks the client
 * against (the reference pages themselves live outside the repository).
 *
 * Run: `deno run -A scripts/reference_methods.ts [pages dir]` (default `../shared/seeds`, the shared
 * folder beside the repository).
 *
 * @module
 */

/** One method of a reference page. */
export interface ReferenceMethod {
  /** Name as the reference page spells it (`get_cortex_skills` or `listPendingApprovals`). */
  name: string;
  /** The parameter list as written on the page, without parentheses. */
  params: string;
  /** Section heading it was listed under. */
  section: string;
}

/** The committed fixture. */
export interface ReferenceMethodsFixture {
  /** How to regenerate. */
  generatedBy: string;
  /** Methods of `python-sdk-reference.txt` (snake_case). */
  python: ReferenceMethod[];
  /** Methods of `typescript-sdk-reference.txt` (camelCase). */
  typescript: ReferenceMethod[];
}

/** Python reference page: the "Method Reference" table rows `name(params) | description | |`. */
export function parsePythonReference(text: string): ReferenceMethod[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.includes("Method Reference"));
  if (start < 0) throw new Error("python reference page: 'Method Reference' table not found");
  const methods: ReferenceMethod[] = [];
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
 * TypeScript reference page: method headings `name(params)` alone on a line, in the `AegisClient`
 * sections (the "SEAL Protocol" module section and everything from "Streaming Executions" on
 * describe other APIs and are skipped).
 */
export function parseTypeScriptReference(text: string): ReferenceMethod[] {
  const lines = text.split(/\r?\n/);
  const methods: ReferenceMethod[] = [];
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
  const fixture: ReferenceMethodsFixture = {
    generatedBy: "deno run -A scripts/reference_methods.ts <pages dir>",
    python: parsePythonReference(await read("python-sdk-reference.txt")),
    typescript: parseTypeScriptReference(await read("typescript-sdk-reference.txt")),
  };
  const target = new URL("../tests/fixtures/reference_methods.json", import.meta.url);
  await Deno.writeTextFile(target, JSON.stringify(fixture, null, 2) + "\n");
  console.log(
    `wrote ${fixture.python.length} Python and ${fixture.typescript.length} TypeScript methods`,
  );
}
