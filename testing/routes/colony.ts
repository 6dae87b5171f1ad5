/**
 * Fake `/v1/colony/*` routes: teams, members, invitations, roles, SAML, subscription.
 *
 * Team context works like the orchestrator's tenant middleware: member, invitation (listing and
 * sending), role and SAML routes need `X-Tenant-Id: t-{uuid}` of a team the caller belongs to (400
 * `team_context_required` without it, 403 `forbidden_tenant_switch` for a malformed slug, 403
 * `not_a_team_member` for someone else's team). Errors are `{error:<code>, message}`.
 *
 * Simplifications (the fake has a single caller): `POST /v1/colony/teams` makes the caller the
 * owner; accepting an invitation (`POST /v1/colony/invitations/{token}/accept`) adds a *new*
 * member with the invitee's e-mail, so tests can obtain a second member. Seat limits are fake
 * values: pro 5, business 25, enterprise 100.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { ColonyMember, ColonyRole, SamlConfig } from "../../client/colony.ts";
import type { FakeContext } from "../internal/context.ts";
import { isObject, isUuid, timestampOffset } from "../internal/http.ts";

interface FakeInvitation {
  id: string;
  team_id: string;
  invitee_email: string;
  role: ColonyRole;
  token: string;
  status: "pending" | "accepted";
  expires_at: string;
  created_at: string;
  invited_by: string;
}

interface FakeTeam {
  id: string;
  display_name: string;
  tier: "pro" | "business" | "enterprise";
  members: Map<string, ColonyMember>;
  invitations: Map<string, FakeInvitation>;
  saml: SamlConfig | undefined;
}

const SEAT_LIMITS = { pro: 5, business: 25, enterprise: 100 } as const;
const BODY_LIMIT = 64 * 1024;
const ROLES = new Set(["owner", "admin", "member"]);

/** Registers the colony routes. */
export function registerColonyRoutes(app: Hono, ctx: FakeContext): void {
  const caller = { user_id: crypto.randomUUID(), email: "user@aegis.test", name: "Fake User" };
  const teams = new Map<string, FakeTeam>();
  const error = (status: number, code: string, message: string) =>
    Response.json({ error: code, message }, { status });

  /** The team named by `X-Tenant-Id`, or the middleware's error response. */
  const teamContext = (c: Context): FakeTeam | Response => {
    const slug = c.req.header("x-tenant-id");
    if (slug === undefined || slug === "") {
      return error(400, "team_context_required", "X-Tenant-Id: t-{uuid} header required");
    }
    if (!/^t-/.test(slug) || !isUuid(slug.slice(2))) {
      return error(403, "forbidden_tenant_switch", `'${slug}' is not a team tenant`);
    }
    const team = teams.get(slug.slice(2).toLowerCase());
    const member = team?.members.get(caller.user_id);
    if (team === undefined || member === undefined || member.status !== "active") {
      return error(403, "not_a_team_member", "caller is not an active member of this team");
    }
    return team;
  };

  const callerRole = (team: FakeTeam): ColonyRole => team.members.get(caller.user_id)!.role;

  const readBody = async (c: Context): Promise<Record<string, unknown> | Response> => {
    const text = await c.req.text();
    if (text.length > BODY_LIMIT) return error(413, "invalid_command", "body too large");
    try {
      const value = JSON.parse(text);
      if (isObject(value)) return value;
    } catch {
      // Reported below like any other unusable body.
    }
    return error(400, "invalid_command", "request body must be a JSON object");
  };

  app.get("/v1/colony/teams", (c) => {
    const list = [...teams.values()]
      .filter((t) => t.members.get(caller.user_id)?.status === "active")
      .map((t) => ({
        ...teamView(t),
        role: callerRole(t),
        status: "active",
        member_count: activeMembers(t).length,
      }));
    return c.json({ teams: list, count: list.length });
  });

  app.post("/v1/colony/teams", async (c) => {
    const body = await readBody(c);
    if (body instanceof Response) return body;
    if (typeof body.display_name !== "string" || body.display_name.trim() === "") {
      return error(400, "invalid_command", "display_name is required");
    }
    if (body.tier !== "pro" && body.tier !== "business" && body.tier !== "enterprise") {
      return error(400, "invalid_tier", "tier must be pro, business or enterprise");
    }
    const team: FakeTeam = {
      id: crypto.randomUUID(),
      display_name: body.display_name,
      tier: body.tier,
      members: new Map(),
      invitations: new Map(),
      saml: undefined,
    };
    team.members.set(caller.user_id, {
      ...caller,
      role: "owner",
      status: "active",
      joined_at: ctx.state.now(),
    });
    teams.set(team.id, team);
    return c.json({ team: teamView(team) }, 201);
  });

  app.delete("/v1/colony/teams/:team_id", (c) => {
    const teamId = c.req.param("team_id") ?? "";
    // This handler's own checks answer a bare `{error}` (no message).
    if (!isUuid(teamId)) return Response.json({ error: "invalid_team_id" }, { status: 400 });
    const team = teams.get(teamId.toLowerCase());
    if (team === undefined) return Response.json({ error: "not_found" }, { status: 404 });
    if (team.members.get(caller.user_id)?.role !== "owner") {
      return Response.json({ error: "owner_only" }, { status: 403 });
    }
    teams.delete(team.id);
    return c.body(null, 204);
  });

  app.get("/v1/colony/members", (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const members = activeMembers(team);
    return c.json({ members, count: members.length });
  });

  app.delete("/v1/colony/members/:user_id", (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    if (callerRole(team) === "member") return error(403, "forbidden", "owner or admin required");
    const member = team.members.get((c.req.param("user_id") ?? "").toLowerCase());
    if (member === undefined || member.status !== "active") {
      return error(404, "not_found", "member not found");
    }
    if (member.role === "owner") {
      return error(400, "owner_role_immutable", "the owner cannot be removed");
    }
    member.status = "revoked";
    return c.body(null, 204);
  });

  app.put("/v1/colony/roles", async (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    if (
      typeof body.user_id !== "string" || typeof body.role !== "string" || !ROLES.has(body.role)
    ) {
      return error(400, "invalid_command", "expected {user_id, role: owner|admin|member}");
    }
    if (callerRole(team) === "member") return error(403, "forbidden", "owner or admin required");
    const member = team.members.get(body.user_id.toLowerCase());
    if (member === undefined || member.status !== "active") {
      return error(404, "not_found", "member not found");
    }
    if (member.role === "owner" || body.role === "owner") {
      return error(400, "owner_role_immutable", "the owner role cannot be assigned or changed");
    }
    member.role = body.role as ColonyRole;
    return c.json({ status: "updated" });
  });

  app.get("/v1/colony/invitations", (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const invitations = [...team.invitations.values()]
      .filter((i) => i.status === "pending")
      .map(({ id, team_id, invitee_email, status, expires_at, created_at, invited_by }) => ({
        id,
        team_id,
        invitee_email,
        status,
        expires_at,
        created_at,
        invited_by,
      }));
    return c.json({ invitations, count: invitations.length });
  });

  app.post("/v1/colony/invitations", async (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    if (typeof body.invitee_email !== "string" || !body.invitee_email.includes("@")) {
      return error(400, "invalid_command", "invitee_email must be an e-mail address");
    }
    const role = body.role ?? "member";
    if (role !== "admin" && role !== "member") {
      return error(400, "invalid_command", "role must be admin or member");
    }
    if (callerRole(team) === "member") return error(403, "forbidden", "owner or admin required");
    const pending = [...team.invitations.values()].filter((i) => i.status === "pending").length;
    if (activeMembers(team).length + pending >= SEAT_LIMITS[team.tier]) {
      return error(
        409,
        "seat_cap_reached",
        `the ${team.tier} tier allows ${SEAT_LIMITS[team.tier]} seats`,
      );
    }
    const now = ctx.state.now();
    const invitation: FakeInvitation = {
      id: crypto.randomUUID(),
      team_id: team.id,
      invitee_email: body.invitee_email,
      role,
      token: crypto.randomUUID().replaceAll("-", ""),
      status: "pending",
      expires_at: timestampOffset(now + 7 * 24 * 3600 * 1000),
      created_at: timestampOffset(now),
      invited_by: caller.user_id,
    };
    team.invitations.set(invitation.id, invitation);
    const { id, team_id, invitee_email, token, expires_at } = invitation;
    return c.json({ invitation: { id, team_id, invitee_email, token, expires_at } }, 201);
  });

  // Like the orchestrator, cancelling needs no team context: the invitation names its team.
  app.delete("/v1/colony/invitations/:invitation_id", (c) => {
    const id = c.req.param("invitation_id") ?? "";
    if (!isUuid(id)) return Response.json({ error: "invalid_invitation_id" }, { status: 400 });
    const team = [...teams.values()].find((t) => t.invitations.has(id.toLowerCase()));
    const invitation = team?.invitations.get(id.toLowerCase());
    if (team === undefined || invitation === undefined) {
      return error(404, "not_found", "invitation not found");
    }
    const member = team.members.get(caller.user_id);
    if (member === undefined || member.status !== "active" || member.role === "member") {
      return error(403, "forbidden", "owner or admin required");
    }
    if (invitation.status !== "pending") {
      return error(409, "invitation_not_pending", "the invitation is no longer pending");
    }
    team.invitations.delete(invitation.id);
    return c.body(null, 204);
  });

  app.post("/v1/colony/invitations/:token/accept", (c) => {
    const token = c.req.param("token");
    const found = [...teams.values()].flatMap((t) => [...t.invitations.values()])
      .find((i) => i.token === token);
    if (found === undefined) return error(400, "invalid_invitation", "unknown invitation token");
    if (found.status !== "pending") {
      return error(409, "invitation_not_pending", "the invitation was already used");
    }
    if (Date.parse(found.expires_at) <= ctx.state.now()) {
      return error(410, "invitation_expired", "the invitation has expired");
    }
    found.status = "accepted";
    const member: ColonyMember = {
      user_id: crypto.randomUUID(),
      email: found.invitee_email,
      name: null,
      role: found.role,
      status: "active",
      joined_at: ctx.state.now(),
    };
    teams.get(found.team_id)!.members.set(member.user_id, member);
    return c.json({
      team_id: found.team_id,
      user_id: member.user_id,
      role: member.role,
      status: "active",
    });
  });

  const samlGuard = (team: FakeTeam): Response | undefined => {
    if (team.tier !== "enterprise") {
      return error(403, "enterprise_only", "SAML requires an Enterprise team");
    }
    if (callerRole(team) === "member") return error(403, "forbidden", "owner or admin required");
    return undefined;
  };

  app.get("/v1/colony/saml", (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const refused = samlGuard(team);
    if (refused) return refused;
    return c.json(team.saml ?? { saml: null });
  });

  app.put("/v1/colony/saml", async (c) => {
    const team = teamContext(c);
    if (team instanceof Response) return team;
    const refused = samlGuard(team);
    if (refused) return refused;
    const body = await readBody(c);
    if (body instanceof Response) return body;
    const { entity_id, sso_url, certificate } = body;
    if (
      typeof entity_id !== "string" || typeof sso_url !== "string" ||
      typeof certificate !== "string"
    ) {
      return error(400, "invalid_command", "expected {entity_id, sso_url, certificate}");
    }
    team.saml = { entity_id, sso_url, certificate };
    return c.json({ status: "configured" });
  });

  app.get("/v1/colony/subscription", (c) => {
    if (c.req.header("x-tenant-id") === undefined) {
      return c.json({
        tier: "free",
        members_used: 1,
        members_limit: 1,
        seat_count: null,
        status: null,
        current_period_end: null,
        is_team: false,
      });
    }
    const team = teamContext(c);
    if (team instanceof Response) return team;
    return c.json({
      tier: team.tier,
      members_used: activeMembers(team).length,
      members_limit: SEAT_LIMITS[team.tier],
      seat_count: SEAT_LIMITS[team.tier],
      status: "active",
      current_period_end: null,
      is_team: true,
    });
  });
}

function teamView(team: FakeTeam) {
  const slug = `t-${team.id}`;
  return { id: team.id, slug, display_name: team.display_name, tier: team.tier, tenant_id: slug };
}

function activeMembers(team: FakeTeam): ColonyMember[] {
  return [...team.members.values()].filter((m) => m.status === "active");
}
