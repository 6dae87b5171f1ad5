import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { setup } from "../helpers.ts";

describe("cluster", () => {
  it("getClusterStatus and getClusterNodes({limit})", async () => {
    const h = setup();
    const status = await h.client.getClusterStatus();
    assert.equal(h.last().path, "/v1/cluster/status");
    assert.equal(status.total_nodes, 1);
    assert.equal(status.cluster_health, "healthy");
    assert.equal(status.nodes[0].role, "controller");
    const nodes = await h.client.getClusterNodes({ limit: 5 });
    assert.equal(h.last().path, "/v1/cluster/nodes");
    assert.equal(h.last().search, "limit=5");
    assert.equal(nodes.source, "cluster_repository");
    assert.equal(nodes.items[0].node_id, status.nodes[0].node_id);
    await h.client.getClusterNodes();
    assert.equal(h.last().search, "");
  });
});
