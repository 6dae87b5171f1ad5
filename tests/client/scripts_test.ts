import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  createScript,
  deleteScript,
  getScript,
  listScripts,
  updateScript,
} from "../../client/scripts.ts";
import { BadRequestError, ConflictError, InvalidArgumentError, NotFoundError } from "../../mod.ts";
import { setup } from "../helpers.ts";

const SCRIPT_FIELDS = [
  "code",
  "created_at",
  "created_by",
  "description",
  "id",
  "name",
  "tags",
  "tenant_id",
  "updated_at",
  "version",
  "visibility",
];

describe("scripts", () => {
  it("createScript POSTs {name, code, …} and answers 201 with the script at version 1", async () => {
    const h = setup();
    const script = await createScript(h.client, {
      name: "hello",
      code: "print('hi')",
      tags: ["demo"],
    });
    const request = h.last("/v1/scripts");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      name: "hello",
      code: "print('hi')",
      tags: ["demo"],
    });
    assert.deepEqual(Object.keys(script).sort(), SCRIPT_FIELDS);
    assert.equal(script.version, 1);
    assert.equal(script.description, "");
    assert.equal(script.visibility, "private");
    await assert.rejects(
      createScript(h.client, { name: "hello", code: "x" }),
      (e: unknown) => e instanceof ConflictError && /already exists/.test(e.message),
    );
  });

  it("listScripts filters by tag and text (bare array)", async () => {
    const h = setup();
    await createScript(h.client, { name: "hello", code: "1", tags: ["demo"] });
    await createScript(h.client, { name: "report", code: "2", description: "Weekly numbers" });
    assert.equal((await listScripts(h.client)).length, 2);
    assert.equal(h.last().path, "/v1/scripts");
    const tagged = await listScripts(h.client, { tag: "demo" });
    assert.equal(h.last().search, "tag=demo");
    assert.deepEqual(tagged.map((s) => s.name), ["hello"]);
    const found = await listScripts(h.client, { q: "weekly" });
    assert.equal(h.last().search, "q=weekly");
    assert.deepEqual(found.map((s) => s.name), ["report"]);
  });

  it("updateScript PUTs a new version; getScript shows the history", async () => {
    const h = setup();
    const { id } = await createScript(h.client, { name: "hello", code: "print('hi')" });
    const updated = await updateScript(h.client, id, {
      name: "hello",
      code: "print('hello')",
      description: "Greets",
    });
    const put = h.last(`/v1/scripts/${id}`);
    assert.equal(put.method, "PUT");
    assert.deepEqual(JSON.parse(put.body!), {
      name: "hello",
      code: "print('hello')",
      description: "Greets",
    });
    assert.equal(updated.version, 2);
    assert.equal(updated.code, "print('hello')");
    const detail = await getScript(h.client, id);
    assert.deepEqual(Object.keys(detail).sort(), [...SCRIPT_FIELDS, "versions"].sort());
    assert.deepEqual(detail.versions.map((v) => v.version), [1, 2]);
    assert.deepEqual(Object.keys(detail.versions[0]).sort(), [
      "updated_at",
      "updated_by",
      "version",
    ]);
  });

  it("updateScript is not repeated after a 5xx (each attempt would save a version)", async () => {
    const h = setup({ maxRetries: 2 });
    const { id } = await createScript(h.client, { name: "hello", code: "1" });
    h.fake.faults.add({
      path: `/v1/scripts/${id}`,
      method: "PUT",
      status: 502,
      headers: { "retry-after": "0" },
    });
    await assert.rejects(updateScript(h.client, id, { name: "hello", code: "2" }));
    assert.equal(h.fake.requests.filter((r) => r.method === "PUT").length, 1);
    h.fake.faults.add({
      path: `/v1/scripts/${id}`,
      method: "GET",
      status: 502,
      headers: { "retry-after": "0" },
    });
    assert.equal((await getScript(h.client, id)).version, 1);
  });

  it("deleteScript resolves on 204; later calls get NotFoundError", async () => {
    const h = setup();
    const { id } = await createScript(h.client, { name: "hello", code: "1" });
    assert.equal(await deleteScript(h.client, id), undefined);
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/scripts/${id}`);
    await assert.rejects(
      getScript(h.client, id),
      (e: unknown) => e instanceof NotFoundError && /script not found/.test(e.message),
    );
    await assert.rejects(deleteScript(h.client, id), NotFoundError);
  });

  it("server-side validation comes back as BadRequestError; SDK-side checks send nothing", async () => {
    const h = setup();
    await assert.rejects(
      createScript(h.client, { name: "a/b", code: "1" }),
      (e: unknown) => e instanceof BadRequestError && /path separators/.test(e.message),
    );
    await assert.rejects(
      createScript(h.client, { name: "x", code: "1", tags: ["Bad Tag"] }),
      (e: unknown) => e instanceof BadRequestError && /invalid tag: Bad Tag/.test(e.message),
    );
    const sent = h.fake.requests.length;
    await assert.rejects(
      createScript(h.client, { name: "x", code: "1", visibility: "public" as "private" }),
      InvalidArgumentError,
    );
    await assert.rejects(
      createScript(h.client, { name: "x" } as { name: string; code: string }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, sent);
  });
});
