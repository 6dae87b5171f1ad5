import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  acceptInvitation,
  cancelInvitation,
  createTeam,
  deleteTeam,
  listInvitations,
  listTeams,
} from "../../client/colony_teams.ts";
import { inviteMember, listMembers } from "../../client/colony.ts";
import {
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("colony teams", () => {
  it("listTeams discovers the t-{uuid} tenant that team calls need", async () => {
    const h = setup();
    assert.deepEqual(await listTeams(h.client), { teams: [], count: 0 });
    assert.equal(h.last().method, "GET");
    assert.equal(h.last().path, "/v1/colony/teams");
    const created = await createTeam(h.client, { display_name: "Ops", tier: "business" });
    const list = await listTeams(h.client);
    assert.equal(list.count, 1);
    const [team] = list.teams;
    assert.deepEqual(Object.keys(team).sort(), [
      "display_name",
      "id",
      "member_count",
      "role",
      "slug",
      "status",
      "tenant_id",
      "tier",
    ]);
    assert.equal(team.id, created.team.id);
    assert.equal(team.tenant_id, `t-${team.id}`);
    assert.equal(team.role, "owner");
    assert.equal(team.status, "active");
    assert.equal(team.member_count, 1);
    // The discovered tenant is what member calls need.
    const members = await listMembers(h.client, { tenantId: team.tenant_id });
    assert.equal(members.count, 1);
  });

  it("createTeam POSTs {display_name, tier} and answers 201 {team}", async () => {
    const h = setup();
    const { team } = await createTeam(h.client, { display_name: "Research", tier: "enterprise" });
    const request = h.last("/v1/colony/teams");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), { display_name: "Research", tier: "enterprise" });
    assert.deepEqual(Object.keys(team).sort(), ["display_name", "id", "slug", "tenant_id", "tier"]);
    assert.equal(team.tier, "enterprise");
    assert.equal(team.slug, team.tenant_id);
    await assert.rejects(
      createTeam(h.client, { display_name: "X", tier: "gold" as "pro" }),
      (e: unknown) => e instanceof BadRequestError && e.code === "invalid_tier",
    );
    const sent = h.fake.requests.length;
    await assert.rejects(
      createTeam(h.client, { display_name: " ", tier: "pro" }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, sent, "a blank name is refused before sending");
  });

  it("createTeam is sent once even when the answer is a retryable failure", async () => {
    const h = setup({ maxRetries: 3 });
    h.fake.faults.add({ path: "/v1/colony/teams", method: "POST", status: 502, times: Infinity });
    await assert.rejects(createTeam(h.client, { display_name: "Ops", tier: "business" }));
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/colony/teams").length, 1);
  });

  it("deleteTeam resolves on 204; unknown team → NotFoundError; a non-UUID is refused before sending", async () => {
    const h = setup();
    const { team } = await createTeam(h.client, { display_name: "Temp", tier: "business" });
    assert.equal(await deleteTeam(h.client, team.id), undefined);
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/colony/teams/${team.id}`);
    assert.equal((await listTeams(h.client)).count, 0);
    await assert.rejects(
      deleteTeam(h.client, team.id),
      (e: unknown) => e instanceof NotFoundError && e.code === "not_found",
    );
    const sent = h.fake.requests.length;
    await assert.rejects(deleteTeam(h.client, "not-a-uuid"), InvalidArgumentError);
    await assert.rejects(deleteTeam(h.client, team.tenant_id), InvalidArgumentError);
    assert.equal(h.fake.requests.length, sent, "ids that are not UUIDs are refused before sending");
  });

  it("listInvitations and cancelInvitation work in the team context", async () => {
    const h = setup();
    const { team } = await createTeam(h.client, { display_name: "Ops", tier: "business" });
    const tenantId = team.tenant_id;
    await assert.rejects(
      listInvitations(h.client),
      (e: unknown) => e instanceof BadRequestError && e.code === "team_context_required",
    );
    const { invitation } = await inviteMember(h.client, "ada@example.com", "admin", { tenantId });
    const list = await listInvitations(h.client, { tenantId });
    assert.equal(h.last().path, "/v1/colony/invitations");
    assert.equal(h.last().headers.get("x-tenant-id"), tenantId);
    assert.equal(list.count, 1);
    const [pending] = list.invitations;
    assert.deepEqual(Object.keys(pending).sort(), [
      "created_at",
      "expires_at",
      "id",
      "invited_by",
      "invitee_email",
      "status",
      "team_id",
    ]);
    assert.equal(pending.id, invitation.id);
    assert.equal(pending.status, "pending");
    assert.match(pending.expires_at, /\+00:00$/);
    assert.equal("token" in pending, false, "tokens are only shown once, at creation");

    // Cancelling needs no team context: the invitation names its team.
    assert.equal(await cancelInvitation(h.client, invitation.id), undefined);
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/colony/invitations/${invitation.id}`);
    assert.equal(h.last().headers.get("x-tenant-id"), null);
    assert.equal((await listInvitations(h.client, { tenantId })).count, 0);
    await assert.rejects(
      cancelInvitation(h.client, invitation.id, { tenantId }),
      (e: unknown) => e instanceof NotFoundError && e.code === "not_found",
    );
    const sent = h.fake.requests.length;
    await assert.rejects(cancelInvitation(h.client, invitation.token), InvalidArgumentError);
    assert.equal(h.fake.requests.length, sent);
  });

  it("acceptInvitation posts to /v1/colony/invitations/{token}/accept without team context", async () => {
    const h = setup();
    const { team } = await createTeam(h.client, { display_name: "Ops", tier: "business" });
    const tenantId = team.tenant_id;
    const { invitation } = await inviteMember(h.client, "ada@example.com", "admin", { tenantId });
    const accepted = await acceptInvitation(h.client, invitation.token);
    const request = h.last();
    assert.equal(request.method, "POST");
    assert.equal(request.path, `/v1/colony/invitations/${invitation.token}/accept`);
    assert.equal(request.headers.get("x-tenant-id"), null);
    assert.deepEqual(Object.keys(accepted).sort(), ["role", "status", "team_id", "user_id"]);
    assert.equal(accepted.team_id, team.id);
    assert.equal(accepted.role, "admin");
    assert.equal(accepted.status, "active");
    assert.equal((await listMembers(h.client, { tenantId })).count, 2);

    await assert.rejects(
      acceptInvitation(h.client, invitation.token),
      (e: unknown) => e instanceof ConflictError && e.code === "invitation_not_pending",
    );
    await assert.rejects(
      acceptInvitation(h.client, "no-such-token"),
      (e: unknown) => e instanceof BadRequestError && e.code === "invalid_invitation",
    );
    await assert.rejects(acceptInvitation(h.client, "a/../b"), BadRequestError);
    assert.equal(h.last().path, "/v1/colony/invitations/a%2F..%2Fb/accept");
  });

  it("listInvitations of a team the caller is not in → PermissionDeniedError", async () => {
    const h = setup();
    await assert.rejects(
      listInvitations(h.client, { tenantId: `t-${crypto.randomUUID()}` }),
      (e: unknown) => e instanceof PermissionDeniedError && e.code === "not_a_team_member",
    );
  });
});
