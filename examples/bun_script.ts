/**
 * Bun: a script that runs an agent once and prints its progress and final output, configured
 * from the environment (`AEGIS_BASE_URL`, `AEGIS_TOKEN` or the Keycloak variables,
 * `AEGIS_AGENT_ID`).
 *
 *     bun examples/bun_script.ts "Write a primality check"
 *
 * @module
 */

import process from "node:process";
import { AegisClient } from "../mod.ts";

const agentId = process.env.AEGIS_AGENT_ID;
if (!agentId) throw new Error("set AEGIS_AGENT_ID to the agent to run");
const input = process.argv[2] ?? "Say hello";
const client = new AegisClient();

const { execution_id } = await client.startExecution(agentId, input);
console.log(`execution ${execution_id}`);
for await (const event of await client.streamExecution(execution_id)) {
  console.log(`[${event.event_type}] ${event.message}`);
  const completed = event.details.ExecutionCompleted;
  if (completed) console.log(`output: ${completed.final_output}`);
  const failed = event.details.ExecutionFailed;
  if (failed) {
    console.error(`failed: ${failed.reason}`);
    process.exitCode = 1;
  }
}
