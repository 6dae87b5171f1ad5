import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createDispatchRoutes,
  type DispatchRoutesOptions,
} from "../../../testing/routes/dispatch.ts";

const AGENT = "6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
const EXECUTION = "0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";
const GENERATE = {
  type: "generate",
  agent_id: AGENT,
  execution_id: EXECUTION,
  iteration_number: 1,
  prompt: "p",
};

function gateway(options?: DispatchRoutesOptions) {
  const app = createDispatchRoutes(options);
  return (body: unknown, contentType = "application/json"): Promise<Response> =>
    Promise.resolve(app.request("/v1/dispatch-gateway", {
      method: "POST",
      headers: { "content-type": contentType },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }));
}

function result(dispatchId: string, overrides: Record<string, unknown> = {}) {
  return {
    type: "dispatch_result",
    execution_id: EXECUTION,
    dispatch_id: dispatchId,
    exit_code: 0,
    stdout: "ok\n",
    stderr: "",
    duration_ms: 3,
    truncated: false,
    ...overrides,
  };
}

describe("fake dispatch gateway", () => {
  it("rejects a non-JSON content type with 415 plain text", async () => {
    const response = await gateway()(GENERATE, "text/plain");
    assert.equal(response.status, 415);
    assert.match(response.headers.get("content-type") ?? "", /^text\/plain/);
    assert.equal(await response.text(), "Expected request with `Content-Type: application/json`");
    assert.equal(
      (await gateway()(GENERATE, "application/vnd.aegis+json; charset=utf-8")).status,
      200,
    );
  });

  it("rejects bad JSON with 400 and wrong shapes with 422, as axum does", async () => {
    const send = gateway();
    const bad = await send("{not json");
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /^Failed to parse the request body as JSON: /);
    for (
      const body of [{ prompt: "x" }, { type: "hello" }, { ...GENERATE, iteration_number: 256 }, {
        ...GENERATE,
        prompt: undefined,
      }]
    ) {
      const response = await send(body);
      assert.equal(response.status, 422, JSON.stringify(body));
      assert.match(
        await response.text(),
        /^Failed to deserialize the JSON body into the target type: /,
      );
    }
  });

  it("answers 500 {error} for an agent_id that is not a UUID", async () => {
    const response = await gateway()({ ...GENERATE, agent_id: "" });
    assert.equal(response.status, 500);
    assert.match((await response.json()).error, /agent_id/);
    const simple = await gateway()({ ...GENERATE, agent_id: AGENT.replaceAll("-", "") });
    assert.equal(simple.status, 200, "Uuid::parse_str accepts the simple form");
  });

  it("runs the default script and ends with a summarising final without a type field", async () => {
    const send = gateway({ cwd: "/tmp" });
    let answer = await (await send(GENERATE)).json();
    const commands: string[] = [];
    while (answer.type === "dispatch") {
      assert.equal(answer.action, "exec");
      assert.equal(answer.cwd, "/tmp");
      assert.equal(answer.timeout_secs > 0, true);
      assert.equal(answer.max_output_bytes, 524288);
      commands.push([answer.command, ...answer.args].join(" "));
      const response = await send(
        result(answer.dispatch_id, { stdout: `out of ${answer.command}\n` }),
      );
      assert.equal(response.status, 200);
      answer = await response.json();
    }
    assert.equal(commands.length, 3);
    assert.deepEqual(Object.keys(answer).sort(), ["content", "tool_calls_executed"]);
    assert.equal(answer.tool_calls_executed, 3);
    assert.match(answer.content, /^Ran 3 command\(s\):/);
    assert.match(answer.content, /`ls -a` exited 0: out of ls/);
    const expired = await send(result(crypto.randomUUID()));
    assert.equal(expired.status, 500);
    assert.equal((await expired.json()).error, `Unknown or expired execution_id: ${EXECUTION}`);
  });

  it("refuses a result for an unknown execution or a mismatched dispatch_id", async () => {
    const send = gateway();
    const unknown = await send(result(crypto.randomUUID()));
    assert.equal(unknown.status, 500);
    assert.match((await unknown.json()).error, /^Unknown or expired execution_id: /);
    const first = await (await send(GENERATE)).json();
    const other = crypto.randomUUID();
    const mismatched = await send(result(other));
    assert.equal(mismatched.status, 500);
    assert.equal(
      (await mismatched.json()).error,
      `Mismatched dispatch_id: expected ${first.dispatch_id}, got ${other}`,
    );
    const notUuid = await send(result("d-1"));
    assert.equal(notUuid.status, 422);
    assert.equal(
      (await send(result(first.dispatch_id))).status,
      200,
      "the loop survives the bad attempts",
    );
  });

  it("plays scripted LLM errors, raw and JSON answers", async () => {
    const raw = await gateway({
      script: [{ kind: "raw", body: "<html>oops</html>", contentType: "text/html" }],
    })(GENERATE);
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get("content-type"), "text/html");
    assert.equal(await raw.text(), "<html>oops</html>");
    const json = await gateway({ script: [{ kind: "json", body: { type: "dispatch" } }] })(
      GENERATE,
    );
    assert.deepEqual(await json.json(), { type: "dispatch" });
    const limited = await gateway({
      script: [{ kind: "llm_error", tag: "upstream_rate_limit", message: "slow down" }],
    })(GENERATE);
    assert.equal(limited.status, 429);
    assert.deepEqual(await limited.json(), { error: "upstream_rate_limit: slow down" });
  });

  it("gives a script function the loop context and reports traffic", async () => {
    const seen: unknown[] = [];
    const send = gateway({
      onMessage: (message) => seen.push(message),
      script: (ctx) =>
        ctx.step === 0
          ? { kind: "dispatch", command: "echo", args: [ctx.prompt], env_additions: { A: "1" } }
          : {
            kind: "final",
            content: `${ctx.results[0].stdout.trim()} @${ctx.iterationNumber}/${ctx.modelAlias}`,
          },
    });
    const dispatch = await (await send({ ...GENERATE, prompt: "hello", model_alias: "fast" }))
      .json();
    assert.deepEqual(dispatch.args, ["hello"]);
    assert.deepEqual(dispatch.env_additions, { A: "1" });
    const final = await (await send(result(dispatch.dispatch_id, { stdout: "hello\n" }))).json();
    assert.deepEqual(final, { content: "hello @1/fast", tool_calls_executed: 1 });
    assert.equal(seen.length, 2);
  });

  it("answers 503 for upstream_unavailable and 502 for the other upstream tags", async () => {
    const unavailable = await gateway({
      script: [{ kind: "llm_error", tag: "upstream_unavailable" }],
    })(GENERATE);
    assert.equal(unavailable.status, 503);
    const auth = await gateway({ script: [{ kind: "llm_error", tag: "upstream_authentication" }] })(
      GENERATE,
    );
    assert.equal(auth.status, 502);
    assert.match((await auth.json()).error, /^upstream_authentication: /);
  });
});
