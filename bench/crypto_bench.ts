// deno-lint-ignore-file no-import-prefix -- peers are pinned inline so the root import map stays untouched
/**
 * SEAL primitives: Ed25519 sign and verify of an ~800-byte canonical message, the SDK (WebCrypto)
 * against `@noble/curves` (pure JS); and canonical-message construction for a 10 KB payload
 * against `canonicalize` (RFC 8785 JCS, a different canonical form, shown for scale) and plain
 * `JSON.stringify` (no key sorting, the floor). Prints one `BENCH_RESULT` JSON line.
 *
 * @module
 */

import { ed25519 } from "npm:@noble/curves@2.4.0/ed25519.js";
import canonicalize from "npm:canonicalize@4.0.0";
import { createCanonicalMessage } from "../seal/canonical.ts";
import { Ed25519Key, importVerifyKey, verifyEd25519 } from "../seal/key.ts";
import { createSealEnvelope, verifySealEnvelope } from "../seal/envelope.ts";
import {
  check,
  type Contender,
  emit,
  isQuickRun,
  roundRobin,
  runtimeInfo,
  type Summary,
  withoutTimes,
} from "./lib/measure.ts";

const quick = isQuickRun();
const budget = (ms: number) => ({
  warmupRounds: quick ? 1 : 3,
  maxTimeMs: quick ? 200 : ms,
  minRounds: quick ? 2 : 7,
  maxRounds: 300,
});

/** A tools/call payload whose canonical message is close to `targetBytes`. */
function toolCall(targetBytes: number, token: string): unknown {
  const payload = {
    jsonrpc: "2.0",
    id: 42,
    method: "tools/call",
    params: {
      name: "fs.write_file",
      arguments: {
        path: "/workspace/report.md",
        content: "",
        mode: 420,
        append: false,
      },
    },
  };
  const base = createCanonicalMessage(token, payload, 1743600000).length;
  payload.params.arguments.content = "Quarterly summary: all checks passed. "
    .repeat(4096)
    .slice(0, Math.max(0, targetBytes - base));
  return payload;
}

/** A ~10 KB payload with nesting, numbers and unsorted keys, as canonicalization input. */
function bigPayload(): unknown {
  const items = [];
  for (
    let i = 0;
    items.length === 0 || JSON.stringify(items).length < 9800;
    i++
  ) {
    items.push({
      zeta: `item-${i}`,
      alpha: i * 1.5,
      nested: { b: [i, i + 1, "x"], a: true, c: null },
      text: "naïve café ✓",
    });
  }
  return {
    jsonrpc: "2.0",
    id: 7,
    method: "tools/call",
    params: { name: "bulk", arguments: { items } },
  };
}

const TOKEN = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl";
const seed = new Uint8Array(32).map((_, i) => (i * 7 + 3) & 0xff);
const key = await Ed25519Key.fromSeed(seed);
const publicKey = key.getPublicKeyBytes();
const verifyKey = await importVerifyKey(publicKey);
const message = createCanonicalMessage(TOKEN, toolCall(800, TOKEN), 1743600000);

const sdkSignature = await key.sign(message);
const nobleSignature = ed25519.sign(message, seed);
check(
  sdkSignature.length === 64 &&
    sdkSignature.every((b, i) => b === nobleSignature[i]),
  "SDK and noble Ed25519 signatures differ for the same seed and message",
);
check(
  await verifyEd25519(verifyKey, sdkSignature, message),
  "SDK rejected its own signature",
);
check(
  ed25519.verify(nobleSignature, message, publicKey),
  "noble rejected its own signature",
);
check(
  ed25519.getPublicKey(seed).every((b, i) => b === publicKey[i]),
  "public keys differ",
);

const OPS = quick ? 20 : 100;
const repeat = (fn: () => unknown): Contender["run"] => async () => {
  let last: unknown;
  for (let i = 0; i < OPS; i++) last = await fn();
  return last;
};
const sign = await roundRobin([
  {
    name: "sdk Ed25519Key.sign (WebCrypto)",
    ops: OPS,
    run: repeat(() => key.sign(message)),
  },
  {
    name: "noble ed25519.sign",
    ops: OPS,
    run: repeat(() => ed25519.sign(message, seed)),
  },
], budget(2500));
const verify = await roundRobin([
  {
    name: "sdk verifyEd25519 (WebCrypto)",
    ops: OPS,
    run: repeat(() => verifyEd25519(verifyKey, sdkSignature, message)),
  },
  {
    name: "noble ed25519.verify",
    ops: OPS,
    run: repeat(() => ed25519.verify(sdkSignature, message, publicKey)),
  },
], budget(2500));

const envelopePayload = toolCall(800, TOKEN);
const envelope = JSON.parse(
  JSON.stringify(await createSealEnvelope(TOKEN, envelopePayload, key)),
);
const envelopes = await roundRobin([
  {
    name: "sdk createSealEnvelope",
    ops: OPS,
    run: repeat(() => createSealEnvelope(TOKEN, envelopePayload, key)),
  },
  {
    name: "sdk verifySealEnvelope",
    ops: OPS,
    run: repeat(() => verifySealEnvelope(envelope, publicKey)),
  },
], budget(1500));

const payload = bigPayload();
const canonicalBytes =
  createCanonicalMessage(TOKEN, payload, 1743600000).length;
const encoder = new TextEncoder();
const jcs = canonicalize as unknown as (value: unknown) => string;
const CANON_OPS = quick ? 50 : 200;
const repeatSync = (fn: () => unknown): Contender["run"] => () => {
  let last: unknown;
  for (let i = 0; i < CANON_OPS; i++) last = fn();
  return last;
};
const canonical = await roundRobin([
  {
    name: "sdk createCanonicalMessage",
    ops: CANON_OPS,
    run: repeatSync(() => createCanonicalMessage(TOKEN, payload, 1743600000)),
  },
  {
    name: "canonicalize (JCS) + encode",
    ops: CANON_OPS,
    run: repeatSync(() =>
      encoder.encode(
        jcs({ payload, security_token: TOKEN, timestamp: 1743600000 }),
      )
    ),
  },
  {
    name: "JSON.stringify + encode (unsorted floor)",
    ops: CANON_OPS,
    run: repeatSync(() =>
      encoder.encode(
        JSON.stringify({
          payload,
          security_token: TOKEN,
          timestamp: 1743600000,
        }),
      )
    ),
  },
], budget(2000));

const us = (list: Summary[]) =>
  list.map((s) => ({ ...withoutTimes(s), perOpUs: s.perOpMs * 1000 }));
emit({
  bench: "crypto",
  ...runtimeInfo(),
  messageBytes: message.length,
  canonicalBytes,
  sign: us(sign),
  verify: us(verify),
  envelopes: us(envelopes),
  canonical: us(canonical).map((s) => ({
    ...s,
    mbPerSec: canonicalBytes / 1e6 / (s.perOpMs / 1e3),
  })),
});
