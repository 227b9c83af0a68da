// Verbs on co-edited documents, meeting texts, learning questions and workplans authorise
// themselves: called directly with the wrong actor they refuse (404 when the actor may not know
// of the object, 403 when they may see it but not do this) and change nothing; the rightful actor
// succeeds. The Yjs endpoint asks the same policy, follows access as it changes, and live notices
// reach only those who may read the object.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { openCheckInDraft, submitCheckIn } from "~/domain/checkins.server";
import { addComment, createFreeDocument, documentHistory, readDocumentPage, resolveComment, restoreVersion, saveVersion } from "~/domain/documents.server";
import { finaliseLearningQuestions, reopenLearningQuestions } from "~/domain/learning-questions.server";
import { toZonedInputs } from "~/domain/meeting-times";
import { scheduleMeeting } from "~/domain/meetings.server";
import { addActionItem, markTranslationStatus, openMeetingTextDraft, publishMeetingText, setActionItemDone } from "~/domain/minutes.server";
import type { Actor } from "~/domain/permissions";
import { approveWorkplan, requestWorkplanChanges, setOutcomeForm, submitWorkplan, writeLearningQuestions, writeWorkplan } from "~/domain/workplans.server";
import { encodeSyncStep1, encodeUpdate, MESSAGE_SYNC } from "../../server/collab/protocol";
import { createCoordinator, createMel, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import { connectedSocket, nextEvent, recordEvents } from "../support/realtime";
import { connectDocument, eventually, rawSocket, type YClient } from "../support/yjs";

const praxis = usePraxis();
const clients: YClient[] = [];
const sockets: Socket[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));
afterAll(() => sockets.forEach((socket) => socket.disconnect()));

async function actorOf(member: TestMember): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { id: member.id }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

