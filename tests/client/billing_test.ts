import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  BillingNotConfiguredError,
  NotImplementedError,
  UnprocessableEntityError,
} from "../../mod.ts";
import { setup } from "../helpers.ts";

describe("billing", () => {
  it("listPrices is sent without a token and returns {tiers}", async () => {
    const h = setup();
    const { tiers } = await h.client.listPrices();
    const request = h.last("/v1/billing/prices");
    assert.equal(request.method, "GET");
    assert.equal(request.headers.get("authorization"), null);
    assert.ok(tiers.length > 0);
    assert.equal(typeof tiers[0].monthly?.amount, "number");
  });

  it("createCheckoutSession sends success_url/cancel_url; missing ones → 422", async () => {
    const h = setup();
    const request = {
      price_id: "price_business_monthly",
      success_url: "https://app.example/ok",
      cancel_url: "https://app.example/cancel",
      seat_price_id: "price_business_seat_monthly",
      seats: 3,
    };
    const { url } = await h.client.createCheckoutSession(request);
    assert.match(url, /^https:\/\//);
    assert.equal(h.last().method, "POST");
    assert.equal(h.last().path, "/v1/billing/checkout");
    assert.deepEqual(JSON.parse(h.last().body!), request);
    await assert.rejects(
      h.client.createCheckoutSession({ price_id: "p" } as never),
      UnprocessableEntityError,
    );
  });

  it("createPortalSession sends {return_url}", async () => {
    const h = setup();
    const { url } = await h.client.createPortalSession({ return_url: "https://app.example/s" });
    assert.match(url, /^https:\/\//);
    assert.deepEqual(JSON.parse(h.last("/v1/billing/portal").body!), {
      return_url: "https://app.example/s",
    });
  });

  it("getSubscriptionBilling and getInvoices return the contract's shapes", async () => {
    const h = setup();
    const sub = await h.client.getSubscriptionBilling();
    assert.equal(h.last().path, "/v1/billing/subscription");
    assert.equal(sub.status, "none");
    assert.equal(sub.cancel_at_period_end, false);
    h.fake.platform.invoices.push({
      id: "in_1",
      amount_due: 2000,
      amount_paid: 2000,
      currency: "usd",
      status: "Paid",
      created: 1_767_225_600,
      hosted_invoice_url: null,
      invoice_pdf: null,
    });
    const invoices = await h.client.getInvoices();
    assert.equal(h.last().path, "/v1/billing/invoices");
    assert.equal(invoices.count, 1);
    assert.equal(invoices.invoices[0].amount_due, 2000);
  });

  it("not configured → BillingNotConfiguredError (a NotImplementedError) on every call", async () => {
    const h = setup({}, { billingConfigured: false });
    const calls = [
      () => h.client.listPrices(),
      () => h.client.createCheckoutSession({ price_id: "p", success_url: "s", cancel_url: "c" }),
      () => h.client.createPortalSession({ return_url: "r" }),
      () => h.client.getSubscriptionBilling(),
      () => h.client.getInvoices(),
    ];
    for (const call of calls) {
      await assert.rejects(call(), (e: unknown) => {
        assert.ok(e instanceof BillingNotConfiguredError);
        assert.ok(e instanceof NotImplementedError);
        assert.equal(e.status, 501);
        assert.equal(e.code, "billing_not_configured");
        assert.equal(e.serverMessage, "Stripe billing is not configured");
        return true;
      });
    }
    h.fake.platform.billingConfigured = true;
    assert.ok((await h.client.listPrices()).tiers.length > 0);
  });

  it("other 501 codes stay plain NotImplementedError", async () => {
    const h = setup();
    h.fake.faults.add({
      path: "/v1/billing/invoices",
      status: 501,
      body: { error: "x_off", message: "m" },
    });
    await assert.rejects(h.client.getInvoices(), (e: unknown) => {
      assert.ok(e instanceof NotImplementedError);
      assert.ok(!(e instanceof BillingNotConfiguredError));
      return true;
    });
  });
});
