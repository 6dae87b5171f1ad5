/**
 * serde_json's number format: how serde_json 1.0.149 (default features, floats printed by zmij)
 * parses a JSON number literal and prints the value it parsed. The canonical writer uses it to
 * decide which JavaScript numbers survive the trip, the JSON reader to rebuild what the
 * orchestrator verifies.
 *
 * @module
 */

/**
 * Formats a finite double the way serde_json 1.0.149 (zmij) does: shortest round-trip digits;
 * plain notation when 1e-5 <= |x| < 1e16, with `.0` for integral values; otherwise
 * `d[.ddd]e+/-N`. `-0` prints as `-0.0`.
 */
export function formatF64(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  // JavaScript's Number-to-string also yields the shortest round-trip digits, closest to the
  // exact value; only the layout differs, so the digits and exponent are extracted and re-laid.
  const text = String(Math.abs(value));
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponentShift = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  const allDigits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const pointPosition = (dot < 0 ? mantissa.length : dot) + exponentShift;
  let leadingZeros = 0;
  while (allDigits.charCodeAt(leadingZeros) === 48) leadingZeros++;
  let end = allDigits.length;
  while (end > leadingZeros + 1 && allDigits.charCodeAt(end - 1) === 48) end--;
  const digits = allDigits.slice(leadingZeros, end);
  const exponent = pointPosition - leadingZeros - 1;
  if (exponent >= -5 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    if (digits.length <= exponent + 1) {
      return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}.0`;
    }
    return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
}

/** A JSON number as serde_json holds it after parsing: its canonical re-print and JS value. */
export interface SerdeNumber {
  /** What `serde_json::to_vec` prints for it. */
  canonical: string;
  /** The double serde_json computed (for u64/i64 integers: the nearest double). */
  value: number;
}

const U64_MAX_DIV_10 = 1844674407370955161n;
const I64_MIN_MAGNITUDE = 9223372036854775808n;
const U64_MAX = 18446744073709551615n;
const POW10: readonly number[] = /* @__PURE__ */ Array.from(
  { length: 309 },
  (_, i) => Number(`1e${i}`),
);
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses a JSON number literal the way serde_json 1.0.149 does with default features (no
 * `float_roundtrip`): integers that fit u64 (or i64 when negative) stay exact; everything else
 * becomes an f64 built from a u64 significand (extra digits dropped) multiplied or divided by a
 * power of ten -- which is not correctly rounded for some 16-17 digit inputs. Returns `undefined`
 * for invalid literals and for values serde_json rejects as out of range.
 */
export function parseSerdeNumber(literal: string): SerdeNumber | undefined {
  if (!NUMBER_LITERAL.test(literal)) return undefined;
  const negative = literal.charCodeAt(0) === 45;
  const body = negative ? literal.slice(1) : literal;
  const isInteger = !/[.eE]/.test(body);
  if (isInteger && body.length <= 15) {
    if (negative && body === "0") return { canonical: "-0.0", value: -0 };
    return { canonical: literal, value: Number(literal) };
  }
  if (isInteger) {
    const magnitude = BigInt(body);
    if (!negative && magnitude <= U64_MAX) return { canonical: literal, value: Number(magnitude) };
    if (negative && magnitude <= I64_MIN_MAGNITUDE) {
      return { canonical: literal, value: -Number(magnitude) };
    }
    if (negative && magnitude <= U64_MAX) {
      const value = -Number(magnitude);
      return { canonical: formatF64(value), value };
    }
  }
  let significand = 0n;
  let exponent = 0;
  let i = 0;
  let overflowed = false;
  // Integer part: once the significand would overflow u64, further digits only scale it.
  for (; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 48 || c > 57) break;
    const digit = c - 48;
    if (overflowed) {
      exponent++;
    } else if (
      significand > U64_MAX_DIV_10 || (significand === U64_MAX_DIV_10 && digit > 5)
    ) {
      overflowed = true;
      exponent++;
    } else {
      significand = significand * 10n + BigInt(digit);
    }
  }
  if (body[i] === ".") {
    i++;
    // Fraction digits are checked one by one, independently of an earlier overflow (as serde
    // does); the first one that would overflow drops itself and the rest.
    let dropRest = false;
    for (; i < body.length; i++) {
      const c = body.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (dropRest) continue;
      const digit = c - 48;
      if (significand > U64_MAX_DIV_10 || (significand === U64_MAX_DIV_10 && digit > 5)) {
        dropRest = true;
      } else {
        significand = significand * 10n + BigInt(digit);
        exponent--;
      }
    }
  }
  if (body[i] === "e" || body[i] === "E") {
    i++;
    let positiveExponent = true;
    if (body[i] === "+") i++;
    else if (body[i] === "-") {
      positiveExponent = false;
      i++;
    }
    let written = 0;
    for (; i < body.length; i++) {
      const digit = body.charCodeAt(i) - 48;
      if (written >= 214748364 && (written > 214748364 || digit > 7)) {
        if (significand !== 0n && positiveExponent) return undefined;
        const zero = negative ? -0 : 0;
        return { canonical: formatF64(zero), value: zero };
      }
      written = written * 10 + digit;
    }
    exponent = positiveExponent
      ? Math.min(exponent + written, 2147483647)
      : Math.max(exponent - written, -2147483648);
  }
  const value = f64FromParts(!negative, significand, exponent);
  if (value === undefined) return undefined;
  return { canonical: formatF64(value), value };
}

function f64FromParts(
  positive: boolean,
  significand: bigint,
  exponent: number,
): number | undefined {
  let f = Number(significand);
  for (;;) {
    const index = Math.abs(exponent);
    if (exponent !== -2147483648 && index < POW10.length) {
      if (exponent >= 0) {
        f *= POW10[index];
        if (!Number.isFinite(f)) return undefined;
      } else {
        f /= POW10[index];
      }
      break;
    }
    if (f === 0) break;
    if (exponent >= 0) return undefined;
    f /= 1e308;
    exponent += 308;
  }
  return positive ? f : -f;
}
