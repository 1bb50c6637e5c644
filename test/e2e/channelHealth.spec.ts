import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

test("an admin opens a channel's health from the channels page and sees when it last heard the platform", async ({
  page,
}) => {
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Is the shop open on Sunday? #${Date.now()}`,
    person: { id: 757575, firstName: "Olaf", lastName: "Lind", languageCode: "en" },
  });
  await signIn(page, parley.baseUrl);
  await page.getByTestId("channels-link").click();
  const row = page.locator("tr").filter({ hasText: "telegram" }).first();
  await row.getByTestId("channel-health-link").click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}$/);
  const health = page.getByTestId("channel-health-page");
  await expect(health.getByRole("heading", { level: 1 })).toContainText("Health of");
  await expect(page.getByTestId("last-event-in")).not.toHaveText("never");
  // The page is a link of its own: reloading it shows the same channel.
  await page.reload();
  await expect(page.getByTestId("channel-health-page")).toBeVisible();
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(serious.map((v) => v.id)).toEqual([]);
});
