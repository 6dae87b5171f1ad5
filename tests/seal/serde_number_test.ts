import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { formatF64, parseSerdeNumber } from "../../seal/serde_number.ts";

describe("formatF64", () => {
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
