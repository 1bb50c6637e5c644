import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../domain/inboundEvent.ts";
import { parseEmail } from "./emailParser.ts";
import type { EmailPayload } from "./emailPayload.ts";
import { DEFAULT_EMAIL_LIMITS, readEmail } from "./emailReader.ts";
import { threadHashOf } from "./emailThreading.ts";

const settings = { address: "support@shop.example" };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

async function parsed(name: string, limits = DEFAULT_EMAIL_LIMITS) {
  const event = await readEmail(fixture(name), limits);
  return { event, events: parseEmail(event.payload, settings) };
}

describe("e-mail parsing", () => {
  it("opens a thread for a new mail, keyed by its own Message-ID, answering to the sender", async () => {
    const { event, events } = await parsed("new_mail.eml");
    expect(event.dedupKey).toBe("mid:caf1axk2oq=7mb@mail.example.org");
    expect(Buffer.from(event.original!).toString()).toContain("Order 4471 has not arrived");
    const message = events[0] as InboundMessage;
    expect(message.type).toBe("message");
    expect(message.threadKey).toBe(`email:${threadHashOf("CAF1aXk2oQ=7mB@mail.example.org")}`);
    expect(message.author).toMatchObject({
      externalId: "anna.customer@example.org",
      displayName: "Anna Kowalska",
    });
    expect(message.text).toContain(
      "my order 4471 was due on Friday and has not arrived. Could you check where it is?",
    );
    expect(message.placeName).toBe("Order 4471 has not arrived");
    expect(message.replyTarget).toMatchObject({
      to: "anna.customer@example.org",
      subject: "Re: Order 4471 has not arrived",
      inReplyTo: "CAF1aXk2oQ=7mB@mail.example.org",
      references: "CAF1aXk2oQ=7mB@mail.example.org",
    });
  });

  it("threads a reply through our own Message-ID in folded References, whatever its subject", async () => {
    const { events } = await parsed("html_reply.eml");
    const message = events[0] as InboundMessage;
    expect(message.threadKey).toBe("email:0123456789abcdef0123456789abcdef");
    // References: the root, the unknown relay id and ours, each once, then the reply itself.
    expect(String(message.replyTarget.references).split(" ")).toEqual([
      "CAF1aXk2oQ=7mB@mail.example.org",
      "unknown-relay-123@lists.example.net",
      "parley.0123456789abcdef0123456789abcdef.aaaaaaaaaaaabbbbbbbbbbbb@shop.example",
      "CAF1aXk9zz@mail.example.org",
    ]);
    expect(message.replyTarget.subject).toBe("Re: Order 4471 has not arrived");
  });

  it("shows HTML as plain text without script, images or the quoted history", async () => {
    const { events } = await parsed("html_reply.eml");
    const message = events[0] as InboundMessage;
    expect(message.text).toBe("It came TODAY, thank you!".replace("TODAY", "today"));
    expect(message.text).not.toContain("alert");
    expect(message.text).not.toContain("courier");
  });

  it.each([
    ["auto_reply.eml", "auto-reply — Auto-Submitted: auto-replied"],
    ["vacation.eml", "auto-reply — Precedence: bulk"],
    ["bounce.eml", "bounce — multipart/report delivery-status"],
    ["loop.eml", "loop — X-Loop names this mailbox"],
  ])("records %s on the channel without opening a ticket", async (name, reason) => {
    const { events } = await parsed(name);
    expect(events).toEqual([{ type: "ignored", platform: "email", reason }]);
  });

  it("knows its own replies coming back and mail sent from the mailbox itself", () => {
    const base = {
      kind: "email",
      size: 10,
      inReplyTo: [],
      references: [],
      replyTo: null,
      to: [],
      cc: [],
      subject: "x",
      date: new Date(0).toISOString(),
      text: "x",
      headers: {},
      attachments: [],
    } satisfies Partial<EmailPayload>;
    const own = parseEmail(
      {
        ...base,
        messageId: "parley.0123456789abcdef0123456789abcdef.aaaaaaaaaaaabbbbbbbbbbbb@shop.example",
        from: { address: "someone@example.org", name: "" },
      },
      settings,
    );
    expect(own).toEqual([{ type: "ignored", platform: "email", reason: "loop — our own Message-ID" }]);
    const self = parseEmail(
      { ...base, messageId: "a@b", from: { address: "support@shop.example", name: "" } },
      settings,
    );
    expect(self).toEqual([{ type: "ignored", platform: "email", reason: "loop — sent from this mailbox" }]);
  });

  it("lists attachments with a reference into the kept mail, and refuses one over the limit with the reason", async () => {
    const { events } = await parsed("attachment.eml");
    const message = events[0] as InboundMessage;
    expect(message.author.displayName).toBe("Анна");
    expect(message.attachments).toEqual([
      {
        type: "file",
        ref: "part:0:att-4471@mail.example.org",
        name: "invoice-4471.pdf",
        mimeType: "application/pdf",
        size: 65,
      },
    ]);
    const small = await parsed("attachment.eml", { maxMessageBytes: 1_000_000, maxAttachmentBytes: 10 });
    const refused = small.events[0] as InboundMessage;
    expect(refused.attachments[0]!.ref).toBeUndefined();
    expect(refused.text).toContain("[invoice-4471.pdf: too large: 65 bytes, over the 10-byte limit]");
  });

  it("refuses a mail over the size limit with the reason, keeping its raw copy", async () => {
    const { event, events } = await parsed("attachment.eml", {
      maxMessageBytes: 200,
      maxAttachmentBytes: 10,
    });
    expect(event.original?.byteLength).toBe(fixture("attachment.eml").byteLength);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "ignored" });
    expect((events[0] as { reason: string }).reason).toMatch(
      /^refused — too large: \d+ bytes, over the 200-byte limit$/,
    );
  });

  it("refuses a payload that is not a stored e-mail", () => {
    expect(() => parseEmail({ kind: "other" }, settings)).toThrow("Not an e-mail");
  });
});
