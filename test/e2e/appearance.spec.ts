import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { adminApi, customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

/**
 * The design system in a browser: the phone layout (compared with reference screenshots taken on this machine's
 * Chromium), dark mode with axe's contrast checks, and a theme chosen on My account that follows the person.
 */
const parley = parleyForSpecFile();

const PHONE = { width: 390, height: 844 };
// Fixed language and zone: what is left that changes from run to run (times, SLA clocks) is masked.
const FIXED = { locale: "en-GB", timezoneId: "Europe/Riga" } as const;
const CUSTOMERS = [
  {
    id: 818101,
    firstName: "Ilona",
    lastName: "Phone",
    text: "The parcel came without the charger, what now?",
  },
  { id: 818102, firstName: "Pavel", lastName: "Phone", text: "Can I still change the delivery address?" },
] as const;

/** Waits until the bot has finished with a conversation, so that the screen does not change under the camera. */
async function settledConversationOf(text: string): Promise<string> {
  const admin = await adminApi(parley);
  let id = "";
  await expect
    .poll(
      async () => {
        const items = (await admin.get(`/api/conversations?q=${encodeURIComponent(text)}`)).body.items ?? [];
        id = (items as { id: string }[])[0]?.id ?? "";
        return id;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  let last = -1;
  await expect
    .poll(
      async () => {
        const count = ((await admin.get(`/api/conversations/${id}/messages`)).body.items as unknown[]).length;
        const stable = count === last && count >= 2;
        last = count;
        return stable;
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe(true);
  return id;
}

/** What moves with the clock: relative times, SLA countdowns, message times. */
const moving = (page: Page) => [page.locator(".time"), page.locator(".sla"), page.locator(".message time")];

async function seriousViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The page's background as [r, g, b], as the browser resolved the tokens. */
async function backgroundOf(page: Page): Promise<number[]> {
  const colour = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  return colour.match(/\d+/g)!.map(Number).slice(0, 3);
}
const isDark = (rgb: number[]) => rgb.every((channel) => channel < 60);

async function signInFresh(browser: Browser, options: Parameters<Browser["newContext"]>[0]) {
  const context = await browser.newContext({ ...FIXED, ...options });
  const page = await context.newPage();
  await signIn(page, parley.baseUrl);
  return { context, page };
}

test("on a phone the inbox is the list, and a conversation opens full width with a way back", async ({
  browser,
}) => {
  // First in the file, so the inbox holds exactly these two conversations; and none is given to the admin
  // automatically the moment they sign in, which would change the bell while the camera is on it.
  const admin = await adminApi(parley);
  const adminId = (await admin.get("/api/me")).body.user.id as string;
  expect((await admin.request("PATCH", `/api/users/${adminId}`, { capacity: 0 })).status).toBe(200);
  for (const customer of CUSTOMERS) {
    await customerWrites(parley, {
      platform: "telegram",
      visibility: "private",
      text: customer.text,
      person: {
        id: customer.id,
        firstName: customer.firstName,
        lastName: customer.lastName,
        languageCode: "en",
      },
    });
    await settledConversationOf(customer.text);
  }
  const { context, page } = await signInFresh(browser, { viewport: PHONE, colorScheme: "light" });
  await expect(page.getByTestId("conversation-item")).toHaveCount(2);
  await expect(page.getByTestId("topbar-menu")).toBeHidden();
  await expect(page).toHaveScreenshot("phone-inbox.png", { mask: moving(page), maxDiffPixelRatio: 0.01 });

  await page.getByTestId("conversation-item").filter({ hasText: "Ilona Phone" }).click();
  await expect(page.locator(".conversation header h2")).toHaveText("Ilona Phone");
  await expect(page.getByTestId("conversation-list")).toBeHidden();
  await expect(page.getByTestId("message-list")).toContainText(CUSTOMERS[0].text);
  // The playbook's suggestions arrive on a request of their own: the picture waits for them.
  await expect(page.getByTestId("reply-suggestion")).toHaveCount(5);
  // The FAQ bot's notice and its note share a moment and may come in either order, so the thread's contents
  // are masked: the picture checks the phone layout around them (header, controls, composer).
  await expect(page).toHaveScreenshot("phone-conversation.png", {
    // Suggestions of equal score may come in either order: their place is checked, not their words.
    mask: [...moving(page), page.getByTestId("message-list"), page.getByTestId("reply-suggestion")],
    maxDiffPixelRatio: 0.02,
  });
  expect(await seriousViolations(page)).toEqual([]);

  // A supervisor on the move assigns, replies and resolves from here.
  await page.getByTestId("assignee-select").selectOption({ label: "Admin" });
  await page.getByTestId("reply-text").fill("We are sending the charger today.");
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message-list")).toContainText("We are sending the charger today.");
  await page.getByTestId("status-select").selectOption("resolved");
  await expect(page.getByTestId("status-select")).toHaveValue("resolved");
  await page.getByTestId("back-to-list").click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId("conversation-list")).toBeVisible();

  // The top bar's pages are in the menu; settings and reports fit the width without scrolling sideways.
  for (const target of ["settings", "reports"] as const) {
    await page.getByTestId("menu-toggle").click();
    await page.getByTestId(`${target}-link`).click();
    await expect(page.getByTestId("topbar-menu")).toBeHidden();
    await expect(page.locator("main, .page, .reports-page").first()).toBeVisible();
    const overflow = await page.evaluate(() =>
      [document.documentElement, ...document.querySelectorAll(".page, .reports-page")]
        .filter((element) => element.scrollWidth > element.clientWidth + 1)
        .map((element) => element.className || element.tagName),
    );
    expect(overflow).toEqual([]);
  }
  await context.close();
});

test("dark mode follows the system, and axe finds no serious violations in it", async ({ browser }) => {
  const { context, page } = await signInFresh(browser, { colorScheme: "dark" });
  expect(isDark(await backgroundOf(page))).toBe(true);
  await page.getByTestId("conversation-item").filter({ hasText: "Pavel Phone" }).click();
  await expect(page.getByTestId("message-list")).toContainText(CUSTOMERS[1].text);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("notification-bell").click();
  await expect(page.getByTestId("notification-panel")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(`${parley.baseUrl}/account`);
  await expect(page.getByTestId("appearance-card")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test("a theme chosen on My account is saved with the account and applied after a reload and elsewhere", async ({
  browser,
}) => {
  const { context, page } = await signInFresh(browser, { colorScheme: "light" });
  expect(isDark(await backgroundOf(page))).toBe(false);
  await page.goto(`${parley.baseUrl}/account`);
  await expect(page.getByTestId("appearance-card")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId("theme-dark").check();
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(isDark(await backgroundOf(page))).toBe(true);
  await page.getByTestId("alert-sound").uncheck();
  await expect(page.getByTestId("preferences-saved")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("theme-dark")).toBeChecked();
  expect(isDark(await backgroundOf(page))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);

  // Another browser, nothing cached: the account brings the theme and the alert switches along.
  const elsewhere = await signInFresh(browser, { colorScheme: "light" });
  await expect(elsewhere.page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(isDark(await backgroundOf(elsewhere.page))).toBe(true);
  await elsewhere.page.getByTestId("notification-bell").click();
  await expect(elsewhere.page.getByTestId("alert-sound")).not.toBeChecked();

  // Back to the system's choice: the light system shows light again.
  await page.getByTestId("theme-system").check();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(isDark(await backgroundOf(page))).toBe(false);
  await elsewhere.context.close();
  await context.close();
});
