// Quoted history and signatures are stripped from real-looking Gmail, Outlook and Apple Mail
// replies (tests/fixtures/mail/), and one-word answers are read as RSVPs.
import { readFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { calendarAnswer } from "~/domain/mail-in/meeting-replies.server";
import { oneWordRsvp, replyText } from "~/domain/mail-in/reply-text.server";
import { meetingUid } from "~/domain/meeting-calendar.server";

function fixture(name: string, values: Record<string, string> = {}): string {
  const raw = readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), "utf8");
  const all: Record<string, string> = { FROM: "amani@example.org", TO: "praxis+abcdefghijklmnopqrstuvwxyz234567@praxis.test", IN_REPLY_TO: "<praxis.x@praxis.test>", ...values };
  return raw.replace(/\{\{(\w+)\}\}/g, (_, key: string) => all[key] ?? "");
}

async function textOf(name: string): Promise<string> {
  const mail = await simpleParser(fixture(name));
  return replyText(mail.text ?? "");
}

describe("replyText", () => {
  it("keeps only the new text of a Gmail reply", async () => {
    expect(await textOf("gmail-reply.eml")).toBe("Thanks, I can bring the *budget notes* on Friday.");
  });

  it("drops Outlook's quoted header block and the message under it", async () => {
    const text = await textOf("outlook-reply.eml");
    expect(text.startsWith("Agreed, let us meet the partners first.")).toBe(true);
    expect(text).not.toMatch(/From: Praxis|mentioned|_{5}/);
  });

  it("drops Apple Mail's French quote header and 'Envoyé de mon iPhone'", async () => {
    expect(await textOf("apple-reply.eml")).toBe("Oui, je m’en occupe demain.");
  });

  it("drops a '-- ' signature", () => {
    expect(replyText("See you there\n\n-- \nAmani\nRooting care")).toBe("See you there");
  });
});

describe("RSVP answers", () => {
  it("reads one word in English or French, and nothing longer", () => {
    expect(["yes", "Oui", "OUI!", "no", "Non.", "maybe", "peut-être", "Peut-etre"].map(oneWordRsvp)).toEqual(["yes", "yes", "yes", "no", "no", "maybe", "maybe", "maybe"]);
    expect(oneWordRsvp("yes but late")).toBeNull();
    expect(oneWordRsvp("")).toBeNull();
  });

  it("reads a calendar REPLY for this meeting only", async () => {
    const mail = await simpleParser(fixture("calendar-reply.eml", { UID: meetingUid("m1"), PARTSTAT: "TENTATIVE", TITLE: "Plenary" }));
    const calendar = mail.attachments.find((a) => a.contentType === "text/calendar")?.content.toString("utf8") ?? "";
    expect(calendar).toContain("METHOD:REPLY");
    expect(calendarAnswer(calendar, "m1")).toBe("maybe");
    expect(calendarAnswer(calendar, "m2")).toBeNull();
    expect(calendarAnswer(calendar.replace("METHOD:REPLY", "METHOD:REQUEST"), "m1")).toBeNull();
    expect(calendarAnswer("not a calendar", "m1")).toBeNull();
  });
});
