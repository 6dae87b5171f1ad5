import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type CanvasEvent,
  createCanvasSession,
  deleteCanvasSession,
  getCanvasSession,
  listCanvasSessions,
  streamCanvasSession,
  updateCanvasSession,
} from "../../client/canvas.ts";
import { commitGitRepo, createGitRepo, getGitRepo, pushGitRepo } from "../../client/git_repos.ts";
import { uploadFile } from "../../client/volume_files.ts";
import { BadRequestError, ConflictError, InvalidArgumentError, NotFoundError } from "../../mod.ts";
import { setup } from "../helpers.ts";

const SESSION_FIELDS = [
  "archived",
  "conversation_id",
  "created_at",
  "git_binding_id",
  "id",
  "last_active_at",
  "name",
  "status",
  "tenant_id",
  "workspace_mode",
  "workspace_volume_id",
];

describe("canvas sessions", () => {
  it("createCanvasSession POSTs the mode (201); nulls are present; then Ready", async () => {
    const h = setup();
    const session = await createCanvasSession(h.client, { workspace_mode: "Ephemeral" });
    const request = h.last("/v1/canvas/sessions");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), { workspace_mode: "Ephemeral" });
    assert.deepEqual(Object.keys(session).sort(), SESSION_FIELDS);
    assert.equal(session.status, "Initializing");
    assert.equal(session.name, null);
    assert.equal(session.git_binding_id, null);
    assert.equal(session.archived, false);
    assert.equal((await getCanvasSession(h.client, session.id)).status, "Ready");
    assert.equal(h.last().path, `/v1/canvas/sessions/${session.id}`);

    const persistent = await createCanvasSession(h.client, {
      workspace_mode: { Persistent: { volume_label: "notes" } },
      name: "Notes",
    });
    assert.deepEqual(JSON.parse(h.last().body!), {
      workspace_mode: { Persistent: { volume_label: "notes" } },
      name: "Notes",
    });
    assert.deepEqual(persistent.workspace_mode, { Persistent: { volume_label: "notes" } });
    assert.equal(persistent.name, "Notes");
  });

  it("git-linked sessions need a ready binding (404 unknown, 409 not ready)", async () => {
    const h = setup();
    const missing = crypto.randomUUID();
    await assert.rejects(
      createCanvasSession(h.client, { workspace_mode: { GitLinked: { binding_id: missing } } }),
      (e: unknown) => e instanceof NotFoundError && e.message.includes(missing),
    );
    const binding = await createGitRepo(h.client, {
      repo_url: "https://github.com/example/site.git",
      label: "site",
    });
    // The clone has not finished yet.
    await assert.rejects(
      createCanvasSession(h.client, { workspace_mode: { GitLinked: { binding_id: binding.id } } }),
      (e: unknown) => e instanceof ConflictError && /not ready/.test(e.message),
    );
    assert.equal((await getGitRepo(h.client, binding.id)).status, "Ready");
    const session = await createCanvasSession(h.client, {
      workspace_mode: { GitLinked: { binding_id: binding.id } },
      git_binding_id: binding.id,
    });
    assert.deepEqual(JSON.parse(h.last().body!), {
      workspace_mode: { GitLinked: { binding_id: binding.id } },
      git_binding_id: binding.id,
    });
    assert.equal(session.git_binding_id, binding.id);
    assert.equal(session.workspace_volume_id, binding.volume_id);
    await assert.rejects(
      createCanvasSession(h.client, {
        workspace_mode: { GitLinked: { binding_id: binding.id } },
        git_binding_id: crypto.randomUUID(),
      }),
      (e: unknown) => e instanceof BadRequestError && /does not match/.test(e.message),
    );
  });

  it("listCanvasSessions hides archived sessions unless asked; PATCH renames and archives", async () => {
    const h = setup();
    const { id } = await createCanvasSession(h.client, {
      workspace_mode: "Ephemeral",
      name: "Draft",
    });
    const updated = await updateCanvasSession(h.client, id, { name: "Final", archived: true });
    const patch = h.last(`/v1/canvas/sessions/${id}`);
    assert.equal(patch.method, "PATCH");
    assert.deepEqual(JSON.parse(patch.body!), { name: "Final", archived: true });
    assert.equal(updated.name, "Final");
    assert.equal(updated.archived, true);
    assert.deepEqual(await listCanvasSessions(h.client), []);
    assert.equal(h.last().search, "");
    const all = await listCanvasSessions(h.client, { archived: true });
    assert.equal(h.last().search, "archived=true");
    assert.deepEqual(all.map((s) => s.id), [id]);
    await updateCanvasSession(h.client, id, { archived: false });
    assert.deepEqual(JSON.parse(h.last().body!), { archived: false });
    assert.equal((await getCanvasSession(h.client, id)).name, "Final");
    // The server reads `"name": null` as "unchanged", so the SDK refuses it instead of sending.
    const sent = h.fake.requests.length;
    await assert.rejects(
      updateCanvasSession(h.client, id, { name: null as unknown as string }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, sent);
  });

  it("the event stream carries named events, unwrapped, and ends on termination", async () => {
    const h = setup();
    const binding = await createGitRepo(h.client, {
      repo_url: "https://github.com/example/site.git",
      label: "site",
    });
    await getGitRepo(h.client, binding.id);
    const session = await createCanvasSession(h.client, {
      workspace_mode: { GitLinked: { binding_id: binding.id } },
    });
    const stream = await streamCanvasSession(h.client, session.id);
    const request = h.last(`/v1/canvas/sessions/${session.id}/events`);
    assert.equal(request.method, "GET");
    assert.equal(request.headers.get("accept"), "text/event-stream");
    const received: CanvasEvent[] = [];
    const consumed = (async () => {
      for await (const event of stream) received.push(event);
    })();
    await uploadFile(h.client, binding.volume_id, "a.txt", new TextEncoder().encode("a\n"));
    const { commit_sha } = await commitGitRepo(h.client, binding.id, "Add a");
    await pushGitRepo(h.client, binding.id, { ref: "main" });
    assert.deepEqual(await deleteCanvasSession(h.client, session.id), { success: true });
    assert.equal(h.last().method, "DELETE");
    await consumed;
    assert.deepEqual(received.map((e) => e.type), [
      "canvas_git_commit_made",
      "canvas_git_pushed",
      "canvas_session_terminated",
    ]);
    const [commit, push, end] = received;
    assert.equal(commit.type === "canvas_git_commit_made" && commit.commit_sha, commit_sha);
    assert.equal(commit.session_id, session.id);
    assert.ok(
      push.type === "canvas_git_pushed" && push.remote === "origin" && push.ref_name === "main",
    );
    assert.ok(end.type === "canvas_session_terminated" && typeof end.terminated_at === "string");
    assert.equal((await getCanvasSession(h.client, session.id)).status, "Terminated");
  });

  it("an unknown session is a NotFoundError before any stream opens", async () => {
    const h = setup();
    const id = crypto.randomUUID();
    await assert.rejects(
      streamCanvasSession(h.client, id),
      (e: unknown) => e instanceof NotFoundError && /canvas session not found/.test(e.message),
    );
    await assert.rejects(getCanvasSession(h.client, id), NotFoundError);
    await assert.rejects(deleteCanvasSession(h.client, id), NotFoundError);
  });

  it("a bad workspace mode is refused before sending", async () => {
    const h = setup();
    for (const mode of ["ephemeral", { Persistent: {} }, { GitLinked: { id: "x" } }, null]) {
      await assert.rejects(
        createCanvasSession(h.client, { workspace_mode: mode as "Ephemeral" }),
        InvalidArgumentError,
      );
    }
    assert.equal(h.fake.requests.length, 0);
  });
});
