/**
 * The redirect policy. Runtimes follow 3xx answers by default, re-sending the body and
 * client-wide headers (`X-Tenant-Id`, custom ones) to wherever the server points, even from
 * https to http, and turning a POST into a GET on 301/302/303. The SDK asks fetch for
 * `redirect: "manual"` and decides itself:
 *
 * - only redirects to the request's own origin (same scheme, host and port) are followed,
 *   at most {@link MAX_REDIRECTS} of them, with the same method, headers and body;
 * - 301/302/303 are followed only for GET and HEAD (elsewhere fetch would turn them into a GET);
 * - a streamed body is never re-sent, and the OAuth2 token request follows no redirect at all;
 * - everything else is an {@link AegisRedirectError} naming the status and the target without
 *   its query string. Browsers hide the target of a manual redirect (an "opaque redirect",
 *   status 0): those are refused too.
 *
 * Internal module: not part of the public API.
 *
 * @module
 */

import { AegisRedirectError } from "./errors.ts";
import type { RequestLabel } from "./response.ts";

/** Redirects followed for one attempt before giving up. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses after which fetch would switch a POST (or PUT, PATCH, DELETE) to a GET. */
const METHOD_CHANGING_STATUSES = new Set([301, 302, 303]);

/** What the policy needs to know about the request being redirected. */
export interface RedirectPolicy {
  /** False for the token request: it follows no redirect. */
  follow: boolean;
  /** False when the body is a stream that cannot be sent again. */
  replayableBody: boolean;
  /** For errors and logs. */
  label: RequestLabel;
  /** Told about each redirect that is followed. */
  onFollow?: (status: number, location: string) => void;
}

/**
 * Follows the redirects the policy allows, for a request sent with `redirect: "manual"` whose
 * first answer `first` is a redirect (callers check {@link isRedirect} first: most answers are
 * not, and need neither the policy object nor another async step). Resolves with the first
 * answer that is not a redirect; rejects with an {@link AegisRedirectError} for a redirect it
 * does not follow (its body is discarded).
 */
export async function followRedirects(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  first: Response,
  policy: RedirectPolicy,
): Promise<Response> {
  let current = url;
  let response = first;
  for (let hops = 0; isRedirect(response); hops++) {
    let next: URL;
    try {
      // The origin is parsed only here: most requests are never redirected.
      const origin = new URL(url).origin;
      next = redirectTarget(response, current, origin, hops, init.method ?? "GET", policy);
    } finally {
      await response.body?.cancel().catch(() => {});
    }
    current = next.href;
    policy.onFollow?.(response.status, describeLocation(next));
    response = await fetchImpl(current, init);
  }
  return response;
}

/** A redirect answer, including the opaque one browsers give for `redirect: "manual"`. */
export function isRedirect(response: Response): boolean {
  // The status first: it is what every answer is checked by, and where reading a property
  // crosses into native code (Bun, Deno), one read per call is measurably cheaper than two.
  // An opaque redirect has status 0.
  const status = response.status;
  return REDIRECT_STATUSES.has(status) || (status === 0 && response.type === "opaqueredirect");
}

/** Where a redirect may be followed to, or the {@link AegisRedirectError} that says why not. */
function redirectTarget(
  response: Response,
  current: string,
  origin: string,
  hops: number,
  method: string,
  policy: RedirectPolicy,
): URL {
  const refuse = (location: string | undefined, reason: string): AegisRedirectError =>
    new AegisRedirectError(
      {
        status: response.status,
        method: policy.label.method,
        path: policy.label.path,
        headers: response.headers,
        requestId: response.headers.get("x-request-id") ?? undefined,
      },
      location,
      reason,
    );
  if (response.type === "opaqueredirect") {
    throw refuse(undefined, "this runtime hides where redirects lead, so none is followed");
  }
  const header = response.headers.get("location");
  if (header === null) throw refuse(undefined, "the answer has no Location header");
  let target: URL;
  try {
    target = new URL(header, current);
  } catch {
    throw refuse(undefined, "its Location header is not a valid URL");
  }
  const location = describeLocation(target);
  if (!policy.follow) throw refuse(location, "the token request follows no redirects");
  const from = new URL(current);
  if (from.protocol === "https:" && target.protocol !== "https:") {
    throw refuse(location, `it would downgrade ${from.protocol} to ${target.protocol}`);
  }
  if (target.origin !== origin) throw refuse(location, "it leads to another origin");
  const upper = method.toUpperCase();
  if (METHOD_CHANGING_STATUSES.has(response.status) && upper !== "GET" && upper !== "HEAD") {
    throw refuse(location, `following it would turn the ${upper} into a GET`);
  }
  if (!policy.replayableBody) throw refuse(location, "a streamed request body cannot be re-sent");
  if (hops >= MAX_REDIRECTS) throw refuse(location, `more than ${MAX_REDIRECTS} redirects`);
  return target;
}

/** Scheme, host, port and path: never the query string, fragment or user credentials. */
function describeLocation(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}
