import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parcelPng } from "../../src/simulator/simulatedFiles.ts";
import { ApiClient } from "../support/apiClient.ts";
import { type SimulatedParley, startSimulatedParley } from "../support/simulatedParley.ts";
import { dbTargets } from "../support/testDatabase.ts";
import { waitFor } from "../support/testParley.ts";

const BOT_TOKEN = "777000111:attachment-bot-token-do-not-leak";
const SECRET = "attachment-hook-secret";
const LIMIT = 64 * 1024;
const PNG = parcelPng(5);
const HOSTILE_NAME = '"><img src=x onerror=alert(1)>.html\r\nX-Injected: 1';
const WHATSAPP = {
  app: { appId: "1234567890", appSecret: "meta-app-secret", verifyToken: "meta-verify-token" },
  phoneNumberId: "106540352242922",
  businessAccountId: "102290129340398",
  accessToken: "wa-media-token-do-not-leak",
};

/** What the fake Telegram answers for one file_id: its getFile answer, then the download. */
interface FakeFile {
  path: string;
  bytes?: Buffer;
  contentType?: string;
  /** Streams 200 KB without a Content-Length. */
  endless?: boolean;
  /** Sends a Content-Length of 200 KB and then only a little. */
  claimsHuge?: boolean;
  getFileError?: { status: number; description: string };
}

const fileId = (name: string) => `AgACAgIAAxkBAAIB-${name}-file-id`;

const FILES: Record<string, FakeFile> = {
  [fileId("photo")]: { path: "photos/file_1.jpg", bytes: PNG, contentType: "application/octet-stream" },
  [fileId("page")]: {
    path: "documents/file_2.html",
    bytes: Buffer.from("<!doctype html><script>parent.__pwned=1</script>"),
    contentType: "text/html",
  },
  [fileId("svg")]: {
    path: "documents/file_3.svg",
    bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    contentType: "image/svg+xml",
  },
  [fileId("liar")]: {
    path: "documents/file_4.png",
    bytes: Buffer.from("<html><body>not a picture</body></html>"),
    contentType: "image/png",
  },
  [fileId("huge")]: { path: "documents/file_5.bin", claimsHuge: true },
  [fileId("endless")]: { path: "documents/file_6.bin", endless: true },
  [fileId("expired")]: {
    path: "documents/file_7.bin",
    getFileError: { status: 400, description: "Bad Request: invalid file_id" },
  },
};

