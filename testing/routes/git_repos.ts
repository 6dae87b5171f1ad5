/**
 * Fake `/v1/storage/git*` routes: git repository bindings backed by the fake's volumes.
 *
 * Creating a binding provisions a volume (`git-{binding id}`) and answers 201 with the binding
 * `"Pending"`; the fake "clone" (a `README.md`) completes when a git route next reads the
 * binding, which is then `"Ready"` (a canvas session linked before that gets 409). Files written into that volume (through the volume file
 * routes) make the working tree dirty: `diff` shows them against the last commit, `commit`
 * records them (409 `nothing to commit: working tree is clean` otherwise). Nothing is ever
 * staged, so `diff?staged=true` is empty. Errors are the orchestrator's `{error}` bodies; the
 * bindings of one fake all belong to its single caller.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { GitRef, GitRepoBinding } from "../../client/git_repos.ts";
import type { FakeContext } from "../internal/context.ts";
import {
  isObject,
  jsonBody,
  jsonError,
  timestampZ,
  unprocessable,
  uuidParam,
} from "../internal/http.ts";
import type { FakeGitBinding } from "../internal/git_repo_store.ts";

/** What the fake "clone" puts in every new binding's volume, and its SHA-256. */
const CLONED_README = "# Fake clone\n\nCloned by the fake orchestrator.\n";
const CLONED_README_SHA256 = "9363000a7ba62807bcd70f489f3e589c18d8ba463fa90110ff029792a222ccb3";
const GIT_VOLUME_BYTES = 1024 * 1024 * 1024;
const REF_TYPES: Record<string, "Branch" | "Tag" | "Commit"> = {
  branch: "Branch",
  tag: "Tag",
  commit: "Commit",
};

