import { SMTPServer } from "smtp-server";
import { freePort } from "./testParley.ts";

export interface ReceivedMail {
  to: string;
  /** The raw message as it came over SMTP: headers and the (possibly quoted-printable) body. */
  body: string;
}

/** A local SMTP server standing in for the team's mail relay, on loopback. */
export async function startMailReceiver() {
  const received: ReceivedMail[] = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The mail's text with quoted-printable undone (soft line breaks and `=XX` escapes), as a mail client shows it. */
export function mailText(mail: ReceivedMail): string {
  return mail.body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_whole, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
