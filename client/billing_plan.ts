/**
 * Changing a paid plan: extra seats, and previewing or applying a tier change. These act on the
 * caller's existing Stripe subscription: without one the server answers 404 (`No subscription
 * found. Please subscribe first.`). Without a Stripe configuration every call rejects with
 * `BillingNotConfiguredError` (HTTP 501).
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import { InvalidArgumentError } from "../errors.ts";
import type { RequestOptions } from "./core/options.ts";

/** Body of {@link updateSeats}. */
export interface UpdateSeatsRequest {
  /** New number of **extra** seats beyond the plan's included ones (0 removes them all). */
  extra_seats: number;
  /** Stripe price of the seat add-on (see `listPrices`: `seat_monthly`/`seat_annual`). */
  seat_price_id: string;
}

/** `POST /v1/billing/seats` answer. */
export interface UpdateSeatsResponse {
  /** Always `true`. */
  success: true;
  /** The extra seats now on the subscription. */
  extra_seats: number;
}

/** Tiers a plan can change to (`"free"` cancels the paid plan at the end of the period). */
export type TargetTier = "free" | "pro" | "business" | "enterprise";

/** Body of {@link previewTierChange} and {@link changeTier}. */
export interface TierChangeRequest {
  /** Tier to move to. */
  target_tier: TargetTier;
  /** Billing interval of the new plan. */
  billing_interval: "month" | "year";
  /** **Total** seats on the new tier, included seats counted (server default 0). */
  seats?: number;
}

/** What a tier change does. */
export type TierChangeAction =
  | "upgrade_immediate"
  | "downgrade_at_period_end"
  | "cancel_at_period_end"
  | "no_change";

/** `POST /v1/billing/preview-tier-change` answer. */
export interface TierChangePreview {
  /** The requested tier, as sent. */
  target_tier: string;
  /** What {@link changeTier} would do. */
  action: TierChangeAction;
  /** Immediate charge in cents (0 for changes deferred to the period end). */
  proration_amount_cents: number;
  /** Total of the next full renewal invoice in cents (base plan and seats). */
  next_renewal_amount_cents: number;
  /** When a deferred change takes effect (RFC 3339); `null` for immediate changes. */
  effective_at: string | null;
  /** Total seats after the change. */
  seats: number;
}

/** `POST /v1/billing/change-tier` answer. */
export interface TierChangeResult {
  /** What was done. */
  action: TierChangeAction;
  /** The requested tier, as sent. */
  target_tier: string;
  /** Total seats after the change. */
  seats: number;
  /** Stripe invoice charged for an immediate upgrade, if one was issued. */
  proration_invoice_id: string | null;
  /** Amount charged now, in cents. */
  proration_amount_cents: number;
  /** When a deferred change takes effect (RFC 3339); `null` for immediate changes. */
  effective_at: string | null;
}

/**
 * Sets the number of extra seats on the caller's subscription (Stripe prorates and invoices
 * the difference). Setting the same number again changes nothing, so the call is retried
 * like a read.
 *
 * @example
 * ```ts
 * import { AegisCore, updateSeats } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 5 };
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const result = await updateSeats(core, { extra_seats: 3, seat_price_id: "price_business_seat_monthly" });
 * console.log(result.extra_seats); // 3
 * ```
 */
export function updateSeats(
  core: AegisCore,
  request: UpdateSeatsRequest,
  options?: RequestOptions,
): AegisPromise<UpdateSeatsResponse> {
  return AegisPromise.run(core, async (core) => {
    requireCount(request?.extra_seats, "extra_seats");
    if (typeof request.seat_price_id !== "string" || request.seat_price_id === "") {
      throw new InvalidArgumentError(
        "seat_price_id",
        "must be the Stripe price id of the seat add-on",
      );
    }
    return await core.request({
      method: "POST",
      path: "/v1/billing/seats",
      json: { extra_seats: request.extra_seats, seat_price_id: request.seat_price_id },
      idempotent: true,
    }, options);
  });
}

/**
 * Previews a tier change: what would happen, what it costs now and at renewal. Changes
 * nothing.
 *
 * @example
 * ```ts
 * import { AegisCore, previewTierChange } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.platform.billingSubscription = { tier: "pro", interval: "month", seats: 0 };
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const preview = await previewTierChange(core, {
 *   target_tier: "business", billing_interval: "month", seats: 5,
 * });
 * console.log(preview.action, preview.proration_amount_cents); // "upgrade_immediate" ...
 * ```
 */
export function previewTierChange(
  core: AegisCore,
  request: TierChangeRequest,
  options?: RequestOptions,
): AegisPromise<TierChangePreview> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/billing/preview-tier-change",
      json: tierChangeBody(request),
      idempotent: true,
    }, options);
  });
}

/**
 * Changes the plan's tier: an upgrade is applied and charged now, a downgrade or a move to
 * `"free"` takes effect at the end of the period. Not retried automatically after a failure
 * that may have reached the server (it may charge). A failed payment on an upgrade rejects with
 * `PaymentRequiredError` (402).
 *
 * @example
 * ```ts
 * import { AegisCore, changeTier } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 5 };
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const result = await changeTier(core, { target_tier: "free", billing_interval: "month" });
 * console.log(result.action, result.effective_at); // "cancel_at_period_end" "..."
 * ```
 */
export function changeTier(
  core: AegisCore,
  request: TierChangeRequest,
  options?: RequestOptions,
): AegisPromise<TierChangeResult> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/billing/change-tier",
      json: tierChangeBody(request),
    }, options);
  });
}

function tierChangeBody(request: TierChangeRequest): Record<string, unknown> {
  if (!["free", "pro", "business", "enterprise"].includes(request?.target_tier)) {
    throw new InvalidArgumentError("target_tier", "must be free, pro, business or enterprise");
  }
  if (request.billing_interval !== "month" && request.billing_interval !== "year") {
    throw new InvalidArgumentError("billing_interval", 'must be "month" or "year"');
  }
  if (request.seats !== undefined) requireCount(request.seats, "seats");
  return {
    target_tier: request.target_tier,
    billing_interval: request.billing_interval,
    seats: request.seats,
  };
}

function requireCount(value: unknown, name: string): void {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0xffff_ffff) {
    throw new InvalidArgumentError(name, "must be a whole number from 0 to 4294967295");
  }
}
