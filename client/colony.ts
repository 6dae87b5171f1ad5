/**
 * Colony (teams): members, invitations, roles, SAML and the subscription seen by a team. Most
 * calls need a **team context**: the `X-Tenant-Id: t-{uuid}` header of a team the caller is an
 * active member of. Set it once with the client option `tenantId`, or per call with
 * `{ tenantId }`; without it the server answers 400 `team_context_required`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";

/** Team role. */
export type ColonyRole = "owner" | "admin" | "member";

/** Subscription tier. */
export type ColonyTier = "free" | "pro" | "business" | "enterprise" | "system";

/** One member of the team. */
export interface ColonyMember {
  /** User id. */
  user_id: string;
  /** E-mail address; `null` when there is none. */
  email: string | null;
  /** Name; `null` when there is none. */
  name: string | null;
  /** Team role. */
  role: ColonyRole;
  /** Status. */
  status: "active" | "revoked";
  /** Unix **milliseconds** (an integer, unlike most timestamps). */
  joined_at: number;
}

/** `GET /v1/colony/members`. */
export interface ColonyMemberList {
  /** The members. */
  members: ColonyMember[];
  /** Number of entries in the list. */
  count: number;
}

/** A freshly created invitation (its `token` is what the invitee accepts). */
export interface ColonyInvitation {
  /** Unique id (UUID). */
  id: string;
  /** Team id. */
  team_id: string;
  /** Invited e-mail address. */
  invitee_email: string;
  /** Token the invitee uses to accept. */
  token: string;
  /** Expiry time (RFC 3339). */
  expires_at: string;
}

/** `POST /v1/colony/invitations` answer (201). */
export interface InviteMemberResponse {
  /** The new invitation. */
  invitation: ColonyInvitation;
}

/** `PUT /v1/colony/roles` answer. */
export interface UpdateRoleResponse {
  /** Status. */
  status: "updated";
}

/** A team's SAML identity-provider settings. */
export interface SamlConfig {
  /** IdP entity id. */
  entity_id: string;
  /** IdP single-sign-on URL. */
  sso_url: string;
  /** PEM certificate of the IdP. */
  certificate: string;
}

/** `GET /v1/colony/saml`: the settings, or `{saml: null}` when none are stored. */
export type SamlConfigResponse = SamlConfig | { saml: null };

/** `PUT /v1/colony/saml` answer. */
export interface SetSamlConfigResponse {
  /** Status. */
  status: "configured";
}

/** `GET /v1/colony/subscription`. */
export interface ColonySubscription {
  /** Subscription tier. */
  tier: ColonyTier;
  /** Active members. */
  members_used: number;
  /** Seat limit of the tier. */
  members_limit: number;
  /** Purchased seats; `null` when there is none. */
  seat_count: number | null;
  /** Status; `null` when there is none. */
  status: string | null;
  /** End of the current billing period; `null` when there is none. */
  current_period_end: string | null;
  /** True when the answer describes a team (team context given), false for a personal plan. */
  is_team: boolean;
}

/**
 * Lists the members of the team named by the team context.
 *
 * @example
 * ```ts
 * import { AegisCore, listMembers } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * // Without a team context the server refuses:
 * await listMembers(core).catch((e) => console.log(e.code)); // "team_context_required"
 * ```
 */
export function listMembers(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<ColonyMemberList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/colony/members" }, options);
  });
}

/**
 * Invites someone to the team by e-mail (`POST /v1/colony/invitations`
 * `{invitee_email, role?}`; there is no `POST /v1/colony/members`). Not retried automatically
 * after a failure that may have reached the server (a repeat would send a second invitation).
 *
 * @example
 * ```ts
 * import { AegisCore, inviteMember } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const team = await core.request<{ team: { tenant_id: string } }>({
 *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Ops", tier: "business" },
 * });
 * const { invitation } = await inviteMember(core, "ada@example.com", "admin", {
 *   tenantId: team.team.tenant_id,
 * });
 * console.log(invitation.invitee_email);
 * ```
 */
export function inviteMember(
  core: AegisCore,
  email: string,
  role?: ColonyRole,
  options?: RequestOptions,
): AegisPromise<InviteMemberResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof email !== "string" || email.length === 0) {
      throw new InvalidArgumentError("email", "must be a non-empty e-mail address");
    }
    return await core.request({
      method: "POST",
      path: "/v1/colony/invitations",
      json: { invitee_email: email, role },
    }, options);
  });
}

/**
 * Removes a member from the team (HTTP 204, resolves with nothing).
 *
 * @example
 * ```ts
 * import { AegisCore, removeMember } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await removeMember(core, crypto.randomUUID()).catch((e) => console.log(e.status)); // 400: no team context
 * ```
 */
export function removeMember(
  core: AegisCore,
  userId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({ method: "DELETE", path: path`/v1/colony/members/${userId}` }, options);
  });
}

/**
 * Changes a member's role (`PUT /v1/colony/roles` `{user_id, role}`).
 *
 * @example
 * ```ts
 * import { AegisCore, updateRole } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await updateRole(core, crypto.randomUUID(), "admin").catch((e) => console.log(e.code));
 * ```
 */
export function updateRole(
  core: AegisCore,
  userId: string,
  role: ColonyRole,
  options?: RequestOptions,
): AegisPromise<UpdateRoleResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "PUT",
      path: "/v1/colony/roles",
      json: { user_id: userId, role },
    }, options);
  });
}

/**
 * Gets the team's SAML settings (Enterprise teams; owner or admin). `{saml: null}` when none.
 *
 * @example
 * ```ts
 * import { AegisCore, getSamlConfig } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const team = await core.request<{ team: { tenant_id: string } }>({
 *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Corp", tier: "enterprise" },
 * });
 * console.log(await getSamlConfig(core, { tenantId: team.team.tenant_id })); // { saml: null }
 * ```
 */
export function getSamlConfig(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<SamlConfigResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/colony/saml" }, options);
  });
}

/**
 * Stores the team's SAML settings.
 *
 * @example
 * ```ts
 * import { AegisCore, setSamlConfig } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const team = await core.request<{ team: { tenant_id: string } }>({
 *   method: "POST", path: "/v1/colony/teams", json: { display_name: "Corp", tier: "enterprise" },
 * });
 * await setSamlConfig(core, {
 *   entity_id: "https://idp.example/entity", sso_url: "https://idp.example/sso",
 *   certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
 * }, { tenantId: team.team.tenant_id });
 * ```
 */
export function setSamlConfig(
  core: AegisCore,
  config: SamlConfig,
  options?: RequestOptions,
): AegisPromise<SetSamlConfigResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "PUT",
      path: "/v1/colony/saml",
      json: {
        entity_id: config.entity_id,
        sso_url: config.sso_url,
        certificate: config.certificate,
      },
    }, options);
  });
}

/**
 * Gets the subscription of the team in context, or the caller's personal plan without one.
 *
 * @example
 * ```ts
 * import { AegisCore, getSubscription } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * console.log((await getSubscription(core)).is_team); // false
 * ```
 */
export function getSubscription(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<ColonySubscription> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/colony/subscription" }, options);
  });
}
