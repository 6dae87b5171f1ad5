import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  AegisClient,
  BadRequestError,
  ConflictError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

type Harness = ReturnType<typeof setup>;

async function createTeam(h: Harness, tier = "business"): Promise<string> {
  const { team } = await h.client.request<{ team: { tenant_id: string } }>({
    method: "POST",
    path: "/v1/colony/teams",
    json: { display_name: "Ops", tier },
  });
  return team.tenant_id;
}

/** A client whose every request carries the team context. */
function teamClient(h: Harness, tenantId: string): AegisClient {
  return new AegisClient({
    baseUrl: "http://aegis.test",
    bearerToken: h.fake.token,
    fetch: h.fake.fetch,
    tenantId,
  });
}

describe("colony", () => {
  it("listMembers needs the X-Tenant-Id team context (client option or per call)", async () => {
    const h = setup();
    await assert.rejects(h.client.listMembers(), (e: unknown) => {
      assert.ok(e instanceof BadRequestError);
      assert.equal(e.code, "team_context_required");
      return true;
    });
    const tenantId = await createTeam(h);
    assert.match(tenantId, /^t-[0-9a-f-]{36}$/);
    const list = await h.client.listMembers({ tenantId });
    assert.equal(h.last().path, "/v1/colony/members");
    assert.equal(h.last().headers.get("x-tenant-id"), tenantId);
    assert.equal(list.count, 1);
    assert.equal(list.members[0].role, "owner");
    assert.equal(typeof list.members[0].joined_at, "number");
    const viaOption = await teamClient(h, tenantId).listMembers();
    assert.equal(viaOption.count, 1);
    await assert.rejects(
      h.client.listMembers({ tenantId: `t-${crypto.randomUUID()}` }),
      (e: unknown) => e instanceof PermissionDeniedError && e.code === "not_a_team_member",
    );
  });

  it("inviteMember posts {invitee_email, role?} to /v1/colony/invitations (201)", async () => {
    const h = setup();
    const client = teamClient(h, await createTeam(h));
    const { invitation } = await client.inviteMember("ada@example.com", "admin");
    const request = h.last("/v1/colony/invitations");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      invitee_email: "ada@example.com",
      role: "admin",
    });
    assert.equal(invitation.invitee_email, "ada@example.com");
    assert.equal(typeof invitation.token, "string");
    await client.inviteMember("bob@example.com");
    assert.deepEqual(JSON.parse(h.last("/v1/colony/invitations").body!), {
      invitee_email: "bob@example.com",
    });
    await assert.rejects(client.inviteMember(""), InvalidArgumentError);
  });

  it("updateRole PUTs /v1/colony/roles {user_id, role}; removeMember resolves on 204", async () => {
    const h = setup();
    const tenantId = await createTeam(h);
    const client = teamClient(h, tenantId);
    const { invitation } = await client.inviteMember("ada@example.com");
    const accepted = await client.request<{ user_id: string }>({
      method: "POST",
      path: `/v1/colony/invitations/${invitation.token}/accept`,
    });
    assert.deepEqual(await client.updateRole(accepted.user_id, "admin"), { status: "updated" });
    const put = h.last("/v1/colony/roles");
    assert.equal(put.method, "PUT");
    assert.deepEqual(JSON.parse(put.body!), { user_id: accepted.user_id, role: "admin" });
    const members = await client.listMembers();
    assert.equal(members.members.find((m) => m.user_id === accepted.user_id)?.role, "admin");
    assert.equal(await client.removeMember(accepted.user_id), undefined);
    assert.equal(h.last().method, "DELETE");
    assert.equal(h.last().path, `/v1/colony/members/${accepted.user_id}`);
    assert.equal((await client.listMembers()).count, 1);
    await assert.rejects(client.removeMember(accepted.user_id), NotFoundError);
    await assert.rejects(client.removeMember("a/b"), NotFoundError);
    assert.equal(h.last().path, "/v1/colony/members/a%2Fb");
  });

  it("seat cap → ConflictError seat_cap_reached", async () => {
    const h = setup();
    const client = teamClient(h, await createTeam(h, "pro"));
    for (let i = 0; i < 4; i++) await client.inviteMember(`u${i}@example.com`);
    await assert.rejects(
      client.inviteMember("one-too-many@example.com"),
      (e: unknown) => e instanceof ConflictError && e.code === "seat_cap_reached",
    );
  });

  it("SAML: enterprise only; {saml: null} until set; set sends {entity_id, sso_url, certificate}", async () => {
    const h = setup();
    const business = teamClient(h, await createTeam(h, "business"));
    await assert.rejects(
      business.getSamlConfig(),
      (e: unknown) => e instanceof PermissionDeniedError && e.code === "enterprise_only",
    );
    const client = teamClient(h, await createTeam(h, "enterprise"));
    assert.deepEqual(await client.getSamlConfig(), { saml: null });
    assert.equal(h.last().path, "/v1/colony/saml");
    const config = {
      entity_id: "https://idp.example/entity",
      sso_url: "https://idp.example/sso",
      certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
    };
    assert.deepEqual(await client.setSamlConfig(config), { status: "configured" });
    assert.equal(h.last().method, "PUT");
    assert.deepEqual(JSON.parse(h.last().body!), config);
    assert.deepEqual(await client.getSamlConfig(), config);
  });

  it("getSubscription: personal without team context, the team's with it", async () => {
    const h = setup();
    const personal = await h.client.getSubscription();
    assert.equal(h.last().path, "/v1/colony/subscription");
    assert.equal(personal.is_team, false);
    const team = await teamClient(h, await createTeam(h, "business")).getSubscription();
    assert.equal(team.is_team, true);
    assert.equal(team.tier, "business");
    assert.equal(team.members_used, 1);
  });
});
