// Runs inside the scratch project where the packed @aegis/sdk (and its optional peers) is
// installed: TypeScript projects that consume the package compile against its published types
// with the oldest supported TypeScript and the newest (AEGIS_TSC_OLDEST, AEGIS_TSC_NEWEST), and
// the CommonJS one runs. Run by scripts/build_npm.ts, not by the repo's test runners.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const compilers = {
  oldest: process.env.AEGIS_TSC_OLDEST,
  newest: process.env.AEGIS_TSC_NEWEST,
};

// Every entry point, and the types users name most, under the strictest consumer settings. The
// fake orchestrator's entries are compiled with the newest TypeScript only: Hono's own types,
// which they expose, need TypeScript 5.7.
const ESM_SOURCE = `
import { AegisClient, type ClientOptions, type ExecutionEvent } from "@aegis/sdk";
import * as client from "@aegis/sdk/client";
import { Ed25519Key, SEALClient } from "@aegis/sdk/seal";
import { AgentManifestBuilder, type AgentManifest } from "@aegis/sdk/manifest";
import { loadManifest } from "@aegis/sdk/manifest/fs";
import { runBootstrap } from "@aegis/sdk/bootstrap";
import { nodeExec } from "@aegis/sdk/bootstrap/exec";

const options: ClientOptions = { baseUrl: "http://fake", bearerToken: "t" };
const sdk = new AegisClient({ ...options, fetch: () => Promise.resolve(Response.json([])) });
const manifest: AgentManifest = new AgentManifestBuilder("a", "python", "3.11").withInstruction("Say hi").build();
export async function run(): Promise<string[]> {
  await sdk.deployAgent(manifest);
  const stream = await sdk.streamExecution("00000000-0000-4000-8000-000000000000");
  const seen: string[] = [];
  for await (const event of stream) seen.push((event as ExecutionEvent).event_type);
  const key = await Ed25519Key.generate();
  key[Symbol.dispose]();
  return seen;
}
export const used = [client.listAgents, SEALClient, loadManifest, runBootstrap, nodeExec];
`;

const TESTING_SOURCE = `
import { AegisClient } from "@aegis/sdk";
import { createFakeOrchestrator, type FakeOrchestrator } from "@aegis/sdk/testing";
import * as server from "@aegis/sdk/testing/server";

const fake: FakeOrchestrator = createFakeOrchestrator();
export const client = new AegisClient({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
export const used = [server];
`;

// A CommonJS project compiled with module node16: imports become require() of the ES module
// package (Node >= 20.19), which TypeScript must accept through the package's types.
const CJS_SOURCE = `
import { AegisClient } from "@aegis/sdk";
import { AgentManifestBuilder } from "@aegis/sdk/manifest";

async function main(): Promise<void> {
  const answer = () => Promise.resolve(Response.json([]));
  const client = new AegisClient({ baseUrl: "http://fake", bearerToken: "t", fetch: answer });
  new AgentManifestBuilder("a", "python", "3.11").withInstruction("Say hi").build();
  const agents = await client.listAgents();
  console.log(JSON.stringify({ agents: agents.length }));
}
void main();
`;

async function project(files) {
  const dir = await mkdtemp(join(process.cwd(), "ts-consumer-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), typeof text === "string" ? text : JSON.stringify(text));
  }
  return dir;
}

async function tsc(compiler, dir) {
  try {
    await exec(process.execPath, [compiler, "-p", dir], { cwd: dir });
  } catch (error) {
    assert.fail(`tsc failed in ${dir}:\n${error.stdout}${error.stderr}`);
  }
}

for (const [which, compiler] of Object.entries(compilers)) {
  describe(
    `TypeScript consumers (${which} TypeScript)`,
    { skip: !compiler && "no compiler" },
    () => {
      it('ESM, lib ["es2022", "dom"], no @types/node, skipLibCheck false', async () => {
        const dir = await project({
          "package.json": { type: "module" },
          "tsconfig.json": {
            compilerOptions: {
              target: "es2022",
              module: "nodenext",
              moduleResolution: "nodenext",
              lib: ["es2022", "dom"],
              types: [],
              strict: true,
              skipLibCheck: false,
              noEmit: true,
            },
            files: which === "newest" ? ["index.ts", "testing.ts"] : ["index.ts"],
          },
          "index.ts": ESM_SOURCE,
          "testing.ts": TESTING_SOURCE,
        });
        try {
          await tsc(compiler, dir);
        } finally {
          await rm(dir, { recursive: true });
        }
      });

      it("CommonJS with module node16 compiles and runs", async () => {
        const dir = await project({
          "package.json": { type: "commonjs" },
          "tsconfig.json": {
            compilerOptions: {
              target: "es2022",
              module: "node16",
              moduleResolution: "node16",
              lib: ["es2022", "dom"],
              types: [],
              strict: true,
              skipLibCheck: false,
              outDir: "dist",
            },
            files: ["index.ts"],
          },
          "index.ts": CJS_SOURCE,
        });
        try {
          await tsc(compiler, dir);
          const compiled = join(dir, "dist", "index.js");
          assert.match(await readFile(compiled, "utf8"), /require\("@aegis\/sdk"\)/);
          const { stdout } = await exec(process.execPath, [compiled]);
          assert.deepEqual(JSON.parse(stdout), { agents: 0 });
        } finally {
          await rm(dir, { recursive: true });
        }
      });
    },
  );
}
