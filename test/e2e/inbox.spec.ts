import { expect, test } from "@playwright/test";
import { customerWrites, parleyForSpecFile, signIn, simulatorCalls } from "../support/e2eParley.ts";

const parley = parleyForSpecFile();

test("an agent signs in, sees a customer's message arrive live, replies, and the platform receives it", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);

  // A customer writes on Telegram while the inbox is open; hostile markup must arrive as inert text.
  // Not a question the demo's FAQ bot could answer: this one is for a person.
  const text = `Hello, my parcel came torn open <img src=x onerror="window.__pwned=1"> #${Date.now()}`;
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text,
    person: { id: 424242, firstName: "Olivia", lastName: "Green", languageCode: "en" },
  });

  const item = page.getByTestId("conversation-item").filter({ hasText: "Olivia Green" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item.getByTestId("unread-dot")).toBeVisible();
  await item.click();

  const incoming = page.getByTestId("message").filter({ hasText: "my parcel came torn open" });
  await expect(incoming).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  const reply = `Hi Olivia, your parcel is at the pickup point. ${Date.now()}`;
  await page.getByTestId("reply-text").fill(reply);
  await page.getByTestId("reply-send").click();
  const outgoing = page.getByTestId("message").filter({ hasText: reply });
  await expect(outgoing).toHaveAttribute("data-delivery-status", "delivered", { timeout: 20_000 });

  const calls = await simulatorCalls(parley, "telegram", "sendMessage");
  const sent = calls.filter((call) => call.params.text === reply);
  expect(sent).toHaveLength(1);
  expect(String(sent[0]!.params.chat_id)).toBe("424242");
});

test("a Facebook comment under a post is answered in public, then in private, and a rude comment is hidden", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  const stamp = Date.now();
  const question = `Is the Black Friday discount valid for pickup orders? ${stamp}`;
  await customerWrites(parley, {
    platform: "facebook",
    visibility: "public",
    text: question,
    person: { id: 515151, firstName: "Marta", lastName: "Kowalska", languageCode: "pl" },
  });
  await page
    .getByTestId("conversation-item")
    .filter({ hasText: "Marta Kowalska" })
    .click({ timeout: 20_000 });
  await expect(page.getByTestId("post-card")).toContainText("Nordmart");
  await expect(page.getByTestId("message").filter({ hasText: question })).toBeVisible();

  const publicReply = `Yes, Marta, pickup orders get the discount too. ${stamp}`;
  await page.getByTestId("reply-visibility-public").click();
  await page.getByTestId("reply-text").fill(publicReply);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message").filter({ hasText: publicReply })).toHaveAttribute(
    "data-delivery-status",
    "delivered",
    { timeout: 20_000 },
  );

  // Personal details go private: one message per comment, within 7 days, and the UI says so before sending.
  await page.getByTestId("reply-visibility-private").click();
  await expect(page.getByTestId("private-reply-rule")).toHaveAttribute("data-used", "false");
  const privateReply = `Marta, please send us your order number here. ${stamp}`;
  await page.getByTestId("reply-text").fill(privateReply);
  await page.getByTestId("reply-send").click();
  await expect(page.getByTestId("message").filter({ hasText: privateReply })).toHaveAttribute(
    "data-delivery-status",
    "delivered",
    { timeout: 20_000 },
  );
  await expect(page.getByTestId("private-reply-rule")).toHaveAttribute("data-used", "true");
  await expect(page.getByTestId("reply-send")).toBeDisabled();

  const rude = `You are all thieves and liars!!! ${stamp}`;
  await customerWrites(parley, {
    platform: "facebook",
    visibility: "public",
    text: rude,
    person: { id: 616161, firstName: "Troll", lastName: "Account", languageCode: "en" },
  });
  await page.getByTestId("conversation-item").filter({ hasText: "Troll Account" }).click({ timeout: 20_000 });
  const rudeComment = page.getByTestId("message").filter({ hasText: rude });
  await rudeComment.getByTestId("moderate-hide").click();
  await expect(rudeComment).toHaveAttribute("data-hidden", "true", { timeout: 20_000 });
  await expect(rudeComment.getByTestId("hidden-tag")).toBeVisible();
  await expect(rudeComment.getByTestId("moderate-unhide")).toBeVisible();

  const calls = await simulatorCalls(parley, "facebook");
  const comments = calls.filter(
    (c) => c.method === "POST /{id}/comments" && c.params.message === publicReply,
  );
  expect(comments).toHaveLength(1);
  const privateCalls = calls.filter(
    (c) =>
      c.method === "POST /{id}/messages" && (c.params.message as { text?: string })?.text === privateReply,
  );
  expect(privateCalls).toHaveLength(1);
  expect(privateCalls[0]!.params.recipient).toEqual({ comment_id: comments[0]!.params.id });
  const hides = calls.filter((c) => c.method === "POST /{id}" && c.params.is_hidden === true);
  expect(hides).toHaveLength(1);
  expect(hides[0]!.params.id).not.toBe(comments[0]!.params.id);
});

