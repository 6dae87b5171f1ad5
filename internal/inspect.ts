/**
 * The `inspect` hooks of Deno (`Deno.inspect`, `console.log`) and of Node and Bun
 * (`util.inspect`), for classes that must never print their secrets.
 *
 * A hook written in a class body (`[Symbol.for("Deno.customInspect")]() {...}`) has a computed
 * key, which bundlers count as a side effect of defining the class: they then keep the class, and
 * all it uses, in every app that imports its module, used or not. So the hooks are put on the
 * prototype when the first instance is made instead, which leaves the class body pure.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

const HOOKS = ["Deno.customInspect", "nodejs.util.inspect.custom"];

/**
 * Gives every instance of a class (and of its subclasses) both `inspect` hooks, rendering with
 * `render`. Call it from the constructor: the first call defines the hooks (as non-enumerable
 * methods, like those of a class body), later ones only check that they are there.
 *
 * @example
 * ```ts
 * import { defineInspect } from "./inspect.ts";
 *
 * class Secret {
 *   constructor(readonly label: string, readonly value: string) {
 *     defineInspect(Secret.prototype, (secret) => `Secret ${secret.label}`);
 *   }
 * }
 * console.log(new Secret("api key", "s3cr3t")); // Secret api key
 * ```
 */
export function defineInspect<T extends object>(prototype: T, render: (self: T) => string): void {
  for (const name of HOOKS) {
    const key = Symbol.for(name);
    if (Object.hasOwn(prototype, key)) continue;
    Object.defineProperty(prototype, key, {
      value: function inspect(this: T): string {
        return render(this);
      },
      writable: true,
      configurable: true,
    });
  }
}
