import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";

const example = fileURLToPath(new URL("../../examples/opentelemetry.ts", import.meta.url));
const config = fileURLToPath(new URL("../../deno.json", import.meta.url));
// The example imports a development tool (not a dependency of the SDK): the dev import map has it.
const devImports = fileURLToPath(new URL("../../import_map.dev.json", import.meta.url));
const devLock = fileURLToPath(new URL("../../deno.dev.lock", import.meta.url));
const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
const bun = (globalThis as { Bun?: unknown }).Bun;

/** The example, run by the runtime running this test. */
function command(): [string, string[]] {
  if (deno !== undefined) {
    return [deno.execPath(), [
      "run",
      "-A",
      "--config",
      config,
      "--import-map",
      devImports,
      "--lock",
      devLock,
      example,
    ]];
  }
  if (bun !== undefined) return [process.execPath, ["run", example]];
  return [process.execPath, ["--import", "tsx", example]];
}

interface PrintedSpan {
  name: string;
  kind: string;
  trace: string;
  id: string;
  parent: string;
  status: string;
  "http.status": string;
  resend: string;
  sent: string;
}

describe("examples/opentelemetry.ts", () => {
  it("propagates the active span and records a CLIENT span per attempt", async () => {
    const [file, args] = command();
    const { code, stdout, stderr } = await new Promise<
      { code: number; stdout: string; stderr: string }
    >((resolve) => {
      execFile(
        file,
        args,
        { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }, timeout: 60_000 },
        (error, out, err) =>
          resolve({ code: error === null ? 0 : -1, stdout: String(out), stderr: String(err) }),
      );
    });
    assert.equal(code, 0, stderr);

    const propagated =
      /^propagated: (00-[0-9a-f]{32}-([0-9a-f]{16})-01) \(caller span ([0-9a-f]{16})\)$/m
        .exec(stdout);
    assert.ok(propagated, stdout);
    assert.equal(propagated[2], propagated[3], "the orchestrator got the caller's span id");

    const spans: PrintedSpan[] = [...stdout.matchAll(/^span "([^"]+)" (.*)$/gm)].map((m) => ({
      name: m[1],
      ...Object.fromEntries(m[2].split(" ").map((pair) => pair.split("="))),
    }));
    const checkout = spans.find((s) => s.name === "checkout");
    assert.ok(checkout, stdout);
    const clients = spans.filter((s) => s.kind === "CLIENT");
    assert.deepEqual(
      clients.map((s) => [s.name, s["http.status"], s.resend, s.status]),
      [
        ["GET /v1/agents", "503", "0", "ERROR"],
        ["GET /v1/agents", "200", "1", "UNSET"],
        ["GET /v1/agents/6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11", "404", "0", "ERROR"],
      ],
    );
    for (const span of clients) {
      assert.equal(span.trace, checkout.trace, "in the caller's trace");
      assert.equal(span.parent, checkout.id, "child of the caller's span");
      assert.equal(span.sent, "true", "its id reached the orchestrator as traceparent");
    }
  });
});
