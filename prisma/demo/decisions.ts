// Demo decisions for the demo community, written through the decisions domain functions: an
// open consent proposal about the care group's learning questions (with positions taken), a
// time poll for its next circle across the members' zones, and a closed one with its outcome.
import { castVote, closeDecision, createDecision, writeOutcome } from "../../app/domain/decisions/decisions.server";
import { toZonedInputs } from "../../app/infra/time-zones";
import { db } from "../../app/infra/db.server";

async function actor(username: string) {
  return db().user.findUniqueOrThrow({ where: { username }, select: { id: true, role: true, timeZone: true, memberships: { select: { groupId: true, role: true } } } });
}

function inDays(days: number, zone: string, time?: string) {
  const { date, time: now } = toZonedInputs(new Date(Date.now() + days * 24 * 3600_000), zone);
  return { date, time: time ?? `${now.slice(0, 2)}:00` };
}

export async function seedDemoDecisions(groupIds: Map<string, string>): Promise<void> {
  const care = groupIds.get("rooting-care")!;
  const lead = await actor("lead.care");
  const member = await actor("member.care");
  const zone = lead.timeZone ?? "UTC";
  const must = <T>(result: { ok: true; value: T } | { ok: false; error: string }, what: string): T => {
    if (!result.ok) throw new Error(`demo ${what}: ${result.error}`);
    return result.value;
  };

  const closes = inDays(5, zone);
  const proposal = must(
    await createDecision(lead, {
      kind: "proposal",
      groupId: care,
      documentId: "learning-questions.rooting-care",
      titleEn: "Adopt our three learning questions for this year",
      titleFr: "Adopter nos trois questions d’apprentissage pour cette année",
      textEn: "The draft in our learning questions document has been discussed for three weeks.\n\nIf nobody blocks, we finalise it at the next circle.",
      textFr: "Le projet de notre document de questions d’apprentissage est discuté depuis trois semaines.\n\nSi personne ne bloque, nous le finalisons au prochain cercle.",
      closesDate: closes.date,
      closesTime: closes.time,
      timeZone: zone,
      voters: "group",
      resultsLive: true,
    }),
    "proposal",
  );
  must(await castVote(member, proposal.decisionId, { position: "agree", reason: "They match what we keep coming back to." }), "position");

  // Slots in the lead's zone (Manila): one that suits Asia, one that suits Africa and the Americas.
  const firstDay = inDays(10, zone, "09:00");
  const secondDay = inDays(11, zone, "21:00");
  const pollCloses = inDays(6, zone);
  const poll = must(
    await createDecision(lead, {
      kind: "time-poll",
      groupId: care,
      titleEn: "When should we hold the next care circle?",
      titleFr: "Quand tenir le prochain cercle de soin ?",
      textEn: "Answer for each time: yes, if need be, or no. Times are shown in your own zone.",
      textFr: "Répondez pour chaque horaire : oui, si nécessaire, ou non. Les horaires sont affichés dans votre fuseau.",
      closesDate: pollCloses.date,
      closesTime: pollCloses.time,
      timeZone: zone,
      voters: "group",
      resultsLive: true,
      durationMinutes: 60,
      slots: [firstDay, secondDay],
    }),
    "time poll",
  );
  const slots = await db().decisionOption.findMany({ where: { decisionId: poll.decisionId }, orderBy: { position: "asc" } });
  must(await castVote(member, poll.decisionId, { answers: { [slots[0].id]: "maybe", [slots[1].id]: "yes" } }), "time poll answer");

  // The community: a ranked-choice poll the coordinator opened, results hidden until it closes.
  const coordinator = await actor("coordinator");
  const plenaryCloses = inDays(12, coordinator.timeZone ?? "UTC");
  must(
    await createDecision(coordinator, {
      kind: "poll",
      pollType: "ranked",
      groupId: null,
      titleEn: "Which theme should open the next plenary?",
      titleFr: "Quel thème pour ouvrir la prochaine plénière ?",
      textEn: "Rank the themes; counted by instant-runoff.",
      textFr: "Classez les thèmes ; décompte par vote alternatif.",
      closesDate: plenaryCloses.date,
      closesTime: plenaryCloses.time,
      timeZone: coordinator.timeZone ?? "UTC",
      options: [
        { en: "Rest as part of the work", fr: "Le repos au cœur du travail" },
        { en: "Accountability to communities", fr: "Rendre des comptes aux communautés" },
        { en: "Alliances across movements", fr: "Alliances entre mouvements" },
      ],
    }),
    "community poll",
  );

  const pastCloses = inDays(1, zone);
  const closed = must(
    await createDecision(lead, {
      kind: "proposal",
      groupId: care,
      titleEn: "Rotate facilitation of our circles every month",
      titleFr: "Faire tourner l’animation de nos cercles chaque mois",
      closesDate: pastCloses.date,
      closesTime: pastCloses.time,
      timeZone: zone,
      voters: "group",
    }),
    "closed proposal",
  );
  must(await castVote(member, closed.decisionId, { position: "agree" }), "closed position");
  must(await castVote(lead, closed.decisionId, { position: "agree" }), "closed position");
  must(await closeDecision(lead, closed.decisionId), "close");
  must(
    await writeOutcome(lead, closed.decisionId, {
      outcomeEn: "Agreed: facilitation rotates monthly, starting with Nilo.",
      outcomeFr: "Adopté : l’animation tourne chaque mois, en commençant par Nilo.",
    }),
    "outcome",
  );
}
