import type { AttachmentLocation } from "./channelAdapter.ts";

function hostMatches(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * A file address found in a webhook or an API answer, if it is one Parley may fetch: HTTPS on one of the
 * platform's own file hosts (`hostSuffixes`, e.g. "fbcdn.net" for every *.fbcdn.net), or anything on the
 * channel's configured API origin (the simulator or a test server standing in for the platform). Everything
 * else is refused before any request is made: the address is customer-adjacent data, and guardedFetch only
 * keeps it out of the private network, not off arbitrary public hosts.
 */
export function platformFileUrl(
  candidate: string | undefined,
  apiBaseUrl: string,
  hostSuffixes: readonly string[],
): URL | null {
  if (!candidate) return null;
  let url: URL;
  let api: URL;
  try {
    url = new URL(candidate);
    api = new URL(apiBaseUrl);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.origin === api.origin) return url;
  if (url.protocol !== "https:") return null;
  return hostMatches(url.hostname.toLowerCase(), hostSuffixes) ? url : null;
}

/** A location for a file the webhook gave a direct address for (Meta's CDN, VK): no credential goes with it. */
export function directFileLocation(
  candidate: string | undefined,
  apiBaseUrl: string,
  hostSuffixes: readonly string[],
): AttachmentLocation {
  if (!candidate) return { ok: false, reason: "gone", detail: "no file address" };
  const url = platformFileUrl(candidate, apiBaseUrl, hostSuffixes);
  return url
    ? { ok: true, url: url.toString() }
    : { ok: false, reason: "refused", detail: "the file address is not on the platform's file hosts" };
}
