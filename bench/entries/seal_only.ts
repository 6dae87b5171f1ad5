// A workload that only uses SEAL: attests a key and calls a tool with signed envelopes.
import { SEALClient } from "@aegis/sdk/seal";

const seal = new SEALClient(
  "https://aegis.example.com",
  "my-workload",
  "aegis-system-operator",
  {
    auth: Deno.env.get("AEGIS_TOKEN"),
  },
);
await seal.attest();
console.log(await seal.callTool("echo", { hello: "world" }));
