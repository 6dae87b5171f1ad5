import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { AegisAbortError, type ExecRequest } from "../../bootstrap/mod.ts";
import { createNodeExec, nodeExec } from "../../bootstrap/exec.ts";

let dir = "";

function request(command: string, overrides: Partial<ExecRequest> = {}): ExecRequest {
  return {
    command,
    args: [],
    cwd: dir,
    env_additions: {},
    timeout_secs: 10,
    max_output_bytes: 65536,
    ...overrides,
  };
}

/** True while `pid` runs; a zombie counts as gone (nothing may reap it in a container). */
function isRunning(pid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2)[0];
      return state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[], withinMs: number): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  let alive = pids.filter(isRunning);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    alive = alive.filter(isRunning);
  }
  return alive;
}

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "aegis-exec-")));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("nodeExec", () => {
  it("reports exit code, stdout and stderr separately", async () => {
    const result = await nodeExec(request("echo out; echo err >&2; exit 3"));
    assert.equal(result.exit_code, 3);
    assert.equal(result.stdout, "out\n");
    assert.equal(result.stderr, "err\n");
    assert.equal(result.truncated, false);
    assert.ok(Number.isInteger(result.duration_ms) && result.duration_ms >= 0);
  });

  it("joins args with spaces into one shell command line, like bootstrap.py", async () => {
    const result = await nodeExec(request("echo", { args: ["a", "b", "|", "tr", "a-z", "A-Z"] }));
    assert.equal(result.stdout, "A B\n");
  });

  it("honours cwd and merges env_additions over the process environment", async () => {
    mkdirSync(join(dir, "sub"), { recursive: true });
    writeFileSync(join(dir, "sub", "marker.txt"), "x");
    const result = await nodeExec(
      request('pwd; ls; echo "$AEGIS_TEST_VALUE"; test -n "$PATH" && echo path-kept', {
        cwd: join(dir, "sub"),
        env_additions: { AEGIS_TEST_VALUE: "from additions" },
      }),
    );
    assert.equal(result.exit_code, 0, result.stderr);
    assert.equal(result.stdout, `${join(dir, "sub")}\nmarker.txt\nfrom additions\npath-kept\n`);
  });

  it("uses an explicit base environment when given", async () => {
    const exec = createNodeExec({ env: { PATH: process.env.PATH, BASE_ONLY: "base" } });
    const result = await exec(
      request('echo "$BASE_ONLY/$HOME/$EXTRA"', { env_additions: { EXTRA: "x" } }),
    );
    assert.equal(result.stdout, "base//x\n");
  });

  it("reports a missing command with the shell's exit code 127", async () => {
    const result = await nodeExec(request("aegis_no_such_command_42 --flag"));
    assert.equal(result.exit_code, 127);
    assert.match(result.stderr, /aegis_no_such_command_42/);
    assert.match(result.stderr, /not found/);
  });

  it("reports a missing command as 127 without a shell too", async () => {
    const exec = createNodeExec({ shell: false });
    const missing = await exec(request("aegis_no_such_command_42"));
    assert.equal(missing.exit_code, 127);
    assert.match(missing.stderr, /^\[AEGIS\] cannot run command: .*(ENOENT|not found)/);
    const direct = await exec(request("echo", { args: ["$HOME", "a|b"] }));
    assert.equal(direct.stdout, "$HOME a|b\n");
  });

  it("reports a missing or non-directory cwd as 127 / 126 naming the path", async () => {
    const missing = await nodeExec(request("true", { cwd: join(dir, "nope") }));
    assert.equal(missing.exit_code, 127);
    assert.ok(missing.stderr.includes(join(dir, "nope")), missing.stderr);
    writeFileSync(join(dir, "file"), "");
    const notDir = await nodeExec(request("true", { cwd: join(dir, "file") }));
    assert.equal(notDir.exit_code, 126);
    assert.ok(notDir.stderr.includes(join(dir, "file")), notDir.stderr);
  });

  it("kills the whole process tree on timeout and keeps partial output", async () => {
    const started = Date.now();
    const result = await nodeExec(
      request("echo $$; sleep 30 & echo $!; sleep 30", { timeout_secs: 1 }),
    );
    const elapsed = Date.now() - started;
    assert.equal(result.exit_code, -1);
    assert.ok(result.stderr.endsWith("[AEGIS] Command timed out after 1s"), result.stderr);
    assert.ok(elapsed >= 900 && elapsed < 5000, `took ${elapsed} ms`);
    const pids = result.stdout.trim().split("\n").map(Number);
    assert.equal(pids.length, 2, result.stdout);
    assert.ok(pids.every((pid) => Number.isInteger(pid) && pid > 1));
    assert.deepEqual(
      await waitUntilGone(pids, 1000),
      [],
      "shell and background child must be killed",
    );
  });

  it("bounds memory and output when a command floods", async () => {
    const result = await nodeExec(
      request("yes | head -c 5000000; echo done >&2", { max_output_bytes: 1000 }),
    );
    assert.equal(result.exit_code, 0);
    assert.equal(result.truncated, true);
    assert.equal(result.stdout.length, 500);
    assert.match(result.stdout, /^(y\n)+$/);
    assert.equal(result.stderr, "done\n");
  });

  it("does not truncate output within the bound", async () => {
    const result = await nodeExec(
      request("printf 'abcde'; printf 'fgh' >&2", { max_output_bytes: 8 }),
    );
    assert.deepEqual([result.stdout, result.stderr, result.truncated], ["abcde", "fgh", false]);
    const over = await nodeExec(
      request("printf 'abcde'; printf 'fghi' >&2", { max_output_bytes: 8 }),
    );
    assert.deepEqual([over.stdout, over.stderr, over.truncated], ["bcde", "fghi", true]);
  });

  it("maps death by signal to 128 + signal number", async () => {
    const result = await nodeExec(request("kill -9 $$"));
    assert.equal(result.exit_code, 137);
  });

  it("returns when the command exits even if a background process keeps its output open", async () => {
    const started = Date.now();
    const result = await nodeExec(request("sleep 3 & echo $!; echo started"));
    assert.ok(Date.now() - started < 2000, "must not wait for the background process");
    assert.equal(result.exit_code, 0);
    const [pid] = result.stdout.split("\n").map(Number);
    assert.match(result.stdout, /started\n$/);
    process.kill(pid, "SIGKILL");
  });

  it("kills the process group and rejects when aborted", async () => {
    const controller = new AbortController();
    const pending = nodeExec(request("echo $$; sleep 30"), controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 200);
    const started = Date.now();
    await assert.rejects(pending, (error: unknown) => error instanceof AegisAbortError);
    assert.ok(Date.now() - started < 2000);
    const already = new AbortController();
    already.abort();
    await assert.rejects(nodeExec(request("true"), already.signal), AegisAbortError);
  });
});

