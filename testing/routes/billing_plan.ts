/**
 * Fake plan-change routes: `POST /v1/billing/seats`, `/v1/billing/preview-tier-change` and
 * `/v1/billing/change-tier`, answering from `fake.platform.billingSubscription` (the caller's
 * paid Stripe subscription). Without one they answer 404 `{"error":"No subscription found.
 * Please subscribe first."}` like the orchestrator; with billing switched off, the billing
 * routes' 501. Prices are the fake Stripe prices of `GET /v1/billing/prices`; an upgrade is
 * charged now (half a period of the price difference), a downgrade or a move to `free` takes
 * effect at the end of the period (30 days after the fake started the subscription).
 *
 * @module
 */

import type { Context, Hono } from "hono";
import type { TargetTier, TierChangeAction } from "../../client/billing_plan.ts";
import type { FakeContext } from "../internal/context.ts";
import { isObject, jsonBody, jsonError, timestampZ, unprocessable } from "../internal/http.ts";
import type { FakeBillingSubscription } from "../platform.ts";

/** Fake list prices in cents (the same as `GET /v1/billing/prices`). */
const PRICES = {
  free: { month: 0, year: 0, seatMonth: 0, seatYear: 0, included: 0 },
  pro: { month: 2000, year: 20000, seatMonth: 0, seatYear: 0, included: 0 },
  business: { month: 9900, year: 99000, seatMonth: 1500, seatYear: 15000, included: 5 },
  enterprise: { month: 49900, year: 499000, seatMonth: 2500, seatYear: 25000, included: 10 },
} as const;
const RANK = { free: 0, pro: 1, business: 2, enterprise: 3 } as const;
const PERIOD_MS = 30 * 24 * 3600 * 1000;

/** Registers the plan-change routes (after the billing routes, whose 501 guard applies). */
export function registerBillingPlanRoutes(app: Hono, ctx: FakeContext): void {
  const subscription = (): FakeBillingSubscription | Response => {
    const current = ctx.platform.billingSubscription;
    if (current === undefined) {
      return jsonError(404, "No subscription found. Please subscribe first.");
    }
    current.periodEnd ??= ctx.state.now() + PERIOD_MS;
    return current;
  };

  app.post("/v1/billing/seats", async (c) => {
    const parsed = await jsonBody(c);
    if (parsed instanceof Response) return parsed;
    const body = parsed.value;
    if (!isObject(body)) return unprocessable("invalid type: expected struct UpdateSeatsRequest");
    if (!("extra_seats" in body)) return unprocessable("missing field `extra_seats`");
    if (!isU32(body.extra_seats)) {
      return unprocessable("extra_seats: invalid value: expected u32");
    }
    if (typeof body.seat_price_id !== "string") {
      return unprocessable("missing field `seat_price_id`");
    }
    const current = subscription();
    if (current instanceof Response) return current;
    current.seats = body.extra_seats;
    return c.json({ success: true, extra_seats: body.extra_seats });
  });

  app.post("/v1/billing/preview-tier-change", async (c) => {
    const request = await tierChange(c);
    if (request instanceof Response) return request;
    const current = subscription();
    if (current instanceof Response) return current;
    const plan = plan_(current, request);
    return c.json({
      target_tier: request.target_tier,
      action: plan.action,
      proration_amount_cents: plan.proration,
      next_renewal_amount_cents: plan.renewal,
      effective_at: plan.effectiveAt,
      seats: plan.seats,
    });
  });

  app.post("/v1/billing/change-tier", async (c) => {
    const request = await tierChange(c);
    if (request instanceof Response) return request;
    const current = subscription();
    if (current instanceof Response) return current;
    const plan = plan_(current, request);
    if (plan.action === "upgrade_immediate") {
      current.tier = request.target_tier as FakeBillingSubscription["tier"];
      current.interval = request.billing_interval;
      current.seats = plan.extraSeats;
    }
    return c.json({
      action: plan.action,
      target_tier: request.target_tier,
      seats: plan.seats,
      proration_invoice_id: plan.action === "upgrade_immediate" && plan.proration > 0
        ? `in_fake_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`
        : null,
      proration_amount_cents: plan.proration,
      effective_at: plan.effectiveAt,
    });
  });

  const plan_ = (current: FakeBillingSubscription, request: TierChangeBody) => {
    const target = request.target_tier;
    const extraSeats = Math.max(0, request.seats - PRICES[target].included);
    const renewal = price(target, request.billing_interval, extraSeats);
    const periodEnd = timestampZ(current.periodEnd!);
    if (target === "free") {
      return plan("cancel_at_period_end", 0, 0, periodEnd, 0, 0);
    }
    const rank = Math.sign(RANK[target] - RANK[current.tier]) ||
      Math.sign(extraSeats - current.seats);
    if (rank === 0) {
      return plan("no_change", 0, 0, null, request.seats, extraSeats);
    }
    if (rank < 0) {
      return plan("downgrade_at_period_end", 0, renewal, periodEnd, request.seats, extraSeats);
    }
    const now = price(current.tier, current.interval, current.seats);
    const proration = Math.max(0, Math.round((renewal - now) / 2));
    return plan("upgrade_immediate", proration, renewal, null, request.seats, extraSeats);
  };
}

interface TierChangeBody {
  target_tier: TargetTier;
  billing_interval: "month" | "year";
  seats: number;
}

/** axum `Json<TierChangeRequest>`; unknown tiers count as `free`, like the orchestrator. */
async function tierChange(c: Context): Promise<TierChangeBody | Response> {
  const parsed = await jsonBody(c);
  if (parsed instanceof Response) return parsed;
  const body = parsed.value;
  if (!isObject(body)) return unprocessable("invalid type: expected struct TierChangeRequest");
  for (const field of ["target_tier", "billing_interval"]) {
    if (typeof body[field] !== "string") {
      return unprocessable(
        field in body ? `${field}: invalid type: expected a string` : `missing field \`${field}\``,
      );
    }
  }
  if (body.seats !== undefined && !isU32(body.seats)) {
    return unprocessable("seats: invalid value: expected u32");
  }
  const tier = body.target_tier as string;
  return {
    target_tier: (tier in RANK ? tier : "free") as TargetTier,
    billing_interval: body.billing_interval === "year" ? "year" : "month",
    seats: (body.seats as number | undefined) ?? 0,
  };
}

function plan(
  action: TierChangeAction,
  proration: number,
  renewal: number,
  effectiveAt: string | null,
  seats: number,
  extraSeats: number,
) {
  return { action, proration, renewal, effectiveAt, seats, extraSeats };
}

function price(tier: TargetTier, interval: "month" | "year", extraSeats: number): number {
  const p = PRICES[tier];
  return interval === "month"
    ? p.month + extraSeats * p.seatMonth
    : p.year + extraSeats * p.seatYear;
}

function isU32(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffff_ffff;
}
