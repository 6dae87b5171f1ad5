import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BadRequestError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import {
  ManifestValidationError,
  parseWorkflowManifest,
  stringifyWorkflowManifest,
} from "../../manifest/mod.ts";
import type { WorkflowManifest } from "../../manifest/mod.ts";
import { setup } from "../helpers.ts";

const YAML = `apiVersion: 100monkeys.ai/v1
kind: Workflow
metadata:
  name: greet
  version: 1.0.0
  description: Says hello
  labels: { team: core }
spec:
  initial_state: HELLO
  states:
    HELLO: { kind: System, command: echo hello, transitions: [] }
`;

function manifest(name = "greet", version = "1.0.0"): WorkflowManifest {
  return {
    apiVersion: "100monkeys.ai/v1",
    kind: "Workflow",
    metadata: { name, version },
    spec: {
      initial_state: "A",
      states: { A: { kind: "System", command: "true", transitions: [] } },
    },
  };
}

describe("registerWorkflow", () => {
  it("sends a parsed YAML manifest as YAML text with force/scope query", async () => {
    const h = setup();
    const parsed = parseWorkflowManifest(YAML);
    const result = await h.client.registerWorkflow(parsed, { force: true, scope: "global" });
    const req = h.last("/v1/workflows");
    assert.equal(req.method, "POST");
    assert.equal(req.search, "force=true&scope=global");
    assert.equal(req.headers.get("content-type"), "application/yaml");
    assert.equal(req.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.equal(req.body, stringifyWorkflowManifest(parsed));
    assert.deepEqual(parseWorkflowManifest(req.body!), parsed);
    assert.match(result.workflow_id, /^[0-9a-f-]{36}$/);
    assert.equal(result.name, "greet");
    assert.equal(result.version, "1.0.0");
    assert.equal(result.status, "registered");
    assert.match(result.registered_at, /Z$/);
  });

  it("serialises a manifest object to YAML and omits unset query parameters", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest());
    const req = h.last("/v1/workflows");
    assert.equal(req.search, "");
    assert.match(req.body!, /^apiVersion: 100monkeys.ai\/v1/);
    assert.match(req.body!, /kind: System/);
    const detail = await h.client.getWorkflow("greet");
    assert.equal(detail.manifest_yaml, req.body);
  });

  it("validates locally before sending anything", async () => {
    const h = setup();
    const bad = { ...manifest(), spec: { initial_state: "A", states: {} } } as WorkflowManifest;
    await assert.rejects(h.client.registerWorkflow(bad), ManifestValidationError);
    await assert.rejects(h.client.registerWorkflow('{"kind": [unclosed'), InvalidArgumentError);
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/workflows").length, 0);
  });

  it("takes JSON text and refuses YAML text before sending, naming the parser to use", async () => {
    const h = setup();
    const json = JSON.stringify(manifest("from-json"));
    assert.equal((await h.client.registerWorkflow(json)).name, "from-json");
    assert.deepEqual(parseWorkflowManifest(h.last("/v1/workflows").body!), manifest("from-json"));
    const before = h.fake.requests.length;
    const error = await h.client.registerWorkflow(YAML).catch((e) => e);
    assert.ok(error instanceof InvalidArgumentError);
    assert.equal(error.argument, "manifest");
    assert.match(error.message, /parseWorkflowManifest\(text\)/);
    assert.match(error.message, /@aegis\/sdk\/manifest/);
    await assert.rejects(
      h.client.registerWorkflow(JSON.stringify(manifest()).replace("System", "Robot")),
      ManifestValidationError,
    );
    assert.equal(h.fake.requests.length, before);
  });

  it("maps a duplicate registration to BadRequestError and overwrites with force", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest());
    const error = await h.client.registerWorkflow(manifest()).catch((e) => e);
    assert.ok(error instanceof BadRequestError);
    assert.match(error.message, /Failed to register workflow/);
    const again = await h.client.registerWorkflow(manifest(), { force: true });
    assert.equal(again.name, "greet");
  });

  it("registerTemporalWorkflow posts to the alias route", async () => {
    const h = setup();
    const result = await h.client.registerTemporalWorkflow(manifest("alias"));
    const req = h.last("/v1/workflows/temporal/register");
    assert.equal(req.method, "POST");
    assert.equal(result.name, "alias");
    assert.equal((await h.client.getWorkflow("alias")).name, "alias");
  });
});

