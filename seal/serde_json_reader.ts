/**
 * A JSON reader with serde_json's grammar and limits: it returns each value together with the
 * text `serde_json::to_vec` prints for it, so a verifier rebuilds the exact bytes the orchestrator
 * checks a signature against.
 *
 * @module
 */

import { compareCodePoints, type JsonValue } from "./canonical.ts";
import { SEALError } from "./error.ts";
import { parseSerdeNumber } from "./serde_number.ts";

/**
 * A JSON text the orchestrator's parser would refuse. `category` mirrors serde_json's: `syntax`
 * (axum answers 400) or `data` (a field missing or of the wrong type; axum answers 422).
 */
export class JsonTextError extends SEALError {
  /** The class name, as a string so that minifiers keep it. */
  static override readonly name: string = "JsonTextError";
  /** serde_json's error category. */
  readonly category: "syntax" | "data";
  /** Creates the error. */
  constructor(
    category: "syntax" | "data",
    message: string,
    code: "malformed_envelope" | "too_deep" = "malformed_envelope",
  ) {
    super(code, message);
    this.category = category;
  }
}

/** A parsed JSON value together with its canonical (serde re-serialised) text. */
export interface ParsedJson {
  /** The value as `JSON.parse` would return it. */
  value: JsonValue;
  /** What `serde_json::to_vec` prints for the value serde_json parsed. */
  canonical: string;
}

// Raw control characters must be rejected inside strings, so the run stops at them.
// deno-lint-ignore no-control-regex
const RAW_STRING_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;
const WHITESPACE_RUN = /[ \t\n\r]*/y;
const NUMBER_RUN = /-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
// deno-lint-ignore no-control-regex
const SKIPPED_STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const NUMBER_SYNTAX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const SIMPLE_ESCAPES = '"\\/bfnrt';

/**
 * A strict JSON reader with serde_json's rules: only ` \t\n\r` whitespace, no trailing commas,
 * control characters must be escaped, `\u` escapes must form valid scalar values (no lone
 * surrogates), duplicate keys keep the last value, and at most 127 nested arrays/objects.
 */
export class SerdeJsonReader {
  /** Current offset into the text. */
  pos = 0;
  readonly #text: string;

  /** Reads from `text`. */
  constructor(text: string) {
    this.#text = text;
  }

  /** Fails with a syntax error at the current position. */
  fail(message: string): never {
    throw new JsonTextError("syntax", `invalid JSON: ${message} at offset ${this.pos}`);
  }

  /** Skips serde_json whitespace. */
  skipWhitespace(): void {
    WHITESPACE_RUN.lastIndex = this.pos;
    WHITESPACE_RUN.test(this.#text);
    this.pos = WHITESPACE_RUN.lastIndex;
  }

  /** The next significant character (after whitespace), or `""` at the end. */
  peek(): string {
    this.skipWhitespace();
    return this.#text[this.pos] ?? "";
  }

  /** Consumes `char` (after whitespace) or fails. */
  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  /** Fails unless only whitespace remains. */
  expectEnd(): void {
    if (this.peek() !== "") this.fail("trailing characters");
  }

  /** Reads a string literal (no lone surrogates, escaped or raw). */
  readString(): string {
    const text = this.#text;
    if (text[this.pos] !== '"') this.fail("expected a string");
    this.pos++;
    let out = "";
    for (;;) {
      RAW_STRING_RUN.lastIndex = this.pos;
      RAW_STRING_RUN.test(text);
      const runEnd = RAW_STRING_RUN.lastIndex;
      if (runEnd > this.pos) out += text.slice(this.pos, runEnd);
      this.pos = runEnd;
      if (this.pos >= text.length) this.fail("EOF while parsing a string");
      const c = text.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("control character (\\u0000-\\u001F) found while parsing a string");
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(this.pos + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          out += text.slice(this.pos, this.pos + 2);
          this.pos += 2;
          continue;
        }
        this.fail("invalid unicode (lone surrogate in the text)");
      }
      out += this.#readEscape();
    }
  }