async function signedIn(member: TestMember): Promise<Browserless> {
  const browser = new Browserless(praxis.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

async function open(documentId: string, member: TestMember): Promise<YClient> {
  const client = connectDocument(praxis.url, documentId, (await signedIn(member)).cookieHeader);
  clients.push(client);
  return client;
}

async function socketOf(member: TestMember): Promise<Socket> {
  const socket = await connectedSocket(praxis.url, (await signedIn(member)).cookieHeader);
  sockets.push(socket);
  return socket;
}

const refused = (status: number) => ({ ok: false, status });

const plan = (title: string) => ({
  sections: [{ heading: "Objectives", paragraphs: [`${title}: train 12 facilitators.`] }],
  milestones: [{ title: "Kick-off", due: "2027-01-20", status: "planned", ownerId: "" }],
  budget: [{ item: "Venue", category: "activities", amountCents: 30000, note: "" }],
});

function inDays(days: number) {
  return toZonedInputs(new Date(Date.now() + days * 24 * 3600_000), "UTC").date;
}

const meetingForm = (values: Record<string, string>) => ({
  kind: "group",
  groupId: "",
  audience: "group",
  titleEn: "Care circle",
  titleFr: "Cercle de soin",
  date: inDays(7),
  time: "14:00",
  timeZone: "Africa/Nairobi",
  durationMinutes: "60",
  callUrl: "",
  repeat: "none",
  occurrences: "1",
  rotate1: "",
  rotate2: "",
  acknowledgeNight: "yes",
  intent: "save",
  ...values,
});

async function scheduleFor(organiser: TestMember, groupSlug: string): Promise<string> {
  const result = await scheduleMeeting(await actorOf(organiser), meetingForm({ groupId: await groupIdFor(groupSlug) }) as never);
  if (!result.ok) throw new Error(`could not schedule: ${result.error} ${JSON.stringify(result.fieldErrors ?? {})}`);
  return result.value.meetingIds[0];
}

describe("group documents", () => {
  const slug = "rooting-care";
  let groupId: string;
  let member: Actor, lead: Actor, outsider: Actor, otherLead: Actor, mel: Actor;

  beforeAll(async () => {
    groupId = await groupIdFor(slug);
    [member, lead, outsider, otherLead, mel] = await Promise.all(
      [
        createMember({ group: slug }),
        createMember({ group: slug, lead: true }),
        createMember({ group: "strengthening-collaboration" }),
        createMember({ group: "strengthening-collaboration", lead: true }),
        createMel(),
      ].map(async (created) => actorOf(await created)),
    );
  });

  it("names and restores versions only for those who may edit", async () => {
    const documentId = `workplan.${slug}`;
    await writeWorkplan(slug, plan("First text"));
    expect(await saveVersion(outsider, documentId, "Theirs")).toMatchObject(refused(403));
    expect(await saveVersion(mel, documentId, "Theirs")).toMatchObject(refused(403));
    expect(await saveVersion(member, "doc.no-such-document", "Nowhere")).toMatchObject(refused(404));
    expect(await db().documentVersion.count({ where: { documentId, kind: "named" } })).toBe(0);
    const saved = await saveVersion(member, documentId, "Before the retreat");
    if (!saved.ok) throw new Error(saved.error);

    await writeWorkplan(slug, plan("Second text"));
    expect(await restoreVersion(outsider, documentId, saved.value.versionId)).toMatchObject(refused(403));
    expect(await restoreVersion(mel, documentId, saved.value.versionId)).toMatchObject(refused(403));
    // A version is restored only into its own document.
    expect(await restoreVersion(member, `learning-outcome.${slug}`, saved.value.versionId)).toMatchObject(refused(404));
    expect(await db().documentVersion.count({ where: { documentId, kind: "restored" } })).toBe(0);
    const before = await readDocumentPage(outsider, documentId);
    expect(before.ok && before.value.html).toContain("Second text");
    expect(before.ok && before.value.access).toBe("read");

    expect(await restoreVersion(member, documentId, saved.value.versionId)).toEqual({ ok: true, value: undefined });
    const after = await readDocumentPage(member, documentId);
    expect(after.ok && after.value.html).toContain("First text");
    const history = await documentHistory(outsider, documentId, saved.value.versionId);
    expect(history.ok && history.value.canRestore).toBe(false);
    expect(await documentHistory(member, documentId, "no-such-version")).toMatchObject(refused(404));
  });

  it("keeps comments to the group, MEL and coordinators", async () => {
    const documentId = `learning-outcome.${slug}`;
    expect(await addComment(outsider, documentId, { anchor: "", body: "Not my group" })).toMatchObject(refused(403));
    expect(await db().documentComment.count({ where: { body: "Not my group" } })).toBe(0);
    const added = await addComment(mel, documentId, { anchor: "", body: "How will you know?" });
    if (!added.ok) throw new Error(added.error);
    expect(await addComment(member, documentId, { anchor: "", body: "  " })).toMatchObject({ ok: false, status: 400, fieldErrors: { body: "documents:comments.errors.empty" } });

    expect(await resolveComment(outsider, documentId, added.value.id)).toMatchObject(refused(403));
    // A comment is resolved only through its own document.
    expect(await resolveComment(member, `workplan.${slug}`, added.value.id)).toMatchObject(refused(404));
    expect((await db().documentComment.findUniqueOrThrow({ where: { id: added.value.id } })).resolvedAt).toBeNull();
    expect((await resolveComment(member, documentId, added.value.id)).ok).toBe(true);
    expect((await db().documentComment.findUniqueOrThrow({ where: { id: added.value.id } })).resolvedAt).not.toBeNull();
  });

  it("lets only the group create free documents", async () => {
    expect(await createFreeDocument(outsider, groupId, "Our notes")).toMatchObject(refused(403));
    expect(await createFreeDocument(mel, groupId, "Our notes")).toMatchObject(refused(403));
    expect(await db().freeDocument.count({ where: { groupId, title: "Our notes" } })).toBe(0);
    const created = await createFreeDocument(member, groupId, "Our notes");
    if (!created.ok) throw new Error(created.error);
    const page = await readDocumentPage(outsider, created.value.documentId);
    expect(page.ok && page.value).toMatchObject({ access: "read", title: "Our notes" });
  });

  it("finalises and reopens learning questions only as the group's lead", async () => {
    const group = { id: groupId, slug };
    await writeLearningQuestions(slug, "Intro", [["How do we rest?"]]);
    for (const actor of [member, otherLead, mel]) expect(await finaliseLearningQuestions(actor, group)).toMatchObject(refused(403));
    expect((await db().groupPlan.findUnique({ where: { groupId } }))?.questionsStatus ?? "draft").toBe("draft");
    expect((await finaliseLearningQuestions(lead, group)).ok).toBe(true);
    for (const actor of [member, otherLead]) expect(await reopenLearningQuestions(actor, group)).toMatchObject(refused(403));
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).questionsStatus).toBe("finalised");
    expect((await reopenLearningQuestions(lead, group)).ok).toBe(true);
    expect(await reopenLearningQuestions(lead, group)).toMatchObject(refused(409));
  });

  it("lets the group's lead submit the workplan and only MEL decide on it", async () => {
    const group = { id: groupId, slug };
    await writeWorkplan(slug, plan("For review"));
    for (const actor of [member, otherLead, mel]) expect(await submitWorkplan(actor, group, "v1")).toMatchObject(refused(403));
    expect(await db().documentVersion.count({ where: { documentId: `workplan.${slug}`, kind: "submitted" } })).toBe(0);
    expect((await submitWorkplan(lead, group, "v1")).ok).toBe(true);
    expect(await submitWorkplan(lead, group, "again")).toMatchObject(refused(409));

    expect(await approveWorkplan(lead, groupId)).toMatchObject(refused(403));
    expect(await requestWorkplanChanges(otherLead, groupId, { comments: "Self-review", language: "en" })).toMatchObject(refused(403));
    expect(await approveWorkplan(mel, "no-such-group")).toMatchObject(refused(404));
    expect((await db().groupPlan.findUniqueOrThrow({ where: { groupId } })).workplanStatus).toBe("submitted");
    expect((await requestWorkplanChanges(mel, groupId, { comments: "Dates, please.", language: "en" })).ok).toBe(true);
    expect((await submitWorkplan(lead, group, "v2")).ok).toBe(true);
    expect(await approveWorkplan(mel, groupId)).toEqual({ ok: true, value: { allocationCents: 30000 } });
  });

  it("lets only the group choose the outcome form", async () => {
    const group = { id: groupId, slug };
    expect(await setOutcomeForm(outsider, group, "practical-tool")).toMatchObject(refused(403));
    expect(await setOutcomeForm(mel, group, "practical-tool")).toMatchObject(refused(403));
    expect((await setOutcomeForm(member, group, "practical-tool")).ok).toBe(true);
    expect(await setOutcomeForm(member, group, "a-film")).toMatchObject({ ok: false, status: 400 });
  });
});

