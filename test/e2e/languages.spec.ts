import { expect, test } from "@playwright/test";
import { customerWrites, E2E_ADMIN, parleyForSpecFile } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

/** The message files of the other languages, as the build names them (assets/ru-<hash>.js). */
const LANGUAGE_FILE = /\/assets\/(ru|pl|lv)-[\w-]+\.js$/;

test("a language is fetched when chosen, kept across a reload, and counts in its own plural forms", async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    const match = LANGUAGE_FILE.exec(new URL(request.url()).pathname);
    if (match) fetched.push(match[1]!);
  });
  const stamp = Date.now();
  for (const [id, firstName] of [
    [717171, "Zofia"],
    [727272, "Piotr"],
  ] as const) {
    await customerWrites(parley, {
      platform: "telegram",
      visibility: "private",
      text: `Pytanie o zamówienie ${stamp}`,
      person: { id, firstName, lastName: "Nowak", languageCode: "pl" },
    });
  }

  await page.goto(parley.baseUrl);
  await expect(page.getByTestId("login-submit")).toHaveText("Sign in");
  expect(fetched).toEqual([]);
  await page.getByTestId("language-select").selectOption("pl");
  await expect(page.getByTestId("login-submit")).toHaveText("Zaloguj się");
  expect(fetched).toEqual(["pl"]);
  await page.reload();
  await expect(page.getByTestId("login-submit")).toHaveText("Zaloguj się");

  await page.getByTestId("login-email").fill(E2E_ADMIN.email);
  await page.getByTestId("login-password").fill(E2E_ADMIN.password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("inbox-search").fill(String(stamp));
  await page.getByTestId("inbox-search").press("Enter");
  const rows = page.getByTestId("conversation-item");
  await expect(rows).toHaveCount(2, { timeout: 20_000 });
  // Each row by its customer, not by its place: triage finishing for one of them may reorder the list between the
  // two clicks, and the second click would then land on the row already checked.
  const selectOf = (firstName: string) =>
    page
      .getByTestId("conversation-list")
      .locator("li")
      .filter({ hasText: firstName })
      .getByTestId("conversation-select");
  await selectOf("Zofia").check();
  await selectOf("Piotr").check();
  const selected = page.getByTestId("bulk-bar").locator("strong");
  await expect(selected).toHaveText("Zaznaczono 2 rozmowy");

  // Switching keeps the page as it is, the selection included: only the words change.
  await page.getByTestId("language-select").selectOption("ru");
  await expect(selected).toHaveText("Выбрано 2 обращения");
  await page.getByTestId("language-select").selectOption("lv");
  await expect(selected).toHaveText("Atlasītas 2 sarunas");
  await selectOf("Piotr").uncheck();
  await expect(selected).toHaveText("Atlasīta 1 saruna");
  await page.getByTestId("language-select").selectOption("en");
  await expect(selected).toHaveText("1 conversation selected");
});