test("a supervisor writes a listening query, sees the error pointed out and the variants, and the mention shows up in the feed", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  await page.getByTestId("listening-link").click();
  await page.getByTestId("listening-tab-topics").click();
  // The demo starts with the brand, its loyalty programme and two competitors.
  await expect(page.getByTestId("topic-row")).toHaveCount(4);
  await page.getByTestId("add-topic").click();
  await page.getByTestId("topic-name").fill("Pickup points");
  await page.getByTestId("topic-query").fill('"pickup point" OR (punkt NEAR/2');
  await expect(page.getByTestId("query-error")).toBeVisible();
  await expect(page.getByTestId("query-error")).toHaveAttribute("data-position", /\d+/);
  await page.getByTestId("topic-query").fill('"pickup point" OR "punkt odbioru" OR пункт NEAR/2 выдачи');
  await expect(page.getByTestId("query-error")).toHaveCount(0);
  await expect(page.getByTestId("term-variants").first()).toBeVisible();
  await expect(page.getByTestId("variant").first()).toBeVisible();
  await page.getByTestId("topic-save").click();
  await expect(page.getByTestId("topic-row")).toHaveCount(5);

  const text = `Nordmart, the pickup point on Brivibas street was closed again <b>today</b> ${Date.now()}`;
  await customerWrites(parley, {
    platform: "facebook",
    visibility: "public",
    text,
    person: { id: 717171, firstName: "Ieva", lastName: "Liepa", languageCode: "en" },
  });
  await page.getByTestId("listening-tab-mentions").click();
  const mention = page.getByTestId("mention").filter({ hasText: "Brivibas street" });
  await expect(mention.first()).toBeVisible({ timeout: 20_000 });
  // Customer markup stays text; the matched words are highlighted.
  await expect(mention.first()).toContainText("<b>today</b>");
  await expect(mention.first().locator("mark").first()).toBeVisible();
  await expect(page.getByTestId("mention").filter({ hasText: "Brivibas street" })).toHaveCount(2);
});

