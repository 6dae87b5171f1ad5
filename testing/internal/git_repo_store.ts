/**
 * The fake's git repository bindings, shared by the git routes (which manage them) and the
 * canvas routes (git-linked sessions use their volumes and hear about their commits and
 * pushes).
 *
 * @module
 */

import type { GitRepoBinding } from "../../client/git_repos.ts";
import type { FakeVolume } from "./volume_store.ts";

/** One binding with the working-tree bookkeeping behind `diff` and `commit`. */
export interface FakeGitBinding {
  /** The binding as the routes answer it. */
  binding: GitRepoBinding;
  /** The volume holding its working tree. */
  volume: FakeVolume;
  /** SHA-256 of every file at the last commit, by path. */
  committed: Map<string, string>;
  /** File contents at the last commit, by path (for diffs). */
  committedText: Map<string, string>;
}

/** Bindings by id, and who wants to hear about commits and pushes. */
export class GitRepoStore {
  /** Bindings by id (lower-case UUID). */
  readonly bindings: Map<string, FakeGitBinding> = new Map();
  readonly #commitListeners: ((bindingId: string, sha: string) => void)[] = [];
  readonly #pushListeners: ((bindingId: string, remote: string, ref: string) => void)[] = [];

  /** Calls `listener` with the binding id and commit SHA after every commit. */
  onCommit(listener: (bindingId: string, sha: string) => void): void {
    this.#commitListeners.push(listener);
  }

  /** Calls `listener` with the binding id, remote and ref after every push. */
  onPush(listener: (bindingId: string, remote: string, ref: string) => void): void {
    this.#pushListeners.push(listener);
  }

  /** Tells the listeners about a commit. */
  committed(bindingId: string, sha: string): void {
    for (const listener of this.#commitListeners) listener(bindingId, sha);
  }

  /** Tells the listeners about a push. */
  pushed(bindingId: string, remote: string, ref: string): void {
    for (const listener of this.#pushListeners) listener(bindingId, remote, ref);
  }
}
