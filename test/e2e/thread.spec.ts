import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { adminApi, customerWrites, type E2eParley, signIn, startE2eParley } from "../support/e2eParley.ts";
import { FIRST_SEEDED_TEXT, seedLongThread } from "../support/threadSeeder.ts";

const SEEDED = 5000;
const CUSTOMER = { id: 5005, firstName: "Līga", lastName: "Ozola", languageCode: "lv" as const };
const PHOTO_CAPTION = "Here is the box as it arrived";

let parley: E2eParley | undefined;
let conversationId = "";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-thread-"));

/**
 * A customer sends a photo through the simulator (the real webhook, getFile and file download), Parley stops,
 * the conversation gets 5,000 older messages written into its database, and Parley starts again on the same
 * data: a thread as long as a years-old customer's, without minutes of webhooks.
 */
test.beforeAll(async () => {
  test.setTimeout(240_000);
  const first = await startE2eParley({ dataDir });
  try {
    await customerWrites(first, {
      platform: "telegram",
      visibility: "private",
      text: PHOTO_CAPTION,
      attachment: "image",
      person: CUSTOMER,
    });
    const api = await adminApi(first);
    const deadline = Date.now() + 30_000;
    while (!conversationId) {
      if (Date.now() > deadline) throw new Error("the photo's conversation did not appear");
      const list = await api.get(`/api/conversations?q=${encodeURIComponent("Ozola")}`);
      conversationId = list.body.items[0]?.id ?? "";
      if (!conversationId) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await first.stop();
  }
  await seedLongThread(dataDir, conversationId, SEEDED);
  parley = await startE2eParley({ dataDir });
});

test.afterAll(async () => {
  await parley?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("a 5,000-message thread opens at the latest message with a few dozen rows in the page, shows the customer's photo, and scrolls back to the first message", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const baseUrl = parley!.baseUrl;
  await signIn(page, baseUrl);
  await page.goto(`${baseUrl}/inbox/${conversationId}`);

  const feed = page.getByRole("feed", { name: /Līga Ozola/ });
  await expect(feed).toBeVisible();
  const photoMessage = page.getByTestId("message").filter({ hasText: PHOTO_CAPTION });
  await expect(photoMessage).toBeVisible({ timeout: 20_000 });

  // The photo is drawn from Parley's own address, fetched from the platform with the bot's token.
  const photo = photoMessage.getByTestId("attachment-image");
  await expect(photo).toHaveAttribute("src", /^\/api\/messages\/[0-9a-f-]{36}\/attachments\/0$/);
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);

  // Virtualised: a bounded number of rows exist, whatever the thread's length.
  const rendered = await page.getByTestId("message").count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(80);
  await expect(feed.locator("article").last()).toHaveAttribute("aria-setsize", String(SEEDED + 1));

  // The thumbnail opens the picture full size in a modal viewer; Esc closes it.
  await photoMessage.getByRole("button", { name: /full size/ }).click();
  const viewer = page.getByTestId("image-viewer");
  await expect(viewer).toBeVisible();
  await expect
    .poll(() => viewer.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  // Keyboard: Page Up moves the focus from one message to the one before it.
  const last = feed.locator("article").last();
  await last.focus();
  const lastPosition = Number(await last.getAttribute("aria-posinset"));
  await page.keyboard.press("PageUp");
  await expect(page.locator("article:focus")).toHaveAttribute("aria-posinset", String(lastPosition - 1));

  expect(
    (await new AxeBuilder({ page }).include(".conversation").analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);

  // Scrolling up loads the older pages, keeping the reader's place, until the very first message.
  const list = page.getByTestId("message-list");
  const first = page.getByTestId("message").filter({ hasText: FIRST_SEEDED_TEXT });
  await expect(async () => {
    await list.evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect(first).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 150_000, intervals: [50] });
  await expect(feed.locator("article").first()).toHaveAttribute("aria-posinset", "1");
  expect(await page.getByTestId("message").count()).toBeLessThan(80);
});
