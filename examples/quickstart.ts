/**
 * Quickstart: deploy an agent, start an execution, stream its events to completion and read
 * the result.
 *
 * Runs against the embedded fake orchestrator by default:
 *
 *     npx -y deno@2 task demo
 *
 * and against a real orchestrator when AEGIS_BASE_URL is set, with either AEGIS_TOKEN (a
 * Keycloak JWT) or AEGIS_KEYCLOAK_URL + AEGIS_REALM + AEGIS_CLIENT_ID + AEGIS_CLIENT_SECRET.
 *
 * @module
 */

import { AegisClient, type ClientOptions } from "../mod.ts";
import { AgentManifestBuilder } from "../manifest/mod.ts";
import { createFakeOrchestrator } from "../testing/mod.ts";

function env(name: string): string | undefined {
  // deno-lint-ignore no-explicit-any
  const g = globalThis as any;
  return g.Deno?.env.get(name) ?? g.process?.env?.[name];
}

async function main(): Promise<void> {
  const baseUrl = env("AEGIS_BASE_URL");
  let options: ClientOptions;
  let fake: ReturnType<typeof createFakeOrchestrator> | undefined;
  if (baseUrl) {
    // The client reads AEGIS_BASE_URL and the credentials from the environment itself.
    options = {};
    console.log(`Using the orchestrator at ${baseUrl}`);
  } else {
    fake = createFakeOrchestrator({ stepMs: 150 });
    options = { baseUrl: "http://fake-orchestrator", bearerToken: fake.token, fetch: fake.fetch };
    console.log("Using the embedded fake orchestrator (set AEGIS_BASE_URL to use a real one)");
  }
  const client = new AegisClient(options);

  const health = await client.healthReady();
  console.log(`health: ${health.status}`);

  const manifest = new AgentManifestBuilder("quickstart-agent", "python", "3.11")
    .withDescription("Writes small, well-tested functions")
    .withInstruction("You are a careful Python engineer. Write the function and its tests.")
    .withExecutionMode("iterative", 3)
    .withTool("fs.read")
    .withEnv("LOG_LEVEL", "info")
    .build();
  const { agent_id } = await client.deployAgent(manifest, { force: true });
  console.log(`deployed agent ${agent_id}`);

  const { execution_id } = await client.startExecution(agent_id, "Write a primality check");
  console.log(`started execution ${execution_id}`);

  let finalOutput: string | undefined;
  for await (const event of await client.streamExecution(execution_id)) {
    console.log(`  [${event.event_type}] ${event.message}`);
    finalOutput ??= event.details.ExecutionCompleted?.final_output;
    const failed = event.details.ExecutionFailed;
    if (failed) console.log(`  failed: ${failed.reason}`);
  }

  const execution = await client.getExecution(execution_id);
  console.log(`status: ${execution.status}`);
  if (finalOutput !== undefined) console.log(`output: ${finalOutput}`);
  fake?.close();
}

await main();
