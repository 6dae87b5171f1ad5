/**
 * Colony teams and invitations: discover the teams the caller belongs to (and with them the
 * `t-{uuid}` tenant that team-scoped calls need as `tenantId`), create and delete teams, list
 * and cancel a team's pending invitations, and accept an invitation by its token.
 *
 * @module
 */

import type { ColonyRole, ColonyTier } from "./colony.ts";
import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";
import { path } from "./core/path.ts";
import { uuidArgument } from "./_ids.ts";

/** Tiers a team can be created with. */
export type TeamTier = "pro" | "business" | "enterprise";

/** One team the caller is an active member of (`GET /v1/colony/teams`). */
export interface TeamSummary {
  /** Team id (UUID). */
  id: string;
  /** `t-{uuid}` slug. */
  slug: string;
  /** Display name. */
  display_name: string;
  /** Subscription tier of the team. */
  tier: ColonyTier;
  /** The team's tenant: pass it as `tenantId` to member, invitation, role and SAML calls. */
  tenant_id: string;
  /** The caller's role in the team. */
  role: ColonyRole;
  /** The caller's membership status (always `"active"`: revoked memberships are not listed). */
  status: string;
  /** Active members of the team. */
  member_count: number;
}

/** `GET /v1/colony/teams`. */
export interface TeamList {
  /** The caller's teams. */
  teams: TeamSummary[];
  /** Number of entries in the list. */
  count: number;
}

/** Body of {@link createTeam}. */
export interface CreateTeamRequest {
  /** Display name. */
  display_name: string;
  /** Tier of the new team (the caller's own plan must allow it). */
  tier: TeamTier;
}

/** A newly created team. */
export interface CreatedTeam {
  /** Team id (UUID). */
  id: string;
  /** `t-{uuid}` slug. */
  slug: string;
  /** Display name. */
  display_name: string;
  /** Subscription tier. */
  tier: ColonyTier;
  /** The team's tenant (`t-{uuid}`), to pass as `tenantId`. */
  tenant_id: string;
}

/** `POST /v1/colony/teams` answer (201). */
export interface CreateTeamResponse {
  /** The new team; the caller is its owner. */
  team: CreatedTeam;
}

/** One pending invitation of the team (`GET /v1/colony/invitations`). */
export interface PendingInvitation {
  /** Invitation id (UUID). */
  id: string;
  /** Team id (UUID). */
  team_id: string;
  /** Invited e-mail address. */
  invitee_email: string;
  /** Always `"pending"` (accepted, cancelled and expired invitations are not listed). */
  status: string;
  /** Expiry time (RFC 3339 with `+00:00`). */
  expires_at: string;
  /** Creation time (RFC 3339 with `+00:00`). */
  created_at: string;
  /** User id of the member who sent the invitation. */
  invited_by: string;
}

/** `GET /v1/colony/invitations`. */
export interface InvitationList {
  /** Pending invitations of the team. */
  invitations: PendingInvitation[];
  /** Number of entries in the list. */
  count: number;
}

/** `POST /v1/colony/invitations/{token}/accept` answer. */
export interface AcceptedInvitation {
  /** Team id (UUID); the team's tenant is `t-{team_id}`. */
  team_id: string;
  /** The caller's user id. */
  user_id: string;
  /** Role granted by the invitation. */
  role: ColonyRole;
  /** Membership status (`"active"`). */
  status: string;
}

/**
 * Lists the teams the caller is an active member of, with their `t-{uuid}` tenant ids. Needs
 * no team context.
 *
 * @example
 * ```ts
 * import { AegisCore, createTeam, listTeams } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await createTeam(core, { display_name: "Ops", tier: "business" });
 * const { teams } = await listTeams(core);
 * console.log(teams[0].tenant_id); // "t-...": pass it as `tenantId` to team calls
 * ```
 */
export function listTeams(core: AegisCore, options?: RequestOptions): AegisPromise<TeamList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/colony/teams" }, options);
  });
}

