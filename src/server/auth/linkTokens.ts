import { randomBytes } from "node:crypto";
import { sha256 } from "./sessions.ts";

export type AccountLinkKind = "invitation" | "password_reset";

/**
 * A secret for an e-mailed link. Only its SHA-256 is stored: 256 random bits need no slow hash, and a database
 * dump then holds no link that works.
 */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token) };
}

/**
 * The page that takes the link. The token travels in the fragment, which browsers never send to a server: it
 * stays out of access logs, proxies and Referer headers until the page posts it.
 */
export function accountLinkUrl(publicUrl: string, kind: AccountLinkKind, token: string): string {
  const page = kind === "invitation" ? "accept-invite" : "reset-password";
  return `${publicUrl}/${page}#token=${token}`;
}
