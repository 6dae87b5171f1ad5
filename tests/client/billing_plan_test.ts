import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { changeTier, previewTierChange, updateSeats } from "../../client/billing_plan.ts";
import {
  BillingNotConfiguredError,
  InvalidArgumentError,
  NotFoundError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

const NO_SUBSCRIPTION = "No subscription found. Please subscribe first.";

describe("billing plan changes", () => {
  it("updateSeats POSTs {extra_seats, seat_price_id} and answers {success, extra_seats}", async () => {
    const h = setup();
    h.fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 0 };
    const result = await updateSeats(h.client, {
      extra_seats: 3,
      seat_price_id: "price_business_seat_monthly",
    });
    const request = h.last("/v1/billing/seats");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      extra_seats: 3,
      seat_price_id: "price_business_seat_monthly",
    });
    assert.deepEqual(result, { success: true, extra_seats: 3 });
    assert.equal(h.fake.platform.billingSubscription.seats, 3);
  });

  it("updateSeats refuses bad counts before sending; no subscription → NotFoundError", async () => {
    const h = setup();
    for (const extra_seats of [-1, 1.5, 2 ** 32, Number.NaN]) {
      await assert.rejects(
        updateSeats(h.client, { extra_seats, seat_price_id: "price_x" }),
        InvalidArgumentError,
      );
    }
    await assert.rejects(
      updateSeats(h.client, { extra_seats: 1, seat_price_id: "" }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, 0);
    await assert.rejects(
      updateSeats(h.client, { extra_seats: 1, seat_price_id: "price_x" }),
      (e: unknown) => e instanceof NotFoundError && e.message.includes(NO_SUBSCRIPTION),
    );
  });

  it("previewTierChange: upgrade is charged now, effective_at is null", async () => {
    const h = setup();
    h.fake.platform.billingSubscription = { tier: "pro", interval: "month", seats: 0 };
    const preview = await previewTierChange(h.client, {
      target_tier: "business",
      billing_interval: "month",
      seats: 7,
    });
    const request = h.last("/v1/billing/preview-tier-change");
    assert.equal(request.method, "POST");
    assert.deepEqual(JSON.parse(request.body!), {
      target_tier: "business",
      billing_interval: "month",
      seats: 7,
    });
    assert.deepEqual(Object.keys(preview).sort(), [
      "action",
      "effective_at",
      "next_renewal_amount_cents",
      "proration_amount_cents",
      "seats",
      "target_tier",
    ]);
    assert.equal(preview.action, "upgrade_immediate");
    assert.equal(preview.effective_at, null);
    assert.equal(preview.seats, 7);
    assert.equal(preview.next_renewal_amount_cents, 9900 + 2 * 1500);
    assert.ok(preview.proration_amount_cents > 0);
    // A preview changes nothing.
    assert.equal(h.fake.platform.billingSubscription.tier, "pro");
  });

  it("previewTierChange is retried (it only reads); changeTier is not (it charges)", async () => {
    const h = setup({ maxRetries: 2 });
    h.fake.platform.billingSubscription = { tier: "pro", interval: "month", seats: 0 };
    h.fake.faults.add({
      path: "/v1/billing/preview-tier-change",
      status: 502,
      headers: { "retry-after": "0" },
    });
    const preview = await previewTierChange(h.client, {
      target_tier: "business",
      billing_interval: "month",
    });
    assert.equal(preview.action, "upgrade_immediate");
    assert.equal(
      h.fake.requests.filter((r) => r.path === "/v1/billing/preview-tier-change").length,
      2,
    );
    h.fake.faults.add({
      path: "/v1/billing/change-tier",
      status: 502,
      headers: { "retry-after": "0" },
    });
    await assert.rejects(
      changeTier(h.client, { target_tier: "business", billing_interval: "month" }),
    );
    assert.equal(h.fake.requests.filter((r) => r.path === "/v1/billing/change-tier").length, 1);
  });

  it("changeTier: upgrade applies now with a proration invoice", async () => {
    const h = setup();
    h.fake.platform.billingSubscription = { tier: "pro", interval: "month", seats: 0 };
    const result = await changeTier(h.client, {
      target_tier: "enterprise",
      billing_interval: "year",
      seats: 10,
    });
    assert.equal(h.last().path, "/v1/billing/change-tier");
    assert.deepEqual(JSON.parse(h.last().body!), {
      target_tier: "enterprise",
      billing_interval: "year",
      seats: 10,
    });
    assert.deepEqual(Object.keys(result).sort(), [
      "action",
      "effective_at",
      "proration_amount_cents",
      "proration_invoice_id",
      "seats",
      "target_tier",
    ]);
    assert.equal(result.action, "upgrade_immediate");
    assert.match(result.proration_invoice_id!, /^in_/);
    assert.equal(result.effective_at, null);
    assert.equal(h.fake.platform.billingSubscription.tier, "enterprise");
  });

  it("changeTier to free cancels at the period end: no invoice, seats 0, effective_at set", async () => {
    const h = setup();
    h.fake.platform.billingSubscription = { tier: "business", interval: "month", seats: 2 };
    const result = await changeTier(h.client, { target_tier: "free", billing_interval: "month" });
    assert.deepEqual(JSON.parse(h.last().body!), {
      target_tier: "free",
      billing_interval: "month",
    });
    assert.equal(result.action, "cancel_at_period_end");
    assert.equal(result.proration_invoice_id, null);
    assert.equal(result.proration_amount_cents, 0);
    assert.equal(result.seats, 0);
    assert.match(result.effective_at!, /^\d{4}-\d\d-\d\dT.*Z$/);
    const downgrade = await previewTierChange(h.client, {
      target_tier: "pro",
      billing_interval: "month",
    });
    assert.equal(downgrade.action, "downgrade_at_period_end");
    assert.equal(downgrade.proration_amount_cents, 0);
    assert.equal(downgrade.effective_at, result.effective_at);
  });

  it("bad input is refused before sending; the server's 422 and 501 are typed", async () => {
    const h = setup();
    await assert.rejects(
      previewTierChange(h.client, {
        target_tier: "pro",
        billing_interval: "weekly" as "month",
      }),
      InvalidArgumentError,
    );
    await assert.rejects(
      changeTier(h.client, { target_tier: "pro", billing_interval: "month", seats: -2 }),
      InvalidArgumentError,
    );
    assert.equal(h.fake.requests.length, 0);
    const raw = await h.client.request({
      method: "POST",
      path: "/v1/billing/preview-tier-change",
      json: { target_tier: "pro" },
    }).catch((e) => e);
    assert.ok(raw instanceof UnprocessableEntityError);
    h.fake.platform.billingConfigured = false;
    await assert.rejects(
      changeTier(h.client, { target_tier: "pro", billing_interval: "month" }),
      BillingNotConfiguredError,
    );
  });
});
