import { expect, test } from "@playwright/test";
import { parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

test("a review-site feed is added, its mention appears in listening, and an agent opens the page and records answering it there", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  // An admin adds the review site's feed (the simulator's RSS feed, which has published a complaint about Nordmart).
  await page.goto(`${parley.baseUrl}/channels`);
  await page.getByTestId("add-channel").click();
  await page.getByTestId("channel-platform").selectOption("web_feed");
  await page.getByTestId("web-source-name").fill("Otzovik reviews");
  await page.getByTestId("web-feed-url").fill(`${parley.simUrl}/feeds/otzovik-ru`);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.locator("tr").filter({ hasText: "Otzovik reviews" })).toContainText("/feeds/otzovik-ru");

  await page.goto(`${parley.baseUrl}/listening`);
  const mention = page.getByTestId("mention").filter({ hasText: "доставка опоздала" });
  await expect(mention).toBeVisible({ timeout: 20_000 });
  await expect(mention).toContainText("web");
  await mention.getByRole("button").last().click();

  await expect(page.getByTestId("message").filter({ hasText: "поддержка не отвечает" })).toBeVisible();
  const box = page.getByTestId("site-answer");
  await expect(box).toBeVisible();
  await expect(page.getByTestId("reply-send")).toHaveCount(0);
  const open = page.getByTestId("open-site-page");
  await expect(open).toHaveAttribute("href", "https://otzovik.example/reviews/nordmart/1");
  await expect(open).toHaveAttribute("rel", "noopener noreferrer");
  await expect(open).toHaveAttribute("target", "_blank");

  const answer = `Марина, извините за задержку! Написали вам в личные сообщения. ${Date.now()}`;
  await page.getByTestId("site-answer-text").fill(answer);
  await page.getByTestId("answered-on-site").click();
  const recorded = page.getByTestId("message").filter({ hasText: answer });
  await expect(recorded).toBeVisible();
  await expect(recorded.getByTestId("answered-on-site-tag")).toHaveText("Answered on the site");
  await expect(recorded).toHaveAttribute("data-direction", "out");
});

test("an admin adds a mention webhook and sees its URL and secret once", async ({ page }) => {
  await signIn(page, parley.baseUrl);
  await page.goto(`${parley.baseUrl}/channels`);
  await page.getByTestId("add-channel").click();
  await page.getByTestId("channel-platform").selectOption("web_webhook");
  await page.getByTestId("web-source-name").fill("Brand monitor");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const secret = (await page.getByTestId("mention-webhook-secret").textContent()) ?? "";
  expect(secret.length).toBeGreaterThanOrEqual(40);
  await expect(page.getByTestId("mention-webhook-url")).toContainText("/webhooks/web/");
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.locator("tr").filter({ hasText: "Brand monitor" });
  await expect(row).toBeVisible();
  await expect(row).toContainText("secret");
  await expect(row).not.toContainText(secret);
});
