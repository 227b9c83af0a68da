// A small HTTP client for tests that behaves like a browser without JavaScript: it keeps
// cookies, posts forms, and does not follow redirects (so tests can check them).

export class Browserless {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      redirect: "manual",
      headers: { cookie: this.cookieHeader, ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Posts a form; pairs repeat a name (several checkboxes), as a browser sends them. */
  async post(path: string, fields: Record<string, string> | Array<[string, string]>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: this.cookieHeader, "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    this.remember(response);
    return response;
  }

  /** Signs in through the real form; throws unless the server answers with a redirect. */
  async signIn(username: string, password: string): Promise<void> {
    const response = await this.post("/login", { username, password });
    if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
  }

  /** The session cookie value ("id.secret"), for Socket.IO and Yjs clients. */
  get sessionCookie(): string {
    return this.cookieHeader;
  }
}

/** Text of the page with tags removed and entities decoded, for "contains" checks. */
export async function pageText(response: Response): Promise<string> {
  const html = await response.text();
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
