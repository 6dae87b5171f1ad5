// The HTTP server of the socket benchmark (run with Node): answers every request with the same
// small JSON execution, over keep-alive connections. Prints `PORT <n>` once listening on
// 127.0.0.1, and exits when its stdin closes (so it never outlives the bench runner).
import { createServer } from "node:http";

const body = JSON.stringify({
  id: "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11",
  agent_id: "0b8c2a43-59d8-4a0e-9a39-3d6f0c8a9b10",
  status: "Running",
  tenant_id: "tenant-1",
});
const headers = {
  "content-type": "application/json",
  "content-length": String(Buffer.byteLength(body)),
};

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
server.maxRequestsPerSocket = 0;
server.listen(0, "127.0.0.1", () => {
  console.log(`PORT ${server.address().port}`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
