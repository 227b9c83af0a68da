// Demo meetings: a past plenary with bilingual minutes published (and its action items), and
// the next meeting of each working group. Written through the meetings domain functions.
import { scheduleMeeting, recordAttendance } from "../../app/domain/meetings.server";
import { addActionItem, markTranslationStatus, publishMeetingText } from "../../app/domain/minutes.server";
import type { Actor } from "../../app/domain/permissions";
import { toZonedInputs } from "../../app/domain/meeting-times";
import { db } from "../../app/infra/db.server";

const AGENDA = {
  en: "<h2>1. Welcome and check-in</h2><p>A round of names, pronouns and one word for how we arrive.</p><h2>2. News from the working groups</h2><p>Each lead shares five minutes of progress and one open question.</p><h2>3. Care practices</h2><p>What has helped us rest this month?</p><h2>4. Next steps</h2><p>Dates, owners and the next plenary.</p>",
  fr: "<h2>1. Accueil et tour de table</h2><p>Un tour des prénoms, des pronoms et un mot sur notre état d'arrivée.</p><h2>2. Nouvelles des groupes de travail</h2><p>Chaque responsable partage cinq minutes d'avancées et une question ouverte.</p><h2>3. Pratiques de soin</h2><p>Qu'est-ce qui nous a aidé·es à nous reposer ce mois-ci ?</p><h2>4. Prochaines étapes</h2><p>Dates, responsables et prochaine plénière.</p>",
};

const MINUTES = {
  en: "<h2>1. Welcome and check-in</h2><p>Eleven members joined from eight countries. Two members joined by phone only; the call link worked for both.</p><h2>2. News from the working groups</h2><p><strong>Rooting care:</strong> the group finalised its first learning question on collective rest and will test a rotation of facilitation.</p><p><strong>Practising accountability:</strong> the group mapped how feedback travels between organisations and funders, and asked the plenary for examples of safe complaint channels.</p><p><strong>Strengthening collaboration:</strong> the group drafted a shared calendar of regional events and will share it next month.</p><h2>3. Care practices</h2><ul><li>Keeping one meeting-free day each week.</li><li>Rotating who takes notes so that the same people are not always doing invisible work.</li><li>Offering a voice-note option for members on costly connections.</li></ul><h2>4. Decisions and next steps</h2><p>The plenary agreed to publish minutes within one week, in both languages. The next plenary takes place at a time fairer to members in the Americas.</p>",
  fr: "<h2>1. Accueil et tour de table</h2><p>Onze membres de huit pays ont participé. Deux membres étaient connecté·es par téléphone uniquement ; le lien d'appel a fonctionné pour les deux.</p><h2>2. Nouvelles des groupes de travail</h2><p><strong>Prendre racine dans le soin :</strong> le groupe a finalisé sa première question d'apprentissage sur le repos collectif et testera une rotation de l'animation.</p><p><strong>Pratiquer la redevabilité :</strong> le groupe a cartographié la circulation des retours entre organisations et bailleurs, et a demandé à la plénière des exemples de canaux de plainte sûrs.</p><p><strong>Renforcer la collaboration :</strong> le groupe a rédigé un calendrier partagé des événements régionaux et le partagera le mois prochain.</p><h2>3. Pratiques de soin</h2><ul><li>Garder un jour sans réunion chaque semaine.</li><li>Faire tourner la prise de notes pour que ce ne soient pas toujours les mêmes personnes qui font le travail invisible.</li><li>Proposer des messages vocaux aux membres dont la connexion coûte cher.</li></ul><h2>4. Décisions et prochaines étapes</h2><p>La plénière a convenu de publier les comptes rendus dans la semaine, dans les deux langues. La prochaine plénière aura lieu à une heure plus équitable pour les membres des Amériques.</p>",
};

async function actorFor(username: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({
    where: { username },
    select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } },
  });
}

export async function seedDemoMeetings(groupIds: Map<string, string>, now = new Date()): Promise<void> {
  const coordinator = await actorFor("coordinator");
  const past = toZonedInputs(new Date(now.getTime() - 21 * 24 * 3600_000), "Africa/Nairobi");
  const plenary = await scheduleMeeting(coordinator, {
    kind: "plenary",
    audience: "community",
    // The demo community chose these times knowing who they fall at night for.
    acknowledgeNight: true,
    titleEn: "Monthly plenary",
    titleFr: "Plénière mensuelle",
    date: past.date,
    time: "15:00",
    timeZone: "Africa/Nairobi",
    durationMinutes: 90,
    callUrl: "https://meet.jit.si/praxis-plenary",
  });
  if (!plenary.ok) throw new Error(`demo plenary: ${JSON.stringify(plenary.fieldErrors)}`);
  const plenaryId = plenary.value.meetingIds[0];
  for (const [kind, text] of [["agenda", AGENDA], ["minutes", MINUTES]] as const) {
    await markTranslationStatus(coordinator, { meetingId: plenaryId, kind, language: "fr", status: "reviewed" }, text.en, text.fr);
    const published = await publishMeetingText(coordinator, { meetingId: plenaryId, kind }, text);
    if (!published.ok) throw new Error(`demo ${kind}: ${published.error} ${JSON.stringify(published.details ?? {})}`);
  }
  const people = await db().user.findMany({ select: { id: true, username: true } });
  const idOf = (username: string) => people.find((p) => p.username === username)!.id;
  await recordAttendance(coordinator, plenaryId, people.filter((p) => p.username !== "member.collaboration").map((p) => p.id), now);
  const due = new Date(now.getTime() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
  await addActionItem(coordinator, plenaryId, { description: "Share the calendar of regional events with the plenary", ownerId: idOf("lead.collaboration"), dueDate: due });
  await addActionItem(coordinator, plenaryId, { description: "Collect examples of safe complaint channels", ownerId: idOf("member.accountability"), dueDate: due });
  await addActionItem(coordinator, plenaryId, { description: "Propose a rota for note-taking", ownerId: idOf("member.care"), dueDate: "" });

  const groupMeetings = [
    { lead: "lead.care", slug: "rooting-care", titleEn: "Rooting care: monthly meeting", titleFr: "Prendre racine dans le soin : réunion mensuelle", zone: "Asia/Manila", time: "16:00" },
    { lead: "lead.accountability", slug: "practising-accountability", titleEn: "Practising accountability: group meeting", titleFr: "Pratiquer la redevabilité : réunion du groupe", zone: "Africa/Dakar", time: "14:00" },
    { lead: "lead.collaboration", slug: "strengthening-collaboration", titleEn: "Strengthening collaboration: group meeting", titleFr: "Renforcer la collaboration : réunion du groupe", zone: "America/Bogota", time: "09:00" },
  ];
  for (const [index, meeting] of groupMeetings.entries()) {
    const lead = await actorFor(meeting.lead);
    const day = toZonedInputs(new Date(now.getTime() + (5 + index * 2) * 24 * 3600_000), meeting.zone);
    const result = await scheduleMeeting(lead, {
      kind: "group",
      acknowledgeNight: true,
      groupId: groupIds.get(meeting.slug)!,
      audience: "group",
      titleEn: meeting.titleEn,
      titleFr: meeting.titleFr,
      date: day.date,
      time: meeting.time,
      timeZone: meeting.zone,
      durationMinutes: 60,
      callUrl: "https://meet.jit.si/praxis-" + meeting.slug,
    });
    if (!result.ok) throw new Error(`demo group meeting: ${JSON.stringify(result.fieldErrors)}`);
  }
}
