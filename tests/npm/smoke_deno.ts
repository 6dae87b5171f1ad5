// Runs inside the scratch project of scripts/build_npm.ts, beside smoke_esm.mjs: the npm package
// as a Deno user gets it from `npm:@aegis/sdk` in a project with a package.json (Deno resolves
// `@aegis/sdk` from node_modules there). `deno test` type-checks this file against the
// package's `.d.ts` files before it runs, which smoke_esm.mjs (JavaScript) cannot show.
// Run by scripts/build_npm.ts, not by the repo's test runners.
import {
  AegisClient,
  AgentManifestBuilder,
  type ExecutionEvent,
  type ExecutionStatus,
  NotFoundError,
} from "@aegis/sdk";
import { AegisCore, getExecution } from "@aegis/sdk/client";
import { createSealEnvelope, Ed25519Key, verifySealEnvelopeJson } from "@aegis/sdk/seal";
import { createFakeOrchestrator } from "@aegis/sdk/testing";

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

Deno.test("the npm package's types reach Deno", () => {
  const client = new AegisClient({ baseUrl: "http://x", auth: "none" });
  // @ts-expect-error: a string is not a number (were the types `any`, this line would compile
  // and the unused directive would fail the check).
  const wrong: number = client.baseUrl;
  check(typeof wrong === "string", "baseUrl is a string");
});

Deno.test("deploys, executes and streams through AegisClient", async () => {
  const fake = createFakeOrchestrator({ stepMs: 1 });
  const client = new AegisClient({
    baseUrl: "http://fake",
    bearerToken: fake.token,
    fetch: fake.fetch,
  });
  const manifest = new AgentManifestBuilder("deno-npm-smoke", "python", "3.11")
    .withInstruction("Say hi")
    .build();
  const { agent_id } = await client.deployAgent(manifest, { force: true });
  const { execution_id } = await client.startExecution(agent_id, "hello from Deno");
  const events: ExecutionEvent[] = [];
  for await (const event of await client.streamExecution(execution_id)) events.push(event);
  check(events[0]?.event_type === "execution_started", `first event ${events[0]?.event_type}`);
  const status: ExecutionStatus = (await client.getExecution(execution_id)).status;
  check(status === "Completed", `status ${status}`);
});

Deno.test("function imports share the root entry's error classes", async () => {
  const fake = createFakeOrchestrator();
  const core = new AegisCore({
    baseUrl: "http://fake",
    bearerToken: fake.token,
    fetch: fake.fetch,
  });
  const error = await getExecution(core, crypto.randomUUID()).catch((e: unknown) => e);
  check(error instanceof NotFoundError, `got ${error}`);
});

Deno.test("signs a SEAL envelope that verifies", async () => {
  const key = await Ed25519Key.generate();
  const payload = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo" } };
  const envelope = await createSealEnvelope("token", payload, key);
  const verified = await verifySealEnvelopeJson(JSON.stringify(envelope), key.getPublicKeyBase64());
  check(JSON.stringify(verified) === JSON.stringify(payload), "the payload verifies unchanged");
});
