import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  commitGitRepo,
  createGitRepo,
  deleteGitRepo,
  diffGitRepo,
  getGitRepo,
  listGitRepos,
  pushGitRepo,
  refreshGitRepo,
} from "../../client/git_repos.ts";
import { uploadFile } from "../../client/volume_files.ts";
import {
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

const REPO = "https://github.com/example/site.git";
const BINDING_FIELDS = [
  "auto_refresh",
  "clone_strategy",
  "created_at",
  "credential_binding_id",
  "git_ref",
  "id",
  "label",
  "last_cloned_at",
  "last_commit_sha",
  "repo_url",
  "sparse_paths",
  "status",
  "tenant_id",
  "updated_at",
  "volume_id",
  "webhook_secret_set",
];

describe("git repository bindings", () => {
  it("createGitRepo POSTs the binding (201, Pending, nulls present); then it is Ready", async () => {
    const h = setup();
    const binding = await createGitRepo(h.client, {
      repo_url: REPO,
      label: "site",
      git_ref: { type: "tag", value: "v1.2.0" },
      sparse_paths: ["docs"],
      shallow: false,
    });
    const request = h.last("/v1/storage/git");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      repo_url: REPO,
      label: "site",
      git_ref: { type: "tag", value: "v1.2.0" },
      sparse_paths: ["docs"],
      shallow: false,
    });
    assert.deepEqual(Object.keys(binding).sort(), BINDING_FIELDS);
    assert.equal(binding.status, "Pending");
    assert.deepEqual(binding.git_ref, { Tag: "v1.2.0" });
    assert.equal(binding.clone_strategy, "Libgit2");
    assert.equal(binding.credential_binding_id, null);
    assert.equal(binding.last_cloned_at, null);
    assert.equal(binding.last_commit_sha, null);
    assert.equal(binding.webhook_secret_set, false);

    const ready = await getGitRepo(h.client, binding.id);
    assert.equal(h.last().path, `/v1/storage/git/${binding.id}`);
    assert.equal(ready.status, "Ready");
    assert.match(ready.last_commit_sha!, /^[0-9a-f]{40}$/);
    const list = await listGitRepos(h.client);
    assert.deepEqual(list.map((b) => b.id), [binding.id]);
  });

  it("defaults (branch main) come from the server; bad input is refused or typed", async () => {
    const h = setup();
    const binding = await createGitRepo(h.client, { repo_url: REPO, label: "site" });
    assert.deepEqual(JSON.parse(h.last().body!), { repo_url: REPO, label: "site" });
    assert.deepEqual(binding.git_ref, { Branch: "main" });
    assert.equal(binding.sparse_paths, null);
    const sent = h.fake.requests.length;
    await assert.rejects(
      createGitRepo(h.client, { repo_url: "", label: "x" }),
      InvalidArgumentError,
    );
    await assert.rejects(
      createGitRepo(h.client, {
        repo_url: REPO,
        label: "x",
        git_ref: { type: "sha" as "commit", value: "abc" },
      }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, sent);
    await assert.rejects(
      createGitRepo(h.client, { repo_url: "file:///etc", label: "x" }),
      (e: unknown) => e instanceof BadRequestError && /url validation failed/.test(e.message),
    );
  });

  it("commit, diff and push follow the working tree in the binding's volume", async () => {
    const h = setup();
    const { id, volume_id } = await createGitRepo(h.client, { repo_url: REPO, label: "site" });
    await getGitRepo(h.client, id);
    assert.deepEqual(await diffGitRepo(h.client, id), { diff: "" });
    await assert.rejects(commitGitRepo(h.client, id, "nothing"), (e: unknown) => {
      assert.ok(e instanceof ConflictError);
      assert.match(e.message, /nothing to commit/);
      return true;
    });

    await uploadFile(h.client, volume_id, "index.html", new TextEncoder().encode("<h1>Hi</h1>\n"));
    const { diff } = await diffGitRepo(h.client, id);
    assert.equal(h.last().path, `/v1/storage/git/${id}/diff`);
    assert.equal(h.last().search, "");
    assert.match(diff, /^\+\+\+ b\/index\.html$/m);
    assert.match(diff, /^\+<h1>Hi<\/h1>$/m);
    assert.deepEqual(await diffGitRepo(h.client, id, { staged: true }), { diff: "" });
    assert.equal(h.last().search, "staged=true");

    const { commit_sha } = await commitGitRepo(h.client, id, "Add index");
    const commit = h.last(`/v1/storage/git/${id}/commit`);
    assert.equal(commit.method, "POST");
    assert.deepEqual(JSON.parse(commit.body!), { message: "Add index" });
    assert.match(commit_sha, /^[0-9a-f]{40}$/);
    assert.equal((await getGitRepo(h.client, id)).last_commit_sha, commit_sha);
    assert.deepEqual(await diffGitRepo(h.client, id), { diff: "" });

    assert.equal(await pushGitRepo(h.client, id, { remote: "origin", ref: "main" }), undefined);
    const push = h.last(`/v1/storage/git/${id}/push`);
    assert.equal(push.method, "POST");
    assert.deepEqual(JSON.parse(push.body!), { remote: "origin", ref: "main" });
    await pushGitRepo(h.client, id);
    assert.deepEqual(JSON.parse(h.last().body!), {});
    await assert.rejects(commitGitRepo(h.client, id, "  "), InvalidArgumentError);
  });

  it("refresh and delete answer {success: true}; then the binding is gone (404 {error})", async () => {
    const h = setup();
    const { id } = await createGitRepo(h.client, { repo_url: REPO, label: "site" });
    assert.deepEqual(await refreshGitRepo(h.client, id), { success: true });
    assert.equal(h.last().method, "POST");
    assert.equal(h.last().path, `/v1/storage/git/${id}/refresh`);
    assert.deepEqual(await deleteGitRepo(h.client, id), { success: true });
    assert.equal(h.last().method, "DELETE");
    await assert.rejects(getGitRepo(h.client, id), (e: unknown) => {
      assert.ok(e instanceof NotFoundError);
      assert.match(e.message, /git repo binding not found/);
      return true;
    });
    assert.deepEqual(await listGitRepos(h.client), []);
    const sent = h.fake.requests.length;
    await assert.rejects(getGitRepo(h.client, "not-a-uuid"), InvalidArgumentError);
    await assert.rejects(getGitRepo(h.client, "../volumes"), InvalidArgumentError);
    assert.equal(h.fake.requests.length, sent);
  });

  it("refresh and push are retried after a 5xx, commit is not", async () => {
    const h = setup({ maxRetries: 2 });
    const { id } = await createGitRepo(h.client, { repo_url: REPO, label: "site" });
    const flaky = (suffix: string) =>
      h.fake.faults.add({
        path: `/v1/storage/git/${id}/${suffix}`,
        status: 502,
        headers: { "retry-after": "0" },
      });
    flaky("refresh");
    assert.deepEqual(await refreshGitRepo(h.client, id), { success: true });
    flaky("push");
    await pushGitRepo(h.client, id);
    flaky("commit");
    await assert.rejects(commitGitRepo(h.client, id, "x"));
    const count = (suffix: string) =>
      h.fake.requests.filter((r) => r.path === `/v1/storage/git/${id}/${suffix}`).length;
    assert.deepEqual([count("refresh"), count("push"), count("commit")], [2, 2, 1]);
  });

  it("a body the server cannot read is a typed 422", async () => {
    const h = setup();
    const error = await h.client.request({
      method: "POST",
      path: "/v1/storage/git",
      json: { label: "x" },
    }).catch((e) => e);
    assert.ok(error instanceof UnprocessableEntityError);
  });
});
