/**
 * The README method table, generated from `AegisClient`'s own JSDoc (read with `deno doc --json`),
 * so each route is written once: on the `Route:` line of the method it belongs to.
 *
 * - `deno run -A scripts/method_table.ts` prints the table.
 * - `deno run -A scripts/method_table.ts --write` replaces the README section between
 *   `<!-- methods:start -->` and `<!-- methods:end -->`.
 *
 * Per method the table takes the `@category` (its section), the `Route:` line (its route
 * column), the first paragraph (its notes) and `@deprecated` (marked "Not served").
 * `tests/client/surface_test.ts` fails when a method lacks one of them or the README is stale.
 *
 * @module
 */

/** One row of the table: what the docs of one `AegisClient` method say. */
export interface MethodRow {
  /** The `@category` tag: the table section. */
  group: string;
  /** The method's name. */
  method: string;
  /** The text after `Route:`, e.g. `` `GET /v1/agents/{id}` ``. */
  route: string;
  /** The first paragraph of the method's doc, on one line. */
  summary: string;
  /** The `@deprecated` text, for a route the orchestrator does not serve. */
  deprecated?: string;
}

/** The parts of `deno doc --json` output this script reads. */
export interface DenoDocJson {
  /** Documented modules by URL. */
  nodes: Record<string, {
    symbols?: {
      name: string;
      declarations: {
        kind: string;
        def?: {
          methods?: {
            name: string;
            isStatic?: boolean;
            accessibility?: string;
            jsDoc?: { doc?: string; tags?: { kind: string; doc?: string; value?: string }[] };
          }[];
        };
      }[];
    }[];
  }>;
}

/** Markers around the generated section in README.md. */
export const README_MARKERS = {
  start: "<!-- methods:start -->",
  end: "<!-- methods:end -->",
} as const;

const ROUTE_LINE = /^Routes?: (.+)$/m;

/**
 * Turns the `deno doc --json` output of `client/aegis_client.ts` into one row per public method,
 * in source order. Throws, naming the methods, when a method has no `Route:` line or no
 * `@category`.
 */
export function methodRows(doc: DenoDocJson): MethodRow[] {
  const client = Object.values(doc.nodes).flatMap((node) => node.symbols ?? [])
    .find((symbol) => symbol.name === "AegisClient");
  const methods = client?.declarations.find((d) => d.kind === "class")?.def?.methods;
  if (methods === undefined) throw new Error("AegisClient class not found in the deno doc output");
  const rows: MethodRow[] = [];
  const problems: string[] = [];
  for (const method of methods) {
    if (method.isStatic || method.accessibility === "private") continue;
    const text = method.jsDoc?.doc ?? "";
    const tags = method.jsDoc?.tags ?? [];
    const route = ROUTE_LINE.exec(text)?.[1].trim();
    const group = tags.find((tag) => tag.kind === "category")?.doc?.trim();
    if (route === undefined) problems.push(`${method.name}: no "Route: \`METHOD /path\`" line`);
    if (group === undefined) problems.push(`${method.name}: no @category`);
    if (route === undefined || group === undefined) continue;
    const firstParagraph = text.split(/\n\s*\n/)[0];
    const deprecated = tags.find((tag) => tag.kind === "deprecated");
    rows.push({
      group,
      method: method.name,
      route,
      summary: ROUTE_LINE.test(firstParagraph) ? "" : oneLine(firstParagraph),
      ...(deprecated ? { deprecated: oneLine(deprecated.doc ?? "") } : {}),
    });
  }
  if (problems.length > 0) {
    throw new Error(`AegisClient method docs incomplete:\n  ${problems.join("\n  ")}`);
  }
  return rows;
}

function oneLine(text: string): string {
  return text.replace(/\{@link (?:AegisClient\.)?([^}\s]+)\}/g, "`$1`").replace(/\s+/g, " ")
    .trim();
}

/** Renders rows as markdown: one table per group, groups in order of first appearance. */
export function renderMethodTable(rows: readonly MethodRow[]): string {
  const groups = [...new Set(rows.map((row) => row.group))];
  const out: string[] = [];
  for (const group of groups) {
    if (out.length > 0) out.push("");
    out.push(`#### ${group}`, "", "| Method | HTTP route | Notes |", "|---|---|---|");
    for (const row of rows.filter((r) => r.group === group)) {
      const notes = row.deprecated === undefined
        ? row.summary
        : `**Not served by the orchestrator** (deprecated): ${row.deprecated}`;
      const cells = [`\`${row.method}\``, row.route, notes].map((cell) =>
        cell.replaceAll("|", "\\|")
      );
      out.push(`| ${cells.join(" | ")} |`);
    }
  }
  return out.join("\n") + "\n";
}

/**
 * Returns `readme` with the text between the markers replaced by `table`, or `undefined` when
 * the markers are missing.
 */
export function updateReadme(readme: string, table: string): string | undefined {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start + README_MARKERS.start.length) + "\n\n" + table + "\n" +
    readme.slice(end);
}

/** Runs `deno doc --json client/aegis_client.ts` with the running Deno and returns the rows. */
export async function readMethodRows(): Promise<MethodRow[]> {
  const source = new URL("../client/aegis_client.ts", import.meta.url);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", source.href],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    throw new Error(`deno doc failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return methodRows(JSON.parse(new TextDecoder().decode(output.stdout)));
}

if (import.meta.main) {
  const table = renderMethodTable(await readMethodRows());
  if (!Deno.args.includes("--write")) {
    console.log(table);
  } else {
    const readmeUrl = new URL("../README.md", import.meta.url);
    const updated = updateReadme(await Deno.readTextFile(readmeUrl), table);
    if (updated === undefined) {
      console.error(`README.md has no ${README_MARKERS.start} … ${README_MARKERS.end} section`);
      Deno.exit(1);
    }
    await Deno.writeTextFile(readmeUrl, updated);
    console.log("README.md method table updated");
  }
}
