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
 *   directory 126, with `[AEGIS] cannot run command: ...` naming the path.
 * - `env_additions` is merged over the current process environment; stdin is `/dev/null`.
 * - `timeout_secs` (0 means the default 60): the command runs in its own session and process
 *   group, and on timeout its whole tree is frozen (SIGSTOP) and killed with SIGKILL: the group,
 *   every descendant (also those that started their own session or group with `setsid`), and on
 *   Linux every process seen in the tree while the command ran (sampled every 250 ms), even
 *   after it left it. A daemon that double-forks into its own session between two samples is
 *   found only when it is re-parented to this process (PID 1 or a subreaper, the container
 *   case); under another init it escapes. The result is exit code `-1` with
 *   `[AEGIS] Command timed out after Ns` appended to stderr (output so far is kept). Without
 *   `/proc` (macOS, BSD) only the process group is killed.
 * - **Safe as a container's PID 1.** Orphans of commands are re-parented to PID 1, which must
 *   reap them or they stay zombies. On Linux, a bootstrap running as PID 1 on Deno (with
 *   `--allow-ffi`, as `-A` gives) or Bun reaps such adopted children (`waitpid` through their
 *   FFI) while commands are dispatched (not as a subreaper: only PID 1 reaps); Node has no way to reap a process it did not spawn, so under Node
 *   run the container with an init (`docker run --init`, tini). SIGTERM and SIGINT kill the
 *   running commands' trees and exit with `128 + signal` (143, 130) -- a PID 1 without a handler
 *   would ignore them -- unless the application has its own handler for that signal, which then
 *   decides when to exit.
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
import { readdirSync, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { constants } from "node:os";
import process from "node:process";
import { AegisAbortError } from "../errors.ts";
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
export const nodeExec: ExecFunction = /* @__PURE__ */ createNodeExec();

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

    const tree = child.pid === undefined ? undefined : RunningCommand.start(child.pid);
    const killGroup = (): void => {
      if (tree !== undefined) tree.kill();
      else if (child.pid === undefined) return;
      try {
        child.kill("SIGKILL");
      } catch {
        // Already gone.
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
      tree?.stop();
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

// ---------------------------------------------------------------------------------------------
// Process trees, reaping and termination signals (Linux `/proc`; process groups elsewhere)

/** One line of `/proc/<pid>/stat`, the fields used here. */
interface ProcessInfo {
  pid: number;
  /** `R`, `S`, `Z` (zombie), ... */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Clock ticks after boot: tells a process from a later one with the same pid. */
  startTime: number;
}

let procAvailable: boolean | undefined;

/** Linux with a readable `/proc` (checked at the first command, not at import). */
function hasProc(): boolean {
  procAvailable ??= process.platform === "linux" && readProcessInfo(process.pid) !== undefined;
  return procAvailable;
}

function readProcessInfo(pid: number): ProcessInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses; the fields follow the last ')'.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return {
    pid,
    state: fields[0],
    ppid: Number(fields[1]),
    pgrp: Number(fields[2]),
    session: Number(fields[3]),
    startTime: Number(fields[19]),
  };
}

function listProcesses(): ProcessInfo[] {
  const all: ProcessInfo[] = [];
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return all;
  }
  for (const name of names) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const info = readProcessInfo(Number(name));
    if (info !== undefined) all.push(info);
  }
  return all;
}

function sendSignal(pid: number, signal: "SIGSTOP" | "SIGKILL"): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already, or not ours to signal.
  }
}

/** Commands running now, so a timeout or a termination signal can kill their trees. */
const running = new Set<RunningCommand>();
/** Pids this module spawned and the runtime still has to reap itself. */
const spawnedPids = new Set<number>();
let watchTimer: ReturnType<typeof setInterval> | undefined;

/**
 * A dispatched command's process tree. On Linux its members are remembered while it runs (every
 * 250 ms), so a process that later leaves the tree (its parent exits) is still known when the
 * tree is killed.
 */
class RunningCommand {
  readonly pid: number;
  readonly #startTime: number;
  /** pid -> start time of every process seen in the tree. */
  readonly #members = new Map<number, number>();

  private constructor(pid: number) {
    this.pid = pid;
    this.#startTime = readProcessInfo(pid)?.startTime ?? 0;
  }

