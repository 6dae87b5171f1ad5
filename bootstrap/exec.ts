/**
 * A command executor for the bootstrap loop built on `node:child_process`, so it runs on
 * Deno, Bun and Node (POSIX systems). Kept out of `@aegis/sdk/bootstrap` so that module stays
 * usable on edge runtimes without a process API.
 *
 * Behaviour, matching the orchestrator's default `bootstrap.py` where it matters to the model:
 * - **Shell by default.** The command line is `command + " " + args.join(" ")` run by
 *   `/bin/sh -c`, exactly as `bootstrap.py` does with `shell=True`. The model's tool calls are
 *   written for that: they put pipes, redirections, `&&` and globs in `command` and pass
 *   `args` unquoted, so spawning argv directly would change their meaning. A missing command
 *   is therefore the shell's exit code 127 with its "not found" message. `shell: false`
 *   spawns argv directly instead (a missing command is then also reported as 127).
 * - `cwd` must exist: a missing working directory is exit code 127 and one that is not a
 *   directory 126, with `[AEGIS] cannot run command: …` naming the path.
 * - `env_additions` is merged over the current process environment; stdin is `/dev/null`.
 * - `timeout_secs` (0 means the default 60): the command runs in its own process group and
 *   the whole group is killed with SIGKILL, so children and pipelines die too; the result is
 *   exit code `-1` with `[AEGIS] Command timed out after Ns` appended to stderr (output so far
 *   is kept).
 * - `max_output_bytes`: memory stays bounded while reading (each stream keeps a tail window of
 *   at most that many bytes); if stdout and stderr together exceeded it, each keeps its last
 *   `floor(max/2)` bytes and `truncated` is true.
 * - A process killed by a signal reports `128 + signal number`, as a shell's `$?` does.
 * - When the command exits but a background process it started still holds its output open,
 *   the result is returned after a short grace period and that process is left running.
 * - Aborting through the signal kills the process group and rejects with `AegisAbortError`.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { constants } from "node:os";
import process from "node:process";
import { AegisAbortError } from "../client/core/errors.ts";
import { utf8Tail } from "./parse.ts";
import {
  DEFAULT_DISPATCH_TIMEOUT_SECS,
  type ExecFunction,
  type ExecRequest,
  type ExecResult,
} from "./types.ts";

/**
 * Options of {@link createNodeExec}.
 *
 * @example
 * ```ts
 * import type { NodeExecOptions } from "@aegis/sdk/bootstrap/exec";
 *
 * const options: NodeExecOptions = { shell: "/bin/bash" };
 * ```
 */
export interface NodeExecOptions {
  /**
   * Shell that runs `command + " " + args.join(" ")` with `-c` (default `/bin/sh`), or `false`
   * to spawn `command` with `args` as argv, without a shell.
   */
  shell?: string | false;
  /** Base environment under `env_additions` (default: the current process environment). */
  env?: Record<string, string | undefined>;
  /**
   * How long to keep reading after the command exited while something else still holds its
   * output open, in milliseconds (default 200).
   */
  exitGraceMs?: number;
}

/**
 * Creates an {@link ExecFunction} that runs commands as child processes.
 *
 * @example Run commands through bash instead of sh
 * ```ts
 * import { createNodeExec } from "@aegis/sdk/bootstrap/exec";
 *
 * const exec = createNodeExec({ shell: "/bin/bash" });
 * const result = await exec({
 *   command: "echo",
 *   args: ["$((6 * 7))"],
 *   cwd: "/",
 *   env_additions: {},
 *   timeout_secs: 10,
 *   max_output_bytes: 4096,
 * });
 * console.log(result.stdout); // "42\n"
 * ```
 */
export function createNodeExec(options: NodeExecOptions = {}): ExecFunction {
  const shell = options.shell ?? "/bin/sh";
  const graceMs = options.exitGraceMs ?? 200;
  return (request, signal) => runCommand(request, signal, shell, options.env, graceMs);
}

/**
 * The default executor: `/bin/sh -c` like the orchestrator's `bootstrap.py`, process-group
 * kill on timeout, bounded output. Pass it as `exec` to `runBootstrap`.
 *
 * @example
 * ```ts
 * import { nodeExec } from "@aegis/sdk/bootstrap/exec";
 *
 * const result = await nodeExec({
 *   command: "ls",
 *   args: ["-a"],
 *   cwd: "/",
 *   env_additions: { LC_ALL: "C" },
 *   timeout_secs: 10,
 *   max_output_bytes: 65536,
 * });
 * console.log(result.exit_code, result.truncated);
 * ```
 */
export const nodeExec: ExecFunction = createNodeExec();