test("a supervisor gives a topic its parent company and a product, a repeated name is refused, and a mention by the product shows up", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  await page.getByTestId("listening-link").click();
  await page.getByTestId("listening-tab-topics").click();
  await page.getByTestId("add-topic").click();
  await page.getByTestId("topic-name").fill("Volta");
  await page.getByTestId("topic-query").fill("Volta -vakance");
  await page.getByTestId("alias-text").fill("Volta Holding");
  await page.getByTestId("alias-add").click();
  await page.getByTestId("alias-text").fill("VoltaPay");
  await page.getByTestId("alias-kind").selectOption("product");
  await page.getByTestId("alias-add").click();
  await page.getByTestId("alias-text").fill("volta holding");
  await page.getByTestId("alias-add").click();
  await expect(page.getByTestId("topic-aliases").getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("topic-alias")).toHaveCount(2);
  // The preview lists the aliases' variants beside the query's own terms.
  await expect(page.getByTestId("term-variants").filter({ hasText: "VoltaPay" })).toBeVisible();
  await page.screenshot({ path: "test-results/topic-aliases.png", fullPage: true });
  await page.getByTestId("topic-save").click();
  await expect(page.getByTestId("topic-row").filter({ hasText: "Volta" })).toHaveCount(1);

  const text = `paid with Volta Pay at the till and it failed ${Date.now()}`;
  await customerWrites(parley, {
    platform: "facebook",
    visibility: "public",
    text,
    person: { id: 727272, firstName: "Anna", lastName: "Ozola", languageCode: "en" },
  });
  await page.getByTestId("listening-tab-mentions").click();
  await expect(page.getByTestId("mention").filter({ hasText: text }).first()).toBeVisible({
    timeout: 20_000,
  });
});

