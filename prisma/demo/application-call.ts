// The demo community's call for applications, in both languages, as a coordinator would write it.
// The deadline is set when the demo is seeded (eight weeks ahead).
import type { CallInput } from "../../app/domain/applications/call.server";
import { db } from "../../app/infra/db.server";
import { newId } from "../../app/infra/ids.server";

export const DEMO_CALL_TEXTS = {
  titleEn: "Call for applications: Community of Practice on sustaining LGBTIQ+ movements",
  titleFr: "Appel à candidatures : Communauté de pratique sur la pérennité des mouvements LGBTIQ+",
  themesEn:
    "For one year, activists from Africa, Asia and Latin America and the Caribbean learn together how our movements last: how we care for ourselves and each other, how we hold ourselves accountable, and how we work across organisations and borders.\n\nMembers join one of three working groups: Rooting care, Practising accountability, or Strengthening collaboration. Each group sets its own learning questions and produces a shared learning outcome by the end of the year.",
  themesFr:
    "Pendant un an, des activistes d'Afrique, d'Asie, d'Amérique latine et des Caraïbes apprennent ensemble comment nos mouvements durent : comment prendre soin de soi et des autres, comment rendre des comptes, et comment travailler au-delà des organisations et des frontières.\n\nLes membres rejoignent l'un des trois groupes de travail : Enraciner le soin, Pratiquer la redevabilité ou Renforcer la collaboration. Chaque groupe définit ses questions d'apprentissage et produit un résultat d'apprentissage commun d'ici la fin de l'année.",
  commitmentsEn:
    "Take part in your working group's monthly online meeting (about 2 hours) and in four plenary sessions during the year.\nContribute to your group's documents and workplan between meetings (about 4 hours a month).\nShare what you learn with your organisation or community.\nJoin the mid-year and end-of-year reflection with the MEL group.",
  commitmentsFr:
    "Participer à la réunion mensuelle en ligne de votre groupe de travail (environ 2 heures) et à quatre sessions plénières dans l'année.\nContribuer aux documents et au plan de travail de votre groupe entre les réunions (environ 4 heures par mois).\nPartager ce que vous apprenez avec votre organisation ou votre communauté.\nParticiper au bilan de mi-parcours et de fin d'année avec le groupe MEL.",
  honorariumEn: "Each member receives an honorarium of EUR 1,200 for the year, paid in two instalments, plus a data allowance for online meetings.",
  honorariumFr: "Chaque membre reçoit des honoraires de 1 200 EUR pour l'année, versés en deux fois, ainsi qu'une allocation de données pour les réunions en ligne.",
  eligibilityEn:
    "You can apply if you are an LGBTIQ+ activist living and working in Africa, Asia, or Latin America and the Caribbean, and can work in English or French.\n\nYou cannot apply if you are a member of the programme's international advisory committee, current staff of one of the alliance's organisations, or were a member of a previous Community of Practice.",
  eligibilityFr:
    "Vous pouvez candidater si vous êtes activiste LGBTIQ+, vivez et travaillez en Afrique, en Asie, en Amérique latine ou dans les Caraïbes, et pouvez travailler en anglais ou en français.\n\nVous ne pouvez pas candidater si vous êtes membre du comité consultatif international du programme, salarié·e actuel·le d'une des organisations de l'alliance, ou si vous avez été membre d'une précédente Communauté de pratique.",
};

type CallSetting = "blindFirstRound" | "reviewersPerApplication" | "interviewReplyTo";

/** The demo community's call and its appointed reviewers, into a database that has no call yet. */
export async function seedCall(call: Omit<CallInput, CallSetting> & Partial<Pick<CallInput, CallSetting>>, coordinatorId: string, reviewerIds: string[]): Promise<void> {
  if (await db().applicationCall.count()) return;
  await db().applicationCall.create({ data: { id: newId(), ...call } });
  for (const userId of reviewerIds) await db().applicationReviewer.create({ data: { userId, appointedById: coordinatorId } });
}
