import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import {
  AegisClient,
  AegisCore,
  AegisPromise,
  clientCredentials,
  EventStream,
  FileDownload,
  getAgent,
  healthLive,
  listAgents,
  NotFoundError,
} from "../../../client/mod.ts";
import { createFakeOrchestrator } from "../../../testing/mod.ts";
import { listen } from "../../../testing/server.ts";
import { helloManifest, setup } from "../../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

/** Deploys an agent and runs one execution to the end. */
async function finishedExecution(client: AegisClient) {
  const { agent_id } = await client.deployAgent(helloManifest());
  const { execution_id } = await client.startExecution(agent_id, "hi");
  for await (const _ of await client.streamExecution(execution_id)) { /* to the end */ }
  return { agent_id, execution_id };
}

describe("raw responses: withResponse() and asResponse()", () => {
  it("awaits as before and is a Promise; then/catch/finally give plain promises", async () => {
    const h = setup();
    const call = h.client.listAgents();
    assert.ok(call instanceof AegisPromise);
    assert.ok(call instanceof Promise);
    assert.deepEqual(await call, []);
    const chained = call.then((agents) => agents.length);
    assert.equal(chained.constructor, Promise);
    assert.equal(await chained, 0);
    let settled = false;
    assert.deepEqual(await call.finally(() => (settled = true)), []);
    assert.ok(settled);
    const failed = h.client.getAgent(MISSING);
    assert.equal(await failed.catch((error) => error instanceof NotFoundError), true);
  });

  it("gives status and headers of a JSON call and of a list, with a readable body", async () => {
    const h = setup();
    const { agent_id } = await h.client.deployAgent(helloManifest());

    const { data, response } = await h.client.getAgent(agent_id).withResponse();
    assert.equal(data.id, agent_id);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
    assert.deepEqual(await response.json(), data, "the copy's body is the body the SDK read");

    const list = await h.client.listAgents().withResponse();
    assert.equal(list.data.length, 1);
    assert.equal(list.response.status, 200);
    const raw = await h.client.listAgents().asResponse();
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal((await raw.json())[0].id, agent_id);
  });

  it("each asResponse() is readable again; withResponse() of a deploy sees the deploy's answer", async () => {
    const h = setup();
    const call = h.client.deployAgent(helloManifest());
    const { data, response } = await call.withResponse();
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), data);
    assert.deepEqual(await (await call.asResponse()).json(), data);
    assert.deepEqual(await (await call.asResponse()).json(), data);
  });

  it("gives the live response of a download and of a stream", async () => {
    const h = setup();
    const { agent_id, execution_id } = await finishedExecution(h.client);

    const file = await h.client.getExecutionFile(execution_id, "/workspace/output.txt")
      .withResponse();
    assert.ok(file.data instanceof FileDownload);
    assert.equal(file.response, file.data.response, "the live response, not a copy");
    assert.equal(file.response.headers.get("content-type"), "text/plain");
    assert.equal(await file.data.text(), "Echo: hi");

    const stream = await h.client.streamExecution(execution_id).withResponse();
    assert.ok(stream.data instanceof EventStream);
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get("content-type") ?? "", /^text\/event-stream/);
    const events = await stream.data.toArray();
    assert.equal(events.at(-1)?.event_type, "execution_completed");

    const agentStream = await h.client.streamAgentEvents(agent_id, { follow: false })
      .asResponse();
    assert.match(agentStream.headers.get("content-type") ?? "", /^text\/event-stream/);
    assert.match(await agentStream.text(), /execution_completed/);
  });

  it("fails with the call's typed error", async () => {
    const h = setup();
    await assert.rejects(h.client.getAgent(MISSING).withResponse(), NotFoundError);
    await assert.rejects(h.client.getAgent(MISSING).asResponse(), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.status, 404);
      assert.equal(error.url, `http://aegis.test/v1/agents/${MISSING}`);
      return true;
    });
    await assert.rejects(h.client.getExecutionFile(MISSING, "a.txt").withResponse(), NotFoundError);
  });

  it("works on resource functions, keeps concurrent calls apart, ignores token requests", async () => {
    const fake = createFakeOrchestrator();
    const core = new AegisCore({
      baseUrl: "http://aegis.test",
      auth: clientCredentials({ keycloakUrl: "http://aegis.test", ...fake.oauth }),
      fetch: fake.fetch,
    });
    const [live, agents, missing] = await Promise.allSettled([
      healthLive(core).withResponse(),
      listAgents(core).withResponse(),
      getAgent(core, MISSING).withResponse(),
    ]);
    assert.equal(live.status, "fulfilled");
    assert.equal(agents.status, "fulfilled");
    if (live.status !== "fulfilled" || agents.status !== "fulfilled") return;
    assert.deepEqual(await live.value.response.json(), live.value.data);
    assert.deepEqual(await agents.value.response.json(), [], "not the token endpoint's answer");
    assert.equal(missing.status, "rejected");
  });

  it("works over a real socket", async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    try {
      const client = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { data, response } = await client.listAgents().withResponse();
      assert.deepEqual(data, []);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.equal(response.url, `${server.url}/v1/agents`);
      assert.equal(await response.text(), "[]");
      const live = await client.healthLive().asResponse();
      assert.equal(live.url, `${server.url}/health/live`);
    } finally {
      await server.close();
      await fake.close();
    }
  });

  it("is what every resource function and AegisClient method returns", async () => {
    const dir = new URL("../../../client/", import.meta.url);
    const offenders: string[] = [];
    let resourceFunctions = 0;
    for (const name of (await readdir(dir)).filter((file) => file.endsWith(".ts"))) {
      const source = await readFile(new URL(name, dir), "utf8");
      const declarations = source.matchAll(
        /^export (async )?function (\w+)(?:<[^(]*>)?\(\s*core: AegisCore[^]*?\): ([^{]+) \{$/gm,
      );
      for (const [, async, fn, returns] of declarations) {
        resourceFunctions++;
        if (async || !returns.startsWith("AegisPromise<")) offenders.push(`${name} ${fn}`);
      }
      if (name === "aegis_client.ts") {
        for (const [method] of source.matchAll(/^ {2}\w+\([^]*?\): Promise<[^\n]*\{$/gm)) {
          offenders.push(`AegisClient ${method.slice(2, method.indexOf("("))}`);
        }
      }
    }
    assert.ok(resourceFunctions > 100, `found ${resourceFunctions} resource functions`);
    assert.deepEqual(offenders, [], "return AegisPromise.run(core, async (core) => …)");
  });
});
