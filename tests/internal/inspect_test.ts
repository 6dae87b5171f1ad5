import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { defineInspect } from "../../internal/inspect.ts";

const DENO_HOOK = Symbol.for("Deno.customInspect");
const NODE_HOOK = Symbol.for("nodejs.util.inspect.custom");

class Secret {
  constructor(readonly label: string, readonly value: string) {
    defineInspect(Secret.prototype, (secret) => `Secret(${secret.label})`);
  }
}
class NamedSecret extends Secret {}

describe("defineInspect", () => {
  it("gives the class both hooks when the first instance is made, not before", () => {
    assert.equal(Object.hasOwn(Secret.prototype, NODE_HOOK), false);
    const secret = new Secret("api key", "s3cr3t");
    for (const hook of [DENO_HOOK, NODE_HOOK]) {
      const descriptor = Object.getOwnPropertyDescriptor(Secret.prototype, hook);
      assert.equal(typeof descriptor?.value, "function");
      assert.equal(descriptor?.enumerable, false, "like a method of a class body");
      assert.equal((secret as unknown as Record<symbol, () => string>)[hook](), "Secret(api key)");
    }
    assert.equal(inspect(secret), "Secret(api key)");
    assert.ok(!inspect(secret, { showHidden: true, depth: 5 }).includes("s3cr3t"));
  });

  it("defines the hooks once, and subclasses inherit them", () => {
    const first = Object.getOwnPropertyDescriptor(Secret.prototype, NODE_HOOK)?.value;
    const named = new NamedSecret("token", "t0k3n");
    assert.equal(Object.getOwnPropertyDescriptor(Secret.prototype, NODE_HOOK)?.value, first);
    assert.equal(Object.hasOwn(NamedSecret.prototype, NODE_HOOK), false);
    assert.equal(inspect(named), "Secret(token)");
    assert.equal(inspect({ nested: [named] }), "{ nested: [ Secret(token) ] }");
  });
});
