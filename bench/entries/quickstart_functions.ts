// The README quickstart written with function imports on a bare `AegisCore`: the same calls, the
// same OAuth2 client credentials and the same validated manifest, and nothing else. What it
// bundles is what the quickstart needs; the quickstart on `AegisClient` is this plus every other
// method the class carries.
import {
  AegisCore,
  clientCredentials,
  deployAgent,
  startExecution,
  streamExecution,
} from "@aegis/sdk/client";
import { AgentManifestBuilder } from "@aegis/sdk";

const core = new AegisCore({
  baseUrl: "https://aegis.example.com",
  auth: clientCredentials({
    keycloakUrl: "https://auth.example.com",
    realm: "aegis-system",
    clientId: "my-service",
    clientSecret: Deno.env.get("AEGIS_CLIENT_SECRET") ?? "",
  }),
});

const manifest = new AgentManifestBuilder("code-reviewer", "python", "3.11")
  .withInstruction("You are a careful code reviewer.")
  .withExecutionMode("iterative", 5)
  .build();
const { agent_id } = await deployAgent(core, manifest, { force: true });

const { execution_id } = await startExecution(core, agent_id, "Review src/main.py");
for await (const event of await streamExecution(core, execution_id)) {
  console.log(event.event_type, event.message);
  const done = event.details.ExecutionCompleted;
  if (done) console.log(done.final_output);
}
