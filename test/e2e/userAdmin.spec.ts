import { expect, test } from "@playwright/test";
import { parleyForSpecFile, signIn } from "../support/e2eParley.ts";

// A new team's first start: no PARLEY_ADMIN_PASSWORD, no SMTP server.
const parley = parleyForSpecFile({ generatedAdminPassword: true });

const NEW_ADMIN_PASSWORD = "our-own-admin-password-1";
const COLLEAGUE = { email: "marta@example.test", name: "Marta Nowak", password: "marta-chose-this-1" };

test("the admin replaces the generated password, invites a colleague who joins with the link, and deactivates them", async ({
  page,
  browser,
}) => {
  const generated = parley.admin;
  expect(generated.password).not.toBe(NEW_ADMIN_PASSWORD);
  await signIn(page, parley.baseUrl, generated);

  // My account says the printed password is still in use, and takes a new one.
  await page.getByTestId("account-link").click();
  await expect(page.getByTestId("generated-password-warning")).toBeVisible();
  await page.getByTestId("password-current").fill(generated.password);
  await page.getByTestId("password-new").fill(NEW_ADMIN_PASSWORD);
  await page.getByTestId("password-repeat").fill(NEW_ADMIN_PASSWORD);
  await page.getByTestId("password-submit").click();
  await expect(page.getByTestId("password-changed")).toBeVisible();
  await expect(page.getByTestId("generated-password-warning")).toHaveCount(0);
  await expect(page.getByTestId("session-row")).toHaveCount(1);

  // The printed password no longer opens the workspace; the new one does.
  const signInStatus = async (password: string) =>
    (
      await fetch(`${parley.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: generated.email, password }),
      })
    ).status;
  expect(await signInStatus(generated.password)).toBe(401);

  // Settings → Team members: without SMTP the page says so and hands over the invitation link.
  await page.getByTestId("settings-link").click();
  await page.getByTestId("settings-tab-members").click();
  await expect(page.getByTestId("mail-status")).toContainText("PARLEY_SMTP_URL");
  await page.getByTestId("invite-email").fill(COLLEAGUE.email);
  await page.getByTestId("invite-role").selectOption("agent");
  await page.getByTestId("invite-submit").click();
  const linkField = page.getByRole("textbox", { name: `Link for ${COLLEAGUE.email}` });
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(new RegExp(`^${parley.baseUrl}/accept-invite#token=`));
  await expect(page.getByTestId("invitation-row").filter({ hasText: COLLEAGUE.email })).toBeVisible();

  // The colleague, in a browser of their own, opens the link, chooses a name and a password, and is in.
  const colleagueContext = await browser.newContext();
  const colleague = await colleagueContext.newPage();
  await colleague.goto(link);
  await expect(colleague.getByTestId("accept-invite-form")).toContainText(COLLEAGUE.email);
  await colleague.getByTestId("invite-name").fill(COLLEAGUE.name);
  await colleague.getByTestId("invite-password-new").fill(COLLEAGUE.password);
  await colleague.getByTestId("invite-password-repeat").fill(COLLEAGUE.password);
  await colleague.getByTestId("invite-accept").click();
  await expect(colleague.getByTestId("conversation-list")).toBeVisible();
  await expect(colleague.getByTestId("account-link")).toHaveText(COLLEAGUE.name);
  expect(new URL(colleague.url()).pathname).toBe("/inbox");
  // An agent gets no Settings page at all.
  await expect(colleague.getByTestId("settings-link")).toHaveCount(0);

  // The used link opens nothing a second time.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(link);
  await expect(stranger.getByText("This link has expired or has already been used")).toBeVisible();
  await strangerContext.close();

  // Back with the admin: the colleague is a member now, the invitation is gone.
  await page.getByTestId("settings-tab-teams").click();
  await page.getByTestId("settings-tab-members").click();
  const colleagueRow = page.getByTestId("member-row").filter({ hasText: COLLEAGUE.name });
  await expect(colleagueRow).toContainText(COLLEAGUE.email);
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);

  // Deactivated, the colleague is signed out at once: their open browser goes back to the sign-in page.
  page.once("dialog", (dialog) => void dialog.accept());
  await colleagueRow.getByTestId("member-deactivate").click();
  await expect(page.getByTestId("member-result")).toContainText(`${COLLEAGUE.name} deactivated`);
  await expect(colleagueRow).toContainText("Deactivated");
  await colleague.getByTestId("account-link").click();
  await expect(colleague.getByTestId("login-email")).toBeVisible();
  await colleagueContext.close();

  // And the admin signs in again with the password they chose.
  await page.getByTestId("logout").click();
  await signIn(page, parley.baseUrl, { email: generated.email, password: NEW_ADMIN_PASSWORD });
});
