/**
 * Billing (Stripe): prices, checkout and portal sessions, the billing subscription and invoices.
 * When the orchestrator has no Stripe configuration every call rejects with
 * `BillingNotConfiguredError` (HTTP 501, code `billing_not_configured`), a subclass of
 * `NotImplementedError`.
 *
 * @module
 */

import type { AegisCore } from "./core/pipeline.ts";
import { AegisPromise } from "./core/api_promise.ts";
import type { RequestOptions } from "./core/options.ts";

/** A Stripe price. */
export interface Price {
  /** Stripe price id. */
  price_id: string;
  /** Integer amount in the currency's smallest unit (cents). */
  amount: number;
  /** ISO currency code. */
  currency: string;
}

/** Prices of one tier. */
export interface TierPricing {
  /** Subscription tier. */
  tier: string;
  /** Stripe product id. */
  product_id: string;
  /** Name. */
  name: string;
  /** Human description; `null` when there is none. */
  description: string | null;
  /** Seats included in the plan. */
  included_seats: number;
  /** Monthly price; `null` when there is none. */
  monthly: Price | null;
  /** Annual price; `null` when there is none. */
  annual: Price | null;
  /** Monthly price per extra seat; `null` when there is none. */
  seat_monthly: Price | null;
  /** Annual price per extra seat; `null` when there is none. */
  seat_annual: Price | null;
}

/** `GET /v1/billing/prices`. */
export interface PricingResponse {
  /** Prices per tier. */
  tiers: TierPricing[];
}

/** Body of {@link createCheckoutSession}. */
export interface CheckoutSessionRequest {
  /** Stripe price of the base plan. */
  price_id: string;
  /** Where Stripe sends the user after paying (required by the server). */
  success_url: string;
  /** Where Stripe sends the user after cancelling (required by the server). */
  cancel_url: string;
  /** Stripe price for extra seats. */
  seat_price_id?: string;
  /** Number of extra seats (default 0). */
  seats?: number;
  /** Target tier name. */
  tier?: string;
}

/** Body of {@link createPortalSession}. */
export interface PortalSessionRequest {
  /** Where the portal's "back" link goes (required by the server). */
  return_url: string;
}

/** `{url}` answer of the checkout and portal routes: redirect the user there. */
export interface SessionUrl {
  /** Redirect the user here. */
  url: string;
}

/** `GET /v1/billing/subscription`. */
export interface BillingSubscription {
  /** Tenant the record belongs to. */
  tenant_id: string;
  /** Subscription tier. */
  tier: string;
  /** Status. */
  status: "active" | "past_due" | "canceled" | "incomplete" | "trialing" | "none";
  /** Stripe subscription id; `null` when there is none. */
  stripe_subscription_id: string | null;
  /** End of the current billing period; `null` when there is none. */
  current_period_end: string | null;
  /** True when the subscription ends with the period. */
  cancel_at_period_end: boolean;
  /** Purchased seats, if any. */
  seat_count?: number | null;
}

/** One Stripe invoice. */
export interface Invoice {
  /** Stripe invoice id (`in_...`); `null` for drafts that have none. */
  id: string | null;
  /** Cents. */
  amount_due: number;
  /** Cents. */
  amount_paid: number;
  /** ISO currency code. */
  currency: string;
  /** Stripe status in Rust `Debug` casing, e.g. `"Paid"`; `null` when there is none. */
  status: string | null;
  /** Unix **seconds**. */
  created: number;
  /** Stripe-hosted invoice page; `null` when there is none. */
  hosted_invoice_url: string | null;
  /** PDF download URL; `null` when there is none. */
  invoice_pdf: string | null;
}

/** `GET /v1/billing/invoices`. */
export interface InvoiceList {
  /** The invoices. */
  invoices: Invoice[];
  /** Number of entries in the list. */
  count: number;
}

/**
 * Lists the prices of every tier. Needs no credentials (sent without a token).
 *
 * @example
 * ```ts
 * import { AegisCore, listPrices } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", auth: "none", fetch: fake.fetch });
 * for (const tier of (await listPrices(core)).tiers) console.log(tier.tier, tier.monthly?.amount);
 * ```
 */
export function listPrices(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<PricingResponse> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/billing/prices", auth: false }, options);
  });
}

/**
 * Creates a Stripe Checkout session; redirect the user to the returned `url`.
 *
 * @example
 * ```ts
 * import { AegisCore, createCheckoutSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { url } = await createCheckoutSession(core, {
 *   price_id: "price_pro_monthly",
 *   success_url: "https://app.example/billing/ok",
 *   cancel_url: "https://app.example/billing/cancel",
 * });
 * console.log(url);
 * ```
 */
export function createCheckoutSession(
  core: AegisCore,
  request: CheckoutSessionRequest,
  options?: RequestOptions,
): AegisPromise<SessionUrl> {
  return AegisPromise.run(core, async (core) => {
    return await core.request(
      { method: "POST", path: "/v1/billing/checkout", json: request },
      options,
    );
  });
}

/**
 * Creates a Stripe customer-portal session; redirect the user to the returned `url`.
 *
 * @example
 * ```ts
 * import { AegisCore, createPortalSession } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const { url } = await createPortalSession(core, { return_url: "https://app.example/settings" });
 * console.log(url);
 * ```
 */
export function createPortalSession(
  core: AegisCore,
  request: PortalSessionRequest,
  options?: RequestOptions,
): AegisPromise<SessionUrl> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({
      method: "POST",
      path: "/v1/billing/portal",
      json: { return_url: request.return_url },
      // A portal session is a short-lived link; creating a second one is harmless.
      idempotent: true,
    }, options);
  });
}

/**
 * Gets the caller's billing subscription.
 *
 * @example
 * ```ts
 * import { AegisCore, getSubscriptionBilling } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator();
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * const sub = await getSubscriptionBilling(core);
 * console.log(sub.tier, sub.status);
 * ```
 */
export function getSubscriptionBilling(
  core: AegisCore,
  options?: RequestOptions,
): AegisPromise<BillingSubscription> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/billing/subscription" }, options);
  });
}

/**
 * Lists the caller's invoices.
 *
 * @example
 * ```ts
 * import { AegisCore, BillingNotConfiguredError, getInvoices } from "@aegis/sdk/client";
 * import { createFakeOrchestrator } from "@aegis/sdk/testing";
 *
 * const fake = createFakeOrchestrator({ billingConfigured: false });
 * const core = new AegisCore({ baseUrl: "http://fake", bearerToken: fake.token, fetch: fake.fetch });
 * await getInvoices(core).catch((e) => console.log(e instanceof BillingNotConfiguredError)); // true
 * ```
 */
export function getInvoices(core: AegisCore, options?: RequestOptions): AegisPromise<InvoiceList> {
  return AegisPromise.run(core, async (core) => {
    return await core.request({ method: "GET", path: "/v1/billing/invoices" }, options);
  });
}
