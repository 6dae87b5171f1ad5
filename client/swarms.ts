/**
 * Swarms (multi-agent coordination groups, `/v1/swarms*`). The tenant comes from the tenant
 * middleware, so `tenantId` (`X-Tenant-Id`) applies.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** One swarm. */
export interface Swarm {
  /** Swarm id. */
  swarm_id: string;
  /** Execution that created the swarm. */
  parent_execution_id: string;
  /** Tenant the record belongs to. */
  tenant_id: string;
  /** Member execution ids. */
  member_ids: string[];
  /** Number of members. */
  member_count: number;
  /** Lower-case status, e.g. `"active"`, `"dissolved"`. */
  status: string;
  /** Creation time (RFC 3339). */
  created_at: string;
  /** Dissolution time; `null` when there is none. */
  dissolved_at: string | null;
  /** Locks currently held. */
  lock_count: number;
  /** Messages exchanged recently. */
  recent_message_count: number;
}

/** `GET /v1/swarms`. */
export interface SwarmList {
  /** The entries. */
  items: Swarm[];
}

/** A resource lock held inside a swarm. */
export interface SwarmLock {
  /** Locked resource. */
  resource_id: string;
  /** Holder of the lock. */
  held_by: string;
  /** Acquisition time. */
  acquired_at: string;
  /** Expiry time (RFC 3339). */
  expires_at: string;
}

/** A message exchanged inside a swarm (size only, not content). */
export interface SwarmMessage {
  /** Sender. */
  from: string;
  /** Recipient. */
  to: string;
  /** Message size in bytes. */
  payload_bytes: number;
  /** Send time. */
  sent_at: string;
}

/** `GET /v1/swarms/{id}`. */
export interface SwarmDetail {
  /** The swarm. */
  swarm: Swarm;
  /** Locks currently held. */
  locks: SwarmLock[];
  /** Recent messages (sizes only). */
  recent_messages: SwarmMessage[];
}

/** Options of {@link listSwarms}. */
export interface ListSwarmsOptions extends RequestOptions {
  /** At most this many swarms (1..500). */
  limit?: number;
}

/**
 * Lists swarms.
 *
 * @example
 * ```ts
 * import { AegisCore, listSwarms } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await listSwarms(core, { limit: 50 })).items); // []
 * ```
 */
export function listSwarms(
  core: AegisCore,
  options: ListSwarmsOptions = {},
): AegisPromise<SwarmList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: "/v1/swarms",
      query: { limit: options.limit },
    }, options);
  });
}

/**
 * Gets a swarm with its locks and recent messages. The server reports an unknown swarm as HTTP
 * 200 `{"error":"swarm not found"}`; that becomes a `NotFoundError` with `embedded: true`.
 *
 * @example
 * ```ts
 * import { AegisCore, getSwarm, NotFoundError } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getSwarm(core, crypto.randomUUID()).catch((e) => console.log(e instanceof NotFoundError)); // true
 * ```
 */
export function getSwarm(
  core: AegisCore,
  swarmId: string,
  options?: RequestOptions,
): AegisPromise<SwarmDetail> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "GET",
      path: path`/v1/swarms/${swarmId}`,
      embeddedErrors: true,
    }, options);
  });
}
