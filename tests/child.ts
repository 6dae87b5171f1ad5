/**
 * Runs a TypeScript file in a child process of the runtime running the tests (Deno, Node with
 * its loader flags, or Bun), for tests that must measure or observe a process of its own.
 *
 * @module
 */

import { spawn } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** How the child ended. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  /** `performance.now()` in this process when the child exited. */
  exitedAt: number;
}

/** Command that runs `script` with the current runtime, with `--expose-gc` available. */
function runtimeCommand(script: string): [string, string[]] {
  const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
  if (deno) return [deno.execPath(), ["run", "-A", "--quiet", "--v8-flags=--expose-gc", script]];
  if (process.versions.bun) return [process.execPath, [script]];
  // Node: keep loader flags such as `--import tsx`, drop the test runner's own flags.
  return [process.execPath, [
    "--expose-gc",
    ...process.execArgv.filter((a) => !a.startsWith("--test")),
    script,
  ]];
}

/** Runs `script` (a URL relative to the caller) and resolves when it exits. */
export function runChild(
  script: URL,
  env: Record<string, string>,
  timeoutMs: number,
  onStdout?: (text: string) => void,
): Promise<ChildResult> {
  const [command, args] = runtimeCommand(fileURLToPath(script));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: fileURLToPath(new URL("../", import.meta.url)),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script.pathname} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    let stdout = "";
    child.stdout!.on("data", (data: Uint8Array) => {
      const text = new TextDecoder().decode(data);
      stdout += text;
      onStdout?.(text);
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, exitedAt: performance.now() });
    });
  });
}
