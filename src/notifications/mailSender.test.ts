import { describe, expect, it } from "vitest";
import { alertMail } from "./mailSender.ts";

describe("alertMail", () => {
  it("puts the alert's sentence in the subject and a link to the conversation in the body", () => {
    const mail = alertMail(
      {
        type: "sla.breached",
        text: "SLA breached: first response was due 2026-11-23T08:00:00.000Z (Riga office)",
        conversationId: "6f1c",
        metric: "first_response",
        dueAt: "2026-11-23T08:00:00.000Z",
        teamId: null,
        details: { ignored: true },
      },
      "https://parley.example",
    );
    expect(mail.subject).toBe(
      "[Parley] SLA breached: first response was due 2026-11-23T08:00:00.000Z (Riga office)",
    );
    expect(mail.text).toContain("metric: first_response");
    expect(mail.text).toContain("https://parley.example/?conversation=6f1c");
    expect(mail.text).not.toContain("teamId");
    expect(mail.text).not.toContain("ignored");
  });

  it("falls back to the alert type when there is no sentence", () => {
    expect(alertMail({ type: "sla.warning" }, "http://x").subject).toBe("[Parley] sla.warning");
  });
});
