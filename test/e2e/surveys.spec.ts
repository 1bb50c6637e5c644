import { expect, test } from "@playwright/test";
import { customerWrites, parleyForSpecFile, signIn, simulatorCalls } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

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
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `My blender stopped working after two days, order 7741 #${Date.now()}`,
    person,
  });
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
  await expect(page.getByTestId("survey-badge")).toContainText("Survey asked, no answer yet", {
    timeout: 20_000,
  });
  const calls = await simulatorCalls(parley, "telegram", "sendMessage");
  const survey = calls.find((c) => String(c.params.chat_id) === String(person.id) && c.params.reply_markup);
  const keyboard = survey?.params.reply_markup as { inline_keyboard: unknown[][] } | undefined;
  expect(keyboard?.inline_keyboard.flat()).toHaveLength(5);
});
