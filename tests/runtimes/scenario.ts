/**
 * The end-to-end scenario the workerd and Chromium harnesses run inside those runtimes: only
 * web-standard code, bundled by esbuild together with the SDK and the fake orchestrator.
 *
 * Each step runs either against a fake created in the same runtime (`fetch: fake.fetch`) or
 * against a fake that the Node side serves on 127.0.0.1 (`baseUrl` + `token`).
 *
 * @module
 */

import {
  AegisClient,
  AegisRedirectError,
  AegisStreamInterruptedError,
  AgentManifestBuilder,
  createSealEnvelope,
  Ed25519Key,
  SEALClient,
  SEALError,
  verifySealEnvelopeJson,
} from "../../mod.ts";
import { createFakeOrchestrator, type FakeOrchestrator } from "../../testing/mod.ts";

/** Where the fake orchestrator is: absent means in the runtime itself. */
export interface Target {
  baseUrl: string;
  token: string;
}

/** Names of the scenario's steps, in the order the harnesses run them. */
export const STEPS = [
  "deploy, execute and stream to completion",
  "break out of a stream early",
  "sign and verify a SEAL envelope",
  "attest and call a tool with SEALClient",
  "refuse a redirect to another origin",
] as const;

/** One of {@link STEPS}. */
export type Step = typeof STEPS[number];

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

interface Connection {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

/**
 * Makes `fake` answer `GET /v1/agents` once with a 307 to `elsewhere` (another origin), for the
 * step "refuse a redirect to another origin". The harnesses call it on the fake they serve.
 */
export function prepareRedirect(fake: FakeOrchestrator, elsewhere: string): void {
  fake.faults.add({
    method: "GET",
    path: "/v1/agents",
    status: 307,
    headers: { location: `${elsewhere}/v1/agents?signature=secret` },
  });
}

const steps: Record<Step, (connection: Connection) => Promise<string>> = {
  async "deploy, execute and stream to completion"(connection) {
    const client = new AegisClient({
      baseUrl: connection.baseUrl,
      bearerToken: connection.token,
      fetch: connection.fetch,
    });
    const manifest = new AgentManifestBuilder("runtime-harness", "python", "3.11")
      .withInstruction("Echo the input")
      .withExecutionMode("iterative", 2)
      .build();
    const { agent_id } = await client.deployAgent(manifest, { force: true });
    check((await client.getAgent(agent_id)).id === agent_id, "the deployed agent is listed");
    const { execution_id } = await client.startExecution(agent_id, "hello from the harness");
    const events: string[] = [];
    let finalOutput: string | undefined;
    for await (const event of await client.streamExecution(execution_id)) {
      events.push(event.event_type);
      finalOutput ??= event.details.ExecutionCompleted?.final_output;
    }
    check(events[0] === "execution_started", `first event is ${events[0]}`);
    check(events.at(-1) === "execution_completed", `last event is ${events.at(-1)}`);
    check(typeof finalOutput === "string", "execution_completed carries final_output");
    const execution = await client.getExecution(execution_id);
    check(/^completed$/i.test(String(execution.status)), `status is ${execution.status}`);
    return `${events.length} events`;
  },

  async "break out of a stream early"(connection) {
    const client = new AegisClient({
      baseUrl: connection.baseUrl,
      bearerToken: connection.token,
      fetch: connection.fetch,
    });
    const manifest = new AgentManifestBuilder("runtime-harness-cancel", "python", "3.11")
      .withInstruction("Echo the input")
      .build();
    const { agent_id } = await client.deployAgent(manifest, { force: true });
    const { execution_id } = await client.startExecution(agent_id, "stop early");
    const stream = await client.streamExecution(execution_id);
    let seen = 0;
    for await (const _event of stream) {
      seen++;
      break;
    }
    check(seen === 1, "one event before breaking out");
    // A closed stream must not hand out further events or hang.
    const after: unknown[] = [];
    try {
      for await (const event of stream) after.push(event);
    } catch (error) {
      check(!(error instanceof AegisStreamInterruptedError), `unexpected ${error}`);
    }
    check(after.length === 0, `${after.length} events after close`);
    return "closed after 1 event";
  },

  async "sign and verify a SEAL envelope"() {
    const key = await Ed25519Key.generate();
    const payload = {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "echo", arguments: { text: "é ✓", n: 0.5 } },
    };
    const body = JSON.stringify(await createSealEnvelope("security-token", payload, key));
    const verified = await verifySealEnvelopeJson(body, key.getPublicKeyBase64());
    check(JSON.stringify(verified) === JSON.stringify(payload), "verified payload is the original");
    const tampered = body.replace('"echo"', '"ecHo"');
    let rejected: unknown;
    await verifySealEnvelopeJson(tampered, key.getPublicKeyBase64()).catch((e) => rejected = e);
    check(rejected instanceof SEALError, `tampered envelope rejected with SEALError: ${rejected}`);
    // Production builds minify; an error's name must survive it.
    check(rejected.name === "SEALError", `the error is named SEALError, not ${rejected.name}`);
    return "Ed25519 sign/verify ok";
  },

  /**
   * What `redirect: "manual"` yields differs by runtime (the redirect itself, or an opaque
   * redirect with status 0 in browsers); either way nothing may follow it. Resolves to
   * `"<status> <location or hidden>"` for the harness to check.
   */
  async "refuse a redirect to another origin"(connection) {
    const client = new AegisClient({
      baseUrl: connection.baseUrl,
      bearerToken: connection.token,
      fetch: connection.fetch,
      tenantId: "t-harness",
      maxRetries: 0,
    });
    const error = await client.listAgents().then(() => undefined, (e: unknown) => e);
    check(error instanceof AegisRedirectError, `refused with AegisRedirectError, got ${error}`);
    check(
      String(error).startsWith("AegisRedirectError: "),
      `the error prints as an AegisRedirectError: ${error}`,
    );
    check(!error.message.includes("signature"), "the query string stays out of the error");
    return `${error.status} ${error.location ?? "hidden"}`;
  },

  async "attest and call a tool with SEALClient"(connection) {
    const seal = new SEALClient(connection.baseUrl, "harness-workload", "aegis-system-operator", {
      auth: connection.token,
      fetch: connection.fetch,
    });
    try {
      const session = await seal.attest();
      check(session.security_token.split(".").length === 3, "security token is a JWT");
      const result = await seal.callTool("echo", { greeting: "hi", n: 2 });
      check(
        JSON.stringify(result) === '{"greeting":"hi","n":2}',
        `echo gave ${JSON.stringify(result)}`,
      );
      return "attested, echo ok";
    } finally {
      seal.erase();
    }
  },
};

/**
 * Runs one step; resolves to a short description, rejects with what failed. Without `target`
 * a fake orchestrator is created in this runtime for the step and closed afterwards.
 */
export async function runStep(step: Step, target?: Target): Promise<string> {
  const action = steps[step];
  if (!action) throw new Error(`unknown step "${step}"`);
  if (target) return await action(target);
  const fake = createFakeOrchestrator({ stepMs: 1 });
  if (step === "refuse a redirect to another origin") {
    prepareRedirect(fake, "http://elsewhere.invalid");
  }
  try {
    return await action({
      baseUrl: "http://fake-orchestrator",
      token: fake.token,
      fetch: fake.fetch,
    });
  } finally {
    fake.close();
  }
}