describe("listWorkflows / getWorkflow / versions / delete", () => {
  it("lists a bare array, tenant-owned by default, global ones with visible", async () => {
    const h = setup();
    await h.client.registerWorkflow(parseWorkflowManifest(YAML));
    await h.client.registerWorkflow(manifest("shared"), { scope: "global" });
    const own = await h.client.listWorkflows();
    assert.equal(h.last("/v1/workflows").search, "");
    assert.deepEqual(own.map((w) => w.name), ["greet"]);
    const first = own[0];
    assert.equal(first.status, "active");
    assert.equal(first.scope, "tenant");
    assert.equal(first.description, "Says hello");
    assert.deepEqual(first.labels, { team: "core" });
    assert.equal(first.execution_count, 0);
    assert.match(first.created_at, /\+00:00$/);
    const visible = await h.client.listWorkflows({ visible: true });
    assert.equal(h.last("/v1/workflows").search, "visible=true");
    assert.deepEqual(visible.map((w) => w.name).sort(), ["greet", "shared"]);
    const global = await h.client.listWorkflows({ scope: "global" });
    assert.equal(h.last("/v1/workflows").search, "scope=global");
    assert.deepEqual(global.map((w) => w.name), ["shared"]);
  });

  it("gets a workflow with manifest_yaml and 404s an unknown one", async () => {
    const h = setup();
    const { workflow_id } = await h.client.registerWorkflow(parseWorkflowManifest(YAML));
    const sent = h.last("/v1/workflows").body;
    const detail = await h.client.getWorkflow("greet");
    assert.equal(h.last().method, "GET");
    assert.equal(h.last().path, "/v1/workflows/greet");
    assert.equal(detail.id, workflow_id);
    assert.equal(detail.manifest_yaml, sent);
    const error = await h.client.getWorkflow("nope").catch((e) => e);
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.status, 404);
    assert.match(error.message, /Workflow 'nope' not found/);
  });

  it("lists versions as a bare array", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest("greet", "1.0.0"));
    await h.client.registerWorkflow(manifest("greet", "1.1.0"));
    const versions = await h.client.listWorkflowVersions("greet");
    assert.equal(h.last().path, "/v1/workflows/greet/versions");
    assert.deepEqual(versions.map((v) => v.version), ["1.0.0", "1.1.0"]);
    assert.equal(versions[0].name, "greet");
  });

  it("deletes and then 404s", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest());
    assert.deepEqual(await h.client.deleteWorkflow("greet"), { success: true });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, "/v1/workflows/greet");
    await assert.rejects(h.client.deleteWorkflow("greet"), NotFoundError);
  });

  it("encodes hostile names as one segment and refuses unroutable ones", async () => {
    const h = setup();
    for (const name of ["a/b", "x?y", "h#t", "sp ace", "ünï"]) {
      await assert.rejects(h.client.getWorkflow(name), NotFoundError);
      assert.equal(h.last().path, `/v1/workflows/${encodeURIComponent(name)}`);
    }
    const before = h.fake.requests.length;
    for (const name of ["..", ".", "", "executions"]) {
      await assert.rejects(async () => await h.client.getWorkflow(name), InvalidArgumentError);
      await assert.rejects(async () => await h.client.deleteWorkflow(name), InvalidArgumentError);
      await assert.rejects(
        async () => await h.client.listWorkflowVersions(name),
        InvalidArgumentError,
      );
    }
    assert.equal(h.fake.requests.length, before);
  });
});

