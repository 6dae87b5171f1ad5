import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { AegisAbortError, AegisProtocolError, AegisTimeoutError } from "../../errors.ts";
import { AegisApiError, InternalServerError, RateLimitError } from "../../client/core/errors.ts";
import {
  type AgentMessage,
  type DispatchGatewayClient,
  DispatchLimitError,
  DispatchProtocolError,
  type DispatchResultMessage,
  type ExecRequest,
  InvalidArgumentError,
  runBootstrap,
  type RunBootstrapOptions,
} from "../../bootstrap/mod.ts";
import { nodeExec } from "../../bootstrap/exec.ts";
import { AegisClient } from "../../client/mod.ts";
import { createDispatchRoutes, type DispatchRoutesOptions } from "../../testing/routes/dispatch.ts";

const AGENT = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const EXECUTION = "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
const PATH = "/v1/dispatch-gateway";
let dir = "";

/** A stand-in for AegisClient.dispatchGateway over the fake routes, with typed status errors. */
function fakeGateway(options: DispatchRoutesOptions = {}) {
  const sent: AgentMessage[] = [];
  const app = createDispatchRoutes(options);
  const client: DispatchGatewayClient = {
    async dispatchGateway(message, requestOptions) {
      sent.push(message);
      const response = await app.request(PATH, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(message),
        signal: requestOptions?.signal,
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw new AegisProtocolError(`expected JSON [POST ${PATH}]`);
      }
      if (!response.ok) {
        const serverMessage = typeof body === "object" && body !== null && "error" in body
          ? String((body as { error: unknown }).error)
          : text;
        const init = { status: response.status, method: "POST", path: PATH, body, serverMessage };
        if (response.status === 429) throw new RateLimitError(init);
        if (response.status >= 500) throw new InternalServerError(init);
        throw new AegisApiError(init);
      }
      return body;
    },
  };
  const results = (): DispatchResultMessage[] =>
    sent.filter((m): m is DispatchResultMessage => m.type === "dispatch_result");
  return { client, sent, results };
}

function baseOptions(client: DispatchGatewayClient): RunBootstrapOptions {
  return {
    client,
    prompt: "Write a primality check",
    agentId: AGENT,
    executionId: EXECUTION,
    iterationNumber: 1,
    exec: nodeExec,
  };
}

