import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createDispatchResultMessage,
  createGenerateMessage,
  DispatchProtocolError,
  InvalidArgumentError,
  isDispatchMessage,
  limitOutputSize,
  parseOrchestratorMessage,
} from "../../bootstrap/mod.ts";
import { isUuid } from "../../internal/guards.ts";

const AGENT = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const EXECUTION = "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
const DISPATCH = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";

function protocolField(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DispatchProtocolError, `expected DispatchProtocolError: ${error}`);
    assert.ok(error.message.includes(error.field), error.message);
    return error.field;
  }
  assert.fail("expected a DispatchProtocolError");
}

describe("createGenerateMessage", () => {
  it("builds the wire message with defaults", () => {
    const message = createGenerateMessage({
      agentId: AGENT,
      executionId: EXECUTION,
      iterationNumber: 1,
      prompt: "hi",
    });
    assert.deepEqual(message, {
      type: "generate",
      agent_id: AGENT,
      execution_id: EXECUTION,
      iteration_number: 1,
      prompt: "hi",
      messages: [],
      model_alias: "default",
    });
  });

  it("refuses non-UUID ids and out-of-range iterations, naming the argument", () => {
    const base = { agentId: AGENT, executionId: EXECUTION, iterationNumber: 1, prompt: "p" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ agentId: "" }, "agentId"],
      [{ agentId: "agent-1" }, "agentId"],
      [{ executionId: "exec-uuid" }, "executionId"],
      [{ iterationNumber: -1 }, "iterationNumber"],
      [{ iterationNumber: 256 }, "iterationNumber"],
      [{ iterationNumber: 1.5 }, "iterationNumber"],
      [{ iterationNumber: Number.NaN }, "iterationNumber"],
      [{ prompt: 3 }, "prompt"],
      [{ modelAlias: "" }, "modelAlias"],
      [{ messages: [{ role: "robot", content: "x" }] }, "messages[0].role"],
      [{ messages: [{ role: "user" }] }, "messages[0].content"],
      [
        { messages: [{ role: "assistant", content: "", tool_calls: [{ id: 1 }] }] },
        "messages[0].tool_calls[0]",
      ],
    ];
    for (const [override, argument] of cases) {
      assert.throws(
        () => createGenerateMessage({ ...base, ...override } as never),
        (error: unknown) => error instanceof InvalidArgumentError && error.argument === argument,
        `case ${JSON.stringify(override)}`,
      );
    }
  });

  it("accepts iteration bounds 0 and 255 and copies the conversation", () => {
    const messages = [
      {
        role: "assistant" as const,
        content: "",
        tool_calls: [{ id: "c1", name: "cmd.run", arguments: { a: 1 } }],
      },
      { role: "tool" as const, content: "ok", tool_call_id: "c1" },
    ];
    const zero = createGenerateMessage({
      agentId: AGENT,
      executionId: EXECUTION,
      iterationNumber: 0,
      prompt: "",
      messages,
    });
    const max = createGenerateMessage({
      agentId: AGENT.toUpperCase(),
      executionId: EXECUTION,
      iterationNumber: 255,
      prompt: "",
    });
    assert.equal(zero.iteration_number, 0);
    assert.equal(max.iteration_number, 255);
    assert.deepEqual(zero.messages, messages);
    assert.notEqual(zero.messages[0], messages[0]);
  });
});

describe("createDispatchResultMessage", () => {
  const result = { exit_code: 0, stdout: "ok", stderr: "", duration_ms: 12.6, truncated: false };

  it("builds the message and rounds the duration", () => {
    assert.deepEqual(
      createDispatchResultMessage({ executionId: EXECUTION, dispatchId: DISPATCH, result }),
      {
        type: "dispatch_result",
        execution_id: EXECUTION,
        dispatch_id: DISPATCH,
        exit_code: 0,
        stdout: "ok",
        stderr: "",
        duration_ms: 13,
        truncated: false,
      },
    );
  });

  it("refuses malformed results", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ exit_code: 1.5 }, "result.exit_code"],
      [{ exit_code: 2 ** 31 }, "result.exit_code"],
      [{ stdout: null }, "result.stdout"],
      [{ duration_ms: -1 }, "result.duration_ms"],
      [{ truncated: "no" }, "result.truncated"],
    ];
    for (const [override, argument] of cases) {
      assert.throws(
        () =>
          createDispatchResultMessage({
            executionId: EXECUTION,
            dispatchId: DISPATCH,
            result: { ...result, ...override } as never,
          }),
        (error: unknown) => error instanceof InvalidArgumentError && error.argument === argument,
      );
    }
    assert.throws(
      () => createDispatchResultMessage({ executionId: "x", dispatchId: DISPATCH, result }),
      InvalidArgumentError,
    );
  });
});

