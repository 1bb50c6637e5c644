import { describe, expect, it } from "vitest";
import { accountLinkUrl, newLinkToken } from "./linkTokens.ts";
import { sha256 } from "./sessions.ts";

describe("account link tokens", () => {
  it("keeps only the SHA-256 of a random 256-bit token", () => {
    const { token, tokenHash } = newLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash).toBe(sha256(token));
    expect(newLinkToken().token).not.toBe(token);
  });

  it("puts the token in the fragment, which browsers never send to a server", () => {
    const invite = new URL(accountLinkUrl("https://parley.example", "invitation", "abc_DEF-123"));
    expect(invite.pathname).toBe("/accept-invite");
    expect(invite.search).toBe("");
    expect(invite.hash).toBe("#token=abc_DEF-123");
    expect(new URL(accountLinkUrl("https://parley.example", "password_reset", "x")).pathname).toBe(
      "/reset-password",
    );
  });
});
