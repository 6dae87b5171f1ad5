import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  AegisClient,
  AegisProtocolError,
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../client/mod.ts";
import { setup } from "../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";

const MiB = 1024 * 1024;

async function withVolume(label = "docs", size = 64 * MiB) {
  const h = setup();
  const volume = await h.client.createVolume({ label, size_limit_bytes: size });
  return { h, volume, id: volume.id };
}

describe("volumes: CRUD", () => {
  it("createVolume sends {label, size_limit_bytes} and returns the 201 body with `name`", async () => {
    const h = setup();
    const volume = await h.client.createVolume({ label: "datasets", size_limit_bytes: 5 * MiB });
    const request = h.last("/v1/volumes");
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(request.body!), { label: "datasets", size_limit_bytes: 5 * MiB });
    assert.match(volume.id, /^[0-9a-f-]{36}$/);
    assert.equal(volume.name, "datasets");
    assert.equal(volume.status, "Available");
    assert.equal(volume.size_limit_bytes, 5 * MiB);
    assert.match(volume.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it("createVolume refuses a missing label or size before sending anything", async () => {
    const h = setup();
    const bad = [
      { size_limit_bytes: 1 },
      { label: "", size_limit_bytes: 1 },
      { label: "x" },
      { label: "x", size_limit_bytes: -1 },
      { label: "x", size_limit_bytes: 1.5 },
      { label: "x", size_limit_bytes: "10" },
    ];
    for (const request of bad) {
      await assert.rejects(
        h.client.createVolume(request as never),
        (e) => e instanceof InvalidArgumentError && /label|size_limit_bytes/.test(e.message),
      );
    }
    await assert.rejects(h.client.createVolume(undefined as never), InvalidArgumentError);
    assert.equal(h.fake.requests.length, 0);
  });

  it("the fake answers like axum when the SDK checks are bypassed (422 plain text, 415)", async () => {
    const h = setup();
    await assert.rejects(
      h.client.request({ method: "POST", path: "/v1/volumes", json: { label: "x" } }),
      (e) =>
        e instanceof UnprocessableEntityError &&
        /missing field `size_limit_bytes`/.test(String(e.body)),
    );
    await assert.rejects(
      h.client.request({
        method: "POST",
        path: "/v1/volumes",
        body: "{}",
        contentType: "text/plain",
      }),
      (e) => e instanceof AegisApiError && e.status === 415,
    );
  });

  it("duplicate names are 409 and tier quotas 422", async () => {
    const h = setup({}, { volumes: { tier: "free" } });
    await h.client.createVolume({ label: "a", size_limit_bytes: 100 * MiB });
    await assert.rejects(
      h.client.createVolume({ label: "a", size_limit_bytes: 1 }),
      (e) =>
        e instanceof ConflictError && e.serverMessage === "volume with name 'a' already exists",
    );
    await assert.rejects(
      h.client.createVolume({ label: "b", size_limit_bytes: 401 * MiB }),
      (e) => e instanceof UnprocessableEntityError && /storage quota exceeded/.test(e.message),
    );
    await h.client.createVolume({ label: "b", size_limit_bytes: 1 });
    await assert.rejects(
      h.client.createVolume({ label: "c", size_limit_bytes: 1 }),
      (e) => e instanceof UnprocessableEntityError && /volume count quota exceeded/.test(e.message),
    );
  });

  it("listVolumes returns the bare array with used_bytes", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "a.txt", "12345");
    const list = await h.client.listVolumes();
    assert.equal(h.last("/v1/volumes").method, "GET");
    assert.ok(Array.isArray(list));
    assert.equal(list.length, 1);
    assert.equal(list[0].id, id);
    assert.equal(list[0].name, "docs");
    assert.equal(list[0].used_bytes, 5);
  });

  it("getVolume returns the volume; unknown → NotFoundError; non-UUID → 400 plain text", async () => {
    const { h, id } = await withVolume();
    const volume = await h.client.getVolume(id);
    assert.equal(h.last().path, `/v1/volumes/${id}`);
    assert.deepEqual(Object.keys(volume).sort(), [
      "created_at",
      "id",
      "name",
      "size_limit_bytes",
      "status",
    ]);
    await assert.rejects(
      h.client.getVolume(MISSING),
      (e) =>
        e instanceof NotFoundError && (e.body as { error: string }).error === "volume not found",
    );
    await assert.rejects(
      h.client.getVolume("not a uuid"),
      (e) => e instanceof BadRequestError && /Invalid URL/.test(String(e.body)),
    );
    assert.equal(h.last().path, "/v1/volumes/not%20a%20uuid");
  });

  it("hostile volume ids are encoded as one segment or refused", async () => {
    const h = setup();
    await assert.rejects(h.client.getVolume("a/b?c#d"), BadRequestError);
    assert.equal(h.last().path, "/v1/volumes/a%2Fb%3Fc%23d");
    for (const id of ["..", ".", "", "a\nb"]) {
      const before = h.fake.requests.length;
      await assert.rejects(h.client.getVolume(id), InvalidArgumentError);
      await assert.rejects(h.client.listFiles(id), InvalidArgumentError);
      await assert.rejects(h.client.uploadFile(id, "a.txt", "x"), InvalidArgumentError);
      assert.equal(h.fake.requests.length, before);
    }
  });

  it("renameVolume PATCHes {label} and returns {success: true}", async () => {
    const { h, id } = await withVolume();
    assert.deepEqual(await h.client.renameVolume(id, "renamed"), { success: true });
    const request = h.last(`/v1/volumes/${id}`);
    assert.equal(request.method, "PATCH");
    assert.deepEqual(JSON.parse(request.body!), { label: "renamed" });
    assert.equal((await h.client.getVolume(id)).name, "renamed");
    await assert.rejects(h.client.renameVolume(id, ""), InvalidArgumentError);
    await assert.rejects(h.client.renameVolume(MISSING, "x"), NotFoundError);
    await h.client.createVolume({ label: "other", size_limit_bytes: 1 });
    await assert.rejects(h.client.renameVolume(id, "other"), ConflictError);
  });

  it("deleteVolume deletes; an attached volume is 409", async () => {
    const { h, id } = await withVolume();
    h.fake.volumes.setAttached(id, true);
    await assert.rejects(
      h.client.deleteVolume(id),
      (e) => e instanceof ConflictError && /attached/.test(e.message),
    );
    h.fake.volumes.setAttached(id, false);
    assert.deepEqual(await h.client.deleteVolume(id), { success: true });
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/volumes/${id}`);
    assert.deepEqual(await h.client.listVolumes(), []);
    await assert.rejects(h.client.deleteVolume(id), NotFoundError);
  });
});

describe("volumes: quota", () => {
  it("Enterprise limits (u32::MAX / u64::MAX on the wire) become Infinity, usage stays exact", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "a.bin", new Uint8Array(10));
    const quota = await h.client.getVolumeQuota();
    assert.equal(h.last().path, "/v1/volumes/quota");
    assert.deepEqual(quota, {
      volume_count: 1,
      total_bytes_used: 10,
      max_volumes: Infinity,
      total_storage_bytes: Infinity,
      max_file_size_bytes: Infinity,
    });
  });

  it("finite tier limits are plain numbers", async () => {
    const h = setup({}, { volumes: { tier: "pro" } });
    assert.deepEqual(await h.client.getVolumeQuota(), {
      volume_count: 0,
      total_bytes_used: 0,
      max_volumes: 10,
      total_storage_bytes: 10 * 1024 * MiB,
      max_file_size_bytes: 500 * MiB,
    });
  });

  function quotaClient(body: string): AegisClient {
    return new AegisClient({
      baseUrl: "http://aegis.test",
      auth: "none",
      fetch: () =>
        Promise.resolve(new Response(body, { headers: { "content-type": "application/json" } })),
    });
  }

  it("never rounds silently: other unsafe integers are protocol errors", async () => {
    const base = '"volume_count":1,"total_bytes_used":2,"max_volumes":3';
    const near = quotaClient(
      `{${base},"total_storage_bytes":18446744073709551000,"max_file_size_bytes":4}`,
    );
    await assert.rejects(
      near.getVolumeQuota(),
      (e) => e instanceof AegisProtocolError && /18446744073709551000/.test(e.message),
    );
    const counter = quotaClient(
      `{"volume_count":1,"total_bytes_used":18446744073709551615,"max_volumes":3,` +
        `"total_storage_bytes":4,"max_file_size_bytes":5}`,
    );
    await assert.rejects(counter.getVolumeQuota(), AegisProtocolError);
    await assert.rejects(quotaClient(`{${base}}`).getVolumeQuota(), AegisProtocolError);
    await assert.rejects(quotaClient("[]").getVolumeQuota(), AegisProtocolError);
  });

  it("reads the exact literal of each top-level key, ignoring nested and string look-alikes", async () => {
    const tricky = quotaClient(
      `{ "note": "\\"total_storage_bytes\\": 1", "nested": {"max_file_size_bytes": 7},` +
        ` "volume_count" : 1, "total_bytes_used": 0, "max_volumes": 4294967295,` +
        ` "total_storage_bytes" : 18446744073709551615, "max_file_size_bytes":18446744073709551615 }`,
    );
    assert.deepEqual(await tricky.getVolumeQuota(), {
      volume_count: 1,
      total_bytes_used: 0,
      max_volumes: Infinity,
      total_storage_bytes: Infinity,
      max_file_size_bytes: Infinity,
    });
  });
});