/** The Bot API on loopback: getFile and /file/bot<token>/<path> for FILES, and a yes to anything else. */
function startFakeTelegram(): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "";
    requests.push(`${req.method} ${url}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.startsWith(`/bot${BOT_TOKEN}/getFile`)) {
      const id = (JSON.parse(Buffer.concat(chunks).toString() || "{}") as { file_id?: string }).file_id ?? "";
      const file = FILES[id];
      if (!file)
        return json(400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
      if (file.getFileError)
        return json(file.getFileError.status, {
          ok: false,
          error_code: file.getFileError.status,
          description: file.getFileError.description,
        });
      return json(200, { ok: true, result: { file_id: id, file_unique_id: id, file_path: file.path } });
    }
    if (url.startsWith(`/bot${BOT_TOKEN}/`)) return json(200, { ok: true, result: true });
    const file = Object.values(FILES).find((f) => url === `/file/bot${BOT_TOKEN}/${f.path}`);
    if (!file) return json(404, { ok: false, error_code: 404, description: "Not Found" });
    if (file.endless) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let i = 0; i < 50; i++) res.write(Buffer.alloc(4096, 0x41));
      return res.end();
    }
    if (file.claimsHuge) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(200_000) });
      return res.end(Buffer.alloc(200_000, 0x42));
    }
    // Telegram's file server says the length, as most CDNs do.
    res.writeHead(200, {
      "content-type": file.contentType ?? "application/octet-stream",
      ...(file.bytes ? { "content-length": String(file.bytes.length) } : {}),
    });
    res.end(file.bytes);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests }),
    ),
  );
}

interface PresentedMessage {
  id: string;
  text: string;
  attachments: { type: string; name: string | null; url: string | null; mimeType: string | null }[];
}

describe.each(dbTargets())("Attachments relayed by the server on $name", (target) => {
  let env: SimulatedParley;
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  let conversationId: string;
  let messages: PresentedMessage[];
  let updateId = 1;
  const fileUrl = (caption: string) => {
    const url = messages.find((m) => m.text === caption)?.attachments[0]?.url;
    if (!url) throw new Error(`no attachment URL for "${caption}"`);
    return url;
  };
  const get = (url: string, client: ApiClient | null = env.api) =>
    fetch(`${env.app.url}${url}`, { headers: client ? { cookie: client.cookie } : {} });

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    env = await startSimulatedParley(target, { attachmentMaxBytes: LIMIT });
    const channel = await env.api.post("/api/channels", {
      platform: "telegram",
      name: "Files bot",
      settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, mode: "webhook" },
      apiBaseUrl: telegram.url,
      teamId: env.app.parley.bootstrap.teamId,
    });
    expect(channel.status).toBe(201);
    const send = async (caption: string, media: Record<string, unknown>) => {
      const id = updateId++;
      const hook = await fetch(channel.body.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify({
          update_id: id,
          message: {
            message_id: id,
            date: 1_764_000_000 + id,
            chat: { id: 5150, type: "private", first_name: "Ilze" },
            from: { id: 5150, is_bot: false, first_name: "Ilze", language_code: "lv" },
            caption,
            ...media,
          },
        }),
      });
      expect(hook.status).toBe(200);
    };
    await send("photo", {
      photo: [
        { file_id: fileId("photo"), file_unique_id: "p", width: 96, height: 64, file_size: PNG.length },
      ],
    });
    const documents: [string, string, string][] = [
      ["page", HOSTILE_NAME, "text/html"],
      ["svg", "logo.svg", "image/svg+xml"],
      ["liar", "picture.png", "image/png"],
      ["huge", "huge.bin", "application/octet-stream"],
      ["endless", "endless.bin", "application/octet-stream"],
      ["expired", "old.pdf", "application/pdf"],
    ];
    for (const [name, fileName, mimeType] of documents)
      await send(name, {
        document: { file_id: fileId(name), file_unique_id: name, file_name: fileName, mime_type: mimeType },
      });
    conversationId = await waitFor(
      async () => {
        const list = await env.api.get("/api/conversations?q=Ilze");
        const id = list.body.items[0]?.id as string | undefined;
        if (!id) return null;
        const answer = await env.api.get(`/api/conversations/${id}/messages`);
        messages = answer.body.items;
        return messages.length === 1 + documents.length ? id : null;
      },
      20_000,
      "the messages with files",
    );
  });

  afterAll(async () => {
    await env?.app.stop();
    await env?.sim.stop();
    telegram?.server.close();
  });

  it("presents attachments with Parley's own address, never a file_id or the token", async () => {
    const photo = messages.find((m) => m.text === "photo")!;
    expect(photo.attachments).toEqual([
      {
        type: "image",
        name: null,
        mimeType: "image/jpeg",
        size: PNG.length,
        width: 96,
        height: 64,
        url: `/api/messages/${photo.id}/attachments/0`,
        link: null,
      },
    ]);
    const page = await env.api.get(`/api/conversations/${conversationId}/messages?limit=3`);
    for (const text of [JSON.stringify(messages), JSON.stringify(page.body)]) {
      expect(text).not.toContain(BOT_TOKEN);
      expect(text).not.toContain("file-id");
    }
  });

  it("serves an image by its bytes, inline, with nosniff and a sandbox, fetched with the bot's token", async () => {
    const res = await get(fileUrl("photo"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="attachment-1\.png"/);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect(telegram.requests).toContain(`GET /file/bot${BOT_TOKEN}/photos/file_1.jpg`);
    expect([...res.headers.values()].join(" ")).not.toContain(BOT_TOKEN);
  });

  it("serves the one range a media player asks for when it seeks, and says when a range is past the end", async () => {
    const url = `${env.app.url}${fileUrl("photo")}`;
    const whole = await fetch(url, { headers: { cookie: env.api.cookie } });
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-length")).toBe(String(PNG.length));
    await whole.arrayBuffer();
    const part = await fetch(url, { headers: { cookie: env.api.cookie, range: "bytes=4-11" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-11/${PNG.length}`);
    expect(part.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await part.arrayBuffer()).equals(PNG.subarray(4, 12))).toBe(true);
    const tail = await fetch(url, { headers: { cookie: env.api.cookie, range: "bytes=-3" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(PNG.subarray(PNG.length - 3))).toBe(true);
    const past = await fetch(url, { headers: { cookie: env.api.cookie, range: `bytes=${PNG.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${PNG.length}`);
  });

  it("makes markup, SVG and a file that only claims to be a PNG downloads, with the customer's name defused", async () => {
    for (const caption of ["page", "svg", "liar"]) {
      const res = await get(fileUrl(caption));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      await res.arrayBuffer();
    }
    const res = await get(fileUrl("page"));
    await res.arrayBuffer();
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(res.headers.get("x-injected")).toBeNull();
    expect(disposition).not.toMatch(/[<>\r\n]/);
    expect(disposition).toContain('filename="___img src=x onerror=alert(1)_.htmlX-Injected_ 1"');
  });

  it("refuses a file over the limit before reading it, and cuts off one that keeps coming", async () => {
    const huge = await get(fileUrl("huge"));
    expect(huge.status).toBe(502);
    expect((await huge.json()).error.code).toBe("attachment_too_large");

    const endless = await get(fileUrl("endless"));
    let received = 0;
    try {
      received = (await endless.arrayBuffer()).byteLength;
    } catch {
      received = -1; // the connection was cut mid-body
    }
    expect(received).toBeLessThanOrEqual(LIMIT);
  });

  it("answers 404 for a file the platform no longer has, and never repeats the platform's words", async () => {
    const res = await get(fileUrl("expired"));
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("attachment_gone");
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain("Bad Request");
  });

  it("answers 404 for a missing index, a missing message, and a conversation the viewer may not see; 401 signed out", async () => {
    const photo = messages.find((m) => m.text === "photo")!;
    expect((await get(`/api/messages/${photo.id}/attachments/1`)).status).toBe(404);
    expect((await get(`/api/messages/00000000-0000-4000-8000-000000000000/attachments/0`)).status).toBe(404);
    expect((await get(`/api/messages/${photo.id}/attachments/x`)).status).toBe(400);
    expect((await get(fileUrl("photo"), null)).status).toBe(401);

    const other = await env.api.post("/api/teams", { name: "Other team" });
    for (const [email, teamId] of [
      ["outsider-files@example.test", other.body.id],
      ["insider-files@example.test", env.app.parley.bootstrap.teamId],
    ])
      await env.api.post("/api/users", {
        email,
        name: email,
        role: "agent",
        password: "agent-password-9",
        teamIds: [teamId],
      });
    const outsider = await ApiClient.login(env.app.url, "outsider-files@example.test", "agent-password-9");
    const insider = await ApiClient.login(env.app.url, "insider-files@example.test", "agent-password-9");
    const refused = await get(fileUrl("photo"), outsider);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe("not_found");
    const fetchesBefore = telegram.requests.length;
    expect((await get(fileUrl("photo"), outsider)).status).toBe(404);
    expect(telegram.requests.length).toBe(fetchesBefore);
    const allowed = await get(fileUrl("photo"), insider);
    expect(allowed.status).toBe(200);
    await allowed.arrayBuffer();
  });

  it("downloads a WhatsApp photo through the media URL with the number's token (the simulator's files)", async () => {
    const channel = await env.api.post("/api/channels", {
      platform: "whatsapp",
      name: "WhatsApp files",
      settings: {
        ...WHATSAPP.app,
        accountId: WHATSAPP.phoneNumberId,
        businessAccountId: WHATSAPP.businessAccountId,
        accessToken: WHATSAPP.accessToken,
      },
      apiBaseUrl: env.sim.url,
    });
    expect(channel.status).toBe(201);
    env.sim.whatsapp.addNumber({
      phoneNumberId: WHATSAPP.phoneNumberId,
      businessAccountId: WHATSAPP.businessAccountId,
      displayPhoneNumber: "37120000000",
      accessToken: WHATSAPP.accessToken,
      appSecret: WHATSAPP.app.appSecret,
      webhookUrl: channel.body.webhookUrl,
    });
    const caption = `Skatiet, kaste ir saplēsta ${Date.now()}`;
    await env.sim.whatsapp.act(WHATSAPP.phoneNumberId, {
      person: { id: 4242, firstName: "Anna", languageCode: "lv" },
      text: caption,
      visibility: "private",
      attachment: "image",
    });
    const message = await waitFor(
      async () => {
        const list = await env.api.get(`/api/conversations?q=${encodeURIComponent("saplēsta")}`);
        const id = list.body.items[0]?.id as string | undefined;
        if (!id) return null;
        const items = (await env.api.get(`/api/conversations/${id}/messages`)).body
          .items as PresentedMessage[];
        return items.find((m) => m.text === caption) ?? null;
      },
      20_000,
      "the WhatsApp photo",
    );
    expect(message.attachments[0]).toMatchObject({ type: "image", mimeType: "image/png" });
    expect(JSON.stringify(message)).not.toMatch(/9\d{11}/);
    const res = await get(message.attachments[0]!.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    const mediaCalls = env.sim.state.calls.filter(
      (c) => c.platform === "whatsapp" && c.method === "GET media",
    );
    expect(mediaCalls.length).toBeGreaterThan(0);
    expect([...res.headers.values()].join(" ")).not.toContain(WHATSAPP.accessToken);
  });
});
