import { describe, it } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "yaml";
import { writeYaml } from "../../manifest/_yaml_writer.ts";

/** Reads `text` back the way YAML 1.2 (npm yaml, serde_yaml) and YAML 1.1 (PyYAML) parsers do. */
function readBoth(text: string): [unknown, unknown] {
  return [
    parse(text, { version: "1.2", uniqueKeys: true }),
    parse(text, { version: "1.1", uniqueKeys: true, merge: true }),
  ];
}

function assertRoundTrip(value: unknown): void {
  const text = writeYaml(value);
  const [v12, v11] = readBoth(text);
  assert.deepEqual(v12, value, `YAML 1.2 read back differently:\n${text}`);
  assert.deepEqual(v11, value, `YAML 1.1 read back differently:\n${text}`);
}

/** Strings that YAML readers are known to read as something else, or to refuse, when written plain. */
const TRICKY: readonly string[] = [
  "",
  " ",
  "yes",
  "No",
  "ON",
  "off",
  "y",
  "N",
  "~",
  "null",
  "NULL",
  "true",
  "False",
  "=",
  "<<",
  "3.10",
  "1_000",
  "0x1F",
  "0o17",
  "0b101",
  "1e3",
  "+1",
  "-1",
  ".5",
  ".inf",
  "-.Inf",
  ".NaN",
  "12:30",
  "65534:65534",
  "2024-01-01",
  "2001-12-14t21:59:43.10-05:00",
  "...",
  "... a",
  "...\ta",
  "--- a",
  "---",
  "- a",
  "a: b",
  "a:",
  "a #b",
  "#c",
  "key:value",
  "100monkeys.ai/v1",
  "@x",
  "`x",
  "!tag",
  "&a",
  "*a",
  "|",
  ">",
  "%x",
  "{a}",
  "[a]",
  "'q'",
  '"q"',
  "a\nb",
  "a\n",
  "a\n\n",
  "\n",
  "\n\n",
  " a\nb",
  "\ta\nb",
  "a\n  b\n",
  "a\r\nb",
  "a\u0085b",
  "x\u2028y",
  "\ufeffbom",
  "é€",
  "tab\there",
  "trailing ",
  "a\n \nb",
  "line\n\n\nend\n\n",
];

/** Strings built from the characters that make YAML scalars tricky. */
const trickyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(...TRICKY),
  fc.array(fc.constantFrom("a", " ", "\n", ":", "#", "-", "1", ".", "é", "\t", "'", '"', "y"), {
    maxLength: 12,
  }).map((parts) => parts.join("")),
);

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    trickyString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(trickyString, tie("value"), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

describe("writeYaml", () => {
  it("writes what every YAML 1.1 and 1.2 parser reads back unchanged", () => {
    fc.assert(fc.property(jsonValue, (value) => assertRoundTrip(value)), { numRuns: 2000 });
  });

  it("round-trips every known tricky string as a value, a key, an item and a document", () => {
    for (const text of TRICKY) {
      assertRoundTrip({ key: text });
      assertRoundTrip({ [text]: 1 });
      assertRoundTrip([text, { nested: [text] }]);
      assertRoundTrip(text);
    }
  });

  it("round-trips random tricky strings as a value, a key and a sequence item", () => {
    fc.assert(
      fc.property(trickyString, (text) => {
        assertRoundTrip({ key: text });
        assertRoundTrip({ [text]: 1 });
        assertRoundTrip([text, { nested: [text] }]);
        assertRoundTrip(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("writes readable block YAML: plain scalars, literal blocks, quoted look-alikes", () => {
    const text = writeYaml({
      apiVersion: "100monkeys.ai/v1",
      kind: "Agent",
      metadata: { name: "reviewer", version: "1.10", labels: {} },
      spec: {
        instruction: "Line one\nLine two\n",
        steps: [{ name: "a", retries: 2 }, "no", []],
        enabled: true,
        ratio: 0.5,
        nothing: null,
        skipped: undefined,
      },
    });
    assert.equal(
      text,
      [
        "apiVersion: 100monkeys.ai/v1",
        "kind: Agent",
        "metadata:",
        "  name: reviewer",
        '  version: "1.10"',
        "  labels: {}",
        "spec:",
        "  instruction: |",
        "    Line one",
        "    Line two",
        "  steps:",
        "    - name: a",
        "      retries: 2",
        '    - "no"',
        "    - []",
        "  enabled: true",
        "  ratio: 0.5",
        "  nothing: null",
        "",
      ].join("\n"),
    );
  });

  it("refuses values YAML cannot carry as JSON-shaped data", () => {
    assert.throws(() => writeYaml({ n: Number.NaN }), TypeError);
    assert.throws(() => writeYaml({ f: () => 1 }), TypeError);
  });
});