describe("meeting texts", () => {
  let leadMember: TestMember, invitee: TestMember;
  let lead: Actor, member: Actor, outsider: Actor;
  let meetingId: string;

  beforeAll(async () => {
    leadMember = await createMember({ group: "practising-accountability", lead: true });
    invitee = await createMember({ group: "practising-accountability" });
    [lead, member, outsider] = await Promise.all([actorOf(leadMember), actorOf(invitee), actorOf(await createMember({ group: "rooting-care" }))]);
    meetingId = await scheduleFor(leadMember, "practising-accountability");
  });

  it("show a draft to organisers and invitees only, and let invitees write only the agenda", async () => {
    expect(await openMeetingTextDraft(outsider, meetingId, "minutes")).toMatchObject(refused(404));
    expect(await openMeetingTextDraft(outsider, "no-such-meeting", "agenda")).toMatchObject(refused(404));
    const minutes = await openMeetingTextDraft(member, meetingId, "minutes");
    expect(minutes.ok && { access: minutes.value.access, canPublish: minutes.value.canPublish }).toEqual({ access: "read", canPublish: false });
    const agenda = await openMeetingTextDraft(member, meetingId, "agenda");
    expect(agenda.ok && agenda.value.access).toBe("edit");
    const organised = await openMeetingTextDraft(lead, meetingId, "minutes");
    expect(organised.ok && { access: organised.value.access, canPublish: organised.value.canPublish }).toEqual({ access: "edit", canPublish: true });

    const mark = { meetingId, language: "fr" as const, status: "translated" };
    expect(await markTranslationStatus(outsider, { ...mark, kind: "minutes" }, "<p>x</p>")).toMatchObject(refused(404));
    expect(await markTranslationStatus(member, { ...mark, kind: "minutes" }, "<p>x</p>")).toMatchObject(refused(403));
    expect(await db().meetingTextStatus.count({ where: { meetingId, kind: "minutes" } })).toBe(0);
    expect((await markTranslationStatus(member, { ...mark, kind: "agenda" }, "<p>x</p>")).ok).toBe(true);
    expect(await markTranslationStatus(lead, { ...mark, kind: "minutes", status: "finished" }, "<p>x</p>")).toMatchObject(refused(400));
  });

  it("are published only by organisers", async () => {
    const html = { en: "<h2>Decisions</h2><p>We agreed.</p>", fr: "<h2>Décisions</h2><p>Nous avons convenu.</p>" };
    expect((await markTranslationStatus(lead, { meetingId, kind: "minutes", language: "fr", status: "translated" }, html.en, html.fr)).ok).toBe(true);
    // Minutes wait for the meeting to have started.
    expect(await publishMeetingText(lead, { meetingId, kind: "minutes" }, html)).toMatchObject(refused(409));
    await db().meeting.update({ where: { id: meetingId }, data: { startsAt: new Date(Date.now() - 3600_000) } });
    expect(await publishMeetingText(member, { meetingId, kind: "minutes" }, html)).toMatchObject(refused(403));
    expect(await publishMeetingText(outsider, { meetingId, kind: "minutes" }, html)).toMatchObject(refused(403));
    expect(await publishMeetingText(lead, { meetingId: "no-such-meeting", kind: "minutes" }, html)).toMatchObject(refused(404));
    expect(await db().meetingTextVersion.count({ where: { meetingId } })).toBe(0);
    expect(await publishMeetingText(lead, { meetingId, kind: "minutes" }, html)).toEqual({ ok: true, value: { version: 1 } });
    expect(await publishMeetingText(lead, { meetingId, kind: "minutes", changeNote: "Same" }, html)).toMatchObject(refused(409));
  });

  it("take action items from organisers, and let the owner or an organiser tick them off", async () => {
    const item = { description: "Draft the survey", ownerId: invitee.id, dueDate: "" };
    expect(await addActionItem(member, meetingId, item)).toMatchObject(refused(403));
    expect(await addActionItem(outsider, meetingId, item)).toMatchObject(refused(403));
    expect(await db().meetingActionItem.count({ where: { meetingId } })).toBe(0);
    const added = await addActionItem(lead, meetingId, item);
    if (!added.ok) throw new Error(added.error);

    const otherMeeting = await scheduleFor(leadMember, "practising-accountability");
    expect(await setActionItemDone(outsider, meetingId, added.value.id, true)).toMatchObject(refused(403));
    // An item is ticked off only through its own meeting.
    expect(await setActionItemDone(member, otherMeeting, added.value.id, true)).toMatchObject(refused(404));
    expect((await db().meetingActionItem.findUniqueOrThrow({ where: { id: added.value.id } })).doneAt).toBeNull();
    expect((await setActionItemDone(member, meetingId, added.value.id, true)).ok).toBe(true);
    expect((await db().meetingActionItem.findUniqueOrThrow({ where: { id: added.value.id } })).doneAt).not.toBeNull();
  });
});

