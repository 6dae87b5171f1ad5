import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisApiError,
  AegisClient,
  attachmentRefFromUpload,
  BadRequestError,
  CHAT_ATTACHMENTS_VOLUME,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../client/mod.ts";
import { setup } from "../helpers.ts";
import { createFakeOrchestrator } from "../../testing/mod.ts";
import { runChild } from "../child.ts";
import { FILE_SIZE, fileSha256, type TransferReport } from "../fixtures/volume_transfer_client.ts";
import { listen } from "../../testing/server.ts";

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

/**
 * What the SDK may add on top of the runtime's own fetch. Holding the file once costs 64 MiB
 * (a buffering client measured 80–200 MiB); the streaming SDK adds about nothing: 1–10 MiB of
 * growth in total on an idle machine, the rest being the runtime's fetch, which on Node (undici)
 * buffers request chunks a busy peer has not read yet (measured with `rawUploadGrowth`).
 */
const MAX_SDK_GROWTH = 16 * MiB;

async function runClient<T = TransferReport>(env: Record<string, string>): Promise<T> {
  const script = new URL("../fixtures/volume_transfer_client.ts", import.meta.url);
  const { code, stdout } = await runChild(script, env, 45_000);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`transfer client exited with ${code}: ${stdout.slice(0, 500)}`);
  }
  return JSON.parse(line) as T;
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1);

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

/**
 * A 64 MiB upload and a 64 MiB download through a real socket must not grow the client's memory
 * by more than a small margin over what the runtime's own `fetch` needs for the same transfer.
 * The client runs alone in a child process (same runtime) and measures its own RSS, so neither
 * the fake orchestrator's copy of the file (kept here) nor test modules running in parallel
 * distort the numbers; a second child measures a plain `fetch` upload as the floor.
 */
describe("volume transfers keep client memory flat", { timeout: 60_000 }, () => {
  // The timeout is repeated on the test: Bun applies only a test's own.
  it("64 MiB up from a generated stream and back down as a stream, on a socket", {
    timeout: 60_000,
  }, async () => {
    const fake = createFakeOrchestrator();
    const server = await listen(fake);
    try {
      const setupClient = new AegisClient({ baseUrl: server.url, bearerToken: fake.token });
      const { id } = await setupClient.createVolume({
        label: "big",
        size_limit_bytes: 4 * FILE_SIZE,
      });
      const env = {
        AEGIS_MEMTEST_URL: server.url,
        AEGIS_MEMTEST_TOKEN: fake.token,
        AEGIS_MEMTEST_VOLUME: id,
      };
      const { rawUploadGrowth } = await runClient<{ rawUploadGrowth: number }>({
        ...env,
        AEGIS_MEMTEST_RAW: "1",
      });
      const report = await runClient(env);
      console.log(
        `client RSS baseline ${mib(report.baselineRss)} MiB; raw fetch upload growth ` +
          `${mib(rawUploadGrowth)} MiB; ` +
          `upload ${mib(report.upload.size)} MiB in ${report.upload.ms} ms, peak growth ` +
          `${mib(report.upload.growth)} MiB; download ${mib(report.download.size)} MiB in ` +
          `${report.download.ms} ms, peak growth ${mib(report.download.growth)} MiB`,
      );
      const expected = fileSha256();
      const stored = fake.volumes.volumes.get(id)!.files.get("big/file.bin")!;
      assert.equal(stored.data.byteLength, FILE_SIZE);
      assert.equal(stored.sha256, expected);
      assert.equal(report.upload.size, FILE_SIZE);
      assert.equal(report.upload.sha256, expected);
      assert.equal(report.download.size, FILE_SIZE);
      assert.equal(report.download.sha256, expected);
      assert.ok(report.download.patternOk, "every downloaded word holds its own offset");
      assert.ok(
        report.upload.growth < Math.max(rawUploadGrowth, 0) + MAX_SDK_GROWTH,
        `client RSS grew by ${mib(report.upload.growth)} MiB during the upload ` +
          `(raw fetch: ${mib(rawUploadGrowth)} MiB)`,
      );
      assert.ok(
        report.download.growth < MAX_SDK_GROWTH,
        `client RSS grew by ${mib(report.download.growth)} MiB during the download`,
      );
    } finally {
      await server.close();
      fake.close();
    }
  });
});
