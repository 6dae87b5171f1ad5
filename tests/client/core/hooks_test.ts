import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  AegisClient,
  AegisCore,
  AegisHookError,
  clientCredentials,
  hookRunner,
  type Hooks,
  InvalidArgumentError,
  listAgents,
  NotFoundError,
} from "../../../client/mod.ts";
import { createFakeOrchestrator } from "../../../testing/mod.ts";
import { listen } from "../../../testing/server.ts";
import { helloManifest, setup } from "../../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";
const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/** Every hook, recording the name and context of each run. */
function recordingHooks(): { hooks: Required<Hooks>; seen: [string, unknown][] } {
  const seen: [string, unknown][] = [];
  const hooks: Required<Hooks> = {
    beforeRequest: [(ctx) => void seen.push(["beforeRequest", ctx])],
    afterResponse: [(ctx) => void seen.push(["afterResponse", ctx])],
    beforeRetry: [(ctx) => void seen.push(["beforeRetry", ctx])],
    onError: [(ctx) => void seen.push(["onError", ctx])],
    onStreamEvent: [(ctx) => void seen.push(["onStreamEvent", ctx])],
  };
  return { hooks, seen };
}

/** Everything reachable from `value` as text: own properties, headers, errors and causes. */
function dump(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    return String(value);
  }
  if (seen.has(value)) return "";
  seen.add(value);
  if (typeof value === "function") return "";
  if (value instanceof Headers) return [...value].map(([k, v]) => `${k}: ${v}`).join("\n");
  let out = "";
  if (value instanceof Error) out += `${value.name}: ${value.message}\n${value.stack}\n`;
  for (const key of Reflect.ownKeys(value)) {
    out += `${String(key)}=${dump((value as Record<PropertyKey, unknown>)[key], seen)}\n`;
  }
  return out;
}

