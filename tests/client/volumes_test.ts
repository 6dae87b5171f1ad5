import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  AegisClient,
  AegisProtocolError,
  attachmentRefFromUpload,
  BadRequestError,
  CHAT_ATTACHMENTS_VOLUME,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

const MISSING = "6c0e8f8e-7a43-4a8a-9a43-2b8d1f7c0c11";
const MiB = 1024 * 1024;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function query(search: string): URLSearchParams {
  return new URLSearchParams(search);
}

async function withVolume(label = "docs", size = 64 * MiB) {
  const h = setup();
  const volume = await h.client.createVolume({ label, size_limit_bytes: size });
  return { h, volume, id: volume.id };
}

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const queue = parts.map((p) => new TextEncoder().encode(p));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
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

describe("volume files: upload", () => {
  it("sends a raw body with path query, content type and percent-encoded X-Filename", async () => {
    const { h, id } = await withVolume();
    const uploaded = await h.client.uploadFile(id, "in/data.csv", "a,b\n1,2\n", {
      filename: "résumé données.csv",
    });
    const request = h.last(`/v1/volumes/${id}/files/upload`);
    assert.equal(request.method, "POST");
    assert.equal(request.search, "path=in%2Fdata.csv");
    assert.equal(request.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(request.headers.get("x-filename"), "r%C3%A9sum%C3%A9%20donn%C3%A9es.csv");
    assert.equal(request.body, "a,b\n1,2\n");
    assert.deepEqual(uploaded, {
      mime_type: "application/octet-stream",
      name: "résumé données.csv",
      path: "in/data.csv",
      sha256: await sha256Hex("a,b\n1,2\n"),
      size: 8,
      volume_id: id,
    });
  });

  it("uploads every body type; the fake verifies size and SHA-256", async () => {
    const { h, id } = await withVolume();
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    const cases: Array<[string, Parameters<AegisClient["uploadFile"]>[2], Uint8Array]> = [
      ["blob.bin", new Blob([bytes]), bytes],
      ["file.bin", new File([bytes], "original name.bin"), bytes],
      ["u8.bin", bytes, bytes],
      ["ab.bin", bytes.slice().buffer, bytes],
      [
        "stream.txt",
        streamOf(["hello ", "streamed ", "world"]),
        new TextEncoder().encode("hello streamed world"),
      ],
      ["string.txt", "héllo ✓", new TextEncoder().encode("héllo ✓")],
    ];
    for (const [name, source, expected] of cases) {
      const uploaded = await h.client.uploadFile(id, `all/${name}`, source);
      assert.equal(uploaded.size, expected.byteLength, name);
      assert.equal(uploaded.sha256, await sha256Hex(expected), name);
      const stat = await h.client.statFile(id, `all/${name}`);
      assert.equal(stat.sha256, uploaded.sha256, name);
      assert.deepEqual(await h.client.downloadFileBytes(id, `all/${name}`), expected, name);
    }
    const fileUpload = h.fake.requests.filter((r) => r.search === "path=all%2Ffile.bin")[0];
    assert.equal(fileUpload.headers.get("x-filename"), "original%20name.bin");
    const streamUpload = h.fake.requests.filter((r) => r.search === "path=all%2Fstream.txt")[0];
    assert.equal(streamUpload.headers.get("content-type"), "application/octet-stream");
    const listing = await h.client.listFiles(id, "all");
    assert.deepEqual(listing.map((e) => e.name), cases.map(([n]) => n).sort());
  });

  it("keeps a Blob's type, but never sends multipart/* for a raw body", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "p.png", new Blob([PNG], { type: "image/png" }));
    assert.equal(h.last(/upload$/).headers.get("content-type"), "image/png");
    const tricky = new Blob(["--x\r\n"], { type: "multipart/form-data; boundary=x" });
    const uploaded = await h.client.uploadFile(id, "m.txt", tricky);
    assert.equal(h.last(/upload$/).headers.get("content-type"), "application/octet-stream");
    assert.equal(uploaded.size, 5);
    const before = h.fake.requests.length;
    await assert.rejects(
      h.client.uploadFile(id, "m.txt", "x", { contentType: "Multipart/form-data; boundary=y" }),
      (e) => e instanceof InvalidArgumentError && e.argument === "contentType",
    );
    await assert.rejects(
      h.client.uploadFile(id, "m.txt", "x", { contentType: "text/plain\r\nx-evil: 1" }),
      InvalidArgumentError,
    );
    await assert.rejects(h.client.uploadFile(id, "m.txt", 42 as never), InvalidArgumentError);
    assert.equal(h.fake.requests.length, before);
  });

  it("mime_type is sniffed from the content, download type from the extension", async () => {
    const { h, id } = await withVolume();
    const uploaded = await h.client.uploadFile(id, "looks/like.txt", PNG);
    assert.equal(uploaded.mime_type, "image/png");
    const download = await h.client.downloadFile(id, "looks/like.txt");
    assert.equal(download.contentType, "text/plain");
    assert.equal(download.size, PNG.byteLength);
    assert.deepEqual(await download.bytes(), PNG);
    const samples: Array<[Uint8Array, string]> = [
      [new TextEncoder().encode("%PDF-1.7"), "application/pdf"],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), "application/zip"],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg"],
      [new TextEncoder().encode("GIF89a.."), "image/gif"],
    ];
    for (const [data, type] of samples) {
      assert.equal((await h.client.uploadFile(id, "sniff.bin", data)).mime_type, type);
    }
  });

  it("a leading slash is dropped; unsafe upload paths are refused before sending", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "/docs/my file ü.txt", "x");
    assert.equal(query(h.last(/upload$/).search).get("path"), "docs/my file ü.txt");
    assert.match(h.last(/upload$/).search, /^path=docs%2Fmy\+file\+%C3%BC\.txt$/);
    const before = h.fake.requests.length;
    for (
      const bad of [
        "",
        "/",
        "../x",
        "a/../b",
        "a/./b",
        "a//b",
        "dir/",
        "a\u0000b",
        "a\tb",
        "a\u0085b",
      ]
    ) {
      await assert.rejects(
        h.client.uploadFile(id, bad, "x"),
        (e) => e instanceof InvalidArgumentError && e.argument === "path",
        JSON.stringify(bad),
      );
    }
    assert.equal(h.fake.requests.length, before);
  });

  it("the fake rejects what the server rejects when the SDK checks are bypassed", async () => {
    const { h, id } = await withVolume();
    const upload = (search: string) =>
      h.client.request({
        method: "POST",
        path: `/v1/volumes/${id}/files/upload${search}`,
        body: "x",
        contentType: "application/octet-stream",
      });
    await assert.rejects(upload(""), (e) => e instanceof BadRequestError && e.code === undefined);
    for (
      const [search, message] of [
        ["?path=", "destination path is empty"],
        ["?path=%2Fabs", "destination path must be relative (no leading '/')"],
        ["?path=a%2F..%2Fb", "destination path may not contain '..'"],
        ["?path=a%0Ab", "destination path contains control characters"],
      ]
    ) {
      await assert.rejects(
        upload(search),
        (e) => e instanceof UnprocessableEntityError && e.serverMessage === message,
      );
    }
  });

  it("uploads to chat-attachments provision one volume and report its UUID", async () => {
    const h = setup();
    const first = await h.client.uploadFile(CHAT_ATTACHMENTS_VOLUME, "a.txt", "one");
    assert.equal(h.last(/upload$/).path, "/v1/volumes/chat-attachments/files/upload");
    assert.match(first.volume_id, /^[0-9a-f-]{36}$/);
    const second = await h.client.uploadFile(CHAT_ATTACHMENTS_VOLUME, "b.txt", "two");
    assert.equal(second.volume_id, first.volume_id);
    const volumes = await h.client.listVolumes();
    assert.deepEqual(volumes.map((v) => [v.name, v.size_limit_bytes]), [
      ["chat-attachments", 10 * 1024 * MiB],
    ]);
    await assert.rejects(
      h.client.uploadFile("attachments", "a.txt", "x"),
      (e) =>
        e instanceof BadRequestError &&
        e.serverMessage === "expected volume UUID or reserved name 'chat-attachments'",
    );
    await assert.rejects(h.client.uploadFile(MISSING, "a.txt", "x"), NotFoundError);
  });

  it("an invalid X-Filename falls back to the last path segment", async () => {
    const { h, id } = await withVolume();
    const uploaded = await h.client.uploadFile(id, "dir/real.txt", "x", { filename: "a/b.txt" });
    assert.equal(uploaded.name, "real.txt");
    assert.equal(h.last(/upload$/).headers.get("x-filename"), "a%2Fb.txt");
  });

  it("413 at the tier cap, and 422 when the volume's own limit is exceeded", async () => {
    const h = setup({}, { volumes: { tier: "free" } });
    const { id } = await h.client.createVolume({ label: "small", size_limit_bytes: 10 });
    await assert.rejects(
      h.client.uploadFile(id, "big.bin", new Uint8Array(11)),
      (e) => e instanceof UnprocessableEntityError && e.serverMessage === "file size exceeds limit",
    );
    let produced = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        produced += MiB;
        if (produced > 60 * MiB) controller.close();
        else controller.enqueue(new Uint8Array(MiB));
      },
    });
    await assert.rejects(
      h.client.uploadFile(id, "huge.bin", endless),
      (e) =>
        e instanceof AegisApiError && e.status === 413 &&
        e.serverMessage === `upload exceeds tier cap of ${50 * MiB} bytes`,
    );
    assert.ok(produced <= 52 * MiB, `the upload was cut at the cap (produced ${produced})`);
  });

  it("stream bodies are never retried; byte bodies are", async () => {
    const { h, id } = await withVolume();
    const rule = {
      path: `/v1/volumes/${id}/files/upload`,
      status: 503,
      headers: { "retry-after": "0" },
    };
    h.fake.faults.add(rule);
    const before = h.fake.requests.length;
    await assert.rejects(
      h.client.uploadFile(id, "s.txt", streamOf(["abc"])),
      (e) => e instanceof AegisApiError && e.status === 503,
    );
    assert.equal(h.fake.requests.length - before, 1);
    h.fake.faults.add(rule);
    const uploaded = await h.client.uploadFile(id, "b.txt", new TextEncoder().encode("abc"));
    assert.equal(uploaded.size, 3);
    assert.equal(h.fake.requests.length - before, 3);
  });

  it("the fake also accepts multipart: first non-empty part, its filename, ~2 MiB cap", async () => {
    const { h, id } = await withVolume();
    const send = (form: FormData) =>
      h.client.request<{ name: string; size: number; sha256: string }>({
        method: "POST",
        path: `/v1/volumes/${id}/files/upload`,
        query: { path: "mp/file.bin" },
        body: form,
      });
    const form = new FormData();
    form.append("empty", "");
    form.append("file", new File(["multipart!"], "picked.bin"));
    form.append("later", new File(["ignored"], "later.bin"));
    const result = await send(form);
    assert.equal(result.name, "picked.bin");
    assert.equal(result.size, 10);
    assert.equal(result.sha256, await sha256Hex("multipart!"));
    const none = new FormData();
    none.append("file", new File([], "empty.bin"));
    await assert.rejects(
      send(none),
      (e) =>
        e instanceof UnprocessableEntityError &&
        e.serverMessage === "multipart body contained no file",
    );
    const big = new FormData();
    big.append("file", new File([new Uint8Array(2 * MiB + 1)], "big.bin"));
    await assert.rejects(
      send(big),
      (e) => e instanceof BadRequestError && /^multipart read error/.test(e.serverMessage ?? ""),
    );
  });

  it("attachmentRefFromUpload keeps exactly the AttachmentRef fields", async () => {
    const { h, id } = await withVolume();
    const uploaded = await h.client.uploadFile(id, "in/x.txt", "x");
    const ref = attachmentRefFromUpload({ ...uploaded, extra: 1 } as typeof uploaded);
    assert.deepEqual(ref, {
      volume_id: id,
      path: "in/x.txt",
      name: "x.txt",
      mime_type: "application/octet-stream",
      size: 1,
      sha256: await sha256Hex("x"),
    });
  });
});

