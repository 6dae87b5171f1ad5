import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson, createCanonicalMessage, SEALError } from "../../seal/mod.ts";
import { compareCodePoints, MAX_DOCUMENT_DEPTH, MAX_PAYLOAD_DEPTH } from "../../seal/canonical.ts";

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

describe("depth limits", () => {
  it("a payload may nest one level less than a document: the envelope takes one", () => {
    assert.equal(MAX_DOCUMENT_DEPTH, 127);
    assert.equal(MAX_PAYLOAD_DEPTH, MAX_DOCUMENT_DEPTH - 1);
  });
});

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
    for (const value of [NaN, Infinity, -Infinity, -0]) refusal({ n: value });
    // serde_json's default parser reads these 16-17 digit floats as a neighbouring double.
    for (const value of [-937295.5203146731, 20055249.115936458]) {
      assert.match(refusal(value).message, /different number/);
    }
    assert.equal(canonicalJson(0.30000000000000004), "0.30000000000000004");
  });

  it("signs whole numbers beyond 2^53 as the orchestrator reads JSON.stringify's digits", () => {
    // Integers that fit u64/i64 stay integers on the orchestrator; larger ones become doubles.
    const table: [number, string][] = [
      [2 ** 53, "9007199254740992"],
      [-(2 ** 53), "-9007199254740992"],
      [2 ** 60, "1152921504606847000"],
      [1e16, "10000000000000000"],
      [-(2 ** 62), "-4611686018427388000"],
      [-(2 ** 63), "-9.223372036854776e+18"],
      [-1e19, "-1e+19"],
      [1.5e20, "1.5e+20"],
      [1e21, "1e+21"],
      [-2.5e22, "-2.5e+22"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [5e-324, "5e-324"],
    ];
    for (const [value, expected] of table) assert.equal(canonicalJson(value), expected, `${value}`);
    assert.equal(canonicalJson({ n: [1e16, 1e21] }), '{"n":[10000000000000000,1e+21]}');
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
