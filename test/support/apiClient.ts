/** A signed-in API client for tests: cookie session plus the CSRF header, exactly as the browser does it. */
export class ApiClient {
  readonly baseUrl: string;
  cookie = "";
  csrfToken = "";

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  static async login(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    client.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    client.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    return client;
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes and assert on them
  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-csrf-token": this.csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed };
  }

  get(path: string) {
    return this.request("GET", path);
  }

  post(path: string, body?: unknown) {
    return this.request("POST", path, body ?? {});
  }
}