function isRunning(pid: number): boolean {
  if (!existsSync("/proc/self/stat")) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2)[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "aegis-loop-")));
  writeFileSync(join(dir, "prime.py"), "print('ok')\n");
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("runBootstrap end to end over the fake gateway with nodeExec", () => {
  it("runs a multi-dispatch loop to the final answer", async () => {
    const { client, sent, results } = fakeGateway({ cwd: dir });
    const dispatched: Array<[string, number]> = [];
    const reported: DispatchResultMessage[] = [];
    const result = await runBootstrap({
      ...baseOptions(client),
      modelAlias: "fast",
      onDispatch: (dispatch, index) => {
        dispatched.push([dispatch.command, index]);
      },
      onResult: (message) => {
        reported.push(message);
      },
    });
    assert.deepEqual(dispatched, [["ls", 0], ["echo", 1], ["test", 2]]);
    assert.equal(result.dispatchCount, 3);
    assert.equal(result.toolCallsExecuted, 3);
    assert.deepEqual(result.final, { content: result.content, tool_calls_executed: 3 });
    assert.match(result.content, /`ls -a` exited 0: prime\.py/);
    assert.match(result.content, /`echo 'writing prime.py'` exited 0: writing prime\.py/);
    assert.match(result.content, /exited 0: 3 passed, 0 failed/);
    assert.match(result.content, /All commands succeeded\./);
    assert.deepEqual(sent[0], {
      type: "generate",
      agent_id: AGENT,
      execution_id: EXECUTION,
      iteration_number: 1,
      prompt: "Write a primality check",
      messages: [],
      model_alias: "fast",
    });
    assert.deepEqual(reported, results());
    for (const message of results()) {
      assert.equal(message.execution_id, EXECUTION);
      assert.equal(message.exit_code, 0);
      assert.equal(message.truncated, false);
    }
  });

  it("honours env_additions and cwd of each dispatch", async () => {
    const { client, results } = fakeGateway({
      script: [
        {
          kind: "dispatch",
          command: 'echo "$GREETING"; pwd',
          cwd: dir,
          env_additions: { GREETING: "hej" },
        },
        { kind: "dispatch", command: "pwd", cwd: "/" },
      ],
    });
    await runBootstrap(baseOptions(client));
    assert.equal(results()[0].stdout, `hej\n${dir}\n`);
    assert.equal(results()[1].stdout, "/\n");
  });

  it("reports a command that times out as -1 and kills its process tree", async () => {
    const { client, results } = fakeGateway({
      cwd: dir,
      script: [{
        kind: "dispatch",
        command: "echo $$; sleep 30 & echo $!; sleep 30",
        timeout_secs: 1,
      }],
    });
    const result = await runBootstrap(baseOptions(client));
    const [timedOut] = results();
    assert.equal(timedOut.exit_code, -1);
    assert.ok(timedOut.stderr.endsWith("[AEGIS] Command timed out after 1s"), timedOut.stderr);
    assert.match(result.content, /exited -1/);
    const pids = timedOut.stdout.trim().split("\n").map(Number);
    assert.equal(pids.length, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(pids.filter(isRunning), []);
  });

  it("truncates a flood of output to the dispatch's bound", async () => {
    const { client, results } = fakeGateway({
      cwd: dir,
      script: [{
        kind: "dispatch",
        command: "yes",
        args: ["|", "head", "-c", "5000000"],
        max_output_bytes: 1000,
      }],
    });
    const result = await runBootstrap(baseOptions(client));
    const [flood] = results();
    assert.equal(flood.truncated, true);
    assert.equal(flood.stdout.length, 500);
    assert.equal(flood.exit_code, 0);
    assert.match(result.content, /\(output truncated\)/);
  });

  it("reports a command that does not exist with exit code 127", async () => {
    const { client, results } = fakeGateway({
      cwd: dir,
      script: [{ kind: "dispatch", command: "aegis_missing_tool", args: ["--version"] }],
    });
    const result = await runBootstrap(baseOptions(client));
    assert.equal(results()[0].exit_code, 127);
    assert.match(results()[0].stderr, /aegis_missing_tool.*not found/);
    assert.match(result.content, /1 command\(s\) failed\./);
  });

  it("answers an unknown action with unknown_action and does not run anything", async () => {
    const { client, results } = fakeGateway({
      script: [{ kind: "dispatch", action: "browse", command: "x" }],
    });
    let ran = 0;
    await runBootstrap({
      ...baseOptions(client),
      exec: (request) => {
        ran++;
        return nodeExec(request);
      },
    });
    assert.equal(ran, 0);
    assert.equal(results()[0].exit_code, -1);
    assert.equal(results()[0].stderr, "unknown_action:browse");
  });

  it("reports an exec that throws as exit code -1 and keeps looping", async () => {
    const { client, results } = fakeGateway({
      script: [{ kind: "dispatch", command: "a" }, { kind: "dispatch", command: "b" }],
    });
    const result = await runBootstrap({
      ...baseOptions(client),
      exec: (request: ExecRequest) => {
        if (request.command === "a") return Promise.reject(new Error("sandbox refused"));
        return Promise.resolve({
          exit_code: 0,
          stdout: "b ok",
          stderr: "",
          duration_ms: 1,
          truncated: false,
        });
      },
    });
    assert.equal(results()[0].exit_code, -1);
    assert.match(results()[0].stderr, /^\[AEGIS\] exec failed: Error: sandbox refused/);
    assert.equal(results()[1].exit_code, 0);
    assert.equal(result.dispatchCount, 2);
  });

  it("bounds output even when a custom exec ignores max_output_bytes", async () => {
    const { client, results } = fakeGateway({
      script: [{ kind: "dispatch", command: "big", max_output_bytes: 10 }],
    });
    await runBootstrap({
      ...baseOptions(client),
      exec: () =>
        Promise.resolve({
          exit_code: 0,
          stdout: "x".repeat(100),
          stderr: "",
          duration_ms: 1,
          truncated: false,
        }),
    });
    assert.deepEqual([results()[0].stdout, results()[0].truncated], ["xxxxx", true]);
  });

  it("throws DispatchProtocolError when the orchestrator answers the wrong shape", async () => {
    for (
      const [body, field] of [
        [{ type: "dispatch", action: "exec", command: "ls" }, "dispatch_id"],
        [{ result: "done" }, "content"],
        [[], "(body)"],
      ] as const
    ) {
      const { client } = fakeGateway({ script: [{ kind: "json", body }] });
      await assert.rejects(
        runBootstrap(baseOptions(client)),
        (error: unknown) => error instanceof DispatchProtocolError && error.field === field,
      );
    }
  });

  it("lets the client's error propagate for a non-JSON answer", async () => {
    const { client } = fakeGateway({ script: [{ kind: "raw", body: "<html>502</html>" }] });
    await assert.rejects(runBootstrap(baseOptions(client)), AegisProtocolError);
  });

  it("lets the client's error propagate for an LLM failure status", async () => {
    const { client } = fakeGateway({
      script: [{ kind: "llm_error", tag: "upstream_rate_limit", message: "slow down" }],
    });
    await assert.rejects(
      runBootstrap(baseOptions(client)),
      (error: unknown) =>
        error instanceof RateLimitError && error.status === 429 &&
        error.serverMessage === "upstream_rate_limit: slow down",
    );
    const midway = fakeGateway({
      cwd: dir,
      script: [{ kind: "dispatch", command: "true" }, {
        kind: "llm_error",
        tag: "upstream_unavailable",
      }],
    });
    await assert.rejects(
      runBootstrap(baseOptions(midway.client)),
      (error: unknown) => error instanceof InternalServerError && error.status === 503,
    );
    assert.equal(midway.results().length, 1);
  });

  it("stops a server that never sends a final answer after maxDispatches", async () => {
    const { client, results } = fakeGateway({
      cwd: dir,
      script: () => ({ kind: "dispatch", command: "true" }),
    });
    let executed = 0;
    await assert.rejects(
      runBootstrap({
        ...baseOptions(client),
        maxDispatches: 3,
        exec: (request) => {
          executed++;
          return nodeExec(request);
        },
      }),
      (error: unknown) => error instanceof DispatchLimitError && error.limit === 3,
    );
    assert.equal(executed, 3);
    assert.equal(results().length, 3);
  });

  it("refuses invalid identity before sending anything", async () => {
    const { client, sent } = fakeGateway();
    await assert.rejects(
      runBootstrap({ ...baseOptions(client), agentId: "unknown" }),
      (error: unknown) => error instanceof InvalidArgumentError && error.argument === "agentId",
    );
    await assert.rejects(
      runBootstrap({ client, prompt: "p", exec: nodeExec }),
      (error: unknown) => error instanceof InvalidArgumentError && error.argument === "agentId",
    );
    assert.equal(sent.length, 0);
  });

  it("takes identity and iteration history from env, explicit options winning", async () => {
    const { client, sent } = fakeGateway({ script: [{ kind: "final", content: "ok" }] });
    await runBootstrap({
      client,
      prompt: "Try again",
      exec: nodeExec,
      env: {
        agentId: AGENT,
        executionId: EXECUTION,
        iteration: 2,
        modelAlias: "smart",
        iterationHistory: [{ iteration: 1, error: "tests failed" }],
      },
      iterationNumber: 7,
    });
    const generate = sent[0];
    assert.equal(generate.type, "generate");
    if (generate.type !== "generate") return;
    assert.equal(generate.iteration_number, 7);
    assert.equal(generate.model_alias, "smart");
    assert.equal(
      generate.prompt,
      "# Previous Attempts:\n\n## Iteration 1:\nError:\ntests failed\n\n# Current Attempt:\nTry again",
    );
  });

  it("aborts a running command and the loop through the signal", async () => {
    const { client } = fakeGateway({
      cwd: dir,
      script: [{ kind: "dispatch", command: "sleep 30" }],
    });
    const controller = new AbortController();
    const started = Date.now();
    const pending = runBootstrap({
      ...baseOptions(client),
      signal: controller.signal,
      onDispatch: () => {
        setTimeout(() => controller.abort(), 100);
      },
    });
    await assert.rejects(pending, AegisAbortError);
    assert.ok(Date.now() - started < 2000);
  });

  it("bounds each wait for the orchestrator with requestTimeoutMs", async () => {
    let seenSignal: AbortSignal | undefined;
    const silent: DispatchGatewayClient = {
      dispatchGateway: (_message, options) => {
        seenSignal = options?.signal;
        return new Promise(() => {});
      },
    };
    await assert.rejects(
      runBootstrap({ ...baseOptions(silent), requestTimeoutMs: 50 }),
      (error: unknown) => error instanceof AegisTimeoutError && /generate/.test(error.message),
    );
    assert.equal(seenSignal?.aborted, true, "the request's own signal is aborted too");
  });

  it("works with the real AegisClient over the fake routes", async () => {
    const app = createDispatchRoutes({ cwd: dir });
    const client = new AegisClient({
      baseUrl: "http://orchestrator.test",
      auth: "none",
      fetch: (input, init) => Promise.resolve(app.fetch(new Request(input, init))),
      maxRetries: 0,
    });
    const result = await runBootstrap({ ...baseOptions(client), exec: nodeExec });
    assert.equal(result.dispatchCount, 3);
    assert.match(result.content, /`ls -a` exited 0: prime\.py/);

    const limited = createDispatchRoutes({
      script: [{ kind: "llm_error", tag: "upstream_rate_limit", message: "slow down" }],
    });
    const limitedClient = new AegisClient({
      baseUrl: "http://orchestrator.test",
      auth: "none",
      fetch: (input, init) => Promise.resolve(limited.fetch(new Request(input, init))),
      maxRetries: 0,
    });
    await assert.rejects(
      runBootstrap(baseOptions(limitedClient)),
      (error: unknown) => error instanceof RateLimitError && error.status === 429,
    );
  });
});
