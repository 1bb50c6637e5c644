import { describe, expect, it } from "vitest";
import { accountLinkOf } from "./accountLink.ts";

describe("accountLinkOf", () => {
  it("reads the page and the token from an e-mailed link", () => {
    expect(accountLinkOf({ pathname: "/accept-invite", hash: "#token=abc_DEF-1" })).toEqual({
      kind: "invitation",
      token: "abc_DEF-1",
    });
    expect(accountLinkOf({ pathname: "/reset-password", hash: "#token=xyz" })).toEqual({
      kind: "password_reset",
      token: "xyz",
    });
  });

  it("offers the forgot-password form without a token, and leaves every other address to the app", () => {
    expect(accountLinkOf({ pathname: "/reset-password", hash: "" })).toEqual({ kind: "forgot" });
    expect(accountLinkOf({ pathname: "/accept-invite", hash: "" })).toBeNull();
    expect(accountLinkOf({ pathname: "/", hash: "#token=abc" })).toBeNull();
    expect(accountLinkOf({ pathname: "/reset-password", hash: "#token=<script>" })).toEqual({
      kind: "forgot",
    });
  });
});