/** Keeps the last `capacity` bytes written, and counts all of them. */
class TailWindow {
  #chunks: Uint8Array[] = [];
  #retained = 0;
  total = 0;
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  push(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.capacity <= 0 || chunk.length === 0) return;
    if (chunk.length >= this.capacity) {
      this.#chunks = [chunk.slice(chunk.length - this.capacity)];
      this.#retained = this.capacity;
      return;
    }
    this.#chunks.push(chunk.slice());
    this.#retained += chunk.length;
    while (this.#retained - this.#chunks[0].length >= this.capacity) {
      this.#retained -= this.#chunks.shift()!.length;
    }
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.#retained);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out.subarray(Math.max(0, out.length - this.capacity));
  }
}

async function runCommand(
  request: ExecRequest,
  signal: AbortSignal | undefined,
  shell: string | false,
  baseEnv: Record<string, string | undefined> | undefined,
  graceMs: number,
): Promise<ExecResult> {
  if (signal?.aborted) throw abortError(signal);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const cwdProblem = await checkCwd(request.cwd);
  if (cwdProblem !== undefined) {
    return {
      exit_code: cwdProblem.code,
      stdout: "",
      stderr: `[AEGIS] cannot run command: ${cwdProblem.message}`,
      duration_ms: elapsed(),
      truncated: false,
    };
  }
  if (signal?.aborted) throw abortError(signal);

  const cap = Math.max(0, Math.floor(request.max_output_bytes));
  const timeoutSecs = request.timeout_secs > 0
    ? request.timeout_secs
    : DEFAULT_DISPATCH_TIMEOUT_SECS;
  const [file, argv] = shell === false
    ? [request.command, request.args]
    : [shell, ["-c", [request.command, ...request.args].join(" ")]];
  const env: Record<string, string | undefined> = {
    ...(baseEnv ?? process.env),
    ...request.env_additions,
  };

  return await new Promise<ExecResult>((resolve, reject) => {
    const stdout = new TailWindow(cap);
    const stderr = new TailWindow(cap);
    let timedOut = false;
    let aborted = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let done = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;

    const child = spawn(file, argv, {
      cwd: request.cwd,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });

    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
      }
    };

    const timeoutTimer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutSecs * 1000);

    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    signal?.addEventListener("abort", onAbort, { once: true });

    const finish = (spawnError?: NodeJS.ErrnoException): void => {
      if (done) return;
      done = true;
      clearTimeout(timeoutTimer);
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      signal?.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      if (aborted) {
        reject(abortError(signal));
        return;
      }
      if (spawnError !== undefined) {
        const code = spawnError.code === "ENOENT" ? 127 : 126;
        resolve({
          exit_code: code,
          stdout: "",
          stderr: `[AEGIS] cannot run command: ${spawnError.message}`,
          duration_ms: elapsed(),
          truncated: false,
        });
        return;
      }
      const truncated = stdout.total + stderr.total > cap;
      const keep = truncated ? Math.floor(cap / 2) : cap;
      const out = utf8Tail(stdout.bytes(), keep);
      let err = utf8Tail(stderr.bytes(), keep);
      let code = exitCode ?? signalExitCode(exitSignal);
      if (timedOut) {
        code = -1;
        const notice = `[AEGIS] Command timed out after ${timeoutSecs}s`;
        err = err === "" ? notice : `${err}${err.endsWith("\n") ? "" : "\n"}${notice}`;
      }
      resolve({ exit_code: code, stdout: out, stderr: err, duration_ms: elapsed(), truncated });
    };

    child.stdout?.on("data", (chunk: Uint8Array) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Uint8Array) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) finish(error);
    });
    child.on("exit", (code: number | null, sig: string | null) => {
      exitCode = code;
      exitSignal = sig;
      // A background process may keep the pipes open for good; do not wait for it.
      graceTimer = setTimeout(() => finish(), graceMs);
    });
    child.on("close", () => finish());
  });
}

async function checkCwd(cwd: string): Promise<{ code: number; message: string } | undefined> {
  try {
    const info = await stat(cwd);
    if (!info.isDirectory()) {
      return { code: 126, message: `working directory ${cwd} is not a directory` };
    }
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return { code: 127, message: `working directory ${cwd} does not exist` };
    }
    return { code: 126, message: `working directory ${cwd} is not accessible (${code})` };
  }
}

function signalExitCode(signalName: string | null): number {
  if (signalName === null) return -1;
  const number = (constants.signals as Record<string, number | undefined>)[signalName];
  return number === undefined ? -1 : 128 + number;
}

function abortError(signal: AbortSignal | undefined): AegisAbortError {
  return new AegisAbortError("command aborted", { cause: signal?.reason });
}

export type { ExecFunction, ExecRequest, ExecResult } from "./types.ts";