/** The next sync-step-2 message the server sends on a raw socket, as a document. */
function nextSyncStep2(socket: WebSocket): Promise<Y.Doc> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      // [messageSync, syncStep2, update]: the answer to our step 1.
      if (data[0] !== MESSAGE_SYNC || data[1] !== 1) return;
      socket.off("message", onMessage);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, readVarBytes(new Uint8Array(data), 2));
      resolve(doc);
    };
    socket.on("message", onMessage);
  });
}

/** A lib0 variable-length byte array starting at `offset`. */
function readVarBytes(data: Uint8Array, offset: number): Uint8Array {
  let length = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = data[position++];
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  return data.subarray(position, position + length);
}

describe("the Yjs endpoint asks the same policy", () => {
  it("refuses another group's member a draft, gives an invitee the minutes read-only and the agenda to co-write", async () => {
    const organiser = await createMember({ group: "strengthening-collaboration", lead: true });
    const invitee = await createMember({ group: "strengthening-collaboration" });
    const outsider = await createMember({ group: "rooting-care" });
    const meetingId = await scheduleFor(organiser, "strengthening-collaboration");

    const spies = [await open(`agenda.${meetingId}.en`, outsider), await open(`minutes.${meetingId}.fr`, outsider)];
    await eventually(() => spies.forEach((spy) => expect(spy.closeCodes).toContain(4403)));

    const minutesId = `minutes.${meetingId}.en`;
    const writer = await open(minutesId, organiser);
    await writer.synced;
    writer.doc.getText("t").insert(0, "Decisions");
    await eventually(async () => expect(await db().documentUpdate.count({ where: { documentId: minutesId } })).toBeGreaterThan(0));

    // The invitee's edit is refused; their step 1 is answered only once everything they sent
    // before it was handled, so what the answer and a fresh editor see is final.
    const reader = await rawSocket(praxis.url, minutesId, (await signedIn(invitee)).cookieHeader);
    const answer = nextSyncStep2(reader);
    const sneaky = new Y.Doc();
    sneaky.getText("t").insert(0, "FROM THE INVITEE ");
    reader.send(encodeUpdate(Y.encodeStateAsUpdate(sneaky)));
    reader.send(encodeSyncStep1(new Y.Doc()));
    expect((await answer).getText("t").toString()).toBe("Decisions");
    expect(reader.readyState).toBe(WebSocket.OPEN); // read-only, not thrown out
    reader.close();
    const fresh = await open(minutesId, organiser);
    await fresh.synced;
    expect(fresh.text()).toBe("Decisions");

    // The agenda is co-written by every invitee.
    const agendaId = `agenda.${meetingId}.en`;
    const [agendaWriter, agendaOrganiser] = [await open(agendaId, invitee), await open(agendaId, organiser)];
    await Promise.all([agendaWriter.synced, agendaOrganiser.synced]);
    agendaWriter.doc.getText("t").insert(0, "An item from an invitee");
    await eventually(() => expect(agendaOrganiser.text()).toBe("An item from an invitee"));
  });

  it("closes an invitee's open draft when the meeting moves to another group", async () => {
    const coordinator = await createCoordinator();
    const invitee = await createMember({ group: "rooting-care" });
    const newInvitee = await createMember({ group: "practising-accountability" });
    const meetingId = await scheduleFor(coordinator, "rooting-care");
    const documentId = `minutes.${meetingId}.en`;
    const following = await open(documentId, invitee);
    await following.synced;

    const browser = await signedIn(coordinator);
    const moved = await browser.post(`/meetings/${meetingId}/edit`, meetingForm({ groupId: await groupIdFor("practising-accountability") }));
    expect(moved.status).toBe(303);
    await eventually(() => expect(following.closeCodes).toContain(4403));
    const welcome = await open(documentId, newInvitee);
    await welcome.synced;
    expect(welcome.closeCodes).toEqual([]);
  });

  it("makes an open read-only workplan editable again when MEL asks for changes", async () => {
    const slug = "practising-accountability";
    const leadMember = await createMember({ group: slug, lead: true });
    const member = await createMember({ group: slug });
    await writeWorkplan(slug, plan("Under review"));
    const submitted = await submitWorkplan(await actorOf(leadMember), { id: await groupIdFor(slug), slug }, "For review");
    if (!submitted.ok) throw new Error(submitted.error);
    const documentId = `workplan.${slug}`;
    const editor = await open(documentId, member);
    const watcher = await open(documentId, leadMember);
    await Promise.all([editor.synced, watcher.synced]);
    let syncs = 0;
    editor.provider.on("sync", (isSynced: boolean) => {
      if (isSynced) syncs++;
    });

    const mel = await signedIn(await createMel());
    expect((await mel.post(`/mel/groups/${slug}`, { intent: "request-changes", comments: "Dates, please.", language: "en" })).status).toBe(200);
    // Becoming an editor means reconnecting, so the sync carries all the client holds.
    await eventually(() => expect(editor.closeCodes).toContain(4500));
    await eventually(() => expect(syncs).toBeGreaterThan(0));
    editor.doc.getText("t").insert(0, "after review");
    await eventually(() => expect(watcher.text()).toBe("after review"));
  });
});

