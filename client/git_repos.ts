/**
 * Git repository bindings (`/v1/storage/git*`): clone a repository into a volume, keep it
 * fresh, and commit, push and diff its working tree. A new binding starts `"Pending"` while
 * the server clones in the background; poll {@link getGitRepo} until it is `"Ready"`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { expectArray } from "./core/expect.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { uuidArgument } from "./_ids.ts";

/** What a binding tracks, as sent: `{type, value}`. */
export interface GitRefInput {
  /** Kind of reference. */
  type: "branch" | "tag" | "commit";
  /** Branch name, tag name or commit SHA. */
  value: string;
}

/** What a binding tracks, as returned: exactly one key, e.g. `{"Branch": "main"}`. */
export type GitRef = { Branch: string } | { Tag: string } | { Commit: string };

/** Binding state: a name, or `{"Failed": {error}}` when the clone or refresh failed. */
export type GitRepoStatus =
  | "Pending"
  | "Cloning"
  | "Ready"
  | "Refreshing"
  | "Deleted"
  | { Failed: { error: string } };

/** How the server clones: in process, or with the git CLI for repositories that need it. */
export type CloneStrategy = "Libgit2" | { EphemeralCli: { reason: string } };

/** A git repository binding. */
export interface GitRepoBinding {
  /** Binding id (UUID). */
  id: string;
  /** Owning tenant. */
  tenant_id: string;
  /** Credential used to clone private repositories, or `null`. */
  credential_binding_id: string | null;
  /** Repository URL. */
  repo_url: string;
  /** Tracked reference. */
  git_ref: GitRef;
  /** Sparse-checkout paths, or `null` for the whole tree. */
  sparse_paths: string[] | null;
  /** Volume holding the working tree. */
  volume_id: string;
  /** Label. */
  label: string;
  /** Current state. */
  status: GitRepoStatus;
  /** Clone strategy. */
  clone_strategy: CloneStrategy;
  /** Last successful clone or refresh (RFC 3339), `null` before the first. */
  last_cloned_at: string | null;
  /** Commit checked out, `null` before the first clone. */
  last_commit_sha: string | null;
  /** Refresh automatically on push webhooks. */
  auto_refresh: boolean;
  /** True when a webhook secret is stored (the secret itself is never returned). */
  webhook_secret_set: boolean;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Last change (RFC 3339). */
  updated_at: string;
}

/** Body of {@link createGitRepo}. */
export interface CreateGitRepoRequest {
  /** Repository URL (https or ssh). */
  repo_url: string;
  /** Label. */
  label: string;
  /** Credential binding for private repositories. */
  credential_binding_id?: string;
  /** Reference to track (server default: branch `main`). */
  git_ref?: GitRefInput;
  /** Sparse-checkout paths. */
  sparse_paths?: string[];
  /** Refresh automatically on push webhooks (server default false). */
  auto_refresh?: boolean;
  /** Shallow clone (server default true). */
  shallow?: boolean;
}

/** `{success: true}`. */
export interface GitRepoActionResponse {
  /** Always `true` on success. */
  success: true;
}

/** `POST /v1/storage/git/{id}/commit` answer. */
export interface GitCommitResponse {
  /** SHA of the new commit. */
  commit_sha: string;
}

/** Options of {@link pushGitRepo}. */
export interface PushGitRepoOptions extends RequestOptions {
  /** Remote to push to (server default: `origin`). */
  remote?: string;
  /** Branch to push (server default: the current branch). */
  ref?: string;
}

/** Options of {@link diffGitRepo}. */
export interface DiffGitRepoOptions extends RequestOptions {
  /** Diff the index against HEAD instead of the working tree against the index. */
  staged?: boolean;
}

/** `GET /v1/storage/git/{id}/diff` answer. */
export interface GitDiff {
  /** Unified diff (empty when nothing changed). */
  diff: string;
}

/**
 * Binds a git repository: the server creates a volume and clones into it in the background
 * (HTTP 201 with the binding in `"Pending"` state). Not retried automatically after a failure
 * that may have reached the server (a repeat would create a second binding).
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const binding = await createGitRepo(core, {
 *   repo_url: "https://github.com/example/site.git", label: "site",
 *   git_ref: { type: "branch", value: "main" },
 * });
 * console.log(binding.status); // "Pending"
 * ```
 */
