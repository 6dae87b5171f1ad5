import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SEALError } from "../../seal/mod.ts";
import { SerdeJsonReader } from "../../seal/serde_json_reader.ts";

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

describe("SerdeJsonReader.skipValue (serde's IgnoredAny: syntax only)", () => {
  const skip = (text: string) => {
    const reader = new SerdeJsonReader(text);
    reader.skipValue();
    reader.expectEnd();
  };

  it("skips what serde skips: any number, any escape, unlimited nesting", () => {
    for (
      const text of [
        "1e999",
        "-0",
        "123456789012345678901234567890e-99999999999",
        '"\\udc00\\ud800"',
        '"a\udc80b"',
        "[".repeat(1000) + "]".repeat(1000),
        '{"a":[1,{"b":null}],"c":true,"d":false,"e":"x","a":2}',
        " [ 1 , [ ] , { } ] ",
      ]
    ) {
      assert.doesNotThrow(() => skip(text), text.slice(0, 30));
    }
  });

  it("still refuses broken syntax", () => {
    for (
      const text of [
        "",
        "01",
        "1.",
        "-",
        "[1,]",
        "[,1]",
        '{"a":1,}',
        '{"a" 1}',
        "{1:2}",
        "tru",
        '"\\x"',
        '"\\u12"',
        '"\u0001"',
        '"open',
        "[".repeat(1000),
        "NaN",
      ]
    ) {
      assert.throws(
        () => skip(text),
        (error: unknown) => error instanceof SEALError && error.code === "malformed_envelope",
        text.slice(0, 30),
      );
    }
  });
});
