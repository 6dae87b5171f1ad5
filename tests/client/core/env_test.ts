// Zero configuration: `new AegisClient()` reads `AEGIS_*` environment variables. Measured in child
// processes (tests/fixtures/env_client.ts) so the variables never leak into other tests.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runChild } from "../../child.ts";

interface Outcome {
  scenario: string;
  ok: boolean;
  baseUrl?: string;
  requests?: { url: string; authorization: string | null; tenant: string | null }[];
  error?: string;
  argument?: string;
  message?: string;
  /** Requests sent before the error. */
  sent?: number;
}

const FIXTURE = new URL("../../fixtures/env_client.ts", import.meta.url);

/** One run of the fixture, shared by the tests that read it. */
let fixtureRun: ReturnType<typeof runChild> | undefined;
function runFixture(): ReturnType<typeof runChild> {
  fixtureRun ??= runChild(FIXTURE, {}, 45_000);
  return fixtureRun;
}

function parse(stdout: string): Map<string, Outcome> {
  const outcomes = new Map<string, Outcome>();
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const outcome = JSON.parse(line) as Outcome;
    outcomes.set(outcome.scenario, outcome);
  }
  return outcomes;
}

describe("configuration from the environment", () => {
  let outcomes: Map<string, Outcome>;
  let stdout = "";
  const get = (name: string): Outcome => {
    const outcome = outcomes.get(name);
    assert.ok(outcome, `scenario ${name} did not run:\n${stdout}`);
    return outcome;
  };

  before(async () => {
    const result = await runFixture();
    stdout = result.stdout;
    assert.equal(result.code, 0, stdout);
    outcomes = parse(stdout);
  });

  it("with nothing set, names the option and the variable", () => {
    const outcome = get("nothing set");
    assert.equal(outcome.error, "InvalidArgumentError");
    assert.equal(outcome.argument, "baseUrl");
    assert.match(outcome.message!, /AEGIS_BASE_URL/);
  });

  it('without credentials, names the options, the variables and auth: "none"', () => {
    const outcome = get("base url only");
    assert.equal(outcome.error, "InvalidArgumentError");
    for (const word of ["bearerToken", "keycloakUrl", "AEGIS_TOKEN", "AEGIS_CLIENT_SECRET"]) {
      assert.ok(outcome.message!.includes(word), `${word} in ${outcome.message}`);
    }
    assert.match(outcome.message!, /auth: "none"/);
  });

  it("AEGIS_BASE_URL, AEGIS_TOKEN and AEGIS_TENANT_ID configure new AegisClient()", () => {
    const outcome = get("token and tenant");
    assert.ok(outcome.ok, outcome.message);
    assert.equal(outcome.baseUrl, "http://env.test/v1");
    assert.deepEqual(outcome.requests, [
      { url: "http://env.test/v1/v1/agents", authorization: "Bearer env-token", tenant: "t-env" },
    ]);
  });

  it("the four OAuth2 variables configure client credentials", () => {
    const outcome = get("oauth");
    assert.ok(outcome.ok, outcome.message);
    assert.deepEqual(outcome.requests!.map((r) => [r.url, r.authorization]), [
      ["http://kc.test/realms/aegis-system/protocol/openid-connect/token", null],
      ["http://env.test/v1/agents", "Bearer kc-token"],
    ]);
    const incomplete = get("oauth incomplete");
    assert.equal(incomplete.argument, "AEGIS_CLIENT_SECRET");
    // A bare core has no OAuth2 client: it says how to get one, and sends nothing.
    const bare = get("oauth on a bare AegisCore");
    assert.equal(bare.error, "InvalidArgumentError");
    assert.equal(
      bare.argument,
      "AEGIS_KEYCLOAK_URL, AEGIS_REALM, AEGIS_CLIENT_ID, AEGIS_CLIENT_SECRET",
    );
    assert.match(bare.message!, /auth: clientCredentials\(\{/);
    assert.match(bare.message!, /AegisClient/);
    assert.equal(bare.sent, 0);
    const both = get("token and oauth");
    assert.equal(both.error, "InvalidArgumentError");
    assert.match(both.message!, /one kind of credentials/);
  });

  it("explicit options win over the environment", () => {
    const outcome = get("explicit options win");
    assert.ok(outcome.ok, outcome.message);
    assert.deepEqual(outcome.requests, [
      {
        url: "http://explicit.test/v1/agents",
        authorization: "Bearer explicit-token",
        tenant: "t-explicit",
      },
    ]);
    const none = get("explicit auth none");
    assert.ok(none.ok, none.message);
    assert.equal(none.requests![0].authorization, null);
    assert.equal(none.requests![0].url, "http://env.test/v1/v1/agents");
  });

  it("a credential given as undefined is an error even when the environment has one", () => {
    const outcome = get("explicit undefined credential");
    assert.equal(outcome.error, "InvalidArgumentError");
    assert.equal(outcome.argument, "bearerToken");
  });

  it("a base URL with user credentials is refused without repeating them", () => {
    const outcome = get("credentials in the base url");
    assert.equal(outcome.argument, "AEGIS_BASE_URL");
    assert.ok(!outcome.message!.includes("hunter2"), outcome.message);
  });

  it("AEGIS_LOG_LEVEL logs to the console; an unknown level is an error", () => {
    assert.ok(get("log level").ok);
    assert.match(stdout, /\[aegis\] request/);
    const bad = get("bad log level");
    assert.equal(bad.argument, "AEGIS_LOG_LEVEL");
  });
});

describe("where the runtime has no environment (Workers, browsers)", () => {
  it("options are required, and an explicit client works", async () => {
    const result = await runFixture();
    const outcomes = parse(result.stdout);
    const none = outcomes.get("no environment")!;
    assert.equal(none.argument, "baseUrl", result.stdout);
    assert.match(none.message!, /no environment variables: pass the options/);
    const explicit = outcomes.get("no environment, explicit options")!;
    assert.equal(explicit.requests![0].url, "http://explicit.test/health/live");
    assert.equal(explicit.requests![0].authorization, null);
  });
});

describe("Deno without env permission", () => {
  const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;

  it("is no crash: a clear error, and explicit options work", { skip: !deno }, async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        deno!.execPath(),
        ["run", "--quiet", "--no-prompt", "--allow-read", fileURLToPath(FIXTURE)],
        {
          cwd: fileURLToPath(new URL("../../../", import.meta.url)),
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      let out = "";
      child.stdout!.on("data", (data: Uint8Array) => out += new TextDecoder().decode(data));
      child.once("error", reject);
      child.once("exit", (code) => code === 0 ? resolve(out) : reject(new Error(`exit ${code}`)));
    });
    const outcomes = parse(stdout);
    const denied = outcomes.get("no env permission")!;
    assert.equal(denied.error, "InvalidArgumentError", stdout);
    assert.match(denied.message!, /AEGIS_BASE_URL.*--allow-env/);
    const explicit = outcomes.get("no env permission, explicit options")!;
    assert.ok(explicit.ok, explicit.message);
    assert.equal(explicit.requests![0].authorization, "Bearer explicit-token");
  });
});