/**
 * Creates a team owned by the caller (HTTP 201). Not retried automatically after a failure that
 * may have reached the server (a repeat would create a second team). The server refuses a tier
 * the caller's plan does not allow (403 `tier_not_permitted`, 402 `personal_tier_too_low`).
 *
 * @example
 * ```ts
 * import { AegisCore, createTeam } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { team } = await createTeam(core, { display_name: "Ops", tier: "business" });
 * console.log(team.tenant_id.startsWith("t-")); // true
 * ```
 */
export function createTeam(
  core: AegisCore,
  request: CreateTeamRequest,
  options?: RequestOptions,
): AegisPromise<CreateTeamResponse> {
  return AegisPromise.run(core, async (core) => {
    if (typeof request?.display_name !== "string" || request.display_name.trim() === "") {
      throw new InvalidArgumentError("display_name", "must be a non-empty string");
    }
    return await core.request({
      method: "POST",
      path: "/v1/colony/teams",
      json: { display_name: request.display_name, tier: request.tier },
    }, options);
  });
}

/**
 * Deletes a team (owner only; HTTP 204, resolves with nothing). Takes the team id (the UUID,
 * not the `t-` tenant).
 *
 * @example
 * ```ts
 * import { AegisCore, createTeam, deleteTeam } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { team } = await createTeam(core, { display_name: "Temp", tier: "business" });
 * await deleteTeam(core, team.id);
 * ```
 */
export function deleteTeam(
  core: AegisCore,
  teamId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request({
      method: "DELETE",
      path: path`/v1/colony/teams/${uuidArgument(teamId, "teamId", "team")}`,
    }, options);
  });
}

/**
 * Lists the pending invitations of the team named by the team context (`tenantId`).
 *
 * @example
 * ```ts
 * import { AegisCore, createTeam, inviteMember, listInvitations } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { team } = await createTeam(core, { display_name: "Ops", tier: "business" });
 * await inviteMember(core, "ada@example.com", "member", { tenantId: team.tenant_id });
 * const { invitations } = await listInvitations(core, { tenantId: team.tenant_id });
 * console.log(invitations[0].invitee_email); // "ada@example.com"
 * ```
 */
export function listInvitations(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<InvitationList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/colony/invitations" }, options);
  });
}

/**
 * Cancels a pending invitation (owner or admin of its team; HTTP 204, resolves with nothing).
 * Needs no team context: the invitation names its team.
 *
 * @example
 * ```ts
 * import { AegisCore, cancelInvitation, createTeam, inviteMember } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { team } = await createTeam(core, { display_name: "Ops", tier: "business" });
 * const tenantId = team.tenant_id;
 * const { invitation } = await inviteMember(core, "ada@example.com", "member", { tenantId });
 * await cancelInvitation(core, invitation.id, { tenantId });
 * ```
 */
export function cancelInvitation(
  core: AegisCore,
  invitationId: string,
  options?: RequestOptions,
): AegisPromise<void> {
  return AegisPromise.run(core, async (core) => {
    await core.request(
      {
        method: "DELETE",
        path: path`/v1/colony/invitations/${
          uuidArgument(invitationId, "invitationId", "invitation")
        }`,
      },
      options,
    );
  });
}

/**
 * Accepts an invitation with the token the invitee received. Needs no team context; the
 * caller's token must carry an e-mail address (400 `missing_email` otherwise). An expired
 * invitation is refused with HTTP 410 (`invitation_expired`), a used one with 409
 * (`invitation_not_pending`), an unknown token with 400 (`invalid_invitation`).
 *
 * @example
 * ```ts
 * import { acceptInvitation, AegisCore, createTeam, inviteMember } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { team } = await createTeam(core, { display_name: "Ops", tier: "business" });
 * const { invitation } = await inviteMember(core, "ada@example.com", "admin", {
 *   tenantId: team.tenant_id,
 * });
 * const accepted = await acceptInvitation(core, invitation.token);
 * console.log(accepted.role); // "admin"
 * ```
 */
export function acceptInvitation(
  core: AegisCore,
  token: string,
  options?: RequestOptions,
): AegisPromise<AcceptedInvitation> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: path`/v1/colony/invitations/${token}/accept`,
    }, options);
  });
}