describe("parseOrchestratorMessage", () => {
  it("parses a dispatch and fills the orchestrator's defaults", () => {
    const message = parseOrchestratorMessage({
      type: "dispatch",
      dispatch_id: DISPATCH,
      action: "exec",
      command: "ls",
    });
    assert.ok(isDispatchMessage(message));
    assert.deepEqual(message, {
      type: "dispatch",
      dispatch_id: DISPATCH,
      action: "exec",
      command: "ls",
      args: [],
      cwd: "/workspace",
      env_additions: {},
      timeout_secs: 60,
      max_output_bytes: 524288,
    });
  });

  it("keeps every field of a full dispatch", () => {
    const wire = {
      type: "dispatch",
      dispatch_id: DISPATCH,
      action: "exec",
      command: "python",
      args: ["-m", "pytest"],
      cwd: "/src",
      env_additions: { CI: "1" },
      timeout_secs: 5,
      max_output_bytes: 100,
    };
    assert.deepEqual(parseOrchestratorMessage(wire), wire);
  });

  it("lets an unknown action through so the loop can answer unknown_action", () => {
    const message = parseOrchestratorMessage({
      type: "dispatch",
      dispatch_id: DISPATCH,
      action: "browse",
    });
    assert.ok(isDispatchMessage(message));
    assert.equal(message.action, "browse");
    assert.equal(message.command, "");
  });

  it("treats a body without type, or with another type, as final", () => {
    assert.deepEqual(
      parseOrchestratorMessage({ content: "done", tool_calls_executed: 2, extra: true }),
      {
        content: "done",
        tool_calls_executed: 2,
      },
    );
    const typed = parseOrchestratorMessage({ type: "final", content: "", tool_calls_executed: 0 });
    assert.equal(isDispatchMessage(typed), false);
  });

  it("names the malformed field", () => {
    const dispatch = { type: "dispatch", dispatch_id: DISPATCH, action: "exec", command: "ls" };
    assert.equal(protocolField(() => parseOrchestratorMessage(null)), "(body)");
    assert.equal(protocolField(() => parseOrchestratorMessage([1])), "(body)");
    assert.equal(protocolField(() => parseOrchestratorMessage("<html>")), "(body)");
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, dispatch_id: "d-1" })),
      "dispatch_id",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, action: 1 })),
      "action",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, command: undefined })),
      "command",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, args: "-la" })),
      "args",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, args: ["a", 2] })),
      "args[1]",
    );
    assert.equal(protocolField(() => parseOrchestratorMessage({ ...dispatch, cwd: 7 })), "cwd");
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, env_additions: { A: 1 } })),
      "env_additions.A",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, env_additions: [] })),
      "env_additions",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, timeout_secs: -1 })),
      "timeout_secs",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, timeout_secs: 2 ** 32 })),
      "timeout_secs",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ ...dispatch, max_output_bytes: "1k" })),
      "max_output_bytes",
    );
    assert.equal(protocolField(() => parseOrchestratorMessage({})), "content");
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ content: "x" })),
      "tool_calls_executed",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ content: "x", tool_calls_executed: 1.5 })),
      "tool_calls_executed",
    );
    assert.equal(
      protocolField(() => parseOrchestratorMessage({ content: "x", tool_calls_executed: -1 })),
      "tool_calls_executed",
    );
  });

  it("quotes the server's error text when an error body arrives as 200", () => {
    assert.throws(
      () => parseOrchestratorMessage({ error: "loop state lost" }),
      (error: unknown) =>
        error instanceof DispatchProtocolError && /loop state lost/.test(error.message),
    );
  });
});

describe("limitOutputSize and isUuid", () => {
  it("keeps output within the bound untouched", () => {
    assert.deepEqual(limitOutputSize("abc", "de", 5), {
      stdout: "abc",
      stderr: "de",
      truncated: false,
    });
  });

  it("keeps the tail half of each stream when the sum exceeds the bound", () => {
    assert.deepEqual(limitOutputSize("0123456789", "ab", 8), {
      stdout: "6789",
      stderr: "ab",
      truncated: true,
    });
  });

  it("never splits a UTF-8 character", () => {
    const out = limitOutputSize("ééééé", "", 5); // 10 bytes, keep 2
    assert.equal(out.stdout, "é");
    const odd = limitOutputSize("ééééé", "", 7); // keep 3 bytes → one whole é
    assert.equal(odd.stdout, "é");
    assert.ok(!odd.stdout.includes("\uFFFD"));
  });

  it("recognises hyphenated UUIDs only", () => {
    assert.equal(isUuid(AGENT), true);
    assert.equal(isUuid(AGENT.toUpperCase()), true);
    assert.equal(isUuid(AGENT.replaceAll("-", "")), false);
    assert.equal(isUuid(`${AGENT}x`), false);
    assert.equal(isUuid(42), false);
  });
});