describe("volume files: listing, stat, download, mkdir, move, delete", () => {
  it("listFiles defaults to / and sends path as a query parameter", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "top.txt", "1");
    await h.client.uploadFile(id, "sub dir/inner é.txt", "22");
    const root = await h.client.listFiles(id);
    const request = h.last(`/v1/volumes/${id}/files`);
    assert.equal(request.method, "GET");
    assert.equal(request.search, "path=%2F");
    assert.deepEqual(root.map((e) => [e.name, e.is_dir]), [["sub dir", true], ["top.txt", false]]);
    const top = root.find((e) => e.name === "top.txt")!;
    assert.equal(top.size_bytes, 1);
    assert.match(top.modified_at!, /Z$/);
    const inner = await h.client.listFiles(id, "/sub dir");
    assert.equal(query(h.last().search).get("path"), "/sub dir");
    assert.deepEqual(inner.map((e) => [e.name, e.size_bytes]), [["inner é.txt", 2]]);
    await assert.rejects(h.client.listFiles(id, "nope"), NotFoundError);
    await assert.rejects(h.client.listFiles(MISSING), NotFoundError);
    await assert.rejects(h.client.listFiles(id, "a/../b"), InvalidArgumentError);
  });

  it("the server's 400 for a missing path query is plain text", async () => {
    const { h, id } = await withVolume();
    await assert.rejects(
      h.client.request({ method: "GET", path: `/v1/volumes/${id}/files` }),
      (e) =>
        e instanceof BadRequestError &&
        e.body === "Failed to deserialize query string: missing field `path`",
    );
  });

  it("statFile returns name, sniffed mime_type, size and sha256", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "img/logo.dat", PNG);
    const stat = await h.client.statFile(id, "/img/logo.dat");
    assert.equal(h.last().path, `/v1/volumes/${id}/files/stat`);
    assert.equal(h.last().search, "path=img%2Flogo.dat");
    assert.deepEqual(stat, {
      mime_type: "image/png",
      name: "logo.dat",
      sha256: await sha256Hex(PNG),
      size: PNG.byteLength,
    });
    await assert.rejects(h.client.statFile(id, "missing"), NotFoundError);
    await assert.rejects(h.client.statFile(id, "/"), InvalidArgumentError);
  });

  it("downloadFile streams the body; errors are typed; Accept is */*", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "r/report.json", '{"ok":true}');
    const download = await h.client.downloadFile(id, "r/report.json");
    const request = h.last(`/v1/volumes/${id}/files/download`);
    assert.equal(request.search, "path=r%2Freport.json");
    assert.equal(request.headers.get("accept"), "*/*");
    assert.equal(download.contentType, "application/json");
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of download.body) text += decoder.decode(chunk, { stream: true });
    assert.equal(text, '{"ok":true}');
    assert.equal(await (await h.client.downloadFile(id, "r/report.json")).text(), '{"ok":true}');
    await assert.rejects(h.client.downloadFile(id, "r/none.json"), NotFoundError);
    await assert.rejects(h.client.downloadFile(id, "../etc/passwd"), InvalidArgumentError);
  });

  it("mkdir sends only the query (no body), and the directory lists", async () => {
    const { h, id } = await withVolume();
    assert.deepEqual(await h.client.mkdir(id, "reports/2026 Q1"), { success: true });
    const request = h.last(`/v1/volumes/${id}/files/mkdir`);
    assert.equal(request.method, "POST");
    assert.equal(request.search, "path=reports%2F2026+Q1");
    assert.equal(request.headers.get("content-type"), null);
    assert.equal(request.body, undefined);
    const listing = await h.client.listFiles(id, "reports");
    assert.deepEqual(listing.map((e) => [e.name, e.is_dir]), [["2026 Q1", true]]);
    await assert.rejects(h.client.mkdir(id, "/"), InvalidArgumentError);
  });

  it("movePath sends {from, to} and moves files and directories", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "a/one.txt", "1");
    assert.deepEqual(await h.client.movePath(id, "/a/one.txt", "a/uno.txt"), { success: true });
    const request = h.last(`/v1/volumes/${id}/files/move`);
    assert.equal(request.method, "POST");
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.deepEqual(JSON.parse(request.body!), { from: "a/one.txt", to: "a/uno.txt" });
    await h.client.movePath(id, "a", "b");
    assert.deepEqual((await h.client.listFiles(id, "b")).map((e) => e.name), ["uno.txt"]);
    await assert.rejects(h.client.movePath(id, "a", "c"), NotFoundError);
    await assert.rejects(
      h.client.movePath(id, "b", "../c"),
      (e) => e instanceof InvalidArgumentError && e.argument === "to",
    );
  });

  it("deletePath deletes a file or a whole directory; the root cannot be named", async () => {
    const { h, id } = await withVolume();
    await h.client.uploadFile(id, "t/a.txt", "a");
    await h.client.uploadFile(id, "t/deep/b.txt", "b");
    await h.client.uploadFile(id, "keep.txt", "k");
    assert.deepEqual(await h.client.deletePath(id, "t/a.txt"), { success: true });
    const request = h.last(`/v1/volumes/${id}/files`);
    assert.equal(request.method, "DELETE");
    assert.equal(request.search, "path=t%2Fa.txt");
    await h.client.deletePath(id, "t");
    assert.deepEqual((await h.client.listFiles(id)).map((e) => e.name), ["keep.txt"]);
    await assert.rejects(h.client.deletePath(id, "t"), NotFoundError);
    for (const root of ["/", "", "//"]) {
      await assert.rejects(h.client.deletePath(id, root), InvalidArgumentError);
    }
  });
});
