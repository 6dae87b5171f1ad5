/**
 * A fake Keycloak token endpoint (OAuth2 client credentials) issuing expiring tokens.
 *
 * @module
 */

import type { Hono } from "hono";

/** Tokens issued by the fake Keycloak. */
export interface IssuedTokens {
  isValid(token: string): boolean;
  count(): number;
  expireAll(): void;
}

/** Registers `POST /realms/{realm}/protocol/openid-connect/token`. */
export function registerKeycloakRoutes(
  app: Hono,
  client: { realm: string; clientId: string; clientSecret: string },
  lifetimeSeconds: number,
): IssuedTokens {
  const tokens = new Map<string, number>();
  let requests = 0;
  app.post("/realms/:realm/protocol/openid-connect/token", async (c) => {
    requests++;
    if (c.req.param("realm") !== client.realm) {
      return c.json({ error: "Realm does not exist" }, 404);
    }
    const type = c.req.header("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded")) {
      return c.json({ error: "invalid_request", error_description: "form body required" }, 400);
    }
    const form = new URLSearchParams(await c.req.text());
    if (form.get("grant_type") !== "client_credentials") {
      return c.json({ error: "unsupported_grant_type" }, 400);
    }
    if (
      form.get("client_id") !== client.clientId || form.get("client_secret") !== client.clientSecret
    ) {
      return c.json({
        error: "invalid_client",
        error_description: "Invalid client or Invalid client credentials",
      }, 401);
    }
    const token = `kc.${crypto.randomUUID()}`;
    tokens.set(token, Date.now() + lifetimeSeconds * 1000);
    return c.json({
      access_token: token,
      expires_in: lifetimeSeconds,
      token_type: "Bearer",
      scope: "profile email",
    });
  });
  return {
    isValid: (token) => (tokens.get(token) ?? 0) > Date.now(),
    count: () => requests,
    expireAll: () => tokens.clear(),
  };
}
