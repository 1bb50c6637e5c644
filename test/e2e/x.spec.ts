import { expect, test } from "@playwright/test";
import { parleyForSpecFile, signIn, simulatorCalls } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

test("an X mention heard on the filtered stream is answered in public, and the reply goes out once", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  const person = { id: 727272, firstName: "Marta", lastName: "Wiśniewska", languageCode: "pl" };
  // A complaint under the brand's post: heard on the demo's stream, a case for a person.
  const text = `Zamówienie przyszło uszkodzone, jestem bardzo zawiedziona #${Date.now()}`;
  // The demo's stream is open before the customer posts (what X sends while nobody listens is backfilled later).
  await expect
    .poll(async () => (await simulatorCalls(parley, "x", "GET /2/tweets/search/stream")).length, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  const acted = await fetch(`${parley.simUrl}/_sim/act`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ platform: "x", visibility: "public", text, person }),
  });
  expect(acted.status).toBe(200);
  // No webhook answers it: the post waits on X until Parley's stream reads it (status 0, as for polling).
  expect(((await acted.json()) as { status: number }).status).toBe(0);

  const item = page.getByTestId("conversation-item").filter({ hasText: "Marta Wiśniewska" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  await expect(page.getByTestId("message").filter({ hasText: "uszkodzone" })).toBeVisible();

  const reply = `Marto, przepraszamy! Wyślemy nową paczkę jutro. ${Date.now()}`;
  await page.getByTestId("reply-text").fill(reply);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message").filter({ hasText: reply })).toHaveAttribute(
    "data-delivery-status",
    /delivered|read/,
    { timeout: 20_000 },
  );
  const posted = (await simulatorCalls(parley, "x", "POST /2/tweets")).filter((c) => c.params.text === reply);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.params.reply).toEqual({ in_reply_to_tweet_id: expect.stringMatching(/^\d{19}$/) });
});