  static start(pid: number): RunningCommand {
    const command = new RunningCommand(pid);
    spawnedPids.add(pid);
    running.add(command);
    installTerminationHandlers();
    startReaper();
    if (hasProc() && watchTimer === undefined) {
      watchTimer = setInterval(() => {
        const all = listProcesses();
        for (const each of running) each.#observe(all);
      }, 250);
      unref(watchTimer);
    }
    return command;
  }

  /** The command has exited and been reaped by the runtime. */
  stop(): void {
    running.delete(this);
    spawnedPids.delete(this.pid);
    if (running.size === 0 && watchTimer !== undefined) {
      clearInterval(watchTimer);
      watchTimer = undefined;
    }
  }

  /** Records the tree: descendants, its group and session, and adopted orphans from it. */
  #observe(all: ProcessInfo[]): ProcessInfo[] {
    const children = new Map<number, ProcessInfo[]>();
    for (const info of all) {
      const siblings = children.get(info.ppid);
      if (siblings === undefined) children.set(info.ppid, [info]);
      else siblings.push(info);
    }
    const members: ProcessInfo[] = [];
    const add = (info: ProcessInfo): void => {
      if (info.startTime < this.#startTime) return;
      this.#members.set(info.pid, info.startTime);
      members.push(info);
    };
    // Once the command has exited and been reaped, its pid may be given to an unrelated process
    // (Linux reuses a pid only when no process, group or session still has it): that process,
    // its children and its group are someone else's.
    const leader = all.find((info) => info.pid === this.pid);
    const recycled = leader !== undefined && leader.startTime !== this.#startTime;
    const queue = recycled ? [] : [this.pid];
    const visited = new Set<number>();
    while (queue.length > 0) {
      const pid = queue.pop()!;
      if (visited.has(pid)) continue;
      visited.add(pid);
      for (const child of children.get(pid) ?? []) {
        add(child);
        queue.push(child.pid);
      }
    }
    const ownSession = readProcessInfo(process.pid)?.session;
    for (const info of all) {
      if (visited.has(info.pid)) continue;
      const known = this.#members.get(info.pid) === info.startTime;
      const sameGroup = !recycled && (info.pgrp === this.pid || info.session === this.pid);
      // An orphan re-parented to this process after it left its session can only come from the
      // command running now, when it is the only one. Only a PID 1 adopts orphans: anywhere
      // else a child in another session is one this process started itself (elsewhere in the
      // application, or another isolate of the same process), never the command's.
      const adopted = process.pid === 1 && info.ppid === process.pid &&
        info.session !== ownSession &&
        !spawnedPids.has(info.pid) && running.size === 1 && info.startTime >= this.#startTime;
      if (known || sameGroup || adopted) {
        add(info);
        for (const child of children.get(info.pid) ?? []) queue.push(child.pid);
      }
    }
    // Descendants of members found in the second pass.
    while (queue.length > 0) {
      const pid = queue.pop()!;
      if (visited.has(pid)) continue;
      visited.add(pid);
      for (const child of children.get(pid) ?? []) {
        add(child);
        queue.push(child.pid);
      }
    }
    return members;
  }

  /** Freezes the whole tree (so nothing forks away meanwhile), then kills every member. */
  kill(): void {
    // A recycled pid (the command already exited) names someone else's process and group.
    const leader = readProcessInfo(this.pid);
    const recycled = leader !== undefined && leader.startTime !== this.#startTime;
    if (!recycled) sendSignal(-this.pid, "SIGSTOP");
    const victims = new Map<number, number>();
    if (hasProc()) {
      // Repeat until no new member appears: a process may fork between two scans.
      for (let round = 0; round < 10; round++) {
        let fresh = 0;
        for (const info of this.#observe(listProcesses())) {
          if (victims.has(info.pid) || info.state === "Z") continue;
          victims.set(info.pid, info.startTime);
          sendSignal(info.pid, "SIGSTOP");
          fresh++;
        }
        if (fresh === 0) break;
      }
    }
    if (!recycled) {
      sendSignal(-this.pid, "SIGKILL");
      sendSignal(this.pid, "SIGKILL");
    }
    for (const [pid, startTime] of victims) {
      // Never a recycled pid: the start time must still match.
      if (readProcessInfo(pid)?.startTime === startTime) sendSignal(pid, "SIGKILL");
    }
  }
}

