import { describe, expect, it } from "vitest";
import {
  CANNED_VARIABLES,
  cannedReplyProblems,
  cannedVariablesIn,
  renderCannedReply,
} from "./cannedReply.ts";

const valid = { title: "Delivery delay", body: "Hi {{customer_first_name}}!", language: "en", usage: "any" };

describe("cannedVariablesIn", () => {
  it("lists each variable once, in order, tolerating spaces inside the braces", () => {
    expect(cannedVariablesIn("{{ customer_name }}, {{order_number}} — {{customer_name}} {{foo}}")).toEqual([
      "customer_name",
      "order_number",
      "foo",
    ]);
    expect(cannedVariablesIn("No variables, {just braces}.")).toEqual([]);
  });
});

describe("renderCannedReply", () => {
  it.each([
    [
      "ru",
      "{{customer_first_name}}, ваш заказ {{order_number}} уже в пути. {{agent_first_name}}, {{brand_name}}",
      "Анна, ваш заказ 4512 уже в пути. Ольга, Nordmart",
    ],
    [
      "pl",
      "{{customer_first_name}}, zamówienie {{order_number}} jest w drodze. {{agent_first_name}}, {{brand_name}}",
      "Anna, zamówienie 4512 jest w drodze. Ola, Nordmart",
    ],
    [
      "lv",
      "{{customer_first_name}}, pasūtījums {{order_number}} ir ceļā. {{agent_first_name}}, {{brand_name}}",
      "Anna, pasūtījums 4512 ir ceļā. Ilze, Nordmart",
    ],
    [
      "en",
      "{{customer_first_name}}, order {{order_number}} is on its way. {{agent_first_name}}, {{brand_name}}",
      "Anna, order 4512 is on its way. Kate, Nordmart",
    ],
  ])("fills every variable (%s)", (language, body, expected) => {
    const agents: Record<string, string> = {
      ru: "Ольга Петрова",
      pl: "Ola Nowak",
      lv: "Ilze Bērziņa",
      en: "Kate Smith",
    };
    const customers: Record<string, string> = { ru: "Анна", pl: "Anna", lv: "Anna", en: "Anna" };
    const result = renderCannedReply(body, {
      customer_first_name: customers[language]!,
      agent_name: agents[language]!,
      order_number: "4512",
      brand_name: "Nordmart",
    });
    expect(result).toEqual({ text: expected, missing: [] });
  });

  it("leaves a visible placeholder for each missing value and lists it once, never printing undefined", () => {
    const result = renderCannedReply(
      "Hi {{customer_name}}, order {{order_number}} ({{order_number}}) via {{channel_name}}",
      {
        customer_name: "  ",
        channel_name: "Instagram",
      },
    );
    expect(result.text).toBe("Hi [customer_name], order [order_number] ([order_number]) via Instagram");
    expect(result.missing).toEqual(["customer_name", "order_number"]);
    expect(result.text).not.toContain("undefined");
  });

  it("takes a first name from the full name when only that is known", () => {
    expect(
      renderCannedReply("Dzień dobry, {{customer_first_name}}!", { customer_name: "Anna Kowalska" }).text,
    ).toBe("Dzień dobry, Anna!");
  });

  it("marks unknown variables as missing and inserts values literally", () => {
    const result = renderCannedReply("{{customer_name}} {{coupon}}", { customer_name: "{{brand_name}} $&" });
    expect(result.text).toBe("{{brand_name}} $& [coupon]");
    expect(result.missing).toEqual(["coupon"]);
  });
});

describe("cannedReplyProblems", () => {
  it("accepts a valid reply", () => {
    expect(cannedReplyProblems({ ...valid, shortcut: "/delay" })).toEqual([]);
    expect(
      cannedReplyProblems({ ...valid, body: `All: ${CANNED_VARIABLES.map((v) => `{{${v}}}`).join(" ")}` }),
    ).toEqual([]);
  });

  it("names an unknown variable, suggesting the one probably meant", () => {
    const [typo] = cannedReplyProblems({ ...valid, body: "Order {{order_nubmer}} is late" });
    expect(typo).toContain("{{order_nubmer}}");
    expect(typo).toContain("did you mean {{order_number}}");
    const [unknown] = cannedReplyProblems({ ...valid, body: "Use {{coupon_code}}" });
    expect(unknown).toContain("Unknown variable {{coupon_code}}");
    expect(unknown).toContain("{{customer_name}}");
  });

  it("finds unbalanced braces and half-typed variables", () => {
    expect(cannedReplyProblems({ ...valid, body: "Hi {{customer_name, your order" })).toEqual([
      expect.stringContaining('"{{" without a matching "}}"'),
    ]);
    expect(cannedReplyProblems({ ...valid, body: "Hi customer_name}}!" })).toEqual([
      expect.stringContaining('"}}" without a matching "{{"'),
    ]);
    expect(cannedReplyProblems({ ...valid, body: "Order {order_number} is late" })).toEqual([
      expect.stringContaining("{{order_number}}"),
    ]);
    expect(cannedReplyProblems({ ...valid, body: "Hi {{}}" })).toEqual([
      expect.stringContaining("empty variable"),
    ]);
  });

  it("reports an empty body, title, bad language, usage and shortcut", () => {
    const problems = cannedReplyProblems({
      title: " ",
      body: "  ",
      language: "de",
      usage: "dm",
      shortcut: "/a b",
    });
    expect(problems).toEqual([
      "The title is empty.",
      "The reply text is empty.",
      'Unknown language "de": use one of ru, pl, lv, en.',
      'Unknown usage "dm": use one of public, private, any.',
      'The shortcut "/a b" contains spaces.',
    ]);
  });
});
