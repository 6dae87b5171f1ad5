import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson, createCanonicalMessage, SEALError } from "../../seal/mod.ts";
import {
  compareCodePoints,
  formatF64,
  parseSerdeNumber,
  SerdeJsonReader,
} from "../../seal/canonical.ts";

function refusal(value: unknown, code = "unsupported_value"): SEALError {
  try {
    canonicalJson(value);
  } catch (error) {
    assert.ok(error instanceof SEALError);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code} for ${String(value)}`);
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("canonicalJson: serde_json layout", () => {
  it("sorts keys by code point at every depth, arrays keep order", () => {
    assert.equal(
      canonicalJson({ b: { z: 1, a: [3, { y: 1, x: 2 }] }, a: null, "😀": 1, "\uffff": 2 }),
      '{"a":null,"b":{"a":[3,{"x":2,"y":1}],"z":1},"\uffff":2,"😀":1}',
    );
  });

  it("code-point order differs from UTF-16 order exactly for astral vs U+E000..U+FFFF", () => {
    const keys = ["\ue000", "😀", "a", "\uffff", "\ud7ff"];
    assert.deepEqual([...keys].sort(compareCodePoints), ["a", "\ud7ff", "\ue000", "\uffff", "😀"]);
    assert.deepEqual([...keys].sort(), ["a", "\ud7ff", "😀", "\ue000", "\uffff"]);
  });

  it("escapes strings like serde_json (lower-case \\u00xx, raw UTF-8 otherwise)", () => {
    assert.equal(
      canonicalJson('"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028é😀'),
      '"\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u2028é😀"',
    );
    assert.deepEqual(
      createCanonicalMessage("t", "é", 0),
      new TextEncoder().encode('{"payload":"é","security_token":"t","timestamp":0}'),
    );
  });

  it("prints safe integers as digits and floats in zmij layout", () => {
    assert.equal(
      canonicalJson([0, -1, 9007199254740991, -9007199254740991, 0.5, 1e-5, 1e-6, 1.5e-7, 123.456]),
      "[0,-1,9007199254740991,-9007199254740991,0.5,0.00001,1e-6,1.5e-7,123.456]",
    );
  });

  it("formatF64 follows zmij: plain in [1e-5, 1e16), `.0` for integral, e±N otherwise", () => {
    const table: [number, string][] = [
      [1, "1.0"],
      [100, "100.0"],
      [-0, "-0.0"],
      [0, "0.0"],
      [1e15, "1000000000000000.0"],
      [1e16, "1e+16"],
      [1.5e20, "1.5e+20"],
      [1e21, "1e+21"],
      [1e-5, "0.00001"],
      [1e-6, "1e-6"],
      [1e-7, "1e-7"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [-2.5e-10, "-2.5e-10"],
      [0.30000000000000004, "0.30000000000000004"],
      [123456.789, "123456.789"],
    ];
    for (const [value, expected] of table) assert.equal(formatF64(value), expected, `${value}`);
  });

  it("is deterministic and independent of key insertion order", () => {
    const a = { x: 1, y: { p: [1, 2], q: "s" }, z: true };
    const b = { z: true, y: { q: "s", p: [1, 2] }, x: 1 };
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), canonicalJson(a));
  });
});

describe("canonicalJson: refusals name the JSON path", () => {
  it("refuses undefined as member value and array element", () => {
    assert.equal(refusal({ a: { b: undefined } }).path, "$.a.b");
    assert.equal(refusal({ list: [1, undefined] }).path, "$.list[1]");
    // deno-lint-ignore no-sparse-arrays
    assert.equal(refusal([1, , 3]).path, "$[1]");
    assert.equal(refusal(undefined).path, "$");
  });

  it("refuses lone surrogates in values and keys", () => {
    assert.equal(refusal({ s: "a\ud800b" }).path, "$.s");
    assert.equal(refusal({ ["k\udc00"]: 1 }).code, "unsupported_value");
    assert.doesNotThrow(() => canonicalJson({ s: "😀" }));
  });

  it("refuses non-JSON types and non-plain objects", () => {
    for (
      const value of [
        1n,
        () => 1,
        Symbol("s"),
        new Date(0),
        new Map(),
        new Set(),
        new Uint8Array(2),
        new (class Point {
          x = 1;
        })(),
        /re/,
      ]
    ) {
      assert.equal(refusal({ v: value }).path, "$.v");
    }
    assert.equal(refusal({ [Symbol("k")]: 1 }).code, "unsupported_value");
    assert.doesNotThrow(() => canonicalJson(Object.assign(Object.create(null), { a: 1 })));
  });

  it("refuses numbers the wire cannot carry", () => {
    for (const value of [NaN, Infinity, -Infinity, -0, 2 ** 53, -(2 ** 53), 1e21, 1.5e20]) {
      refusal({ n: value });
    }
    // serde_json's default parser reads these 16-17 digit floats as a neighbouring double.
    for (const value of [-937295.5203146731, 20055249.115936458]) {
      assert.match(refusal(value).message, /different double/);
    }
    assert.equal(canonicalJson(0.30000000000000004), "0.30000000000000004");
  });

  it("gives the path with quoted segments for unusual keys", () => {
    assert.equal(refusal({ "a b": [{ "x.y": NaN }] }).path, '$["a b"][0]["x.y"]');
  });

  it("limits nesting to 127 levels (126 inside an envelope) and stops cycles", () => {
    assert.doesNotThrow(() => canonicalJson(nested(127)));
    refusal(nested(128), "too_deep");
    assert.doesNotThrow(() => createCanonicalMessage("t", nested(126), 0));
    assert.throws(
      () => createCanonicalMessage("t", nested(127), 0),
      (error: unknown) => error instanceof SEALError && error.code === "too_deep",
    );
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    refusal(cycle, "too_deep");
  });

  it("createCanonicalMessage validates token and timestamp", () => {
    assert.throws(
      () => createCanonicalMessage("a\ud800", {}, 0),
      (error: unknown) => error instanceof SEALError && error.code === "invalid_argument",
    );
    assert.throws(
      () => createCanonicalMessage("t", {}, 1.5),
      (error: unknown) => error instanceof SEALError && error.code === "invalid_timestamp",
    );
  });

  it("runs in linear time on wide and long inputs", () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const long = "x".repeat(5_000_000);
    const started = Date.now();
    assert.equal(canonicalJson({ long }).length, 5_000_011);
    assert.ok(canonicalJson(wide).length > 50_000);
    assert.ok(Date.now() - started < 3000);
  });
});

describe("serde_json number parsing (default features, no float_roundtrip)", () => {
  const cases: [string, string][] = [
    ["0", "0"],
    ["-0", "-0.0"],
    ["-0.0", "-0.0"],
    ["1.0", "1.0"],
    ["1e2", "100.0"],
    ["1E3", "1000.0"],
    ["12345678901234567890", "12345678901234567890"],
    ["-9223372036854775808", "-9223372036854775808"],
    ["-9223372036854775809", "-9.223372036854776e+18"],
    ["18446744073709551615", "18446744073709551615"],
    ["18446744073709551616", "1.8446744073709552e+19"],
    ["123456789012345678901234567890", "1.2345678901234568e+29"],
    ["-937295.5203146731", "-937295.5203146732"],
    ["20055249.115936458", "20055249.115936454"],
    ["0.30000000000000004", "0.30000000000000004"],
    ["1e-400", "0.0"],
    ["-1e-400", "-0.0"],
    ["1e99999999999", "out"],
    ["0e99999999999", "0.0"],
    ["1e-99999999999", "0.0"],
    ["4.9e-324", "5e-324"],
    ["1e309", "out"],
    ["01", "invalid"],
    ["1.", "invalid"],
    ["-", "invalid"],
    [".5", "invalid"],
    ["+1", "invalid"],
  ];
  for (const [literal, expected] of cases) {
    it(`${literal} → ${expected}`, () => {
      const parsed = parseSerdeNumber(literal);
      if (expected === "out" || expected === "invalid") assert.equal(parsed, undefined);
      else assert.equal(parsed?.canonical, expected);
    });
  }
});

describe("SerdeJsonReader", () => {
  const read = (text: string) => {
    const reader = new SerdeJsonReader(text);
    const value = reader.readValue(128);
    reader.expectEnd();
    return value;
  };
  const rejects = (text: string, code = "malformed_envelope") =>
    assert.throws(
      () => read(text),
      (error: unknown) => error instanceof SEALError && error.code === code,
      text,
    );

  it("re-serialises with sorted keys, last duplicate wins, __proto__ stays data", () => {
    const parsed = read(
      ' { "b" : 1 , "a" : [ 1.50 , "\\u00e9\\ud83d\\ude00" ], "b": 2, "__proto__": 3 } ',
    );
    assert.equal(parsed.canonical, '{"__proto__":3,"a":[1.5,"é😀"],"b":2}');
    assert.deepEqual(Object.keys(parsed.value as object), ["b", "a", "__proto__"]);
    assert.equal(Object.getPrototypeOf(parsed.value), Object.prototype);
  });

  it("rejects what serde_json rejects", () => {
    for (
      const text of [
        "",
        "[1,]",
        '{"a":1,}',
        "[1 2]",
        '"\u0001"',
        '"\\ud800"',
        '"\\udc00"',
        '"\\ud800\\u0041"',
        '"\\x"',
        '"\\u12"',
        "tru",
        "1 2",
        "\u00a0 1",
        "NaN",
        '"a\ud800"',
        "{1:2}",
      ]
    ) {
      rejects(text);
    }
    rejects("[".repeat(128) + "]".repeat(128), "too_deep");
    assert.doesNotThrow(() => read("[".repeat(127) + "]".repeat(127)));
  });
});