function unref(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}

let terminationHandlersInstalled = false;

/**
 * SIGTERM/SIGINT: kill the running commands' trees, then exit with 128 + signal as the default
 * action would (PID 1 has no default action). An application handler for the signal wins.
 */
function installTerminationHandlers(): void {
  if (terminationHandlersInstalled) return;
  terminationHandlersInstalled = true;
  for (const name of ["SIGTERM", "SIGINT"] as const) {
    const number = (constants.signals as Record<string, number>)[name];
    try {
      process.on(name, () => {
        for (const command of running) command.kill();
        if (process.listenerCount(name) <= 1) process.exit(128 + number);
      });
    } catch {
      // The runtime cannot listen to this signal (Windows): its default action stays.
    }
  }
}

/** Reaps one child by pid without blocking; the runtime's FFI to libc `waitpid`. */
type ReapFunction = (pid: number) => void;

let reaperStarted = false;

/**
 * Starts reaping orphans re-parented to this process when it is a container's PID 1 (Linux):
 * zombie children that this module did not spawn and that left this process's session. A
 * zombie is reaped only when seen twice, 250 ms apart, so the runtime reaps its own children
 * first. Only as PID 1: anywhere else the orphans belong to the real init, and reaping by pid
 * could take a child that other code of this process is still waiting for (the runtime then
 * fails that wait with ECHILD).
 */
function startReaper(): void {
  if (reaperStarted || !hasProc() || process.pid !== 1) return;
  reaperStarted = true;
  const reap = loadWaitpid();
  if (reap !== undefined) {
    const ownSession = readProcessInfo(process.pid)?.session;
    let zombies = new Set<number>();
    const timer = setInterval(() => {
      const seen = new Set<number>();
      for (const info of listProcesses()) {
        if (
          info.ppid !== process.pid || info.state !== "Z" || info.session === ownSession ||
          spawnedPids.has(info.pid)
        ) continue;
        if (zombies.has(info.pid)) reap(info.pid);
        else seen.add(info.pid);
      }
      zombies = seen;
    }, 250);
    unref(timer);
  }
}

const LIBC_NAMES = ["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so"];
const WNOHANG = 1;

/** libc `waitpid` through Deno's or Bun's FFI, when the runtime has one and allows it. */
function loadWaitpid(): ReapFunction | undefined {
  const deno = (globalThis as unknown as { Deno?: DenoFfi }).Deno;
  if (typeof deno?.dlopen === "function") {
    if (deno.permissions?.querySync?.({ name: "ffi" }).state !== "granted") return undefined;
    for (const name of LIBC_NAMES) {
      try {
        const lib = deno.dlopen(name, {
          waitpid: { parameters: ["i32", "pointer", "i32"], result: "i32" },
        });
        return (pid) => void lib.symbols.waitpid(pid, null, WNOHANG);
      } catch {
        // Try the next name.
      }
    }
    return undefined;
  }
  // Bun's `import.meta.require` loads its FFI module without a dynamic import other runtimes
  // and bundlers would try to resolve.
  const bunRequire = (import.meta as unknown as { require?: (id: string) => unknown }).require;
  if ((globalThis as { Bun?: unknown }).Bun !== undefined && typeof bunRequire === "function") {
    let ffi: BunFfi | undefined;
    try {
      ffi = bunRequire("bun:ffi") as BunFfi;
    } catch {
      return undefined;
    }
    for (const name of LIBC_NAMES) {
      try {
        const lib = ffi.dlopen(name, { waitpid: { args: ["i32", "ptr", "i32"], returns: "i32" } });
        return (pid) => void lib.symbols.waitpid(pid, null, WNOHANG);
      } catch {
        // Try the next name.
      }
    }
  }
  return undefined;
}

/** The part of Deno's FFI used here. */
interface DenoFfi {
  dlopen: (
    name: string,
    symbols: Record<string, { parameters: string[]; result: string }>,
  ) => { symbols: { waitpid: (pid: number, status: null, options: number) => number } };
  permissions?: { querySync?: (descriptor: { name: string }) => { state: string } };
}

/** The part of Bun's FFI used here. */
interface BunFfi {
  dlopen: (
    name: string,
    symbols: Record<string, { args: string[]; returns: string }>,
  ) => { symbols: { waitpid: (pid: number, status: null, options: number) => number } };
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
