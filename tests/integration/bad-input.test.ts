// Bad input never takes the server down and never answers 5xx: malformed percent-encoding in a
// websocket upgrade, a path or a query; a bad calendar token; socket events whose payload is not
// what they take; and every route action posted a body that is not a readable form. The list of actions is derived from app/routes.ts, so a new
// action is covered the day it is added.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import routes from "~/routes";
import { createMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectedSocket, emitWithAck } from "../support/realtime";

const praxis = usePraxis();

/** Sends a raw upgrade request and resolves with the first status line (or "closed"). */
function rawUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      );
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received.split("\r\n")[0] || "closed"));
    socket.on("error", reject);
    socket.setTimeout(1000, () => socket.destroy());
  });
}

describe("malformed addresses", () => {
  it("answers a malformed websocket upgrade path and keeps serving", async () => {
    for (const path of ["/yjs/%E0%A4%A", "/yjs/%", "/socket.io/%E0%A4%A?EIO=4&transport=websocket", "/%E0%A4%A"]) {
      const line = await rawUpgrade(praxis.server.port, path);
      expect(line).not.toMatch(/ 5\d\d /);
    }
    expect((await fetch(`${praxis.url}/healthz`)).status).toBe(200);
    expect(praxis.server.process.exitCode).toBeNull();
  });

  it("answers malformed paths, queries and calendar tokens with 4xx", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    for (const path of [
      "/library/%E0%A4%A",
      "/%E0%A4%A",
      "/groups/%E0%A4%A",
      "/library?q=%E0%A4%A",
      "/library?q=%&type=%ZZ&page=%E0",
      "/library?from=%E0%A4%A&to=not-a-date",
      "/calendar/%E0%A4%A",
      "/calendar/%E0%A4%A.ics",
      "/calendar/not-a-token.ics",
      "/calendar/" + "x".repeat(5000) + ".ics",
      "/meetings/%E0%A4%A/ics",
    ]) {
      const response = await browser.get(path);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.text(), path).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });
});

describe("socket events given a payload they do not take", () => {
  it("answer invalid, never as a fault of the server, and log no error", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const opened = await browser.post("/groups/rooting-care", { intent: "new-thread", title: "Bad input", body: "Opening", language: "en" });
    const threadId = opened.headers.get("location")!.split("/threads/")[1];
    const socket = await connectedSocket(praxis.url, browser.cookieHeader);
    const logsBefore = praxis.server.logs.join("").length;
    const answers: Record<string, unknown> = {};
    // A sequence number no post can have: beyond what the database stores, or not a number at all.
    for (const afterSeq of [2 ** 31, 2 ** 53, 1e308, -1e308, -2, "1", null, 1.5]) {
      answers[`thread:catchup ${String(afterSeq)}`] = await emitWithAck(socket, "thread:catchup", { threadId, afterSeq });
    }
    answers["thread:reply body object"] = await emitWithAck(socket, "thread:reply", { threadId, body: { text: "x" } });
    answers["space:watch object"] = await emitWithAck(socket, "space:watch", { groupId: "x" });
    socket.disconnect();
    expect(answers).toEqual({
      ...Object.fromEntries(["2147483648", "9007199254740992", "1e+308", "-1e+308", "-2", "1", "null", "1.5"].map((value) => [`thread:catchup ${value}`, { ok: false, error: "invalid" }])),
      "thread:reply body object": { ok: false, error: "common:errors.invalidValue" },
      "space:watch object": { ok: false },
    });
    expect(praxis.server.logs.join("").slice(logsBefore)).not.toContain('"level":"error"');
  });
});

interface RouteEntry {
  path?: string;
  file: string;
  index?: boolean;
  children?: RouteEntry[];
}

function actionPaths(): string[] {
  const appDir = fileURLToPath(new URL("../../app/", import.meta.url));
  const flat = (entries: RouteEntry[]): RouteEntry[] => entries.flatMap((e) => [e, ...flat(e.children ?? [])]);
  return flat(routes as RouteEntry[])
    .filter((entry) => /export (async )?function action\b|export const action\b/.test(readFileSync(appDir + entry.file, "utf8")))
    .map((entry) => "/" + (entry.path ?? "").replace(/:slug/g, "rooting-care").replace(/:[a-zA-Z]+/g, "x0").replace(/\*/g, "anything"))
    // Signing out and the quick exit end the session whatever the body: walk them last.
    .sort((a, b) => Number(ENDS_SESSION.includes(a)) - Number(ENDS_SESSION.includes(b)));
}
const ENDS_SESSION = ["/logout", "/exit"];

const BOUNDARY = "----praxisboundary";
const BAD_BODIES: Array<{ name: string; headers: Record<string, string>; body: BodyInit }> = [
  { name: "no content type", headers: {}, body: new Blob(["intent=save&title=x"]) },
  { name: "text/plain", headers: { "content-type": "text/plain" }, body: "intent=save&title=x" },
  { name: "JSON", headers: { "content-type": "application/json" }, body: JSON.stringify({ intent: "save", title: "x" }) },
  {
    name: "truncated multipart",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 trunc`,
  },
  { name: "multipart without boundary", headers: { "content-type": "multipart/form-data" }, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--${BOUNDARY}--\r\n` },
  {
    name: "multipart without content-disposition",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nsave\r\n--${BOUNDARY}--\r\n`,
  },
];

describe("every route action given a body that is not a readable form", () => {
  let browser: Browserless;
  let member: Awaited<ReturnType<typeof createMember>>;
  const paths = actionPaths();

  beforeAll(async () => {
    member = await createMember();
  });
  beforeEach(async () => {
    browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
  });

  it("finds the actions", () => {
    expect(paths.length).toBeGreaterThan(20);
    expect(paths).toContain("/login");
  });

  for (const bad of BAD_BODIES) {
    it(`answers 4xx, never 5xx, to ${bad.name}`, async () => {
      const failures: string[] = [];
      for (const path of paths) {
        const response = await fetch(new URL(path, praxis.url), {
          method: "POST",
          redirect: "manual",
          headers: { cookie: browser.cookieHeader, ...bad.headers },
          body: bad.body,
        });
        const text = await response.text();
        if (!ENDS_SESSION.includes(path) && response.status === 303 && response.headers.get("location")?.startsWith("/login")) failures.push(`${path} signed out`);
        if (response.status >= 500 || /at .*\.(ts|js):\d+/.test(text)) failures.push(`${path} ${response.status}`);
      }
      expect(failures).toEqual([]);
      expect((await fetch(`${praxis.url}/healthz`)).status).toBe(200);
    });
  }

  it("answers a non-form body with 415 and a translated page", async () => {
    const response = await fetch(new URL("/settings", praxis.url), {
      method: "POST",
      headers: { cookie: browser.cookieHeader, "content-type": "application/json", "accept-language": "fr" },
      body: "{}",
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("Le formulaire n’a pas pu être lu");
  });

  it("answers a broken multipart body with 400", async () => {
    const response = await fetch(new URL("/library/new", praxis.url), { method: "POST", headers: { cookie: browser.cookieHeader, ...BAD_BODIES[3].headers }, body: BAD_BODIES[3].body });
    expect(response.status).toBe(400);
  });
});
