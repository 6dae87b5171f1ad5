import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  redactHeaders,
  redactText,
  redactUrl,
  safeUrl,
  sanitizeCause,
} from "../../../client/core/redact.ts";

const SECRET = "SECRET-4f1c";

describe("URLs lose what may carry secrets", () => {
  it("safeUrl keeps scheme, host, port and path only", () => {
    assert.equal(
      safeUrl(`https://user:${SECRET}@h.test:8443/v1/a%20b?code=${SECRET}#${SECRET}`),
      "https://h.test:8443/v1/a%20b",
    );
    assert.equal(safeUrl(`not a url?code=${SECRET}`), "not a url");
    assert.equal(redactUrl(`http://h/x?token=${SECRET}&limit=1`), "http://h/x");
  });

  it("redactText reduces every URL inside a runtime's message, keeping the prose", () => {
    const cases: [string, string][] = [
      [
        `error sending request for url (http://h:1/x?code=${SECRET}): client error (Connect)`,
        "error sending request for url (http://h:1/x): client error (Connect)",
      ],
      [
        `error sending request from 127.0.0.1:3 for http://h/x?state=${SECRET} (127.0.0.1:4): x`,
        "error sending request from 127.0.0.1:3 for http://h/x (127.0.0.1:4): x",
      ],
      [
        `ResponseHeadersTooLarge fetching "http://h/x?code=${SECRET}". For more information`,
        `ResponseHeadersTooLarge fetching "http://h/x". For more information`,
      ],
      [`see http://h/files/a(1)?code=${SECRET}`, "see http://h/files/a(1)"],
      [`at https://u:${SECRET}@h/p.`, "at https://h/p."],
    ];
    for (const [input, expected] of cases) assert.equal(redactText(input), expected);
  });
});

describe("sanitizeCause", () => {
  it("copies a Deno-style fetch error without the URL's query", () => {
    const raw = new TypeError("fetch failed", {
      cause: new Error(
        `error sending request for url (http://h/cb?code=${SECRET}&state=${SECRET}): ` +
          "client error (Connect): tcp connect error: Connection refused (os error 111)",
      ),
    });
    const safe = sanitizeCause(raw) as Error;
    assert.equal(safe.name, "TypeError");
    assert.equal(safe.message, "fetch failed");
    assert.match((safe.cause as Error).message, /\(http:\/\/h\/cb\): client error/);
    for (const text of [inspect(safe, { depth: 8, showHidden: true }), String(safe.stack)]) {
      assert.ok(!text.includes(SECRET), text);
    }
  });

  it("drops Bun's `path` and Node's socket, keeps code, errno and syscall", () => {
    const raw = Object.assign(new TypeError("ECONNRESET: The socket connection was closed"), {
      code: "ECONNRESET",
      errno: 0,
      syscall: "read",
      path: `http://h/cb?code=${SECRET}`,
      socket: { remoteAddress: "127.0.0.1", token: SECRET },
    });
    const safe = sanitizeCause(raw) as Error & Record<string, unknown>;
    assert.equal(safe.code, "ECONNRESET");
    assert.equal(safe.errno, 0);
    assert.equal(safe.syscall, "read");
    assert.equal(safe.path, undefined);
    assert.equal(safe.socket, undefined);
    assert.ok(!inspect(safe, { depth: 8, showHidden: true }).includes(SECRET));
    assert.ok(!JSON.stringify(Object.entries(safe)).includes(SECRET));
  });

  it("ends cycles, and leaves values that are not errors alone", () => {
    const a = new Error(`a http://h/?code=${SECRET}`) as Error & { cause?: unknown };
    a.cause = a;
    const safe = sanitizeCause(a) as Error;
    assert.ok(!inspect(safe, { depth: 20 }).includes(SECRET));
    assert.equal(sanitizeCause(42), 42);
    assert.equal(sanitizeCause(`http://h/?code=${SECRET}`), "http://h/");
  });
});

describe("redactHeaders", () => {
  it("redacts secret headers, secret-looking fields and URLs in strings", () => {
    const data = redactHeaders({
      headers: { Authorization: `Bearer ${SECRET}`, accept: "application/json" },
      clientSecret: SECRET,
      location: `http://h/next?code=${SECRET}`,
      status: 302,
    });
    assert.deepEqual(data, {
      headers: { Authorization: "[redacted]", accept: "application/json" },
      clientSecret: "[redacted]",
      location: "http://h/next",
      status: 302,
    });
  });
});
