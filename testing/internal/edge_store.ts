/**
 * The fake's edge hosts, groups and running fleet operations.
 *
 * @module
 */

import type { EdgeGroup, EdgeHost } from "../../client/edge.ts";
import { timestampOffset } from "./http.ts";

/** A host to add with {@link FakeEdge.enrollHost}. */
export interface FakeEdgeHostInit {
  /** Display name (default `edge-xxxxxxxx`). */
  name?: string;
  /** Tags. */
  tags?: string[];
  /** Operating system (default `linux`). */
  os?: string;
  /** Architecture (default `x86_64`). */
  arch?: string;
  /** Tools the host has. */
  tools?: string[];
  /** Custom labels. */
  labels?: Record<string, string>;
  /** Live connection (default true); disconnected hosts are skipped by fleet operations. */
  connected?: boolean;
  /** Owning tenant (default: the fake's tenant). */
  tenantId?: string;
}

/** Lets tests add edge hosts (they enroll over gRPC in the real system) and slow fleets down. */
export interface FakeEdge {
  /** Adds an enrolled host and returns it as `GET /v1/edge/hosts/{id}` would. */
  enrollHost(init?: FakeEdgeHostInit): EdgeHost;
  /** How long each host takes to run a fleet tool, in ms (default 0). */
  toolDelayMs: number;
}

/** One host with what selectors match on besides its view. */
export interface FakeEdgeHost {
  /** The host as the routes answer it. */
  view: EdgeHost;
  /** Tools the host has. */
  tools: string[];
  /** Custom labels. */
  labels: Record<string, string>;
}

/** Hosts, groups and running fleet operations of one fake. */
export class EdgeStore implements FakeEdge {
  /** Hosts by node id. */
  readonly hosts: Map<string, FakeEdgeHost> = new Map();
  /** Groups by id. */
  readonly groups: Map<string, EdgeGroup> = new Map();
  /** Running fleet operations by fleet command id (abort to cancel). */
  readonly running: Map<string, AbortController> = new Map();
  /** How long each host takes to run a fleet tool, in ms. */
  toolDelayMs = 0;
  readonly #tenantId: string;
  readonly #now: () => number;

  /** `tenantId` owns hosts by default; `now` is the fake's clock. */
  constructor(tenantId: string, now: () => number) {
    this.#tenantId = tenantId;
    this.#now = now;
  }

  /** Adds an enrolled host and returns it as `GET /v1/edge/hosts/{id}` would. */
  enrollHost(init: FakeEdgeHostInit = {}): EdgeHost {
    const id = crypto.randomUUID();
    const now = timestampOffset(this.#now());
    const view: EdgeHost = {
      id,
      name: init.name ?? `edge-${id.slice(0, 8)}`,
      tenant_id: init.tenantId ?? this.#tenantId,
      status: "active",
      connected: init.connected ?? true,
      tags: [...(init.tags ?? [])],
      os: init.os ?? "linux",
      arch: init.arch ?? "x86_64",
      enrolled_at: now,
      last_seen_at: init.connected === false ? null : now,
    };
    this.hosts.set(id, { view, tools: init.tools ?? [], labels: init.labels ?? {} });
    return { ...view, tags: [...view.tags] };
  }
}
