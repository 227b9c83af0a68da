// Bad input never takes the server down and never answers 5xx: malformed percent-encoding in a
// websocket upgrade, a path or a query; a bad calendar token; socket events whose payload is not
// what they take; the decision and publication forms given hostile values against real objects;
// every route action posted a body that is not a readable form, and every route asked with each
// method. The lists are derived from app/routes.ts, so a new route is covered the day it is added.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import routes from "~/routes";
import { toZonedInputs } from "~/infra/time-zones";
import { createCoordinator, createMember, db, groupIdFor } from "../factories";
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

describe("decision and publication forms given hostile values", () => {
  it("answer 4xx, never 5xx, for real decisions of every kind and a real proposal", async () => {
    const signedIn = async (member: { username: string; password: string }) => {
      const browser = new Browserless(praxis.url);
      await browser.signIn(member.username, member.password);
      return browser;
    };
    const [lead, coordinator] = await Promise.all([createMember({ group: "rooting-care", lead: true }).then(signedIn), createCoordinator().then(signedIn)]);
    const groupId = await groupIdFor("rooting-care");
    const failures: string[] = [];
    const check = async (label: string, response: Response) => {
      const text = await response.text();
      if (response.status >= 500 || /at .*\.(ts|js):\d+/.test(text)) failures.push(`${label} ${response.status}`);
      return response;
    };
    const { date, time } = toZonedInputs(new Date(Date.now() + 2 * 24 * 3600_000), "UTC");
    const tomorrow = toZonedInputs(new Date(Date.now() + 24 * 3600_000), "UTC").date;
    const base = { kind: "proposal", titleEn: "T", titleFr: "T", closesDate: date, closesTime: time };
    const options = { option0En: "a", option0Fr: "a", option1En: "b", option1Fr: "b" };
    for (const [i, values] of [
      { ...base, closesDate: "2026-02-30" }, { ...base, closesDate: "9999-12-31" }, { ...base, closesTime: "99:99" },
      { ...base, quorumKind: "share", quorumValue: "1e308" }, { ...base, quorumKind: "count", quorumValue: "abc" }, { ...base, quorumKind: "other" },
      { ...base, kind: "poll", pollType: "multiple", maxChoices: "-5", ...options }, { ...base, kind: "poll", pollType: "score", scoreMax: "1e9", ...options },
      { ...base, kind: "time-poll", slot0Date: "2026-13-01", slot0Time: "10:00", slot1Date: date, slot1Time: "25:00", durationMinutes: "NaN" },
      { ...base, documentId: `doc.${"x".repeat(150)}` }, { ...base, documentId: "workplan.nope" }, { ...base, meetingId: "%%%" },
      { ...base, kind: "__proto__" }, { ...base, voters: "everyone" }, { ...base, titleEn: "x".repeat(7000) },
    ].entries()) {
      await check(`new decision ${i}`, await lead.post("/groups/rooting-care/decisions/new", values));
      await check(`new community decision ${i}`, await coordinator.post("/community/decisions/new", values));
    }
    const decision = async (values: Record<string, string>) => {
      const response = await lead.post("/groups/rooting-care/decisions/new", { ...base, ...values });
      expect(response.status).toBe(303);
      return response.headers.get("location")!;
    };
    const decisions = [
      await decision({}),
      await decision({ kind: "poll", pollType: "ranked", ...options }),
      await decision({ kind: "poll", pollType: "score", isAnonymous: "on", ...options }),
      await decision({ kind: "poll", pollType: "multiple", isAnonymous: "on", maxChoices: "1", ...options }),
      await decision({ kind: "poll", pollType: "ranked", isAnonymous: "on", ...options }),
      await decision({ kind: "time-poll", slot0Date: tomorrow, slot0Time: "10:00", slot1Date: tomorrow, slot1Time: "11:00" }),
    ];
    const forms: Array<Array<[string, string]>> = [
      [["intent", "vote"]], [["intent", "vote"], ["position", "__proto__"]], [["intent", "vote"], ["option", "x"], ["option", "x"]],
      [["intent", "vote"], ["rank.a", "1e999"]], [["intent", "vote"], ["rank.__proto__", "1"]], [["intent", "vote"], ["score.__proto__", "3"]],
      [["intent", "vote"], ["score.constructor", "3"]], [["intent", "vote"], ["score.x", "NaN"]], [["intent", "vote"], ["answer.__proto__", "yes"]],
      [["intent", "vote"], ["answer.toString", "yes"]], [["intent", "vote"], ["position", "block"], ["reason", "x".repeat(5000)]],
      [["intent", "outcome"], ["outcomeEn", ""], ["outcomeFr", "x".repeat(9000)]], [["intent", "action-add"], ["ownerId", "%%"], ["dueDate", "2026-99-99"]],
      [["intent", "schedule"], ["optionId", "x"], ["callUrl", "javascript:alert(1)"]], [["intent", "__proto__"]], [["intent", "close"]],
    ];
    for (const path of decisions) for (const [i, fields] of forms.entries()) await check(`${path} ${i}`, await lead.post(path, fields));

    const proposal = (slug: string, extra: Array<[string, string]> = []): Array<[string, string]> => [
      ["groupId", groupId], ["slug", slug], ["visibility", "public"], ["titleEn", "P"], ["titleFr", "P"], ["summaryEn", ""], ["summaryFr", ""],
      ["authorshipEn", "A"], ["authorshipFr", "A"], ["licence", "CC-BY-4.0"], ["issuedOn", "2026-12-03"], ["sourcesEn", "learning-outcome.rooting-care"], ["sourcesFr", "learning-outcome.rooting-care"], ...extra,
    ];
    for (const [i, fields] of [
      proposal("UPPER case!"), proposal("x".repeat(500)), proposal("bad-source", [["sourcesEn", "agenda.x.en"], ["sourcesFr", "doc.nope"]]),
      [["groupId", "nope"]] as Array<[string, string]>, proposal("bad-meta").map(([k, v]): [string, string] => [k, k === "licence" ? "none" : k === "issuedOn" ? "2026-99-99" : k === "visibility" ? "x" : v]),
    ].entries()) {
      await check(`new publication ${i}`, await lead.post("/publications/new", fields));
    }
    const created = await lead.post("/publications/new", proposal("hostile-values"));
    expect(created.status).toBe(303);
    const path = created.headers.get("location")!;
    const { id: versionId } = await db().publicationVersion.findFirstOrThrow({ where: { publicationId: path.split("/").pop()! } });
    for (const browser of [lead, coordinator]) {
      const acts: Array<Record<string, string>> = [
        { intent: "approve", versionId }, { intent: "approve", versionId: "x" }, { intent: "accept", versionId, language: "xx", key: "y" },
        { intent: "fix", versionId, language: "en", key: "body|name:x:0", replacement: "x".repeat(300) }, { intent: "confirm", versionId, language: "__proto__" },
        { intent: "visibility", visibility: "__proto__" }, { intent: "correction", changeNote: "x".repeat(10000) }, { intent: "consent" }, { intent: "revoke" }, { intent: "x" },
      ];
      for (const [i, fields] of acts.entries()) {
        await check(`publication ${i}`, await browser.post(path, fields));
      }
    }
    await check("edit", await coordinator.post(`${path}/edit`, { versionId, titleEn: "", htmlEn: "<script>x</script>", issuedOn: "bad", licence: "none" }));
    for (const address of ["hostile-values?part=0", "hostile-values?part=99999", "hostile-values/v/0", "hostile-values/v/99999", "hostile-values/v/1/x.zip", "%E0%A4%A", "ab", "a".repeat(70)]) {
      await check(address, await new Browserless(praxis.url).get(`/p/${address}`));
    }
    expect(failures).toEqual([]);
    // A few hundred requests: about 5 s alone, several times that beside the rest of the suite.
  }, 120_000);
});

