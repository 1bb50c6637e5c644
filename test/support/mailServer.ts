import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { SMTPServer } from "smtp-server";

/**
 * A real mail server for the e-mail tests: Debian's Dovecot (IMAP) run unprivileged from a temp dir on a free
 * loopback port with a passwd-file of users, and an SMTP server (the `smtp-server` package) that accepts mail
 * and delivers it into the recipient's Dovecot mailbox by IMAP APPEND. Recipients are users by local part:
 * mail to anna@customer.test lands in user "anna"'s INBOX.
 */
export interface MailUser {
  name: string;
  password: string;
}

export interface MailServer {
  host: string;
  imapPort: number;
  smtpPort: number;
  /** Every mail the SMTP side accepted, as sent. */
  accepted: { from: string; to: string[]; raw: Buffer }[];
  /** The next SMTP transactions are answered with these codes at DATA, one each, before any succeeds. */
  failNext(code: number, message: string): void;
  /** Puts a raw mail into a user's INBOX, as a delivery from anywhere would. */
  deliver(user: string, raw: Buffer | string): Promise<void>;
  /** Makes Dovecot start the mailbox over with a new UIDVALIDITY, as after a server migration. */
  renumber(user: string): Promise<void>;
  stop(): Promise<void>;
}

const DOVECOT = "/usr/sbin/dovecot";

/** Why the e-mail tests cannot run here, or null when Dovecot is installed. */
export function mailServerMissing(): string | null {
  return existsSync(DOVECOT)
    ? null
    : "Dovecot is not installed (apt-get install -y dovecot-imapd; .ci/run does it): the e-mail tests against a real IMAP server are skipped";
}

export async function startMailServer(users: MailUser[]): Promise<MailServer> {
  const dir = mkdtempSync(join(tmpdir(), "parley-dovecot-"));
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  // Dovecot refuses to run its login processes as root; the Debian package's own users stand in when we are root.
  const ids = root
    ? { uid: idOf("-u", "dovecot"), gid: idOf("-g", "dovecot") }
    : { uid: process.getuid!(), gid: process.getgid!() };
  const me = root ? { internal: "dovecot", group: "dovecot", login: "dovenull" } : userNames();
  const imapPort = await freePort();
  mkdirSync(join(dir, "run"));
  mkdirSync(join(dir, "state"));
  mkdirSync(join(dir, "home"));
  if (root) chownSync(join(dir, "home"), ids.uid, ids.gid);
  writeFileSync(
    join(dir, "passwd"),
    users
      .map((u) => `${u.name}:{PLAIN}${u.password}:${ids.uid}:${ids.gid}::${join(dir, "home", u.name)}::\n`)
      .join(""),
  );
  writeFileSync(
    join(dir, "dovecot.conf"),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Wrong passwords are tested on purpose: no deliberate delay before saying so.
auth_failure_delay = 0
default_internal_user = ${me.internal}
default_internal_group = ${me.group}
default_login_user = ${me.login}
first_valid_uid = 0
mail_location = maildir:~/Maildir
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
`,
  );
  const dovecot: ChildProcess = spawn(DOVECOT, ["-F", "-c", join(dir, "dovecot.conf")], { stdio: "ignore" });
  await waitForPort(imapPort, 10_000);

  const passwords = new Map(users.map((u) => [u.name, u.password]));
  const imap = async <T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: imapPort,
      secure: false,
      auth: { user, pass: passwords.get(user) ?? "" },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  const deliver = (user: string, raw: Buffer | string) =>
    imap(user, async (client) => {
      await client.append("INBOX", typeof raw === "string" ? Buffer.from(raw) : raw);
    });

  const accepted: MailServer["accepted"] = [];
  const failures: { code: number; message: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (passwords.get(auth.username ?? "") === auth.password) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const failure = failures.shift();
        if (failure) {
          callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        accepted.push({ from, to, raw });
        const local = to
          .map((address) => address.slice(0, address.indexOf("@")))
          .filter((u) => passwords.has(u));
        Promise.all(local.map((user) => deliver(user, raw))).then(
          () => callback(),
          (err: unknown) => callback(Object.assign(new Error(String(err)), { responseCode: 451 })),
        );
      });
    },
  });
  const smtpPort = await new Promise<number>((resolve) => {
    smtp.listen(0, "127.0.0.1", () => resolve((smtp.server.address() as { port: number }).port));
  });

  return {
    host: "127.0.0.1",
    imapPort,
    smtpPort,
    accepted,
    failNext: (code, message) => failures.push({ code, message }),
    deliver,
    renumber: async (user) => {
      // Dovecot keeps a Maildir's UIDVALIDITY in dovecot-uidlist; removing it while nobody has the mailbox
      // open makes the next session assign new UIDs under a new UIDVALIDITY.
      rmSync(join(dir, "home", user, "Maildir", "dovecot-uidlist"), { force: true });
      for (const file of ["dovecot.index", "dovecot.index.cache", "dovecot.index.log"])
        rmSync(join(dir, "home", user, "Maildir", file), { force: true });
    },
    stop: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      dovecot.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 200));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function idOf(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user]).toString().trim());
}

function userNames() {
  const user = execFileSync("id", ["-un"]).toString().trim();
  const group = execFileSync("id", ["-gn"]).toString().trim();
  return { internal: user, group, login: user };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A plain-text mail as a customer's client would write it, for APPEND or SMTP; `date` defaults to now. */
export function plainMail(id: string, headers: string[], body: string, date = new Date()): string {
  return [
    `Message-ID: <${id}>`,
    `Date: ${date.toUTCString()}`,
    ...headers,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
}
