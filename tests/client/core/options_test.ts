import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AegisClient, InvalidArgumentError } from "../../../mod.ts";
import { setup } from "../../helpers.ts";
import { createFakeOrchestrator } from "../../../testing/mod.ts";
import { listen } from "../../../testing/server.ts";

describe("client options", () => {
  it("refuses CR/LF in tenant ids and tokens", () => {
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", auth: "none", tenantId: "t\r\nX-Evil: 1" }),
      InvalidArgumentError,
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", bearerToken: "a\nb" }),
      InvalidArgumentError,
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "ftp://x", auth: "none" }),
      InvalidArgumentError,
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x?q=1", auth: "none" }),
      InvalidArgumentError,
    );
  });

  it("accepts the reference pages' constructor form (baseUrl, bearerToken) with the global fetch", async () => {
    const h = setup();
    const server = await listen(h.fake);
    try {
      const client = new AegisClient(server.url + "/", h.fake.token);
      assert.equal(client.baseUrl, server.url);
      assert.deepEqual(await client.listAgents(), []);
      assert.equal(h.last("/v1/agents").headers.get("authorization"), `Bearer ${h.fake.token}`);
      assert.equal(JSON.stringify(client), JSON.stringify({ baseUrl: server.url }));
    } finally {
      await server.close();
    }
  });
});

describe("credentials are explicit", () => {
  it("a credential given as undefined is an error naming it, not an anonymous client", () => {
    for (const key of ["bearerToken", "token", "clientSecret", "keycloakUrl"] as const) {
      assert.throws(
        () => new AegisClient({ baseUrl: "http://x", [key]: undefined }),
        (e: unknown) =>
          e instanceof InvalidArgumentError && e.argument === key && /auth: "none"/.test(e.message),
        key,
      );
    }
  });

  it("options are read as given: inherited and getter-defined options count, undefined ones too", async () => {
    const h = setup();
    const defaults = { baseUrl: "http://aegis.test", fetch: h.fake.fetch };
    const inherited = Object.create(defaults, {
      bearerToken: { get: () => h.fake.token, enumerable: false },
    });
    assert.deepEqual(await new AegisClient(inherited).listAgents(), []);
    assert.equal(h.fake.requests.at(-1)?.headers.get("authorization"), `Bearer ${h.fake.token}`);
    assert.throws(
      () => new AegisClient(Object.create({ ...defaults, bearerToken: undefined })),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "bearerToken",
    );
  });

  it('auth: "none" builds a client that sends no credentials; it conflicts with credentials', async () => {
    const h = setup();
    const anonymous = new AegisClient({
      baseUrl: "http://aegis.test",
      auth: "none",
      fetch: h.fake.fetch,
    });
    assert.equal((await anonymous.healthLive()).status, "healthy");
    await anonymous.listAgents().catch(() => {});
    assert.equal(h.last("/v1/agents").headers.get("authorization"), null);
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", auth: "none", bearerToken: "t" }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "auth",
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", auth: "anonymous" as "none" }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "auth",
    );
  });

  it("two kinds of credentials at once are an error, not a silent choice", () => {
    assert.throws(
      () =>
        new AegisClient({
          baseUrl: "http://x",
          bearerToken: "t",
          keycloakUrl: "http://k",
          realm: "r",
          clientId: "c",
          clientSecret: "s",
        }),
      (e: unknown) =>
        e instanceof InvalidArgumentError && /one kind of credentials/.test(e.message),
    );
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", bearerToken: "t", token: () => "u" }),
      InvalidArgumentError,
    );
  });

  it("refuses user credentials in baseUrl and keycloakUrl without repeating them", () => {
    for (
      const options of [
        { baseUrl: "http://someone:hunter2@aegis.test", bearerToken: "t" },
        { baseUrl: "http://hunter2@aegis.test", bearerToken: "t" },
        {
          baseUrl: "http://aegis.test",
          keycloakUrl: "https://someone:hunter2@keycloak.test",
          realm: "r",
          clientId: "c",
          clientSecret: "s",
        },
      ]
    ) {
      const error = (() => {
        try {
          new AegisClient(options);
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error instanceof InvalidArgumentError, JSON.stringify(options));
      assert.match(error.message, /user credentials/);
      assert.ok(!error.message.includes("hunter2"), error.message);
    }
  });

  it("refuses an unknown log level", () => {
    assert.throws(
      () => new AegisClient({ baseUrl: "http://x", auth: "none", logLevel: "loud" as "warn" }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "logLevel",
    );
  });
});

describe("header values are checked before anything is sent", () => {
  const unsendable = ["日本", "team\u2028one", "t-\uD800", " padded", "a b"];

  it("tenant ids beyond visible ASCII are refused at construction", () => {
    for (const tenantId of unsendable) {
      assert.throws(
        () => new AegisClient({ baseUrl: "http://x", auth: "none", tenantId }),
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "tenantId",
        JSON.stringify(tenantId),
      );
    }
  });

  it("per call: typed error, zero requests, no retry, no token request", async () => {
    const fake = createFakeOrchestrator();
    const client = new AegisClient({
      baseUrl: "http://aegis.test",
      keycloakUrl: "http://aegis.test",
      realm: fake.oauth.realm,
      clientId: fake.oauth.clientId,
      clientSecret: fake.oauth.clientSecret,
      fetch: fake.fetch,
    });
    for (const tenantId of unsendable) {
      await assert.rejects(
        client.listAgents({ tenantId }),
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "tenantId",
        JSON.stringify(tenantId),
      );
    }
    await assert.rejects(
      client.listAgents({ headers: { "x-note": "日本" } }),
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "headers",
    );
    assert.equal(fake.requests.length, 0);
  });
});
