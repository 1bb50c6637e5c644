import { expect, type Page, test } from "@playwright/test";
import { adminApi, customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

/** An agent of the demo workspace, created by the admin over the API. */
async function agent(email: string, name: string) {
  const admin = await adminApi(parley);
  const password = "e2e-agent-password-1";
  await admin.post("/api/users", { email, name, role: "agent", password });
  const users = (await admin.get("/api/users")).body as { items: { id: string; email: string }[] };
  return { admin, id: users.items.find((u) => u.email === email)!.id, email, password };
}

async function conversationOf(admin: Awaited<ReturnType<typeof adminApi>>, q: string): Promise<string> {
  let id = "";
  await expect
    .poll(
      async () => {
        const items = ((await admin.get(`/api/conversations?q=${encodeURIComponent(q)}`)).body.items ??
          []) as { id: string }[];
        id = items[0]?.id ?? "";
        return id;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return id;
}

/** The page's desktop alerts and sounds, recorded instead of shown: a headless browser has neither. */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    const played: number[] = [];
    class RecordedNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? "" });
      }
      close() {}
    }
    class RecordedAudio {
      currentTime = 0;
      destination = {};
      constructor() {
        played.push(Date.now());
      }
      createOscillator() {
        return { frequency: { value: 0 }, connect: (n: unknown) => n, start() {}, stop() {} };
      }
      createGain() {
        return {
          gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
          connect: (n: unknown) => n,
        };
      }
      close() {
        return Promise.resolve();
      }
    }
    Object.assign(window, { Notification: RecordedNotification, AudioContext: RecordedAudio });
    Object.assign(window, { __alerts: { shown, played } });
  });
}

const alertsOf = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __alerts: { shown: { title: string; body: string }[]; played: number[] } })
        .__alerts,
  );