describe("live notices", () => {
  it("reach whoever may read the check-in, and nobody else", async () => {
    const slug = "rooting-care";
    const groupId = await groupIdFor(slug);
    const leadMember = await createMember({ group: slug, lead: true });
    const member = await createMember({ group: slug });
    const otherLead = await createMember({ group: "strengthening-collaboration", lead: true });
    const melMember = await createMel();
    const lead = await actorOf(leadMember);
    const draft = await openCheckInDraft(lead, groupId);
    if (!draft.ok) throw new Error(draft.error);
    const notes = { language: "en", progressNotes: "Two circles held", challenges: "", helpSought: "", proposedChanges: "" };
    expect((await submitCheckIn(lead, draft.value.id, notes)).ok).toBe(true);

    const [leadSocket, melSocket, memberSocket, otherLeadSocket] = await Promise.all([leadMember, melMember, member, otherLead].map(socketOf));
    const memberSaw = recordEvents<{ checkInId: string }>(memberSocket, "checkin:changed");
    const otherLeadSaw = recordEvents<{ checkInId: string }>(otherLeadSocket, "checkin:changed");
    const toLead = nextEvent<{ checkInId: string }>(leadSocket, "checkin:changed", (e) => e.checkInId === draft.value.id);
    const toMel = nextEvent<{ checkInId: string }>(melSocket, "checkin:changed", (e) => e.checkInId === draft.value.id);

    const mel = await signedIn(melMember);
    expect((await mel.post(`/mel/checkins/${draft.value.id}`, { intent: "comment", body: "Thank you.", language: "en" })).status).toBe(200);
    expect(await toLead).toEqual({ groupId, checkInId: draft.value.id });
    expect(await toMel).toEqual({ groupId, checkInId: draft.value.id });

    // A marker every member receives, sent after the comment: once it has arrived, anything
    // sent before it to the same socket has arrived too.
    const markerSlug = "strengthening-collaboration";
    const markerGroupId = await groupIdFor(markerSlug);
    await db().groupPlan.upsert({ where: { groupId: markerGroupId }, create: { groupId: markerGroupId, workplanStatus: "submitted" }, update: { workplanStatus: "submitted" } });
    const markers = [memberSocket, otherLeadSocket].map((socket) =>
      nextEvent<{ groupId: string; decision: string }>(socket, "workplan:reviewed", (e) => e.groupId === markerGroupId),
    );
    expect((await mel.post(`/mel/groups/${markerSlug}`, { intent: "request-changes", comments: "Marker", language: "en" })).status).toBe(200);
    // The decision on a workplan reaches every reader of the workplan: every member.
    expect(await Promise.all(markers)).toEqual([
      { groupId: markerGroupId, decision: "changes-requested" },
      { groupId: markerGroupId, decision: "changes-requested" },
    ]);
    expect(memberSaw).toEqual([]);
    expect(otherLeadSaw).toEqual([]);
  });
});