  #readEscape(): string {
    const text = this.#text;
    const kind = text[this.pos + 1];
    this.pos += 2;
    switch (kind) {
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "/":
        return "/";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u":
        break;
      default:
        this.pos--;
        this.fail("invalid escape");
    }
    const unit = this.#readHex4();
    if (unit < 0xd800 || unit > 0xdfff) return String.fromCharCode(unit);
    if (unit >= 0xdc00) this.fail("lone trailing surrogate in hex escape");
    if (!text.startsWith("\\u", this.pos)) this.fail("unexpected end of hex escape");
    this.pos += 2;
    const low = this.#readHex4();
    if (low < 0xdc00 || low > 0xdfff) this.fail("lone leading surrogate in hex escape");
    return String.fromCharCode(unit, low);
  }

  #readHex4(): number {
    const hex = this.#text.slice(this.pos, this.pos + 4);
    if (!HEX4.test(hex)) this.fail("invalid hex escape");
    this.pos += 4;
    return Number.parseInt(hex, 16);
  }

  /**
   * Skips one value checking its syntax only, as serde_json does for members a struct does not
   * know (`IgnoredAny`): numbers are not range-checked (`1e999` passes), `\u` escapes need not
   * form valid characters, raw invalid UTF-8 (mapped to lone surrogates by the byte decoder) is
   * accepted inside strings, and nesting is unlimited. Control characters in strings, bad escapes
   * and malformed literals or numbers are still syntax errors.
   */
  skipValue(): void {
    const text = this.#text;
    // Open containers, innermost last: serde keeps the same explicit stack (no recursion limit).
    const open: string[] = [];
    for (;;) {
      const c = this.peek();
      if (c === "{" || c === "[") {
        this.pos++;
        open.push(c);
        const close = c === "{" ? "}" : "]";
        if (this.peek() === close) {
          this.pos++;
          open.pop();
        } else {
          if (c === "{") this.#skipMemberName();
          continue;
        }
      } else if (c === '"') {
        this.#skipString();
      } else if (c === "t" || c === "f" || c === "n") {
        const word = c === "t" ? "true" : c === "f" ? "false" : "null";
        if (!text.startsWith(word, this.pos)) this.fail("expected value");
        this.pos += word.length;
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        NUMBER_RUN.lastIndex = this.pos;
        NUMBER_RUN.test(text);
        if (!NUMBER_SYNTAX.test(text.slice(this.pos, NUMBER_RUN.lastIndex))) {
          this.fail("invalid number");
        }
        this.pos = NUMBER_RUN.lastIndex;
      } else {
        this.fail(c === "" ? "EOF while parsing a value" : "expected value");
      }
      // After a value: close every container that ends here, or move to the next element.
      for (;;) {
        const container = open.at(-1);
        if (container === undefined) return;
        const close = container === "{" ? "}" : "]";
        const next = this.peek();
        if (next === ",") {
          this.pos++;
          if (container === "{") this.#skipMemberName();
          break;
        }
        if (next !== close) this.fail(`expected ',' or '${close}'`);
        this.pos++;
        open.pop();
      }
    }
  }

  #skipMemberName(): void {
    if (this.peek() !== '"') this.fail("key must be a string");
    this.#skipString();
    this.expect(":");
  }

  #skipString(): void {
    const text = this.#text;
    this.pos++;
    for (;;) {
      SKIPPED_STRING_RUN.lastIndex = this.pos;
      SKIPPED_STRING_RUN.test(text);
      this.pos = SKIPPED_STRING_RUN.lastIndex;
      if (this.pos >= text.length) this.fail("EOF while parsing a string");
      const c = text.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return;
      }
      if (c < 0x20) this.fail("control character (\\u0000-\\u001F) found while parsing a string");
      const kind = text[this.pos + 1];
      this.pos += 2;
      if (kind === "u") this.#readHex4();
      else if (kind === undefined || !SIMPLE_ESCAPES.includes(kind)) {
        this.pos--;
        this.fail("invalid escape");
      }
    }
  }

  /**
   * Reads any JSON value. `depthLeft` is how many more arrays/objects may be opened (serde_json
   * starts at 128 and fails when an opening bracket brings it to 0).
   */
  readValue(depthLeft: number): ParsedJson {
    const c = this.peek();
    switch (c) {
      case "{":
        return this.#readObject(depthLeft);
      case "[":
        return this.#readArray(depthLeft);
      case '"': {
        const value = this.readString();
        return { value, canonical: JSON.stringify(value) };
      }
      case "t":
        return this.#readLiteral("true", true);
      case "f":
        return this.#readLiteral("false", false);
      case "n":
        return this.#readLiteral("null", null);
      case "":
        return this.fail("EOF while parsing a value");
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER_RUN.lastIndex = this.pos;
      NUMBER_RUN.test(this.#text);
      const literal = this.#text.slice(this.pos, NUMBER_RUN.lastIndex);
      const parsed = parseSerdeNumber(literal);
      if (parsed === undefined) this.fail("invalid number or number out of range");
      this.pos = NUMBER_RUN.lastIndex;
      return { value: Number(literal), canonical: parsed.canonical };
    }
    return this.fail("expected value");
  }

  #readLiteral(word: string, value: boolean | null): ParsedJson {
    if (!this.#text.startsWith(word, this.pos)) this.fail("expected value");
    this.pos += word.length;
    return { value, canonical: word };
  }

  #enter(depthLeft: number): number {
    if (depthLeft - 1 <= 0) {
      throw new JsonTextError(
        "syntax",
        `invalid JSON: recursion limit exceeded at offset ${this.pos}`,
        "too_deep",
      );
    }
    this.pos++;
    return depthLeft - 1;
  }

  #readArray(depthLeft: number): ParsedJson {
    const inner = this.#enter(depthLeft);
    const values: JsonValue[] = [];
    const canonical: string[] = [];
    if (this.peek() === "]") {
      this.pos++;
      return { value: values, canonical: "[]" };
    }
    for (;;) {
      const item = this.readValue(inner);
      values.push(item.value);
      canonical.push(item.canonical);
      const next = this.peek();
      this.pos++;
      if (next === "]") break;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or ']'");
      }
    }
    return { value: values, canonical: `[${canonical.join(",")}]` };
  }

  #readObject(depthLeft: number): ParsedJson {
    const inner = this.#enter(depthLeft);
    const members = new Map<string, ParsedJson>();
    if (this.peek() === "}") {
      this.pos++;
      return { value: {}, canonical: "{}" };
    }
    for (;;) {
      if (this.peek() !== '"') this.fail("key must be a string");
      const key = this.readString();
      this.expect(":");
      // Map.set keeps the first insertion position but takes the last value: serde's BTreeMap
      // insert does the same, and the order is re-established by sorting below.
      members.set(key, this.readValue(inner));
      const next = this.peek();
      this.pos++;
      if (next === "}") break;
      if (next !== ",") {
        this.pos--;
        this.fail("expected ',' or '}'");
      }
    }
    const canonical: string[] = [];
    for (const key of [...members.keys()].sort(compareCodePoints)) {
      canonical.push(`${JSON.stringify(key)}:${(members.get(key) as ParsedJson).canonical}`);
    }
    // The returned value keeps first-appearance key order, like JSON.parse.
    const value: { [key: string]: JsonValue } = {};
    for (const [key, member] of members) {
      if (key === "__proto__") {
        Object.defineProperty(value, key, {
          value: member.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        value[key] = member.value;
      }
    }
    return { value, canonical: `{${canonical.join(",")}}` };
  }
}
