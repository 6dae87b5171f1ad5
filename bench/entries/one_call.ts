// The least an app that calls the orchestrator bundles: a bare `AegisCore` (the request pipeline
// with its guarantees: timeouts, retries, redirect policy, bounded strict reads, typed errors)
// and one function import. Every other app adds to this.
import { AegisCore, getExecution } from "@aegis/sdk/client";

const core = new AegisCore({
  baseUrl: "https://aegis.example.com",
  bearerToken: Deno.env.get("AEGIS_TOKEN"),
});
console.log(
  await getExecution(core, "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11"),
);
