import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/apiClient.ts";
import { mailText, startMailReceiver } from "../support/mailReceiver.ts";
import { dbTargets } from "../support/testDatabase.ts";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestParley,
  type TestParley,
  waitFor,
} from "../support/testParley.ts";

describe.each(dbTargets())("Invitation and reset e-mails over SMTP on $name", (target) => {
  let app: TestParley;
  let admin: ApiClient;
  let mail: Awaited<ReturnType<typeof startMailReceiver>>;

  beforeAll(async () => {
    mail = await startMailReceiver();
    app = await startTestParley(target, { smtpUrl: mail.url });
    admin = await ApiClient.login(app.url, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.stop();
    await mail?.stop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  /** The link to `page` in the mail `to` received, as the recipient would click it. */
  async function linkMailedTo(to: string, page: string): Promise<string> {
    const pattern = new RegExp(`${app.url}/${page}#token=[A-Za-z0-9_-]+`);
    return waitFor(
      async () =>
        mail.received
          .filter((m) => m.to === to)
          .map((m) => mailText(m).match(pattern)?.[0])
          .find((link) => link !== undefined),
      15_000,
      `a mail to ${to} with a ${page} link`,
    );
  }

  const tokenOf = (link: string) => new URL(link).hash.slice("#token=".length);

  it("mails the invitation with a link that works, and keeps the link out of the admin's answer", async () => {
    const invited = await admin.post("/api/invitations", { email: "ines@example.test", role: "supervisor" });
    expect(invited.status).toBe(201);
    expect(invited.body.delivery).toBe("sent");
    expect(invited.body).not.toHaveProperty("link");
    expect((await admin.get("/api/invitations")).body.mailConfigured).toBe(true);

    const link = await linkMailedTo("ines@example.test", "accept-invite");
    const text = mailText(mail.received.find((m) => m.to === "ines@example.test")!);
    expect(text).toMatch(/Subject: \[Parley\] Admin invites you to Parley/);
    expect(text).toContain("as a supervisor");

    const accepted = await post("/api/auth/invitation/accept", {
      token: tokenOf(link),
      name: "Ines Ozola",
      password: "ines-password-12",
    });
    expect(accepted.status).toBe(201);
    const ines = await ApiClient.login(app.url, "ines@example.test", "ines-password-12");
    expect((await ines.get("/api/me")).body.user).toMatchObject({ name: "Ines Ozola", role: "supervisor" });
  });

  it("writes the invitation in the inviting admin's language", async () => {
    const invited = await admin.post("/api/invitations", {
      email: "liga@example.test",
      role: "agent",
      language: "lv",
    });
    expect(invited.status).toBe(201);
    await linkMailedTo("liga@example.test", "accept-invite");
    // Quoted-printable decodes to bytes; the body is UTF-8.
    const bytes = mailText(mail.received.find((m) => m.to === "liga@example.test")!);
    const text = Buffer.from(bytes, "latin1").toString("utf8");
    expect(text).toContain("Jūsu loma: operators.");
    expect(text).toContain("Saite darbojas vienu reizi");
    expect(
      (await admin.post("/api/invitations", { email: "x@example.test", role: "agent", language: "de" }))
        .status,
    ).toBe(400);
  });

  it("mails a reset link to a known address only, with the same answer for an unknown one", async () => {
    const unknown = await post("/api/auth/password-reset", { email: "stranger@example.test" });
    const known = await post("/api/auth/password-reset", { email: "INES@example.test" });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());

    const link = await linkMailedTo("ines@example.test", "reset-password");
    const reset = await post("/api/auth/password-reset/confirm", {
      token: tokenOf(link),
      password: "ines-new-password-3",
    });
    expect(reset.status).toBe(200);
    expect(
      (await ApiClient.login(app.url, "ines@example.test", "ines-new-password-3")).csrfToken,
    ).toBeTruthy();
    // The unknown address was asked for before the known one, whose mail has arrived: none went out for it.
    expect(mail.received.filter((m) => m.to === "stranger@example.test")).toEqual([]);
  });
});
