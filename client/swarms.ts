/**
 * Swarms (multi-agent coordination groups, `/v1/swarms*`). The tenant comes from the tenant
 * middleware, so `tenantId` (`X-Tenant-Id`) applies.
 *
 * @module
 */

import type { AegisCore } from "./core/core.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** One swarm. */
export interface Swarm {
  swarm_id: string;
  parent_execution_id: string;
  tenant_id: string;
  member_ids: string[];
  member_count: number;
  /** Lower-case status, e.g. `"active"`, `"dissolved"`. */
  status: string;
  created_at: string;
  dissolved_at?: string | null;
  lock_count: number;
  recent_message_count: number;
}

/** `GET /v1/swarms`. */
export interface SwarmList {
  items: Swarm[];
}

/** A resource lock held inside a swarm. */
export interface SwarmLock {
  resource_id: string;
  held_by: string;
  acquired_at: string;
  expires_at: string;
}

/** A message exchanged inside a swarm (size only, not content). */
export interface SwarmMessage {
  from: string;
  to: string;
  payload_bytes: number;
  sent_at: string;
}

/** `GET /v1/swarms/{id}`. */
export interface SwarmDetail {
  swarm: Swarm;
  locks: SwarmLock[];
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
export async function listSwarms(
  core: AegisCore,
  options: ListSwarmsOptions = {},
): Promise<SwarmList> {
  return await core.request({
    method: "GET",
    path: "/v1/swarms",
    query: { limit: options.limit },
  }, options);
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
export async function getSwarm(
  core: AegisCore,
  swarmId: string,
  options?: RequestOptions,
): Promise<SwarmDetail> {
  return await core.request({
    method: "GET",
    path: path`/v1/swarms/${swarmId}`,
    embeddedErrors: true,
  }, options);
}
