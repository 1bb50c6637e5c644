import { expect, test } from "@playwright/test";
import { customerWrites, parleyForSpecFile, signIn, simulatorCalls } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

async function simulator(path: string, body: unknown): Promise<{ status: number }> {
  const res = await fetch(`${parley.simUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: number };
}

test("a Viber customer is answered and the reply delivered; once they unsubscribe the reply box says so and sends nothing", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  const person = { id: 616161, firstName: "Ieva", lastName: "Ozola", languageCode: "lv" };
  // A complaint for a person, not a question the demo's FAQ bot answers.
  const text = `Paka atbrauca saplēsta un trūkst lādētāja, esmu ļoti neapmierināta #${Date.now()}`;
  await customerWrites(parley, { platform: "viber", visibility: "private", text, person });

  const item = page.getByTestId("conversation-item").filter({ hasText: "Ieva Ozola" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item).toContainText("VB");
  await item.click();
  await expect(page.getByTestId("message").filter({ hasText: "trūkst lādētāja" })).toBeVisible();

  const reply = `Ieva, atvainojamies! Nosūtīsim lādētāju rīt. ${Date.now()}`;
  await page.getByTestId("reply-text").fill(reply);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message").filter({ hasText: reply })).toHaveAttribute(
    "data-delivery-status",
    /delivered|read/,
    { timeout: 20_000 },
  );
  const sent = (await simulatorCalls(parley, "viber", "send_message")).filter((c) => c.params.text === reply);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.params.sender).toEqual({ name: "Nordmart" });

  expect((await simulator("/_sim/viber/subscription", { subscribed: false, person })).status).toBe(200);
  const notice = page.getByTestId("reply-blocked");
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toContainText("Ieva Ozola");
  await page.getByTestId("reply-text").fill("Vai vēl varam palīdzēt?");
  await expect(page.getByTestId("reply-send")).toBeDisabled();
  // A note for the team still goes in.
  await page.getByTestId("note-toggle").click();
  await expect(page.getByTestId("reply-blocked")).toHaveCount(0);
  await expect(page.getByTestId("reply-send")).toBeEnabled();
});

test("an admin adds a Viber bot under Channels and Parley registers its webhook with set_webhook", async ({
  page,
}) => {
  const bot = {
    authToken: "e2e0viber0bot0token-7c1d9a2f3e58b4a6",
    name: "Nordmart Help",
    uri: "nordmarthelp",
  };
  await simulator("/_sim/viber/bots", bot);
  await signIn(page, parley.baseUrl);
  await page.goto(`${parley.baseUrl}/channels`);
  await page.getByTestId("add-channel").click();
  await page.locator("form.channel-form select").first().selectOption("viber");
  await expect(page.getByTestId("viber-setup-hint")).toContainText("set_webhook");
  await page.getByLabel("Name", { exact: true }).fill("Viber help bot");
  await page.locator("#channel-authToken").fill(bot.authToken);
  await page.locator("#channel-senderName").fill(bot.name);
  await page.locator("#channel-welcomeMessage").fill("Sveiki! Kā varam palīdzēt?");
  await page.getByLabel("API base URL").fill(parley.simUrl);
  await page.getByRole("button", { name: "Save", exact: true }).click();

  const row = page.locator("tr").filter({ hasText: "Viber help bot" });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId("channel-status")).toHaveText(/active/i);
  await expect(row).toContainText("authToken");
  await expect(row).not.toContainText(bot.authToken);
  const webhookUrl = (await row.locator("code").textContent()) ?? "";
  expect(webhookUrl).toMatch(/\/webhooks\/viber\/[0-9a-f-]{36}$/);
  const registered = (await simulatorCalls(parley, "viber", "set_webhook")).filter(
    (c) => c.params.url === webhookUrl,
  );
  expect(registered).toHaveLength(1);
});
