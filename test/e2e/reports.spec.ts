import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { adminApi, customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const LEAD = { email: "lead@example.test", password: "lead-password-123", name: "Lena Lead" };

const parley = parleyForSpecFile();

/** The admin, over the API: creates the team lead (a supervisor in the demo's Fast lane team). */
async function createTeamLead(): Promise<void> {
  const admin = await adminApi(parley);
  const teams = (await admin.get("/api/teams")).body as { items: { id: string; name: string }[] };
  const created = await admin.post("/api/users", {
    ...LEAD,
    role: "supervisor",
    teamIds: teams.items.filter((t) => t.name === "Fast lane").map((t) => t.id),
  });
  expect(created.status).toBe(201);
}

test.beforeAll(createTeamLead);

test("a team lead opens the reports, changes the period and the cut, and exports CSV", async ({ page }) => {
  for (const [id, name] of [
    [515151, "Marta"],
    [525252, "Nils"],
  ] as const) {
    await customerWrites(parley, {
      platform: "telegram",
      visibility: "private",
      text: `My parcel has not arrived, order ${id}`,
      person: { id, firstName: name, languageCode: "en" },
    });
  }

  await signIn(page, parley.baseUrl, LEAD);
  await page.getByTestId("reports-link").click();

  const volumes = page.getByTestId("report-volumes");
  await expect(volumes.locator("canvas")).toBeVisible();
  // The two customers' conversations reach the rollup a moment after triage.
  await expect(async () => {
    await page.getByTestId("report-compare").selectOption("none");
    await page.getByTestId("report-compare").selectOption("previous");
    await expect(volumes.locator("tr.total")).toContainText("2", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // A longer period: a month back; the totals still hold the two conversations.
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByTestId("report-from").fill(monthAgo);
  await expect(volumes.locator("tr.total")).toContainText("2");

  await page.getByTestId("report-cut").selectOption("platform");
  await expect(volumes.locator("thead")).toContainText("Platform");
  await expect(volumes.locator("tbody tr").first()).toContainText("telegram");

  const download = page.waitForEvent("download");
  await page.getByTestId("csv-volumes").click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8").split("\r\n");
  expect(csv[0]).toBe(
    "platform,label,inbound_messages,conversations_created,inbound_messages_compare,conversations_created_compare",
  );
  expect(csv[1]).toMatch(/^telegram,telegram,\d+,2,0,0$/);
});

test("a team lead sees a customer's CSAT answer in the reports", async ({ page }) => {
  const admin = await adminApi(parley);
  const settings = await admin.request("PUT", "/api/surveys/settings", {
    enabled: true,
    kind: "csat",
    delaySeconds: 0,
  });
  expect(settings.status).toBe(200);
  const olga = {
    platform: "telegram",
    visibility: "private",
    person: { id: 545454, firstName: "Olga", languageCode: "en" },
  };
  await customerWrites(parley, { ...olga, text: "The courier lost my parcel 545454" });
  let conversationId = "";
  await expect
    .poll(
      async () => {
        const list = (await admin.get("/api/conversations?limit=100")).body as {
          items: { id: string; contact: { displayName: string } }[];
        };
        conversationId = list.items.find((c) => c.contact.displayName === "Olga")?.id ?? "";
        return conversationId;
      },
      { timeout: 30_000, message: "Olga's conversation" },
    )
    .not.toBe("");
  const replied = await admin.post(`/api/conversations/${conversationId}/messages`, {
    text: "Found it, it arrives today.",
    visibility: "private",
  });
  expect(replied.status).toBe(202);
  const resolved = await admin.post(`/api/conversations/${conversationId}/status`, { status: "resolved" });
  expect(resolved.status).toBe(200);
  const surveyStatus = async () =>
    (
      (await admin.get(`/api/conversations/${conversationId}/surveys`)).body as {
        items: { status: string }[];
      }
    ).items[0]?.status;
  await expect.poll(surveyStatus, { timeout: 30_000, message: "the survey to go out" }).toBe("sent");
  // The plain-text fallback: the customer types the score.
  await customerWrites(parley, { ...olga, text: "5" });
  await expect.poll(surveyStatus, { timeout: 30_000, message: "the answer" }).toBe("answered");

  await signIn(page, parley.baseUrl, LEAD);
  await page.getByTestId("reports-link").click();

  const csat = page.getByTestId("report-csat");
  await expect(csat.locator("h2")).toHaveText("Customer satisfaction (CSAT)");
  await expect(csat.locator("canvas")).toBeVisible();
  await expect(csat.locator("thead")).toContainText("Satisfied (4–5)");
  // The answer reaches the rollup a moment after it is recorded.
  await expect(async () => {
    await page.getByTestId("report-compare").selectOption("none");
    await page.getByTestId("report-compare").selectOption("previous");
    await expect(csat.locator("tr.total")).toContainText("100", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("report-sentiment_corrections").locator("h2")).toHaveText(
    "Sentiment corrections",
  );
});
