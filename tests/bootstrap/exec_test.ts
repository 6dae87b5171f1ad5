import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
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