describe("hooks", () => {
  it("beforeRequest adds headers per attempt, after the trace context; never Authorization", async () => {
    const attempts: number[] = [];
    const h = setup({
      hooks: {
        beforeRequest: [(ctx) => {
          attempts.push(ctx.attempt);
          assert.equal(ctx.headers.get("traceparent"), TRACEPARENT);
          assert.equal(ctx.headers.get("authorization"), "[redacted]");
          ctx.setHeader("X-Request-Source", `attempt-${ctx.attempt}`);
        }],
      },
      traceContext: () => ({ traceparent: TRACEPARENT }),
    });
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
    assert.deepEqual(await h.client.listAgents(), []);
    assert.deepEqual(attempts, [1, 2]);
    assert.equal(h.last("/v1/agents").headers.get("x-request-source"), "attempt-2");
    assert.equal(h.last("/v1/agents").headers.get("authorization"), `Bearer ${h.fake.token}`);

    const sent = h.fake.requests.length;
    const forging = h.client.listAgents({
      hooks: { beforeRequest: [(ctx) => ctx.setHeader("Authorization", "Bearer forged")] },
    });
    await assert.rejects(forging, (error: unknown) => {
      assert.ok(error instanceof AegisHookError);
      assert.equal(error.hook, "beforeRequest");
      assert.ok(error.cause instanceof InvalidArgumentError);
      return true;
    });
    assert.equal(h.fake.requests.length, sent, "nothing was sent");
  });

  it("a throwing beforeRequest stops the call before anything is sent", async () => {
    const h = setup({
      hooks: { beforeRequest: [() => Promise.reject(new Error("maintenance window"))] },
    });
    await assert.rejects(h.client.listAgents(), (error: unknown) => {
      assert.ok(error instanceof AegisHookError);
      assert.equal(error.hook, "beforeRequest");
      assert.match(error.message, /maintenance window \[GET \/v1\/agents\]/);
      return true;
    });
    assert.equal(h.fake.requests.length, 0);
  });

  it("an abort during an async beforeRequest stops the call before sending", async () => {
    const controller = new AbortController();
    const h = setup({
      hooks: {
        beforeRequest: [async () => {
          controller.abort();
          await new Promise((resolve) => setTimeout(resolve, 5));
        }],
      },
    });
    await assert.rejects(
      h.client.listAgents({ signal: controller.signal }),
      (error: unknown) => error instanceof Error && error.name === "AegisAbortError",
    );
    assert.equal(h.fake.requests.length, 0);
  });

  it("afterResponse sees every attempt's status, headers and timing", async () => {
    const { hooks, seen } = recordingHooks();
    const h = setup({ hooks });
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
    await h.client.listAgents();
    const responses = seen.filter(([name]) => name === "afterResponse")
      .map(([, ctx]) =>
        ctx as { attempt: number; status: number; headers: Headers; durationMs: number }
      );
    assert.deepEqual(responses.map((r) => [r.attempt, r.status]), [[1, 503], [2, 200]]);
    assert.equal(responses[0].headers.get("retry-after"), "0");
    assert.match(responses[1].headers.get("content-type") ?? "", /^application\/json/);
    assert.ok(responses.every((r) => r.durationMs >= 0));
    assert.deepEqual(seen.map(([name]) => name), [
      "beforeRequest",
      "afterResponse",
      "beforeRetry",
      "beforeRequest",
      "afterResponse",
    ]);
    const calls = new Set(seen.map(([, ctx]) => (ctx as { call: unknown }).call));
    assert.equal(calls.size, 1, "one call object for the whole call");
  });

  it("beforeRetry sees attempt, delay and cause, and may stop retrying", async () => {
    const retries: { attempt: number; retry: number; delayMs: number; error: unknown }[] = [];
    const h = setup({ hooks: { beforeRetry: [(ctx) => void retries.push(ctx)] } });
    h.fake.faults.sequence([503, 503], { path: "/v1/agents", headers: { "retry-after": "0" } });
    await h.client.listAgents();
    assert.deepEqual(retries.map((r) => [r.attempt, r.retry]), [[1, 1], [2, 2]]);
    assert.ok(retries.every((r) => r.delayMs >= 0 && r.delayMs < 1000));
    assert.ok(retries[0].error instanceof AegisApiError && retries[0].error.status === 503);

    const sent = h.fake.requests.length;
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
    const stopped = h.client.listAgents({ hooks: { beforeRetry: [() => false] } });
    await assert.rejects(
      stopped,
      (error: unknown) => error instanceof AegisApiError && error.status === 503,
    );
    assert.equal(h.fake.requests.length, sent + 1, "no retry was made");
  });

  it("onError sees the final typed error; a failing onError leaves that error in place", async () => {
    const warnings: string[] = [];
    const errors: unknown[] = [];
    const h = setup({
      hooks: {
        onError: [
          (ctx) => void errors.push([ctx.attempts, ctx.error]),
          () => {
            throw new Error("broken exporter");
          },
        ],
      },
      logger: { warn: (message) => void warnings.push(message) },
    });
    await assert.rejects(h.client.getAgent(MISSING), NotFoundError);
    assert.equal(errors.length, 1);
    const [attempts, error] = errors[0] as [number, unknown];
    assert.equal(attempts, 1);
    assert.ok(error instanceof NotFoundError);
    assert.match(warnings.join("\n"), /onError hook failed/);
    assert.deepEqual(await h.client.listAgents(), [], "the client still works");
    assert.equal(errors.length, 1, "no error, no onError");
  });

  it("a throwing afterResponse fails the call and releases the response (real socket)", async () => {
    const fake = createFakeOrchestrator({ stepMs: 60_000 });
    const server = await listen(fake);
    try {
      const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { agent_id } = await client.deployAgent(helloManifest());
      const { execution_id } = await client.startExecution(agent_id, "hi");
      const failing = client.streamExecution(execution_id, {
        hooks: {
          afterResponse: [() => {
            throw new Error("exporter down");
          }],
        },
      });
      await assert.rejects(failing, (error: unknown) => {
        assert.ok(error instanceof AegisHookError);
        assert.equal(error.hook, "afterResponse");
        assert.match(error.message, /exporter down/);
        return true;
      });
      for (let i = 0; i < 100 && fake.state.listenerCount > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(fake.state.listenerCount, 0, "the event stream was cancelled");
      assert.equal((await client.getExecution(execution_id)).id, execution_id);
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it("onStreamEvent sees each event before it is yielded; a throwing one ends the stream", async () => {
    const observed: [number, string][] = [];
    const h = setup({
      hooks: {
        onStreamEvent: [
          (ctx) =>
            void observed.push([ctx.index, (ctx.event as { event_type: string }).event_type]),
        ],
      },
    });
    const { agent_id } = await h.client.deployAgent(helloManifest());
    const { execution_id } = await h.client.startExecution(agent_id, "hi");
    const iterated: string[] = [];
    for await (const event of await h.client.streamExecution(execution_id)) {
      iterated.push(event.event_type);
      assert.equal(observed.at(-1)?.[1], event.event_type, "observed before yielded");
    }
    assert.deepEqual(observed.map(([, type]) => type), iterated);
    assert.deepEqual(observed.map(([index]) => index), iterated.map((_, i) => i));

    const { execution_id: second } = await h.client.startExecution(agent_id, "again");
    const stream = await h.client.streamExecution(second, {
      hooks: { onStreamEvent: [() => Promise.reject(new Error("bad sink"))] },
    });
    await assert.rejects(stream.toArray(), (error: unknown) => {
      assert.ok(error instanceof AegisHookError);
      assert.equal(error.hook, "onStreamEvent");
      return true;
    });
    assert.equal(h.fake.state.listenerCount, 0, "the stream was released");
  });

  it("client hooks run before the call's", async () => {
    const order: string[] = [];
    const h = setup({ hooks: { beforeRequest: [() => void order.push("client")] } });
    await h.client.listAgents({ hooks: { beforeRequest: [() => void order.push("call")] } });
    await h.client.listAgents();
    assert.deepEqual(order, ["client", "call", "client"]);
  });

  it("refuses malformed hooks before sending anything", async () => {
    const fake = createFakeOrchestrator();
    const options = { baseUrl: "http://aegis.test", bearerToken: fake.token, fetch: fake.fetch };
    assert.throws(
      () => new AegisClient({ ...options, hooks: { beforeRequst: [] } as unknown as Hooks }),
      /hooks\.beforeRequst.*is not a hook/,
    );
    assert.throws(
      () => new AegisClient({ ...options, hooks: { onError: (() => {}) as unknown as [] } }),
      /hooks\.onError.*array of functions/,
    );
    const client = new AegisClient(options);
    await assert.rejects(
      client.listAgents({ hooks: { afterResponse: [42] } as unknown as Hooks }),
      InvalidArgumentError,
    );
    await assert.rejects(
      client.listAgents({ hooks: { afterResponse: 42 } as unknown as Hooks }),
      /hooks\.afterResponse.*array of functions/,
    );
    await assert.rejects(
      client.listAgents({ traceContext: "00-abc" as unknown as () => undefined }),
      InvalidArgumentError,
    );
    assert.equal(fake.requests.length, 0);
  });
});

describe("hooks on a bare AegisCore (function imports) need hookRunner", () => {
  const base = (fake: ReturnType<typeof createFakeOrchestrator>) => ({
    baseUrl: "http://aegis.test",
    bearerToken: fake.token,
    fetch: fake.fetch,
  });

  it("without it, client hooks and trace context are refused at construction, saying what to do", () => {
    const fake = createFakeOrchestrator();
    for (
      const [name, extra] of [
        ["hooks", { hooks: { beforeRequest: [() => {}] } }],
        ["traceContext", { traceContext: () => undefined }],
      ] as const
    ) {
      assert.throws(
        () => new AegisCore({ ...base(fake), ...extra }),
        (e: unknown) =>
          e instanceof InvalidArgumentError && e.argument === name &&
          e.message.includes("pass hookRunner") && e.message.includes("@aegis/sdk/client") &&
          e.message.includes("AegisClient"),
      );
    }
    assert.throws(
      () => new AegisCore({ ...base(fake), hookRunner: {} as never }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "hookRunner",
    );
    assert.equal(fake.requests.length, 0);
  });

  it("without it, a call given hooks or a trace context is refused and sends nothing", async () => {
    const fake = createFakeOrchestrator();
    const core = new AegisCore(base(fake));
    await assert.rejects(
      listAgents(core, { hooks: { beforeRequest: [() => {}] } }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "hooks",
    );
    await assert.rejects(
      listAgents(core, { traceContext: () => undefined }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "traceContext",
    );
    assert.equal(fake.requests.length, 0);
    assert.deepEqual(await listAgents(core), [], "calls without hooks work");
  });

  it("with it, client and call hooks run as on AegisClient", async () => {
    const fake = createFakeOrchestrator();
    const order: string[] = [];
    const core = new AegisCore({
      ...base(fake),
      hookRunner,
      hooks: { beforeRequest: [() => void order.push("client")] },
      traceContext: () => ({
        traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      }),
    });
    await listAgents(core, {
      hooks: { afterResponse: [(ctx) => void order.push(`call ${ctx.status}`)] },
    });
    assert.deepEqual(order, ["client", "call 200"]);
    assert.equal(
      fake.requests.at(-1)?.headers.get("traceparent"),
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    );
    const bare = new AegisCore({ ...base(fake), hookRunner });
    await listAgents(bare, { hooks: { beforeRequest: [() => void order.push("later")] } });
    assert.equal(order.at(-1), "later");
  });
});

describe("trace context propagation", () => {
  it("sends traceparent and tracestate, from header values or a span context", async () => {
    let calls = 0;
    const h = setup({
      traceContext: () => {
        calls++;
        return { traceparent: TRACEPARENT, tracestate: "vendor=abc" };
      },
    });
    h.fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
    await h.client.listAgents();
    assert.equal(calls, 2, "once per attempt");
    assert.equal(h.last("/v1/agents").headers.get("traceparent"), TRACEPARENT);
    assert.equal(h.last("/v1/agents").headers.get("tracestate"), "vendor=abc");

    const spanContext = {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba902b7",
      traceFlags: 1,
      traceState: { serialize: () => "congo=t61rcWkgMzE" },
    };
    await h.client.listAgents({ traceContext: () => spanContext });
    assert.equal(h.last("/v1/agents").headers.get("traceparent"), TRACEPARENT);
    assert.equal(h.last("/v1/agents").headers.get("tracestate"), "congo=t61rcWkgMzE");

    await h.client.listAgents({ traceContext: () => undefined });
    assert.equal(h.last("/v1/agents").headers.get("traceparent"), null);
  });

  it("refuses a malformed trace context before sending anything", async () => {
    const h = setup();
    const bad = [
      { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7" },
      { traceparent: "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01" },
      { traceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01" },
      { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01" },
      { traceparent: `${TRACEPARENT}\r\nx-evil: 1` },
      { traceparent: TRACEPARENT, tracestate: "a=1\nb=2" },
      { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: 256 },
    ];
    for (const context of bad) {
      await assert.rejects(
        h.client.listAgents({ traceContext: () => context }),
        (error: unknown) =>
          error instanceof InvalidArgumentError && /traceContext/.test(error.message),
        JSON.stringify(context),
      );
    }
    await assert.rejects(
      h.client.listAgents({
        traceContext: () => {
          throw new Error("no tracer");
        },
      }),
      (error: unknown) => error instanceof AegisHookError && error.hook === "traceContext",
    );
    assert.equal(h.fake.requests.length, 0);
  });

  it("is sent over a real socket", async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    try {
      const client = new AegisClient({
        baseUrl: server.url,
        bearerToken: fake.token,
        traceContext: () => ({ traceparent: TRACEPARENT }),
      });
      await client.listAgents();
      assert.equal(fake.requests.at(-1)?.headers.get("traceparent"), TRACEPARENT);
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describe("what hooks receive is redacted", () => {
  it("contains no token, client secret, secret header or query value, over a real socket", async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    const issued: string[] = [];
    // Reads the access tokens the fake issues, to look for them in what the hooks saw.
    const spyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input instanceof Request ? input.url : input).includes("/token")) {
        const token = (await response.clone().json()).access_token;
        if (typeof token === "string") issued.push(token);
      }
      return response;
    };
    const { hooks, seen } = recordingHooks();
    try {
      const oauth = new AegisCore({
        baseUrl: server.url,
        auth: clientCredentials({ keycloakUrl: server.url, ...fake.oauth }),
        headers: { "x-api-key": "header-secret-7f3a" },
        fetch: spyFetch,
        hookRunner,
        hooks,
      });
      const bearer = new AegisClient({
        baseUrl: server.url,
        bearerToken: fake.token,
        headers: { cookie: "session=cookie-secret-91c2" },
        fetch: spyFetch,
        hookRunner,
        hooks,
      });
      fake.faults.add({ path: "/v1/agents", status: 503, headers: { "retry-after": "0" } });
      await oauth.request({
        method: "GET",
        path: "/v1/agents",
        query: { token: "query-secret-5d1e" },
      });
      await assert.rejects(bearer.getAgent(MISSING, { maxRetries: 0 }), NotFoundError);
      const { agent_id } = await bearer.deployAgent(helloManifest());
      const { execution_id } = await bearer.startExecution(agent_id, "hi");
      await (await bearer.streamExecution(execution_id)).toArray();
    } finally {
      await server.close();
      await fake.close();
    }
    assert.ok(issued.length >= 1, "the OAuth2 client got a token");
    const names = new Set(seen.map(([name]) => name));
    assert.deepEqual(
      [...names].sort(),
      ["afterResponse", "beforeRequest", "beforeRetry", "onError", "onStreamEvent"],
    );
    const everything = dump(seen);
    assert.match(everything, /\[redacted\]/);
    for (
      const secret of [
        fake.token,
        fake.oauth.clientSecret,
        ...issued,
        "header-secret-7f3a",
        "cookie-secret-91c2",
        "query-secret-5d1e",
      ]
    ) {
      assert.ok(!everything.includes(secret), `a hook saw ${secret.slice(0, 12)}…`);
    }
  });
});