describe("updateWorkflowScope", () => {
  it("sends {target_scope} and returns previous/new scope", async () => {
    const h = setup();
    const { workflow_id } = await h.client.registerWorkflow(manifest());
    const result = await h.client.updateWorkflowScope("greet", "global");
    const req = h.last("/v1/workflows/greet/scope");
    assert.equal(req.method, "POST");
    assert.equal(req.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(req.body!), { target_scope: "global" });
    assert.deepEqual(result, { workflow_id, previous_scope: "tenant", new_scope: "global" });
  });

  it("404s an unknown workflow and refuses a bad scope locally", async () => {
    const h = setup();
    await assert.rejects(h.client.updateWorkflowScope("nope", "tenant"), NotFoundError);
    await assert.rejects(
      () => h.client.updateWorkflowScope("greet", "public" as "global"),
      InvalidArgumentError,
    );
  });
});

describe("runWorkflow / executeTemporalWorkflow", () => {
  it("runWorkflow sends {input, blackboard, intent} and ?version", async () => {
    const h = setup();
    const { workflow_id } = await h.client.registerWorkflow(manifest());
    const run = await h.client.runWorkflow("greet", { n: 1 }, {
      blackboard: { seed: 7 },
      intent: "demo",
      version: "1.0.0",
    });
    const req = h.last("/v1/workflows/greet/run");
    assert.equal(req.method, "POST");
    assert.equal(req.search, "version=1.0.0");
    assert.deepEqual(JSON.parse(req.body!), {
      input: { n: 1 },
      blackboard: { seed: 7 },
      intent: "demo",
    });
    assert.equal(run.workflow_id, workflow_id);
    assert.equal(run.status, "running");
    assert.match(run.execution_id, /^[0-9a-f-]{36}$/);
    assert.equal(typeof run.temporal_run_id, "string");
    assert.match(run.started_at, /Z$/);
    const summary = (await h.client.listWorkflows())[0];
    assert.equal(summary.execution_count, 1);
  });

  it("sends null input as null, refuses undefined input before sending", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest());
    await h.client.runWorkflow("greet", null);
    assert.deepEqual(JSON.parse(h.last("/v1/workflows/greet/run").body!), { input: null });
    const count = h.fake.requests.length;
    await assert.rejects(() => h.client.runWorkflow("greet", undefined), InvalidArgumentError);
    assert.equal(h.fake.requests.length, count);
  });

  it("maps an unknown workflow (a 400 saying not found) to NotFoundError and input-schema failures to 422", async () => {
    const h = setup();
    const missing = await h.client.runWorkflow("missing", 1).catch((e) => e);
    assert.ok(missing instanceof NotFoundError, String(missing));
    assert.equal(missing.status, 400);
    await h.client.registerWorkflow({
      ...manifest("typed"),
      metadata: {
        name: "typed",
        version: "1.0.0",
        input_schema: { type: "object", required: ["repo"] },
      },
    });
    const error = await h.client.runWorkflow("typed", {}).catch((e) => e);
    assert.ok(error instanceof UnprocessableEntityError);
    assert.match(error.message, /repo/);
  });

  it("executeTemporalWorkflow posts the request body as-is", async () => {
    const h = setup();
    await h.client.registerWorkflow(manifest());
    const request = {
      workflow_id: "greet",
      input: "hi",
      blackboard: { a: 1 },
      version: "1.0.0",
      intent: "go",
      security_context_name: "aegis-system-operator",
    };
    const run = await h.client.executeTemporalWorkflow(request);
    const req = h.last("/v1/workflows/temporal/execute");
    assert.equal(req.method, "POST");
    assert.deepEqual(JSON.parse(req.body!), request);
    assert.equal(run.status, "running");
    await assert.rejects(
      () => h.client.executeTemporalWorkflow({ workflow_id: "", input: 1 }),
      InvalidArgumentError,
    );
    await assert.rejects(
      () => h.client.executeTemporalWorkflow({ workflow_id: "greet" } as never),
      InvalidArgumentError,
    );
  });
});
