import { expect, test } from "@playwright/test";
import { type E2eParley, signIn, startE2eParley } from "../support/e2eParley.ts";

let parley: E2eParley;

test.beforeAll(async () => {
  parley = await startE2eParley();
});
test.afterAll(async () => {
  await parley?.stop();
});

test("a supervisor turns surveys on, an agent snoozes and wakes a case, and resolving it asks the customer with buttons", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  await page.getByTestId("settings-link").click();
  await page.getByTestId("settings-tab-surveys").click();
  const form = page.getByTestId("survey-settings");
  await form.getByLabel("Ask customers after a case is resolved").check();
  await form.getByLabel("Ask after (minutes)").fill("0");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();

  const person = { id: 515151, firstName: "Karl", lastName: "Svensson", languageCode: "en" };
  const acted = await fetch(`${parley.simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      platform: "telegram",
      visibility: "private",
      text: `My blender stopped working after two days, order 7741 #${Date.now()}`,
      person,
    }),
  });
  expect(acted.status).toBe(200);
  await page.getByTestId("inbox-link").click();
  const item = page.getByTestId("conversation-item").filter({ hasText: "Karl Svensson" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();

  await page.getByTestId("snooze-select").selectOption("1h");
  await expect(page.getByTestId("snooze")).toContainText("Snoozed until");
  await expect(page.getByTestId("status-select")).toHaveValue("pending");
  await page.getByTestId("snooze").getByRole("button", { name: "Wake now" }).click();
  await expect(page.getByTestId("snooze-select")).toBeVisible();
  await expect(page.getByTestId("status-select")).toHaveValue("open");

  await page.getByTestId("reply-text").fill("We are sending a replacement today.");
  await page.getByTestId("reply-send").click();
  await page.getByTestId("status-select").selectOption("resolved");
  await expect(page.getByTestId("message").filter({ hasText: "How would you rate our help?" })).toBeVisible({
    timeout: 20_000,
  });
  const calls = (await (
    await fetch(`${parley.simUrl}/_sim/calls?platform=telegram&method=sendMessage`)
  ).json()) as {
    items: { params: { chat_id?: unknown; reply_markup?: { inline_keyboard: unknown[][] } } }[];
  };
  const survey = calls.items.find(
    (c) => String(c.params.chat_id) === String(person.id) && c.params.reply_markup,
  );
  expect(survey?.params.reply_markup?.inline_keyboard.flat()).toHaveLength(5);
});
