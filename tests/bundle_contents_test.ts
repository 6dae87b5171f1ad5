import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

// What an app bundles is what it calls: the YAML parser only where YAML is read, the SSE parser
// only where events are streamed. Checked on the bundle a browser/Worker build would make.
const root = fileURLToPath(new URL("../", import.meta.url));

/** The npm package says `"sideEffects": false` (scripts/npm_exports.ts); so do these sources. */
const sdkWithoutSideEffects: esbuild.Plugin = {
  name: "sdk-side-effects",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.pluginData?.resolving) return undefined;
      return build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      }).then((result) => ({ ...result, sideEffects: false }));
    });
  },
};

/** Every module (SDK files and packages, bundled or left external) that an app's bundle holds. */
async function modulesOf(app: string): Promise<string[]> {
  return (await bundle(app)).modules;
}

/** The classes (by name) of `classNames` that a bundle's code holds: classes name themselves. */
function classesIn(code: string, classNames: string[]): string[] {
  return classNames.filter((name) => code.includes(`"${name}"`));
}

/**
 * Bundles `app` from the sources; `sideEffectHints: false` builds it as a bundler takes JSR's
 * sources (no package.json, so no `"sideEffects": false`), or modules merged into one chunk.
 */
async function bundle(
  app: string,
  { sideEffectHints = true }: { sideEffectHints?: boolean } = {},
): Promise<{ modules: string[]; code: string }> {
  const result = await esbuild.build({
    stdin: { contents: app, resolveDir: root, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    minify: true,
    // The SDK's own modules are what this checks; packages show up as imports either way.
    packages: "external",
    plugins: sideEffectHints ? [sdkWithoutSideEffects] : [],
  });
  const output = Object.values(result.metafile!.outputs)[0];
  const modules = [
    ...Object.keys(output.inputs).filter((input) => output.inputs[input].bytesInOutput > 0),
    ...output.imports.map((i) => `package:${i.path}`),
  ];
  return { modules, code: result.outputFiles![0].text };
}

const YAML_CODE = ["package:yaml", "manifest/yaml.ts", "manifest/_yaml_reader.ts"];
const SSE_CODE = ["client/core/sse.ts", "client/core/stream.ts"];
const OAUTH_CODE = ["client/core/client_credentials.ts"];
const HOOK_CODE = ["client/core/hook_runner.ts"];

function holding(modules: string[], wanted: string[]): string[] {
  return modules.filter((m) => wanted.some((w) => m === w || m.endsWith("/" + w)));
}

after(() => esbuild.stop());

describe("bundles hold only what the app calls", () => {
  it("an AegisClient app that builds, deploys and streams bundles no YAML parser", async () => {
    const modules = await modulesOf(`
      import { AegisClient, AgentManifestBuilder } from "./mod.ts";
      const client = new AegisClient({ baseUrl: "https://aegis.example", bearerToken: "t" });
      const manifest = new AgentManifestBuilder("a", "python", "3.11").withInstruction("x").build();
      const { agent_id } = await client.deployAgent(manifest);
      await client.registerWorkflow({ apiVersion: "100monkeys.ai/v1", kind: "Workflow",
        metadata: { name: "w" }, spec: { initial_state: "A", states: {} } } as never);
      const { execution_id } = await client.startExecution(agent_id, "go");
      for await (const event of await client.streamExecution(execution_id)) console.log(event);
    `);
    assert.deepEqual(holding(modules, YAML_CODE), []);
    assert.equal(holding(modules, SSE_CODE).length, SSE_CODE.length, "streams are bundled");
    assert.ok(modules.some((m) => m.endsWith("manifest/_yaml_writer.ts")), "writes workflow YAML");
  });

  it("the quickstart with function imports bundles only the resources it calls; on AegisClient, every one", async () => {
    const calls = `
      const manifest = new AgentManifestBuilder("a", "python", "3.11").withInstruction("x").build();`;
    const functions = await modulesOf(`
      import { AgentManifestBuilder } from "./mod.ts";
      import { AegisCore, clientCredentials, deployAgent, startExecution, streamExecution }
        from "./client/mod.ts";
      const core = new AegisCore({ baseUrl: "https://aegis.example", auth: clientCredentials({
        keycloakUrl: "https://k", realm: "r", clientId: "c", clientSecret: "s" }) });
      ${calls}
      const { agent_id } = await deployAgent(core, manifest);
      const { execution_id } = await startExecution(core, agent_id, "go");
      for await (const event of await streamExecution(core, execution_id)) console.log(event);
    `);
    const client = await modulesOf(`
      import { AegisClient, AgentManifestBuilder } from "./mod.ts";
      const client = new AegisClient({ baseUrl: "https://aegis.example", keycloakUrl: "https://k",
        realm: "r", clientId: "c", clientSecret: "s" });
      ${calls}
      const { agent_id } = await client.deployAgent(manifest);
      const { execution_id } = await client.startExecution(agent_id, "go");
      for await (const event of await client.streamExecution(execution_id)) console.log(event);
    `);
    // Resource modules: the files of client/ that declare calls (not the core, ids or lookups).
    const resources = (modules: string[]) =>
      modules.filter((m) => /(^|\/)client\/[a-z][a-z_]*\.ts$/.test(m) && !m.endsWith("/mod.ts"))
        .map((m) => m.slice(m.lastIndexOf("client/")));
    assert.deepEqual(resources(functions).sort(), [
      "client/agents.ts",
      "client/events.ts",
      "client/executions.ts",
      "client/manifest_input.ts",
    ]);
    assert.deepEqual(holding(functions, ["manifest/workflow_validate.ts", ...HOOK_CODE]), []);
    assert.equal(holding(functions, OAUTH_CODE).length, 1);
    // The class carries every method, so every resource module and all it uses.
    assert.ok(resources(client).length > 25, resources(client).join(", "));
    assert.equal(
      holding(client, ["manifest/workflow_validate.ts", ...HOOK_CODE]).length,
      2,
    );
  });

  it("a SEAL-only app bundles no YAML or SSE parser, OAuth2 client or hook runner", async () => {
    const modules = await modulesOf(`
      import { SEALClient } from "./seal/mod.ts";
      const seal = new SEALClient("https://aegis.example", "w", "ctx", { auth: "t" });
      await seal.attest();
      console.log(await seal.callTool("echo", {}));
    `);
    assert.deepEqual(
      holding(modules, [...YAML_CODE, ...SSE_CODE, ...OAUTH_CODE, ...HOOK_CODE]),
      [],
    );
  });

  it("a Worker with function imports and a bearer token bundles no OAuth2 client nor hook runner", async () => {
    const worker = await bundle(`
      import { AegisCore, startExecution, streamExecution } from "./client/mod.ts";
      const core = new AegisCore({ baseUrl: "https://aegis.example", bearerToken: "t" });
      const { execution_id } = await startExecution(core, "agent", "go");
      for await (const event of await streamExecution(core, execution_id)) console.log(event);
    `);
    assert.deepEqual(holding(worker.modules, [...OAUTH_CODE, ...HOOK_CODE]), []);
    // The token endpoint's error (and the judging of its failures) came with the OAuth2 client.
    assert.deepEqual(classesIn(worker.code, ["TokenRequestError", "NotFoundError"]), [
      "NotFoundError",
    ]);
    assert.equal(holding(worker.modules, SSE_CODE).length, SSE_CODE.length, "streams are bundled");
    // Those that use it get it: through clientCredentials(), and with AegisClient's options.
    const withProvider = await bundle(`
      import { AegisCore, clientCredentials, listAgents } from "./client/mod.ts";
      const auth = clientCredentials({ keycloakUrl: "https://k", realm: "r", clientId: "c",
        clientSecret: "s" });
      console.log(await listAgents(new AegisCore({ baseUrl: "https://aegis.example", auth })));
    `);
    assert.equal(holding(withProvider.modules, OAUTH_CODE).length, 1);
    assert.deepEqual(classesIn(withProvider.code, ["TokenRequestError"]), ["TokenRequestError"]);
    const client = await modulesOf(`
      import { AegisClient } from "./mod.ts";
      console.log(await new AegisClient({ baseUrl: "https://aegis.example" }).listAgents());
    `);
    assert.equal(holding(client, [...OAUTH_CODE, ...HOOK_CODE]).length, 2);
    const hooked = await modulesOf(`
      import { AegisCore, hookRunner, listAgents } from "./client/mod.ts";
      const core = new AegisCore({ baseUrl: "https://aegis.example", bearerToken: "t", hookRunner,
        hooks: { afterResponse: [(ctx) => console.log(ctx.status)] } });
      console.log(await listAgents(core));
    `);
    assert.equal(holding(hooked, HOOK_CODE).length, 1);
  });

  it("module-level values are marked pure: without side-effect hints, one call bundles no manifest validation, SSE parser or SEAL", async () => {
    const app = `
      import { AegisCore, getExecution } from "./client/mod.ts";
      const core = new AegisCore({ baseUrl: "https://aegis.example", bearerToken: "t" });
      console.log(await getExecution(core, "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11"));
    `;
    const unused = [
      "manifest/_checker.ts",
      "manifest/_common_rules.ts",
      "manifest/agent_validate.ts",
      "manifest/workflow_validate.ts",
      "manifest/runtimes.ts",
      "client/core/sse.ts",
      "internal/encoding.ts",
    ];
    const { modules } = await bundle(app, { sideEffectHints: false });
    assert.deepEqual(holding(modules, unused), []);
    // Would notice: the same app when it validates a manifest.
    const validating = await bundle(
      app + `import { validateManifest } from "./manifest/mod.ts";
        console.log(validateManifest({}));`,
      { sideEffectHints: false },
    );
    assert.ok(holding(validating.modules, unused).length >= 4);
  });

  it("without side-effect hints, the quickstart from the root entry bundles nothing of SEAL, a manifests-only app no pipeline", async () => {
    // The classes' `inspect` hooks are put on them at run time (internal/inspect.ts): a hook in
    // a class body has a computed key, which made bundlers keep the class and all it uses.
    const seal = ["seal/client.ts", "seal/key.ts", "seal/envelope.ts", "seal/canonical.ts"];
    const quickstart = await bundle(
      `
      import { AegisClient, AgentManifestBuilder } from "./mod.ts";
      const client = new AegisClient({ baseUrl: "https://aegis.example", bearerToken: "t" });
      const manifest = new AgentManifestBuilder("a", "python", "3.11").build();
      const { agent_id } = await client.deployAgent(manifest);
      const { execution_id } = await client.startExecution(agent_id, "go");
      for await (const event of await client.streamExecution(execution_id)) console.log(event);
    `,
      { sideEffectHints: false },
    );
    assert.deepEqual(holding(quickstart.modules, seal), []);
    // The core keeps no static block either: an app that only builds and checks manifests
    // bundles no request pipeline.
    const manifestsOnly = await bundle(
      `
      import { AgentManifestBuilder, validateManifest } from "./mod.ts";
      console.log(validateManifest(new AgentManifestBuilder("a", "python", "3.11").build()));
    `,
      { sideEffectHints: false },
    );
    assert.deepEqual(holding(manifestsOnly.modules, ["client/core/pipeline.ts"]), []);
    assert.equal(holding(quickstart.modules, ["client/core/pipeline.ts"]).length, 1);
    const sealApp = await bundle(
      `
      import { SEALClient } from "./mod.ts";
      console.log(await new SEALClient("https://aegis.example", "w", "s").callTool("echo"));
    `,
      { sideEffectHints: false },
    );
    assert.deepEqual(holding(sealApp.modules, seal).sort(), [...seal].sort());
  });

  it("importing the root entry, all of it, loads no YAML parser (cold import)", async () => {
    const modules = await modulesOf(`
      import * as sdk from "./mod.ts";
      console.log(Object.values(sdk).length);
    `);
    assert.deepEqual(holding(modules, YAML_CODE), []);
    assert.ok(modules.some((m) => m.endsWith("manifest/_yaml_writer.ts")), "writes YAML");
  });

  it("would notice: an app that reads YAML bundles the parser", async () => {
    const modules = await modulesOf(`
      import { parseManifest } from "./manifest/mod.ts";
      console.log(parseManifest("kind: Agent"));
    `);
    assert.deepEqual(holding(modules, YAML_CODE).sort(), [...YAML_CODE].sort());
  });
});
