import { expect, test } from "@playwright/test";
import { adminApi, customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const AGENT = { email: "e2e-agent@example.test", password: "e2e-agent-password-1", name: "Erik Agent" };

const parley = parleyForSpecFile();

test("an agent merges a customer's Telegram and VK contacts and sees the joint history in the sidebar", async ({
  page,
}) => {
  const stamp = Date.now();
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Pavel here, my blender arrived without a lid ${stamp}`,
    person: { id: 737373, firstName: "Pavel", lastName: "Sidorov", languageCode: "en" },
  });
  await customerWrites(parley, {
    platform: "vk",
    visibility: "private",
    text: `Writing again on VK about the missing blender lid ${stamp}`,
    person: { id: 747474, firstName: "Pavel", lastName: "Sidorov", languageCode: "en" },
  });

  const admin = await adminApi(parley);
  await admin.post("/api/users", {
    email: AGENT.email,
    name: AGENT.name,
    role: "agent",
    password: AGENT.password,
  });
  const users = (await admin.get("/api/users")).body as { items: { id: string; email: string }[] };
  const agentId = users.items.find((u) => u.email === AGENT.email)!.id;
  const conversations = async () =>
    ((await admin.get(`/api/conversations?q=${stamp}`)).body as { items?: { id: string }[] }).items ?? [];
  // Both conversations are the agent's, so the agent may see both people.
  await expect.poll(async () => (await conversations()).length, { timeout: 20_000 }).toBe(2);
  for (const conversation of await conversations())
    await admin.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agentId });

  await signIn(page, parley.baseUrl, AGENT);
  await page
    .getByTestId("conversation-item")
    // The list previews the latest message, which may be the bot's hand-over notice: find the Telegram case by
    // its person and platform badge.
    .filter({ hasText: "Pavel Sidorov" })
    .filter({ hasText: "TG" })
    .click({ timeout: 20_000 });

  const sidebar = page.getByTestId("contact-sidebar");
  await expect(sidebar.getByTestId("contact-history").locator("li")).toHaveCount(1);

  // VK names people by id only: the picker finds "Pavel Sidorov" on VK once the profile lookup has named him.
  page.on("dialog", (dialog) => void dialog.accept());
  await expect(async () => {
    await sidebar.getByTestId("merge-search").fill("");
    await sidebar.getByTestId("merge-search").fill("Sidorov");
    await expect(sidebar.getByTestId("merge-candidates").locator("li")).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await sidebar.getByTestId("merge-candidates").getByRole("button").click();

  const history = sidebar.getByTestId("contact-history");
  await expect(history.locator("li")).toHaveCount(2);
  await expect(history).toContainText("VK");
  await expect(history).toContainText("TG");
  await expect(sidebar.getByTestId("contact-identities").locator("li")).toHaveCount(2);
  await expect(sidebar.getByTestId("contact-merges")).toContainText("Pavel Sidorov");

  // The VK conversation opens from the joint history.
  await history.locator("li").filter({ hasText: "VK" }).getByRole("button").click();
  await expect(page.getByTestId("message").filter({ hasText: "missing blender lid" })).toBeVisible();
});
