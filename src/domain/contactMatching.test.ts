import { describe, expect, it } from "vitest";
import {
  compareContacts,
  factsOf,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeUsername,
  orderedPair,
  rankSuggestions,
} from "./contactMatching.ts";

const contact = (id: string, displayName: string, extra: { phone?: string; email?: string } = {}) => ({
  id,
  displayName,
  phone: extra.phone ?? null,
  email: extra.email ?? null,
});

describe("contact matching rules", () => {
  it("normalises phones, e-mails, usernames and names", () => {
    expect(normalizePhone("+371 2612-3456")).toBe("37126123456");
    expect(normalizePhone("0037126123456")).toBe("37126123456");
    expect(normalizePhone("12-34")).toBeNull();
    expect(normalizeEmail("  Anna.K@Example.COM ")).toBe("anna.k@example.com");
    expect(normalizeEmail("not an address")).toBeNull();
    expect(normalizeUsername("@Anna_K_")).toBe("anna_k");
    expect(normalizeUsername("@ab")).toBeNull();
    expect(normalizeName("Kowalska, Anna")).toBe("anna kowalska");
    expect(normalizeName("Ānna  KOWALSKA")).toBe("anna kowalska");
    expect(normalizeName("Пётр Иванов")).toBe("иванов петр");
    expect(normalizeName("Anna")).toBeNull();
  });

  it("reads a WhatsApp id as a phone number", () => {
    const facts = factsOf(contact("a", "Anna"), [
      { platform: "whatsapp", externalId: "37126123456", username: null, displayName: "Anna" },
    ]);
    expect(facts.phones).toEqual(["37126123456"]);
  });

  it("does not read a WhatsApp business-scoped user id as a phone number", () => {
    const facts = factsOf(contact("a", "Anna"), [
      { platform: "whatsapp", externalId: "LV.1502576394655843", username: "liga.k", displayName: "Līga" },
    ]);
    expect(facts.phones).toEqual([]);
  });

  it("scores a shared phone above a shared username above a shared full name", () => {
    const phone = compareContacts(
      factsOf(contact("a", "A", { phone: "+371 26123456" }), []),
      factsOf(contact("b", "B"), [
        { platform: "whatsapp", externalId: "37126123456", username: null, displayName: "B" },
      ]),
    );
    const username = compareContacts(
      factsOf(contact("a", "A"), [
        { platform: "telegram", externalId: "1", username: "anna_k", displayName: "A" },
      ]),
      factsOf(contact("b", "B"), [
        { platform: "instagram", externalId: "2", username: "Anna_K", displayName: "B" },
      ]),
    );
    const name = compareContacts(
      factsOf(contact("a", "Anna Kowalska"), []),
      factsOf(contact("b", "kowalska anna"), []),
    );
    expect(phone.score).toBe(0.9);
    expect(username.score).toBe(0.6);
    expect(name.score).toBe(0.4);
    expect(name.reasons).toEqual([{ kind: "name", value: "anna kowalska" }]);
  });

  it("combines independent agreements and finds nothing in a first name alone", () => {
    const a = factsOf(contact("a", "Anna Kowalska"), [
      { platform: "telegram", externalId: "1", username: "anna_k", displayName: "Anna Kowalska" },
    ]);
    const b = factsOf(contact("b", "Anna Kowalska"), [
      { platform: "vk", externalId: "2", username: "anna_k", displayName: "Anna Kowalska" },
    ]);
    expect(compareContacts(a, b).score).toBe(0.76);
    expect(compareContacts(factsOf(contact("a", "Anna"), []), factsOf(contact("b", "Anna"), [])).score).toBe(
      0,
    );
  });

  it("ranks candidates best first, without the contact itself or dismissed ones", () => {
    const me = factsOf(contact("me", "Anna Kowalska", { email: "a@x.pl" }), []);
    const ranked = rankSuggestions(
      me,
      [
        factsOf(contact("name", "Anna Kowalska"), []),
        factsOf(contact("email", "Someone", { email: "A@x.pl" }), []),
        factsOf(contact("me", "Anna Kowalska"), []),
        factsOf(contact("dismissed", "Anna Kowalska"), []),
        factsOf(contact("stranger", "Jan Nowak"), []),
      ],
      new Set(["dismissed"]),
    );
    expect(ranked.map((s) => s.contactId)).toEqual(["email", "name"]);
  });

  it("orders a pair the same way from either side", () => {
    expect(orderedPair("b", "a")).toEqual(["a", "b"]);
    expect(orderedPair("a", "b")).toEqual(["a", "b"]);
  });
});