test("choosing a canned reply replaces the words typed to find it", async ({ page }) => {
  const stamp = Date.now();
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Заказ всё ещё в пути, когда привезут? ${stamp}`,
    person: { id: 515151, firstName: "Ирина", lastName: "Волкова", languageCode: "ru" },
  });
  await signIn(page, parley.baseUrl);
  await page.getByTestId("conversation-item").filter({ hasText: "Ирина Волкова" }).click({ timeout: 20_000 });
  await page.getByTestId("reply-text").fill("Здравствуйте!\n\nпосылка задерживается");
  const suggestion = page.getByTestId("reply-suggestion").filter({ hasText: "Посылка задерживается" });
  await expect(suggestion.first()).toBeVisible({ timeout: 10_000 });
  await suggestion.first().click();
  // The greeting above the blank line stays; the search words are gone, the reply stands in their place.
  await expect(page.getByTestId("reply-text")).toHaveValue(
    "Здравствуйте!\n\nИрина, простите за задержку посылки! Мы уже связались с курьером и вернёмся с новостями сегодня.",
  );
});

test("an assignment is announced with the customer's name: readable in the bell, with a sound and a desktop alert", async ({
  page,
}) => {
  const { admin, id, email, password } = await agent("e2e-alerts@example.test", "Alda Agent");
  const stamp = Date.now();
  await customerWrites(parley, {
    platform: "vk",
    visibility: "private",
    text: `Sveiki, kur ir mana paka? ${stamp}`,
    person: { id: 626262, firstName: "Marta", lastName: "Kalniņa", languageCode: "lv" },
  });
  const conversationId = await conversationOf(admin, String(stamp));
  // VK names people by id only: wait until the profile lookup has named her.
  await expect
    .poll(async () => (await admin.get(`/api/conversations/${conversationId}`)).body.contact.displayName, {
      timeout: 20_000,
    })
    .toBe("Marta Kalniņa");

  await recordAlerts(page);
  await signIn(page, parley.baseUrl, { email, password });
  await page.getByTestId("notification-bell").click();
  await page.getByTestId("alert-desktop").check();
  await expect(page.getByTestId("alert-sound")).toBeChecked();
  await page.getByTestId("notification-bell").click();

  await admin.post(`/api/conversations/${conversationId}/assign`, { assigneeId: id });
  await expect.poll(async () => (await alertsOf(page)).shown.length, { timeout: 20_000 }).toBe(1);
  const alerts = await alertsOf(page);
  expect(alerts.shown[0]).toEqual({ title: "A conversation was assigned to you", body: "Marta Kalniņa" });
  expect(alerts.played.length).toBeGreaterThan(0);

  await page.getByTestId("notification-bell").click();
  const item = page.getByTestId("notification-item").filter({ hasText: "Marta Kalniņa" });
  await expect(item).toContainText("A conversation was assigned to you");
  // Dark on light: the panel no longer inherits the top bar's white text.
  const colours = await item.getByRole("button").evaluate((button) => {
    const style = getComputedStyle(button);
    return { text: style.color, background: style.backgroundColor };
  });
  expect(colours.text).not.toBe("rgb(255, 255, 255)");
  expect(colours.text).not.toBe(colours.background);

  // Turned off, the next assignment is only counted in the bell.
  await page.getByTestId("alert-desktop").uncheck();
  await page.getByTestId("alert-sound").uncheck();
  // The switches are kept with the account: saved before the reload reads them back.
  await expect
    .poll(
      async () => (await (await page.request.get(`${parley.baseUrl}/api/account/preferences`)).json()).alerts,
    )
    .toEqual({ sound: false, desktop: false });
  await page.reload();
  await expect(page.getByTestId("conversation-list")).toBeVisible();
  await admin.post(`/api/conversations/${conversationId}/assign`, { assigneeId: null });
  await admin.post(`/api/conversations/${conversationId}/assign`, { assigneeId: id });
  await expect(page.getByTestId("notification-bell")).toContainText("2", { timeout: 20_000 });
  expect(await alertsOf(page)).toEqual({ shown: [], played: [] });
});

test("the list previews the customer's words and a note stands where it was written", async ({ page }) => {
  const stamp = Date.now();
  const customerText = `The mixer I ordered has a cracked bowl ${stamp}`;
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: customerText,
    person: { id: 737001, firstName: "Nora", lastName: "Lind", languageCode: "en" },
  });
  await signIn(page, parley.baseUrl);
  const row = page.getByTestId("conversation-item").filter({ hasText: "Nora Lind" });
  await row.click({ timeout: 20_000 });

  await page.getByTestId("note-toggle").click();
  await page.getByTestId("reply-text").fill(`Photo needed before a replacement ${stamp}`);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("reply-text")).toHaveValue("");
  await page.getByTestId("note-toggle").click();
  await page.getByTestId("reply-text").fill(`Sorry, Nora! Could you send a photo of the bowl? ${stamp}`);
  await page.getByTestId("reply-send").click();

  const thread = page.getByTestId("message-list").getByTestId("message");
  await expect(thread.last()).toContainText("Could you send a photo", { timeout: 20_000 });
  await expect(thread.last()).toHaveAttribute("data-direction", "out");
  const directions = await thread.evaluateAll((items) => items.map((m) => m.getAttribute("data-direction")));
  // The bot's notices come and go with the demo and may land on either side of the note; what matters is that
  // the note stands after the customer's words and before the reply written after it, not drawn at the bottom.
  const noteAt = directions.lastIndexOf("note");
  expect(noteAt).toBeGreaterThan(directions.indexOf("in"));
  expect(noteAt).toBeLessThan(directions.length - 1);

  await expect(row.locator(".preview")).toHaveText(customerText);
});

test("a Russian interface writes dates the Russian way, whatever the browser's language", async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem("parley.locale", "ru"));
  const stamp = Date.now();
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Добрый день, у меня вопрос по гарантии ${stamp}`,
    person: { id: 848484, firstName: "Олег", lastName: "Титов", languageCode: "ru" },
  });
  await signIn(page, parley.baseUrl);
  await page.getByTestId("conversation-item").filter({ hasText: "Олег Титов" }).click({ timeout: 20_000 });
  const time = page
    .getByTestId("message")
    .filter({ hasText: String(stamp) })
    .locator("time");
  // 02.03.2026, 14:05, not 3/2/2026, 2:05:00 PM.
  await expect(time).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
});