/** Registers the git binding routes. */
export function registerGitRepoRoutes(app: Hono, ctx: FakeContext): void {
  const store = ctx.gitRepos;
  const bindings = store.bindings;
  const now = () => timestampZ(ctx.state.now());

  /** The background clone of a new binding has finished by the time anyone looks again. */
  const settle = (entry: FakeGitBinding): FakeGitBinding => {
    const { binding, volume } = entry;
    if (binding.status === "Pending") {
      volume.files.set("README.md", {
        data: new TextEncoder().encode(CLONED_README),
        sha256: CLONED_README_SHA256,
        mimeType: "text/markdown",
        modifiedAt: ctx.state.now(),
      });
      snapshot(entry);
      binding.status = "Ready";
      binding.last_cloned_at = now();
      binding.last_commit_sha = randomSha();
      binding.updated_at = binding.last_cloned_at;
    }
    return entry;
  };

  const find = (c: Context): FakeGitBinding | Response => {
    const id = uuidParam(c, "id");
    if (id instanceof Response) return id;
    const entry = bindings.get(id);
    return entry === undefined ? jsonError(404, "git repo binding not found") : settle(entry);
  };

  app.post("/v1/storage/git", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) return unprocessable("invalid type: expected struct CreateGitRepoRequest");
    for (const field of ["repo_url", "label"]) {
      if (typeof body[field] !== "string") {
        return unprocessable(
          field in body
            ? `${field}: invalid type: expected a string`
            : `missing field \`${field}\``,
        );
      }
    }
    let gitRef: GitRef = { Branch: "main" };
    if (body.git_ref !== undefined && body.git_ref !== null) {
      const ref = body.git_ref as Record<string, unknown>;
      const kind = isObject(ref) ? REF_TYPES[String(ref.type)] : undefined;
      if (kind === undefined || typeof ref.value !== "string") {
        return unprocessable("git_ref: unknown variant, expected one of `branch`, `tag`, `commit`");
      }
      gitRef = { [kind]: ref.value } as GitRef;
    }
    const credential = body.credential_binding_id;
    if (credential !== undefined && credential !== null && typeof credential !== "string") {
      return unprocessable("credential_binding_id: invalid type: expected a UUID string");
    }
    const repoUrl = body.repo_url as string;
    if (!/^(https:\/\/|ssh:\/\/|git@)[^\s]+$/.test(repoUrl)) {
      return jsonError(400, `url validation failed: unsupported repository URL '${repoUrl}'`);
    }
    const id = crypto.randomUUID();
    const volume = ctx.volumes.provision(`git-${id}`, GIT_VOLUME_BYTES);
    if (volume instanceof Response) return volume;
    const created = now();
    const binding: GitRepoBinding = {
      id,
      tenant_id: ctx.tenantId,
      credential_binding_id: typeof credential === "string" ? credential.toLowerCase() : null,
      repo_url: repoUrl,
      git_ref: gitRef,
      sparse_paths: Array.isArray(body.sparse_paths) ? body.sparse_paths as string[] : null,
      volume_id: volume.id,
      label: body.label as string,
      status: "Pending",
      clone_strategy: "Libgit2",
      last_cloned_at: null,
      last_commit_sha: null,
      auto_refresh: body.auto_refresh === true,
      webhook_secret_set: false,
      created_at: created,
      updated_at: created,
    };
    bindings.set(id, { binding, volume, committed: new Map(), committedText: new Map() });
    return c.json({ ...binding }, 201);
  });

  app.get("/v1/storage/git", (c) => c.json([...bindings.values()].map((e) => settle(e).binding)));

  app.get("/v1/storage/git/:id", (c) => {
    const entry = find(c);
    return entry instanceof Response ? entry : c.json(entry.binding);
  });

  app.delete("/v1/storage/git/:id", (c) => {
    const entry = find(c);
    if (entry instanceof Response) return entry;
    bindings.delete(entry.binding.id);
    ctx.volumes.volumes.delete(entry.volume.id);
    return c.json({ success: true });
  });

  app.post("/v1/storage/git/:id/refresh", (c) => {
    const entry = find(c);
    if (entry instanceof Response) return entry;
    entry.binding.last_cloned_at = now();
    entry.binding.updated_at = entry.binding.last_cloned_at;
    return c.json({ success: true });
  });

  app.post("/v1/storage/git/:id/commit", async (c) => {
    const entry = find(c);
    if (entry instanceof Response) return entry;
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body) || typeof body.message !== "string") {
      return unprocessable("missing field `message`");
    }
    if (changedPaths(entry).length === 0) {
      return jsonError(409, "nothing to commit: working tree is clean");
    }
    snapshot(entry);
    const sha = randomSha();
    entry.binding.last_commit_sha = sha;
    entry.binding.updated_at = now();
    store.committed(entry.binding.id, sha);
    return c.json({ commit_sha: sha });
  });

  app.post("/v1/storage/git/:id/push", async (c) => {
    const entry = find(c);
    if (entry instanceof Response) return entry;
    let remote = "origin";
    let ref = Object.values(entry.binding.git_ref)[0] as string;
    if ((await c.req.raw.clone().text()) !== "") {
      const parsed = await jsonBody(c);
      if (parsed instanceof Response) return parsed;
      const body = parsed.value;
      if (!isObject(body)) return unprocessable("invalid type: expected struct PushGitRepoRequest");
      if (typeof body.remote === "string") remote = body.remote;
      const named = body.ref ?? body.ref_name;
      if (typeof named === "string") ref = named;
    }
    store.pushed(entry.binding.id, remote, ref);
    return c.body(null, 204);
  });

  app.get("/v1/storage/git/:id/diff", (c) => {
    const entry = find(c);
    if (entry instanceof Response) return entry;
    const staged = c.req.query("staged");
    if (staged !== undefined && staged !== "true" && staged !== "false") {
      return new Response(
        "Failed to deserialize query string: staged: provided string was not `true` or `false`",
        { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } },
      );
    }
    if (staged === "true") return c.json({ diff: "" });
    return c.json({ diff: unifiedDiff(entry) });
  });
}

function snapshot(entry: FakeGitBinding): void {
  entry.committed = new Map([...entry.volume.files].map(([p, f]) => [p, f.sha256]));
  entry.committedText = new Map(
    [...entry.volume.files].map(([p, f]) => [p, new TextDecoder().decode(f.data)]),
  );
}

function changedPaths(entry: FakeGitBinding): string[] {
  const paths = new Set([...entry.committed.keys(), ...entry.volume.files.keys()]);
  return [...paths].filter((p) => entry.committed.get(p) !== entry.volume.files.get(p)?.sha256)
    .sort();
}

/** A whole-file unified diff of every changed path (enough for a fake). */
function unifiedDiff(entry: FakeGitBinding): string {
  let out = "";
  for (const p of changedPaths(entry)) {
    const before = entry.committedText.get(p);
    const file = entry.volume.files.get(p);
    const after = file === undefined ? undefined : new TextDecoder().decode(file.data);
    const lines = (text: string | undefined, sign: string) =>
      text === undefined || text === ""
        ? []
        : text.replace(/\n$/, "").split("\n").map((l) => sign + l);
    const removed = lines(before, "-");
    const added = lines(after, "+");
    out += `diff --git a/${p} b/${p}\n`;
    out += `--- ${before === undefined ? "/dev/null" : `a/${p}`}\n`;
    out += `+++ ${after === undefined ? "/dev/null" : `b/${p}`}\n`;
    out += `@@ -${removed.length === 0 ? 0 : 1},${removed.length} +${
      added.length === 0 ? 0 : 1
    },${added.length} @@\n`;
    out += [...removed, ...added].map((l) => l + "\n").join("");
  }
  return out;
}

function randomSha(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