test("while answering a public comment an agent gets a canned-reply suggestion, a personal-data warning and the SLA countdown", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  const stamp = Date.now();
  const complaint = `Посылка задерживается уже неделю, курьер так и не приехал ${stamp}`;
  await customerWrites(parley, {
    platform: "facebook",
    visibility: "public",
    text: complaint,
    person: { id: 818181, firstName: "Дарья", lastName: "Смирнова", languageCode: "ru" },
  });
  const item = page.getByTestId("conversation-item").filter({ hasText: "Дарья Смирнова" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();

  // The first-response clock counts down every second from the hour the default policy promises.
  const countdown = page.getByTestId("triage-bar").getByTestId("sla-countdown");
  await expect(countdown).toHaveAttribute("data-tone", "ok", { timeout: 20_000 });
  await expect(countdown).toContainText(/\d{1,2}:\d\d left/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? "", { timeout: 5_000 });
  await expect(item.getByTestId("sla-countdown")).toBeVisible();

  // Typing about the delay brings up the canned reply for it; choosing it fills in the customer's name.
  await page.getByTestId("reply-visibility-public").click();
  await page.getByTestId("reply-text").fill("Здравствуйте! Посылка задерживается, простите");
  const suggestion = page.getByTestId("reply-suggestion").filter({ hasText: "Посылка задерживается" });
  await expect(suggestion.first()).toBeVisible({ timeout: 10_000 });
  await suggestion.first().click();
  await expect(page.getByTestId("reply-text")).toHaveValue(/Дарья, простите за задержку посылки/);

  // A phone number in a public reply is personal data: the agent is told, and offered the private route.
  await page.getByTestId("reply-text").fill("Дарья, позвоните нашему курьеру: +371 2612 3456");
  await expect(page.getByTestId("pii-warning")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("pii-warning")).toContainText("+371 2612 3456");
  await page.getByTestId("pii-switch-private").click();
  await expect(page.getByTestId("pii-warning")).toHaveCount(0);
  await expect(page.getByTestId("reply-visibility-private")).toHaveAttribute("aria-pressed", "true");
});

test("a supervisor builds an automation rule, dry-runs it on recent conversations, enables it, and it labels the next message", async ({
  page,
}) => {
  await signIn(page, parley.baseUrl);
  const stamp = Date.now();
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Срочно! Где мой заказ? ${stamp}`,
    person: { id: 929292, firstName: "Инга", lastName: "Берзиня", languageCode: "ru" },
  });
  await expect(page.getByTestId("conversation-item").filter({ hasText: "Инга Берзиня" })).toBeVisible({
    timeout: 20_000,
  });

  await page.getByTestId("settings-link").click();
  await page.getByTestId("settings-tab-automation").click();
  await page.getByTestId("add-automation-rule").click();
  const builder = page.getByTestId("rule-builder");
  await builder.getByLabel("Name").fill(`Label urgent words ${stamp}`);
  await builder.getByTestId("rule-event").selectOption("message_received");
  await builder.getByTestId("add-condition").click();
  const condition = builder.getByTestId("condition-row");
  await condition.getByLabel("Field").selectOption("text");
  await condition.getByLabel("Operator").selectOption("contains");
  await condition.getByPlaceholder("Several values: separate with commas").fill("срочно");
  await builder.getByTestId("add-action").click();
  const action = builder.getByTestId("action-row");
  await action.getByLabel("Label").fill("urgent-word");

  // Nothing can be switched on before the rule was tried on what already happened.
  await expect(builder.getByTestId("rule-enabled")).toBeDisabled();
  await builder.getByTestId("dry-run").click();
  await expect(builder.getByTestId("dry-run-match").filter({ hasText: "Инга Берзиня" })).toBeVisible();
  await builder.getByTestId("rule-enabled").check();
  await builder.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByTestId("automation-rule-row").filter({ hasText: `Label urgent words ${stamp}` }),
  ).toBeVisible();

  // The dry run changed nothing; the enabled rule labels the next message that says the word.
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text: `Это срочно, ответьте пожалуйста ${stamp}`,
    person: { id: 939393, firstName: "Oskars", lastName: "Kalniņš", languageCode: "ru" },
  });
  await page.getByTestId("inbox-link").click();
  await page
    .getByTestId("conversation-item")
    .filter({ hasText: "Oskars Kalniņš" })
    .click({ timeout: 20_000 });
  await expect(page.getByTestId("triage-bar")).toContainText("urgent-word", { timeout: 20_000 });
  await page.getByTestId("conversation-item").filter({ hasText: "Инга Берзиня" }).click();
  await expect(page.getByTestId("triage-bar")).not.toContainText("urgent-word");
});

test("an agent corrects a message's mood in one click, another open view follows, and Review counts the disagreement", async ({
  page,
  browser,
}) => {
  await signIn(page, parley.baseUrl);
  const text = `pakomāts rāda kodu E17 ${Date.now()}`;
  await customerWrites(parley, {
    platform: "telegram",
    visibility: "private",
    text,
    person: { id: 515151, firstName: "Ilze", lastName: "Ozola", languageCode: "lv" },
  });
  const item = page.getByTestId("conversation-item").filter({ hasText: "Ilze Ozola" });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await item.click();
  const mood = page.getByTestId("message").filter({ hasText: text }).getByTestId("message-mood");
  await expect(mood).toHaveAttribute("data-mood", "neutral", { timeout: 20_000 });
  await expect(mood.getByTestId("mood-neutral")).toHaveAttribute("aria-pressed", "true");

  // A colleague has the same conversation open.
  const other = await browser.newPage();
  await signIn(other, parley.baseUrl);
  await other.getByTestId("conversation-item").filter({ hasText: "Ilze Ozola" }).click();
  const otherMood = other.getByTestId("message").filter({ hasText: text }).getByTestId("message-mood");
  await expect(otherMood).toHaveAttribute("data-mood", "neutral");

  const negative = mood.getByRole("button", { name: "Mark the mood as negative" });
  await negative.click();
  await expect(negative).toHaveAttribute("aria-pressed", "true");
  await expect(mood.getByTestId("mood-neutral")).toHaveAttribute("aria-pressed", "false");
  await expect(otherMood).toHaveAttribute("data-mood", "negative", { timeout: 10_000 });
  await other.close();

  await page.getByTestId("review-link").click();
  await page.getByTestId("review-tab-sentiment").click();
  const overall = page.getByTestId("disagreement-overall");
  await expect(overall).toBeVisible();
  await expect(page.getByTestId("sentiment-disagreement")).toContainText("neutral");
  await expect(page.getByTestId("sentiment-disagreement")).toContainText("negative");
});
