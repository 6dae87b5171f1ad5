/**
 * What every route module of the fake orchestrator receives: the fake's stores and settings.
 * A route file registers its routes with `register...Routes(app, ctx)` and keeps no state of its
 * own that another route file needs.
 *
 * @module
 */

import type { FakePlatformData } from "../platform.ts";
import type { ApiKeyStore } from "./api_key_store.ts";
import type { EdgeStore } from "./edge_store.ts";
import type { GitRepoStore } from "./git_repo_store.ts";
import type { FakeState } from "./state.ts";
import type { VolumeStore } from "./volume_store.ts";
import type { FakeWorkflowEngine } from "./workflows/engine.ts";

/** Shared by the route modules of one fake orchestrator. */
export interface FakeContext {
  /** Agents, executions and the event bus. */
  state: FakeState;
  /** Workflows, workflow executions, approvals, stimuli and webhook secrets. */
  workflows: FakeWorkflowEngine;
  /** Data behind billing, cluster, swarms, observability, Cortex, rate limits and tenants. */
  platform: FakePlatformData;
  /** Volumes and their files. */
  volumes: VolumeStore;
  /** API keys created through `POST /v1/api-keys`. */
  apiKeys: ApiKeyStore;
  /** Git repository bindings (git routes; git-linked canvas sessions). */
  gitRepos: GitRepoStore;
  /** Edge hosts, groups and running fleet operations. */
  edge: EdgeStore;
  /** Keep-alive comment interval of SSE streams in ms (the orchestrator uses 15 000). */
  keepAliveMs: number;
  /** Tenant of every caller (the fake has one tenant). */
  tenantId: string;
  /** User id of every caller (the fake has one user). */
  userId: string;
  /** When the fake started, epoch ms (uptime in health and dashboard answers). */
  startedAt: number;
  /** Aborted when the fake closes: open streams break off, pending fault delays end. */
  closing: AbortSignal;
}
