import { smtpTransport } from "./emailSender.ts";
import type { EmailSettings } from "./emailSettings.ts";
import { imapClient } from "./imapMailbox.ts";

/** The step of "test connection" that failed, so the admin knows which half of the form to fix. */
export type ConnectionStep = "imap_connect" | "imap_login" | "imap_folder" | "smtp_connect" | "smtp_login";

export type EmailConnectionTestResult = { ok: true } | { ok: false; step: ConnectionStep; message: string };

/** Logs in to IMAP, opens the folder, then greets and logs in to SMTP; no mail is read or sent. */
export async function testEmailConnection(settings: EmailSettings): Promise<EmailConnectionTestResult> {
  const client = imapClient(settings);
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    const e = err as { authenticationFailed?: boolean; responseText?: string; message?: string };
    const message = (e.responseText ?? e.message ?? String(err)).slice(0, 300);
    return { ok: false, step: e.authenticationFailed ? "imap_login" : "imap_connect", message };
  }
  try {
    await client.mailboxOpen(settings.imapFolder, { readOnly: true });
  } catch (err) {
    const e = err as { responseText?: string; message?: string };
    return {
      ok: false,
      step: "imap_folder",
      message: (e.responseText ?? e.message ?? String(err)).slice(0, 300),
    };
  } finally {
    await client.logout().catch(() => client.close());
  }
  const transport = smtpTransport(settings);
  try {
    await transport.verify();
    return { ok: true };
  } catch (err) {
    const e = err as { code?: string; response?: string; message?: string };
    const message = (e.response ?? e.message ?? String(err)).slice(0, 300);
    return { ok: false, step: e.code === "EAUTH" ? "smtp_login" : "smtp_connect", message };
  } finally {
    transport.close();
  }
}
