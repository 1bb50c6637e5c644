import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { adminApi, customerWrites, parleyForSpecFile, signIn } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

interface Listed {
  id: string;
  contact: { displayName: string };
  language: string | null;
  teamId: string | null;
}

function rowNames(page: Page) {
  return page.getByTestId("conversation-item").locator(".name");
}

/** The inbox's filters as the address bar holds them. */
function urlFilters(page: Page) {
  const params = new URL(page.url()).searchParams;
  return {
    teamId: params.get("teamId"),
    categoryId: params.get("categoryId"),
    language: params.get("language"),
    label: params.getAll("label"),
  };
}

test("team, category, label and language filters live in the URL, survive a reload, and a team's view keeps them", async ({
  page,
}) => {
  const stamp = Date.now();
  const customers = [
    { id: 818101, firstName: "Zofia", text: `Dzień dobry, paczka nie dotarła, czekam już tydzień #${stamp}` },
    {
      id: 818102,
      firstName: "Janek",
      text: `Dzień dobry, gdzie jest moja przesyłka? Czekam od środy #${stamp}`,
    },
    { id: 818103, firstName: "Ivan", text: `Здравствуйте, посылка не пришла, жду уже неделю #${stamp}` },
  ];
  for (const customer of customers)
    await customerWrites(parley, {
      platform: "telegram",
      visibility: "private",
      text: customer.text,
      person: { id: customer.id, firstName: customer.firstName, lastName: "Filtr", languageCode: "pl" },
    });
  const admin = await adminApi(parley);
  // Triage has detected each customer's language once the three are listed with one.
  let listed: Listed[] = [];
  await expect
    .poll(
      async () => {
        const items = (await admin.get("/api/conversations?limit=100")).body.items as Listed[];
        listed = items.filter((c) => c.contact.displayName.endsWith(" Filtr"));
        return listed.length === 3 && listed.every((c) => c.language);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  const byName = (name: string) => listed.find((c) => c.contact.displayName === `${name} Filtr`)!;
  expect(byName("Zofia").language).toBe("pl");
  expect(byName("Janek").language).toBe("pl");
  expect(byName("Ivan").language).toBe("ru");
  const category = ((await admin.get("/api/categories")).body.items as { id: string }[])[0]!;
  for (const [name, labels] of [
    ["Zofia", ["vip", "refund"]],
    ["Janek", ["refund"]],
    ["Ivan", ["vip"]],
  ] as const) {
    const id = byName(name).id;
    expect((await admin.request("PUT", `/api/conversations/${id}/labels`, { labels })).status).toBe(200);
    if (name !== "Janek")
      expect(
        (await admin.post(`/api/conversations/${id}/category`, { categoryId: category.id })).status,
      ).toBe(200);
  }
  const teamId = byName("Zofia").teamId;
  expect(teamId).not.toBeNull();

  await signIn(page, parley.baseUrl);
  // Newest activity first; only who is listed matters here.
  await expect
    .poll(async () => (await rowNames(page).allInnerTexts()).sort(), { timeout: 20_000 })
    .toEqual(["Ivan Filtr", "Janek Filtr", "Zofia Filtr"]);

  await page.getByTestId("language-filter").selectOption("pl");
  await expect(rowNames(page)).toHaveCount(2);
  await page.getByTestId("label-filter").selectOption("vip");
  await expect(rowNames(page)).toHaveText(["Zofia Filtr"]);
  await page.getByTestId("category-filter").selectOption(category.id);
  await page.getByTestId("team-filter").selectOption(teamId!);
  await expect(rowNames(page)).toHaveText(["Zofia Filtr"]);
  expect(urlFilters(page)).toEqual({ teamId, categoryId: category.id, language: "pl", label: ["vip"] });
  // The row previews the customer's own words.
  await expect(page.getByTestId("conversation-preview")).toHaveText([customers[0]!.text]);

  await page.reload();
  await expect(rowNames(page)).toHaveText(["Zofia Filtr"]);
  expect(urlFilters(page)).toEqual({ teamId, categoryId: category.id, language: "pl", label: ["vip"] });
  await expect(page.getByTestId("language-filter")).toHaveValue("pl");
  await expect(page.getByTestId("team-filter")).toHaveValue(teamId!);
  await expect(page.getByTestId("category-filter")).toHaveValue(category.id);
  await expect(page.getByTestId("label-filter-chip")).toHaveText(["vip ×"]);

  // A second label narrows further and repeats the parameter; Back returns to one label.
  await page.getByTestId("label-filter").selectOption("refund");
  await expect(page.getByTestId("label-filter-chip")).toHaveCount(2);
  expect(urlFilters(page).label).toEqual(["vip", "refund"]);
  await page.reload();
  await expect(page.getByTestId("label-filter-chip")).toHaveCount(2);
  await expect(rowNames(page)).toHaveText(["Zofia Filtr"]);
  await page.goBack();
  await expect(page.getByTestId("label-filter-chip")).toHaveCount(1);
  expect(urlFilters(page).label).toEqual(["vip"]);

  // Saved for the team: chosen in the list of views, and still chosen after a reload.
  await page.getByTestId("save-view").click();
  await page.getByTestId("view-name").fill("Polish VIP");
  await page.getByTestId("view-team").selectOption(teamId!);
  await page.getByTestId("view-save").click();
  const viewSelect = page.getByTestId("view-select");
  await expect(viewSelect.locator("option:checked")).toHaveText(/^Polish VIP · /);
  await page.reload();
  await expect(viewSelect.locator("option:checked")).toHaveText(/^Polish VIP · /);

  const serious = async () =>
    (await new AxeBuilder({ page }).include(".list").analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(await serious()).toEqual([]);

  // Clearing the filters shows everyone again; picking the view brings its filters back into the URL.
  await page.getByTestId("clear-filters").click();
  await expect(rowNames(page)).toHaveCount(3);
  expect(urlFilters(page)).toEqual({ teamId: null, categoryId: null, language: null, label: [] });
  await expect(viewSelect.locator("option:checked")).toHaveText("All conversations");
  const viewId = await viewSelect.locator("option", { hasText: "Polish VIP" }).getAttribute("value");
  await viewSelect.selectOption(viewId!);
  await expect(rowNames(page)).toHaveText(["Zofia Filtr"]);
  expect(urlFilters(page)).toEqual({ teamId, categoryId: category.id, language: "pl", label: ["vip"] });

  // A link to a team that no longer exists says so instead of showing an empty inbox.
  await page.goto(`${parley.baseUrl}/inbox?teamId=00000000-0000-4000-8000-000000000000`);
  await expect(page.getByTestId("list-error")).toContainText("teamId");
});
