/**
 * Fake `/v1/billing/*` routes. Switch billing off with `fake.platform.billingConfigured = false`
 * (or the `billingConfigured: false` option): every route then answers 501
 * `{"error":"billing_not_configured","message":"Stripe billing is not configured"}` like an
 * orchestrator without Stripe. `GET /v1/billing/prices` needs no token (exempt path).
 *
 * Prices are fixed fake Stripe ids; checkout and portal return fake Stripe URLs; the
 * subscription stays `{tier:"free", status:"none"}` (nobody pays a fake); invoices come from
 * `fake.platform.invoices`.
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { TierPricing } from "../../client/billing.ts";
import type { FakeContext } from "../internal/context.ts";
import { isObject, jsonBody, unprocessable } from "../internal/http.ts";

const TIERS: TierPricing[] = [
  tier("pro", "Pro", 1, 2000, 20000, null),
  tier("business", "Business", 5, 9900, 99000, 1500),
  tier("enterprise", "Enterprise", 20, 49900, 499000, 2500),
];

/** Registers the billing routes, answering from `fake.platform`. */
export function registerBillingRoutes(app: Hono, ctx: FakeContext): void {
  const data = ctx.platform;
  app.use("/v1/billing/*", async (c, next) => {
    if (!data.billingConfigured) {
      return c.json(
        { error: "billing_not_configured", message: "Stripe billing is not configured" },
        501,
      );
    }
    await next();
  });

  app.get("/v1/billing/prices", (c) => c.json({ tiers: TIERS }));

  app.post("/v1/billing/checkout", async (c) => {
    const body = await requiredStrings(c, ["price_id", "success_url", "cancel_url"]);
    if (body instanceof Response) return body;
    if (
      body.seats !== undefined && !(Number.isInteger(body.seats) && (body.seats as number) >= 0)
    ) {
      return unprocessable("seats: invalid value: expected u32");
    }
    return c.json({ url: `https://checkout.stripe.test/c/pay/cs_test_${randomId()}` });
  });

  app.post("/v1/billing/portal", async (c) => {
    const body = await requiredStrings(c, ["return_url"]);
    if (body instanceof Response) return body;
    return c.json({ url: `https://billing.stripe.test/p/session/bps_${randomId()}` });
  });

  // Without a subscription the orchestrator's hand-built answer has no `seat_count` at all.
  app.get("/v1/billing/subscription", (c) =>
    c.json({
      tenant_id: ctx.tenantId,
      tier: "free",
      status: "none",
      stripe_subscription_id: null,
      current_period_end: null,
      cancel_at_period_end: false,
    }));

  app.get(
    "/v1/billing/invoices",
    (c) => c.json({ invoices: data.invoices, count: data.invoices.length }),
  );
}

/** axum `Json` extraction plus required string fields (missing -> 422 plain text). */
async function requiredStrings(
  c: Context,
  fields: string[],
): Promise<Record<string, unknown> | Response> {
  const parsed = await jsonBody(c);
  if (parsed instanceof Response) return parsed;
  if (!isObject(parsed.value)) return unprocessable("invalid type: expected a struct");
  for (const field of fields) {
    if (typeof parsed.value[field] !== "string") {
      return unprocessable(`missing field \`${field}\``);
    }
  }
  return parsed.value;
}

function tier(
  id: string,
  name: string,
  seats: number,
  monthly: number,
  annual: number,
  seat: number | null,
): TierPricing {
  const price = (suffix: string, amount: number) => ({
    price_id: `price_${id}_${suffix}`,
    amount,
    currency: "usd",
  });
  return {
    tier: id,
    product_id: `prod_${id}`,
    name,
    description: `${name} plan (fake)`,
    included_seats: seats,
    monthly: price("monthly", monthly),
    annual: price("annual", annual),
    seat_monthly: seat === null ? null : price("seat_monthly", seat),
    seat_annual: seat === null ? null : price("seat_annual", seat * 10),
  };
}

function randomId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}