export function createGitRepo(
  core: AegisCore,
  request: CreateGitRepoRequest,
  options?: RequestOptions,
): AegisPromise<GitRepoBinding> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.repo_url !== "string" || request.repo_url === "") {
      throw new InvalidArgumentError("repo_url", "must be the repository URL");
    }
    if (typeof request.label !== "string") {
      throw new InvalidArgumentError("label", "is required (a string)");
    }
    const ref = request.git_ref;
    if (
      ref !== undefined &&
      (!["branch", "tag", "commit"].includes(ref.type) || typeof ref.value !== "string")
    ) {
      throw new InvalidArgumentError(
        "git_ref",
        'must be {type: "branch" | "tag" | "commit", value: string}',
      );
    }
    return await core.request({
      method: "POST",
      path: "/v1/storage/git",
      json: {
        repo_url: request.repo_url,
        label: request.label,
        credential_binding_id: request.credential_binding_id,
        git_ref: ref === undefined ? undefined : { type: ref.type, value: ref.value },
        sparse_paths: request.sparse_paths,
        auto_refresh: request.auto_refresh,
        shallow: request.shallow,
      },
    }, options);
  });
}

/**
 * Lists the caller's git repository bindings (bare array).
 *
 * @example
 * ```ts
 * import { AegisCore, listGitRepos } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log(await listGitRepos(core)); // []
 * ```
 */
export function listGitRepos(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<GitRepoBinding[]> {
  return AegisPromise.run(core, async (core) => {
    const body = await core.request({ method: "GET", path: "/v1/storage/git" }, options);
    return expectArray<GitRepoBinding>(body, "GET /v1/storage/git");
  });
}

/**
 * Gets a binding (404 when it does not exist or belongs to someone else).
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo, getGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * console.log((await getGitRepo(core, id)).status); // "Ready" once the clone finished
 * ```
 */
export function getGitRepo(
  core: AegisCore,
  bindingId: string,
  options?: RequestOptions,
): AegisPromise<GitRepoBinding> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/storage/git/${uuidArgument(bindingId, "bindingId", "git repository binding")}`,
    }, options);
  });
}

/**
 * Deletes a binding and its volume.
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo, deleteGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * console.log(await deleteGitRepo(core, id)); // { success: true }
 * ```
 */
export function deleteGitRepo(
  core: AegisCore,
  bindingId: string,
  options?: RequestOptions,
): AegisPromise<GitRepoActionResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      {
        method: "DELETE",
        path: path`/v1/storage/git/${
          uuidArgument(bindingId, "bindingId", "git repository binding")
        }`,
      },
      options,
    );
  });
}

/**
 * Fetches the tracked reference again and checks it out (safe to repeat).
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo, refreshGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * console.log(await refreshGitRepo(core, id)); // { success: true }
 * ```
 */
export function refreshGitRepo(
  core: AegisCore,
  bindingId: string,
  options?: RequestOptions,
): AegisPromise<GitRepoActionResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: path`/v1/storage/git/${
        uuidArgument(bindingId, "bindingId", "git repository binding")
      }/refresh`,
      idempotent: true,
    }, options);
  });
}

/**
 * Commits every change in the working tree. A clean tree is refused with `ConflictError`
 * (409, `nothing to commit`). Not retried automatically after a failure that may have reached
 * the server.
 *
 * @example
 * ```ts
 * import { AegisCore, commitGitRepo, createGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * await commitGitRepo(core, id, "Update copy").catch((e) => console.log(e.status)); // 409: clean tree
 * ```
 */
export function commitGitRepo(
  core: AegisCore,
  bindingId: string,
  message: string,
  options?: RequestOptions,
): AegisPromise<GitCommitResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof message !== "string" || message.trim() === "") {
      throw new InvalidArgumentError("message", "must be a non-empty commit message");
    }
    return await core.request({
      method: "POST",
      path: path`/v1/storage/git/${
        uuidArgument(bindingId, "bindingId", "git repository binding")
      }/commit`,
      json: { message },
    }, options);
  });
}

/**
 * Pushes the current branch (HTTP 204, resolves with nothing). Pushing what is already pushed
 * changes nothing, so the call is retried like a read.
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo, pushGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * await pushGitRepo(core, id, { remote: "origin", ref: "main" });
 * ```
 */
export function pushGitRepo(
  core: AegisCore,
  bindingId: string,
  options: PushGitRepoOptions = {},
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "POST",
      path: path`/v1/storage/git/${
        uuidArgument(bindingId, "bindingId", "git repository binding")
      }/push`,
      json: { remote: options.remote, ref: options.ref },
      idempotent: true,
    }, options);
  });
}

/**
 * Gets the unified diff of the working tree (or, with `staged`, of the index).
 *
 * @example
 * ```ts
 * import { AegisCore, createGitRepo, diffGitRepo } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { id } = await createGitRepo(core, { repo_url: "https://github.com/example/site.git", label: "site" });
 * console.log((await diffGitRepo(core, id, { staged: true })).diff); // ""
 * ```
 */
export function diffGitRepo(
  core: AegisCore,
  bindingId: string,
  options: DiffGitRepoOptions = {},
): AegisPromise<GitDiff> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/storage/git/${
        uuidArgument(bindingId, "bindingId", "git repository binding")
      }/diff`,
      query: { staged: options.staged },
    }, options);
  });
}
