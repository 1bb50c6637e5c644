import { expect, test } from "@playwright/test";
import { parleyForSpecFile, signIn } from "../support/e2eParley.ts";
import { type MailServer, mailServerMissing, plainMail, startMailServer } from "../support/mailServer.ts";

const parley = parleyForSpecFile();
const missing = mailServerMissing();
let server: MailServer;

test.beforeAll(async () => {
  if (missing) return;
  server = await startMailServer([
    { name: "support", password: "e2e-mailbox-pass" },
    { name: "anna", password: "anna-pass" },
  ]);
});

test.afterAll(async () => {
  await server?.stop();
});

const mail = (id: string, headers: string[], body: string) => plainMail(id, headers, body);

test("an e-mail thread is answered and the customer's reply threads back into it", async ({ page }) => {
  test.skip(missing !== null, missing ?? "");
  await signIn(page, parley.baseUrl);
  await page.goto(`${parley.baseUrl}/channels`);
  await page.getByTestId("add-channel").click();
  await page.locator("form.channel-form select").first().selectOption("email");
  await expect(page.getByTestId("email-setup-hint")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Support mailbox");
  await page.locator("#channel-address").fill("support@shop.test");
  await page.locator("#channel-imapHost").fill(server.host);
  await page.locator("#channel-imapPort").fill(String(server.imapPort));
  await page.locator("#channel-imapTls").selectOption("false");
  await page.locator("#channel-imapUser").fill("support");
  await page.locator("#channel-imapPassword").fill("wrong-password");
  await page.locator("#channel-smtpHost").fill(server.host);
  await page.locator("#channel-smtpPort").fill(String(server.smtpPort));
  await page.locator("#channel-smtpTls").selectOption("false");
  // The connection test names the step that fails, then passes once the password is right.
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("connection-result")).toContainText("IMAP login");
  await page.locator("#channel-imapPassword").fill("e2e-mailbox-pass");
  await page.getByTestId("test-connection").click();
  await expect(page.getByTestId("connection-result")).toContainText("Connection works");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const row = page.locator("tr").filter({ hasText: "Support mailbox" });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText("e2e-mailbox-pass");

  const subject = `Broken kettle ${Date.now()}`;
  await server.deliver(
    "support",
    mail(
      "kettle-1@customer.test",
      ["From: Anna Kowalska <anna@customer.test>", "To: support@shop.test", `Subject: ${subject}`],
      "The kettle I got yesterday leaks, I am very unhappy.",
    ),
  );
  await page.goto(parley.baseUrl);
  const item = page.getByTestId("conversation-item").filter({ hasText: "Anna Kowalska" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  await expect(page.getByTestId("message").filter({ hasText: "kettle I got yesterday leaks" })).toBeVisible();

  const reply = `Anna, we are sending a new kettle today. ${Date.now()}`;
  await page.getByTestId("reply-text").fill(reply);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message").filter({ hasText: reply })).toHaveAttribute(
    "data-delivery-status",
    /delivered|read/,
    { timeout: 20_000 },
  );
  const sent = server.accepted.find((m) => m.raw.toString().includes(reply.slice(0, 30)));
  expect(sent?.to).toEqual(["anna@customer.test"]);
  const headers = sent!.raw.toString().replace(/\r?\n[ \t]+/g, " ");
  expect(headers).toContain("In-Reply-To: <kettle-1@customer.test>");
  const ourId = /Message-ID: <([^>]+)>/.exec(headers)![1]!;

  await server.deliver(
    "support",
    mail(
      "kettle-2@customer.test",
      [
        "From: Anna Kowalska <anna@customer.test>",
        "To: support@shop.test",
        `Subject: Re: ${subject}`,
        `In-Reply-To: <${ourId}>`,
        `References: <kettle-1@customer.test> <${ourId}>`,
      ],
      "Thank you, that is quick!\n\nOn Mon, Support wrote:\n> we are sending a new kettle",
    ),
  );
  await expect(page.getByTestId("message").filter({ hasText: "Thank you, that is quick!" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("conversation-item").filter({ hasText: "Anna Kowalska" })).toHaveCount(1);
});
