// Demo publications: the rooting-care group's toolkit, published in both languages, and its
// field notes in review with a member's name flagged, so the review page shows the identity scan.
// Written through the domain functions a lead and the coordinator use.
import * as Y from "yjs";
import { db } from "../../app/infra/db.server";
import { changeDocument, createFreeDocument } from "../../app/domain/documents.server";
import { bulletList, heading, paragraph } from "../../app/domain/document-content.server";
import { approveVersion, praxisHosts, proposePublication } from "../../app/domain/publications.server";
import type { Actor } from "../../app/domain/permissions";

async function actor(username: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { username }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

async function document(lead: Actor, groupId: string, title: string, build: () => Y.XmlElement[]): Promise<string> {
  const created = await createFreeDocument(lead, groupId, title);
  if (!created.ok) throw new Error(`demo document: ${created.error}`);
  await changeDocument(created.value.documentId, (doc) => doc.getXmlFragment("default").insert(0, build()));
  return created.value.documentId;
}

export async function seedDemoPublications(groupIds: Map<string, string>): Promise<void> {
  const groupId = groupIds.get("rooting-care");
  if (!groupId) return;
  const lead = await actor("lead.care");
  const coordinator = await actor("coordinator");
  const en = await document(lead, groupId, "Care budgeting toolkit (English)", () => [
    heading("Why budget for care"),
    paragraph("Burnout is not a personal failure: it follows from budgets that leave no room for rest."),
    heading("Five lines to add to any budget"),
    bulletList(["Paid rest days after intense work", "Peer support sessions", "Counselling fund", "Safe transport", "Interpretation for every meeting"]),
    heading("How we tested it"),
    paragraph("Five organisations used the template for one budget cycle and told us what changed."),
  ]);
  const fr = await document(lead, groupId, "Boîte à outils budget et soin (français)", () => [
    heading("Pourquoi budgétiser le soin"),
    paragraph("L’épuisement n’est pas un échec personnel : il découle de budgets qui ne laissent aucune place au repos."),
    heading("Cinq lignes à ajouter à tout budget"),
    bulletList(["Jours de repos payés après un travail intense", "Séances de soutien entre pairs", "Fonds pour l’accompagnement psychologique", "Transport sûr", "Interprétation à chaque réunion"]),
    heading("Comment nous l’avons testée"),
    paragraph("Cinq organisations ont utilisé le modèle pendant un cycle budgétaire et nous ont dit ce qui a changé."),
  ]);
  const meta = {
    groupId,
    visibility: "public",
    summaryEn: "Five budget lines that make collective care part of how a group works, tested by five organisations.",
    summaryFr: "Cinq lignes budgétaires qui font du soin collectif une part du fonctionnement d’un groupe, testées par cinq organisations.",
    authorshipEn: "Rooting care working group, Power of Pride CoP",
    authorshipFr: "Groupe de travail Enraciner le soin, CoP Power of Pride",
    licence: "CC-BY-4.0",
    issuedOn: "2026-11-30",
    languagesMatch: true,
  };
  const toolkit = await proposePublication(lead, { ...meta, slug: "care-budgeting-toolkit", titleEn: "Budgeting for collective care", titleFr: "Budgétiser le soin collectif", sourcesEn: [en], sourcesFr: [fr] });
  if (!toolkit.ok) throw new Error(`demo publication: ${toolkit.error}`);
  const approved = await approveVersion(coordinator, toolkit.value.versionId, praxisHosts());
  if (!approved.ok) throw new Error(`demo approval: ${approved.error} ${JSON.stringify(approved.details ?? {})}`);

  const notesEn = await document(lead, groupId, "Field notes (English)", () => [
    heading("What members told us"),
    paragraph("Nilo said the counselling fund mattered most. Write to care@example.org for the full notes."),
  ]);
  const notesFr = await document(lead, groupId, "Notes de terrain (français)", () => [
    heading("Ce que les membres nous ont dit"),
    paragraph("Nilo a dit que le fonds d’accompagnement comptait le plus. Écrivez à care@example.org pour les notes complètes."),
  ]);
  const notes = await proposePublication(lead, { ...meta, slug: "care-field-notes", titleEn: "Field notes on collective care", titleFr: "Notes de terrain sur le soin collectif", sourcesEn: [notesEn], sourcesFr: [notesFr] });
  if (!notes.ok) throw new Error(`demo publication: ${notes.error}`);
}