// ---------------------------------------------------------------------------------------------
// As a container's PID 1: a bootstrap in a child process, measured from outside through /proc.

const linux = process.platform === "linux" && existsSync("/proc/self/stat");
const runtime = "Deno" in globalThis ? "deno" : "Bun" in globalThis ? "bun" : "node";
const fixture = new URL("./fixtures/pid1_bootstrap.ts", import.meta.url).pathname;

/** `unshare --pid --fork --mount-proc` works here (root, or a permissive container)? */
const canUnshare = linux && (() => {
  try {
    return spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;
  } catch {
    return false;
  }
})();

function runtimeCommand(args: string[]): string[] {
  if (runtime === "deno") return [process.execPath, "run", "-A", fixture, ...args];
  if (runtime === "bun") return [process.execPath, fixture, ...args];
  return [process.execPath, "--import", "tsx", fixture, ...args];
}

interface ProcInfo {
  pid: number;
  state: string;
  ppid: number;
  cmdline: string;
}

function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "latin1").replaceAll("\0", " ");
      out.push({ pid: Number(name), state: fields[0], ppid: Number(fields[1]), cmdline });
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bootstrap child process: PID 1 of a new PID namespace when possible. */
function startBootstrap(mode: string, nonce: string) {
  const [file, ...args] = canUnshare
    ? ["unshare", "--pid", "--fork", "--mount-proc", "--", ...runtimeCommand([mode, nonce])]
    : runtimeCommand([mode, nonce]);
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  const waiters: [string, () => void][] = [];
  child.stdout!.on("data", (chunk: Uint8Array) => {
    output += new TextDecoder().decode(chunk);
    for (const [text, resolve] of waiters) if (output.includes(text)) resolve();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal }))
  );
  return {
    child,
    /** The exit, or `"still running"` 5 s later (a PID 1 without a handler ignores SIGTERM). */
    exit: () => Promise.race([exited, sleep(5000).then(() => "still running")]),
    /** Resolves once the bootstrap printed `text`. */
    printed: (text: string) =>
      new Promise<void>((resolve) => {
        if (output.includes(text)) resolve();
        else waiters.push([text, resolve]);
      }),
    /** The bootstrap's host pid (the namespace's PID 1 under unshare). */
    bootstrapPid(): number {
      if (!canUnshare) return child.pid!;
      return processes().find((p) => p.ppid === child.pid)!.pid;
    },
  };
}