interface RouteEntry {
  path?: string;
  file: string;
  index?: boolean;
  children?: RouteEntry[];
}

/** Every route of app/routes.ts, nested ones too. */
function allRoutes(entries: RouteEntry[] = routes as RouteEntry[]): RouteEntry[] {
  return entries.flatMap((entry) => [entry, ...allRoutes(entry.children ?? [])]);
}

/** A route's address with its parameters filled in (a real group, placeholders elsewhere). */
function addressOf(entry: RouteEntry): string {
  return entry.index ? "/" : "/" + (entry.path ?? "").replace(/:slug/g, "rooting-care").replace(/:[a-zA-Z]+/g, "x0").replace(/\*/g, "anything");
}

function actionPaths(): string[] {
  const appDir = fileURLToPath(new URL("../../app/", import.meta.url));
  return allRoutes()
    .filter((entry) => /export (async )?function action\b|export const action\b/.test(readFileSync(appDir + entry.file, "utf8")))
    .map(addressOf)
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

function everyPath(): string[] {
  return allRoutes().map(addressOf).filter((path) => !ENDS_SESSION.includes(path));
}

describe("every route asked with a method it does not take", () => {
  it("says so with a 4xx (React Router's bare \"Unexpected Server Error\" never reaches anyone)", async () => {
    const member = await createMember();
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const paths = everyPath();
    expect(paths.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const path of paths) {
      for (const method of ["GET", "POST", "PUT", "DELETE"]) {
        const response = await fetch(new URL(path, praxis.url), { method, redirect: "manual", headers: { cookie: browser.cookieHeader, origin: praxis.url, "content-type": "application/x-www-form-urlencoded" }, body: method === "GET" ? undefined : "intent=none" });
        const text = await response.text();
        if (response.status >= 500 || text.includes("Unexpected Server Error")) failures.push(`${method} ${path} ${response.status} ${text.slice(0, 60)}`);
        if (response.status === 405 && response.headers.get("content-type")?.includes("json")) {
          const body = JSON.parse(text) as { error?: string };
          if (body.error !== "common:errors.badRequest") failures.push(`${method} ${path} 405 without a translatable error`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The resource routes that are only read or only posted to name what they take.
    const posted = await fetch(new URL("/offline-pack/key", praxis.url), { method: "POST", headers: { cookie: browser.cookieHeader, origin: praxis.url } });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
  });
});

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
