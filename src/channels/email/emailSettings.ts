import { z } from "zod";
import { outboundUrlProblem } from "../../net/outboundPolicy.ts";

/** A host name or IP literal an admin may point a mailbox at (private ranges only where the policy allows). */
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, "a host name or IP address")
  .refine(
    (value) =>
      outboundUrlProblem(`http://${value.includes(":") && !value.startsWith("[") ? `[${value}]` : value}`) ===
      null,
    {
      message: "a private, local or reserved address; allowed only with PARLEY_OUTBOUND_ALLOW_PRIVATE",
    },
  );
const port = z.coerce.number().int().min(1).max(65535);

/**
 * One mailbox: IMAP to read, SMTP to answer. Passwords are secret fields (sealed at rest, never returned by the
 * API, never seen by agents); both default to the same login, as most providers use one account for both.
 */
export const emailSettingsSchema = z
  .object({
    /** The address customers write to; replies go out from it and mail from it is never a ticket (loops). */
    address: z.email().transform((a) => a.toLowerCase()),
    /** The name shown beside the address on replies. */
    fromName: z.string().trim().max(100).optional(),
    imapHost: host,
    imapPort: port.default(993),
    /** TLS from the first byte (993); false means plain or STARTTLS when the server offers it (143). */
    imapTls: z.boolean().default(true),
    imapUser: z.string().trim().min(1).max(320),
    imapPassword: z.string().min(1).max(1000),
    imapFolder: z.string().trim().min(1).max(200).default("INBOX"),
    smtpHost: host,
    smtpPort: port.default(465),
    /** TLS from the first byte (465); false means STARTTLS when offered (587, 25). */
    smtpTls: z.boolean().default(true),
    smtpUser: z.string().trim().max(320).optional(),
    smtpPassword: z.string().max(1000).optional(),
    /** Seconds IDLE waits before the mailbox is looked at again anyway (the periodic resync); under the lease. */
    idleSeconds: z.coerce.number().int().min(1).max(25).default(25),
    maxMessageBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .optional(),
    maxAttachmentBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .optional(),
    /**
     * "polling": the channel poller reads the mailbox over IMAP. "demo": the demo feeds it mail through the same
     * reading path (src/simulator/demoMail.ts) and replies are composed but not sent: no mail server is needed.
     */
    mode: z.enum(["polling", "demo"]).default("polling"),
  })
  .transform((s) => ({
    ...s,
    smtpUser: s.smtpUser || s.imapUser,
    smtpPassword: s.smtpPassword || s.imapPassword,
  }));

export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export const EMAIL_SECRET_FIELDS = ["imapPassword", "smtpPassword"] as const;

/** The domain our Message-IDs end in: the mailbox's own. */
export function domainOf(settings: Pick<EmailSettings, "address">): string {
  return settings.address.slice(settings.address.lastIndexOf("@") + 1);
}
