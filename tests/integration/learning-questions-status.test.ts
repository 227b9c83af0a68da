// One status for a group's learning questions: every page says the same thing (also for a set
// finalised without a kept date, as the demo community has), and finalising or reopening reaches
// open pages live, only through the socket of someone who may read the questions.
import type { Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { learningQuestionsStatus } from "~/domain/learning-questions";
import { writeLearningQuestions } from "~/domain/workplans.server";
import { createCoordinator, createMember, db, groupIdFor } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectSocket, whenConnected } from "../support/realtime";

const praxis = usePraxis();
const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));

async function browserFor(member: { username: string; password: string }) {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

/** The text of the status tag(s) a page shows (data-testid="questions-status"). */
const statusTags = (html: string) => [...html.matchAll(/data-testid="questions-status"[^>]*>([^<]+)</g)].map((m) => m[1]);

/** The CoP page's section for one group. */
function copSection(html: string, slug: string): string {
  const start = html.indexOf(`aria-labelledby="q-${slug}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf("</section>", start);
  return html.slice(start, end);
}

describe("learningQuestionsStatus", () => {
  it("is finalised only for a finalised plan, and keeps the date when there is one", () => {
    const at = new Date("2026-11-02T10:00:00Z");
    expect(learningQuestionsStatus({ questionsStatus: "finalised", questionsFinalisedAt: at })).toEqual({ state: "finalised", isFinalised: true, finalisedAt: at, label: "documents:questions.status.finalised" });
    expect(learningQuestionsStatus({ questionsStatus: "finalised", questionsFinalisedAt: null })).toMatchObject({ state: "finalised", finalisedAt: null });
    // Reopened: a draft again, the old date is history, not the status.
    expect(learningQuestionsStatus({ questionsStatus: "draft", questionsFinalisedAt: at })).toMatchObject({ state: "draft", isFinalised: false, finalisedAt: null, label: "documents:questions.status.draft" });
    expect(learningQuestionsStatus(null)).toMatchObject({ state: "draft" });
  });
});

describe("status labels on every page", () => {
  it("says Finalised everywhere for a set finalised without a dated copy, in English and French", async () => {
    const slug = "practising-accountability";
    const groupId = await groupIdFor(slug);
    await writeLearningQuestions(slug, "Intro", [["What does repair look like?", "À quoi ressemble la réparation ?"]]);
    // As the demo builds it: the status set directly, no date, no finalised version.
    await db().groupPlan.upsert({ where: { groupId }, create: { groupId, questionsStatus: "finalised" }, update: { questionsStatus: "finalised", questionsFinalisedAt: null } });
    const reader = await browserFor(await createMember({ group: slug }));

    for (const [language, finalised, draft, never] of [["en", "Finalised", "Draft", "Not finalised yet."], ["fr", "Finalisées", "Brouillon", "Pas encore finalisées."]] as const) {
      const headers = { "accept-language": language };
      reader.cookies.set("lng", language);
      const doc = await (await reader.get(`/groups/${slug}/docs/learning-questions`, headers)).text();
      expect(statusTags(doc)).toEqual([finalised]);
      expect(doc).not.toContain(`>${draft}<`);
      const cop = copSection(await (await reader.get("/learning-questions", headers)).text(), slug);
      expect(statusTags(cop)).toEqual([finalised]);
      expect(cop).not.toContain(never);
      expect(cop).toContain("What does repair look like?");
      const group = await (await reader.get(`/groups/${slug}`, headers)).text();
      expect(group).toMatch(new RegExp(`docs/learning-questions"[^>]*>[^<]+</a> <span class="tag">${finalised}<`));
    }
  });

  it("after reopening says Draft everywhere and keeps the last finalised copy as history", async () => {
    const slug = "strengthening-collaboration";
    await writeLearningQuestions(slug, "Intro", [["Who is missing from the room?"]]);
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    const path = `/groups/${slug}/docs/learning-questions`;
    expect((await lead.post(path, { intent: "finalise" })).status).toBe(200);
    lead.cookies.set("lng", "en");
    expect(statusTags(await (await lead.get(path)).text())).toEqual(["Finalised"]);
    expect((await lead.post(path, { intent: "reopen" })).status).toBe(200);
    expect(statusTags(await (await lead.get(path)).text())).toEqual(["Draft"]);
    const cop = copSection(await (await lead.get("/learning-questions")).text(), slug);
    expect(statusTags(cop)).toEqual(["Draft"]);
    expect(cop).not.toContain("Not finalised yet.");
  });
});

describe("live", () => {
  it("tells readers' open pages when the lead finalises and reopens", async () => {
    const slug = "rooting-care";
    const groupId = await groupIdFor(slug);
    await writeLearningQuestions(slug, "Intro", [["How do we rest together?"]]);
    const lead = await browserFor(await createMember({ group: slug, lead: true }));
    // A reader from another group and a coordinator: both may read the questions.
    const readers = [await browserFor(await createMember({ group: "practising-accountability" })), await browserFor(await createCoordinator())];
    const received: Array<Array<{ groupId: string; state: string }>> = [];
    for (const reader of readers) {
      const socket = connectSocket(praxis.url, reader.sessionCookie);
      sockets.push(socket);
      const events: Array<{ groupId: string; state: string }> = [];
      socket.on("learning-questions:changed", (event) => events.push(event));
      received.push(events);
      await whenConnected(socket);
    }
    const path = `/groups/${slug}/docs/learning-questions`;
    expect((await lead.post(path, { intent: "finalise" })).status).toBe(200);
    await expect.poll(() => received.map((events) => events.length)).toEqual([1, 1]);
    expect((await lead.post(path, { intent: "reopen" })).status).toBe(200);
    await expect.poll(() => received.map((events) => events.at(-1)?.state)).toEqual(["draft", "draft"]);
    expect(received[0]).toEqual([{ groupId, state: "finalised" }, { groupId, state: "draft" }]);
    // A refused reopen (the member is not the lead) announces nothing: the server answers a ping
    // on the same connection after anything it sent before.
    const member = await browserFor(await createMember({ group: slug }));
    expect((await lead.post(path, { intent: "finalise" })).status).toBe(200);
    await expect.poll(() => received[0].length).toBe(3);
    expect((await member.post(path, { intent: "reopen" })).status).toBe(403);
    await new Promise((resolve) => sockets[0].emit("ping", resolve));
    expect(received[0]).toHaveLength(3);
  });

  it("puts the refresh host on the group and CoP pages, for the groups shown", async () => {
    const reader = await browserFor(await createMember({ group: "rooting-care" }));
    const groupId = await groupIdFor("rooting-care");
    const group = await (await reader.get("/groups/rooting-care")).text();
    expect(group).toContain(`data-live-questions="${groupId}"`);
    const cop = await (await reader.get("/learning-questions")).text();
    expect(cop).toMatch(new RegExp(`data-live-questions="[^"]*${groupId}`));
  });
});
