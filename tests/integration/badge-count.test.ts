// The unread badge and the notifications list gather their facts apart (the badge in one
// statement, since every page asks for it), and both ask the same policies. The badge must
// count exactly the unread notices the list shows, for every role and every kind of notice,
// including notices about things the reader may no longer see: a count is a summary that must
// not reveal what is hidden.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openCheckInDraft } from "~/domain/checkins.server";
import { createThread } from "~/domain/discussions.server";
import { addLinkResource } from "~/domain/library.server";
import { listNotifications, unreadNotificationCount } from "~/domain/notifications.server";
import { SUBJECT_RESOURCE } from "~/domain/policies/threads";
import { actorOf, createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { usePraxis } from "../support/praxis";

usePraxis();

const id = () => `t${randomBytes(8).toString("hex")}`;

async function threadIn(author: TestMember, groupId: string | null, title: string): Promise<string> {
  const started = await createThread({ ...(await actorOf(author)), displayName: author.displayName, locale: "en" }, { groupId, title, body: title });
  if (!started.ok) throw new Error(started.error);
  return started.value.threadId;
}

async function meetingFor(creator: TestMember, groupId: string | null, audience: string, cancelled = false): Promise<string> {
  const meetingId = id();
  await db().meeting.create({
    data: { id: meetingId, kind: groupId ? "group" : "plenary", groupId, titleEn: "Call", titleFr: "Appel", startsAt: new Date(Date.now() + 86_400_000), durationMinutes: 60, organiserTimeZone: "UTC", audience, createdById: creator.id, cancelledAt: cancelled ? new Date() : null },
  });
  return meetingId;
}

describe("the unread badge", () => {
  it("counts exactly the unread notices the list shows, for every role and kind of notice", async () => {
    const care = await groupIdFor("rooting-care");
    const accountability = await groupIdFor("practising-accountability");
    const careLead = await createMember({ group: "rooting-care", lead: true });
    const accountabilityMember = await createMember({ group: "practising-accountability" });
    const readers = [await createMember({ group: "rooting-care" }), careLead, accountabilityMember, await createMel(), await createCoordinator()];

    const careThread = await threadIn(careLead, care, "Care thread");
    const accountabilityThread = await threadIn(accountabilityMember, accountability, "Accountability thread");
    const hiddenThread = await threadIn(careLead, care, "Hidden thread");
    await db().thread.update({ where: { id: hiddenThread }, data: { hiddenAt: new Date() } });
    // A reflection on a resource only its group may open.
    const resource = await addLinkResource(await actorOf(accountabilityMember), {
      title: "Group notes",
      description: "",
      language: "en",
      type: "report",
      themes: [],
      tags: [],
      visibility: "group",
      groupSlug: "practising-accountability",
      isShareable: false,
    }, "https://example.org/notes");
    if (!resource.ok) throw new Error(resource.error);
    const reflection = await threadIn(accountabilityMember, null, "On the group notes");
    await db().thread.update({ where: { id: reflection }, data: { subjectType: SUBJECT_RESOURCE, subjectId: resource.value.id } });
    const careMeeting = await meetingFor(careLead, care, "group");
    const accountabilityMeeting = await meetingFor(accountabilityMember, accountability, "group");
    const leadsMeeting = await meetingFor(careLead, null, "leads-mel", true);
    const checkIn = await openCheckInDraft(await actorOf(careLead), care);
    if (!checkIn.ok) throw new Error(checkIn.error);
    const followUp = id();
    await db().followUpAction.create({ data: { id: followUp, groupId: care, title: "Share the toolkit", ownerId: careLead.id, createdById: careLead.id } });

    const counts: number[] = [];
    for (const reader of readers) {
      const notices = [
        ...[careThread, accountabilityThread, hiddenThread, reflection].map((threadId) => ({ kind: "reply", threadId })),
        { kind: "mention", threadId: careThread },
        { kind: "sign-in", sessionId: id(), deviceLabel: "Firefox · Android" },
        ...[careMeeting, accountabilityMeeting, leadsMeeting].map((meetingId) => ({ kind: "meeting-rescheduled", meetingId, data: "{}" })),
        { kind: "meeting-text-published", meetingId: careMeeting, data: JSON.stringify({ text: "minutes", version: 1 }) },
        ...[care, accountability].map((groupId) => ({ kind: "workplan-submitted", subjectType: "workplan", subjectId: groupId, data: "{}" })),
        { kind: "checkin-answered", subjectType: "checkin", subjectId: checkIn.value.id, data: "{}" },
        { kind: "followup-due", subjectType: "followup", subjectId: followUp, data: "{}" },
        // About things that are gone.
        { kind: "followup-assigned", subjectType: "followup", subjectId: id(), data: "{}" },
        { kind: "checkin-submitted", subjectType: "checkin", subjectId: id(), data: "{}" },
      ];
      await db().notification.createMany({ data: notices.map((notice) => ({ id: id(), userId: reader.id, ...notice })) });
      // One already read: neither counts it.
      await db().notification.create({ data: { id: id(), userId: reader.id, kind: "reply", threadId: careThread, readAt: new Date() } });

      const actor = await actorOf(reader);
      const unreadInList = (await listNotifications(actor)).filter((view) => !view.readAt).length;
      expect(await unreadNotificationCount(actor), `${reader.username}`).toBe(unreadInList);
      counts.push(unreadInList);
    }
    // The notices above are not all shown, nor all hidden, to everyone alike.
    expect(new Set(counts).size).toBeGreaterThan(1);
    expect(Math.min(...counts)).toBeGreaterThan(0);
  });
});