/**
 * Sleeps of this run still alive: `sleep 300.<nonce>` in the command's tree or group, and the
 * double-forked `sleep 301.<nonce>`, which only a PID 1 (or subreaper) bootstrap can find.
 */
const leftovers = (nonce: string, daemons = canUnshare) =>
  processes().filter((p) =>
    p.state !== "Z" &&
    (p.cmdline.startsWith(`sleep 300.${nonce}`) ||
      (daemons && p.cmdline.startsWith(`sleep 301.${nonce}`)))
  );

describe("nodeExec as PID 1 (child processes, measured in /proc)", { skip: !linux }, () => {
  it("after five timed-out commands: no zombie, no survivor; SIGTERM exits 143", {
    timeout: 60_000,
  }, async () => {
    const nonce = String(process.pid) + String(Date.now() % 100000);
    const bootstrap = startBootstrap("timeouts", nonce);
    try {
      await bootstrap.printed("loop-done 5");
      await sleep(1200); // the short-lived orphans have died; the reaper runs every 250 ms
      const pid = bootstrap.bootstrapPid();
      const zombies = processes().filter((p) => p.ppid === pid && p.state === "Z");
      // Killed trees: the foreground command, its `setsid` child and the double-forked daemon.
      assert.deepEqual(leftovers(nonce).map((p) => p.cmdline), []);
      if (canUnshare && runtime !== "node") {
        assert.equal(zombies.length, 0, `zombies of PID 1: ${zombies.map((z) => z.cmdline)}`);
      }
      process.kill(pid, "SIGTERM");
      assert.deepEqual(await bootstrap.exit(), { code: 143, signal: null });
    } finally {
      bootstrap.child.kill("SIGKILL");
      for (const p of leftovers(nonce, true)) process.kill(p.pid, "SIGKILL");
    }
  });

  for (const [signal, status] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
    it(`${signal} stops the running command's whole tree and exits ${status}`, async () => {
      const nonce = String(process.pid) + String(Date.now() % 100000);
      const bootstrap = startBootstrap("signal", nonce);
      try {
        await bootstrap.printed("command-started");
        for (let i = 0; i < 50 && leftovers(nonce, true).length < 4; i++) await sleep(100);
        assert.equal(leftovers(nonce, true).length, 4, "the command started its four sleeps");
        await sleep(200); // the tree has been observed at least once
        process.kill(bootstrap.bootstrapPid(), signal);
        assert.deepEqual(await bootstrap.exit(), { code: status, signal: null });
        await sleep(200);
        assert.deepEqual(leftovers(nonce).map((p) => p.cmdline), []);
      } finally {
        bootstrap.child.kill("SIGKILL");
        for (const p of leftovers(nonce, true)) process.kill(p.pid, "SIGKILL");
      }
    });
  }
});
