import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

async function openConversationOf(page: Page, name: string): Promise<string> {
  const item = page.getByTestId("conversation-item").filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  return new URL(page.url()).pathname.split("/").at(-1)!;
}

test("every view has a URL: reload, Back and a shared link show the same view", async ({ page }) => {
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `My order number 5521 never arrived, can someone check? #${Date.now()}`,
    person: { id: 717171, firstName: "Daria", lastName: "Nowak", languageCode: "en" },
  });
  await signIn(page, parley.baseUrl);
  const conversationId = await openConversationOf(page, "Daria Nowak");
  const header = page.locator(".conversation header h2");
  await expect(header).toHaveText("Daria Nowak");

  await page.reload();
  await expect(header).toHaveText("Daria Nowak");

  // A filter goes into the search; Back returns to the unfiltered list with the same conversation open.
  await page.getByRole("tab", { name: "New" }).click();
  await expect(page).toHaveURL(/\/inbox\?status=new$/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
  await expect(header).toHaveText("Daria Nowak");

  // A settings tab and the old e-mail link format both open where they point.
  await page.goto(`${parley.baseUrl}/settings?tab=sla`);
  await expect(page.getByTestId("settings-tab-sla")).toHaveClass(/active/);
  await page.goto(`${parley.baseUrl}/?conversation=${conversationId}`);
  await expect(page).toHaveURL(new RegExp(`/inbox/${conversationId}$`));
  await expect(header).toHaveText("Daria Nowak");
  await page.getByTestId("listening-link").click();
  await page.getByTestId("listening-tab-charts").click();
  await expect(page).toHaveURL(/\/listening\?tab=charts$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/listening$/);
});

test("the keyboard drives the inbox, and typing in the reply box is never taken for a shortcut", async ({
  page,
}) => {
  const stamp = Date.now();
  for (const [id, firstName] of [
    [727272, "Ilze"],
    [737373, "Marek"],
  ] as const)
    await customerWrites(parley, {
      platform: "telegram",
      visibility: "private",
      text: `The courier left my parcel at the wrong door #${stamp}`,
      person: { id, firstName, lastName: "Keyboard", languageCode: "en" },
    });
  await signIn(page, parley.baseUrl);
  await expect(page.getByTestId("conversation-item").filter({ hasText: "Marek Keyboard" })).toBeVisible({
    timeout: 20_000,
  });

  await page.keyboard.press("Shift+Slash");
  const sheet = page.getByTestId("shortcut-sheet");
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(sheet).toContainText("Assign to me");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();

  // J opens the first conversation, J again the next, K goes back.
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
  const first = page.url();
  await page.keyboard.press("j");
  await expect(page).not.toHaveURL(first);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(first);

  // R puts the caret in the reply box, where J is just a letter.
  const reply = page.getByTestId("reply-text");
  await expect(reply).toBeVisible();
  await page.keyboard.press("r");
  await expect(reply).toBeFocused();
  await page.keyboard.type("just");
  await expect(reply).toHaveValue("just");
  await expect(page).toHaveURL(first);
  await reply.fill("");

  // N switches to an internal note; leaving the field, A assigns to me and E resolves.
  await page.keyboard.press("Escape");
  await page.locator("body").click({ position: { x: 1, y: 1 } });
  await page.keyboard.press("n");
  await expect(page.getByTestId("note-toggle")).toHaveClass(/active/);
  await expect(reply).toBeFocused();
  await reply.blur();
  await page.keyboard.press("a");
  await expect(page.getByTestId("assignee-select").locator("option:checked")).not.toHaveText(/Unassigned/);
  await page.keyboard.press("e");
  await expect(page.getByTestId("status-select")).toHaveValue("resolved");

  await page.keyboard.press("Slash");
  await expect(page.getByTestId("inbox-search")).toBeFocused();
});

test("the inbox, a conversation and the shortcut sheet have no serious accessibility violations", async ({
  page,
}) => {
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Can I change the delivery address for order 8812? #${Date.now()}`,
    person: { id: 747474, firstName: "Axel", lastName: "Berg", languageCode: "en" },
  });
  await signIn(page, parley.baseUrl);
  await openConversationOf(page, "Axel Berg");
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(await serious()).toEqual([]);
  await page.keyboard.press("Shift+Slash");
  await expect(page.getByTestId("shortcut-sheet")).toBeVisible();
  expect(await serious()).toEqual([]);
});
