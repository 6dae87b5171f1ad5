// The README quickstart with `AegisClient` from `@aegis/sdk/client` and the manifest builder from
// `@aegis/sdk/manifest` (the per-area entry points).
import { AegisClient } from "@aegis/sdk/client";
import { AgentManifestBuilder } from "@aegis/sdk/manifest";

const client = new AegisClient({
  baseUrl: "https://aegis.example.com",
  keycloakUrl: "https://auth.example.com",
  realm: "aegis-system",
  clientId: "my-service",
  clientSecret: Deno.env.get("AEGIS_CLIENT_SECRET"),
});

const manifest = new AgentManifestBuilder("code-reviewer", "python", "3.11")
  .withInstruction("You are a careful code reviewer.")
  .withExecutionMode("iterative", 5)
  .build();
const { agent_id } = await client.deployAgent(manifest, { force: true });

const { execution_id } = await client.startExecution(
  agent_id,
  "Review src/main.py",
);
for await (const event of await client.streamExecution(execution_id)) {
  console.log(event.event_type, event.message);
  const done = event.details.ExecutionCompleted;
  if (done) console.log(done.final_output);
}
