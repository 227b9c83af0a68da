// Demo library: a handful of realistic resources in both languages — links, and two small PDFs
// generated here (so the demo shows search inside documents) — added through the domain functions.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { addFileResource, addLinkResource, createCollection, addToCollection, linkToQuestion, type ResourceDetails } from "../../app/domain/library.server";
import { db } from "../../app/infra/db.server";

async function actorFor(username: string) {
  return db().user.findUniqueOrThrow({ where: { username }, select: { id: true, role: true, memberships: { select: { groupId: true, role: true } } } });
}

/** A one-page PDF with a title and paragraphs (standard fonts: WinAnsi covers French accents). */
export async function generatePdf(title: string, paragraphs: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setAuthor("Praxis demo");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage([595, 842]);
  let y = 780;
  page.drawText(title, { x: 50, y, size: 18, font: bold });
  y -= 36;
  for (const paragraph of paragraphs) {
    const words = paragraph.split(" ");
    let line = "";
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, 11) > 495) {
        page.drawText(line, { x: 50, y, size: 11, font });
        y -= 16;
        line = word;
      } else line = next;
    }
    if (line) page.drawText(line, { x: 50, y, size: 11, font });
    y -= 28;
  }
  return doc.save();
}

const details = (d: Partial<ResourceDetails> & Pick<ResourceDetails, "title" | "language" | "type">): ResourceDetails => ({
  description: "", themes: [], tags: [], visibility: "community", groupSlug: "", isShareable: false, ...d,
});

export async function seedDemoLibrary(): Promise<void> {
  const care = await actorFor("lead.care");
  const awa = await actorFor("lead.accountability");
  const camilo = await actorFor("lead.collaboration");
  const jo = await actorFor("member.accountability");

  const carePdf = await generatePdf("Collective care in hard times: notes from three movements", [
    "Burnout is not an individual failure. Activists in Nairobi, Manila and Bogotá describe rest as a collective practice: rotating roles, shared budgets for wellbeing, and check-ins that start with how people are, not what they delivered.",
    "Organisations that last build care into their structures: paid leave that people actually take, peer support circles, and agreements about what happens when someone is threatened or arrested.",
    "Questions for discussion: what would it take for care to be a budget line rather than an afterthought? Who carries the invisible work of care in your group?",
  ]);
  const caring = await addFileResource(care, details({
    title: "Collective care in hard times",
    description: "Short field notes on how LGBTIQ+ movements in three regions practise collective care and prevent burnout.",
    language: "en", type: "report", themes: ["rooting-care"], tags: ["burnout", "collective care", "wellbeing"], isShareable: true,
  }), { fileName: "collective-care-notes.pdf", bytes: carePdf });

  const equityPdf = await generatePdf("Équité et redevabilité dans les alliances", [
    "La redevabilité envers les communautés commence par l'équité dans la prise de décision : qui fixe l'ordre du jour, qui parle en premier, qui reçoit les fonds.",
    "Les organisations partenaires de Dakar, Kinshasa et Port-au-Prince proposent des pratiques simples : des comptes rendus publiés dans les deux langues, des retours anonymes, et une rotation de la facilitation.",
    "Question pour le groupe : comment rendre des comptes aux personnes que nous servons sans les exposer à des risques ?",
  ]);
  const equity = await addFileResource(awa, details({
    title: "Équité et redevabilité dans les alliances",
    description: "Pratiques de redevabilité partagées par des organisations partenaires d'Afrique de l'Ouest et centrale et d'Haïti.",
    language: "fr", type: "guide", themes: ["practising-accountability", "strengthening-collaboration"], tags: ["redevabilité", "équité"],
  }), { fileName: "equite-redevabilite.pdf", bytes: equityPdf });

  await addLinkResource(camilo, details({
    title: "Digital security basics for activists",
    description: "A practical guide to securing phones, messaging and accounts, with advice for people at risk of surveillance.",
    language: "en", type: "toolkit", themes: ["strengthening-collaboration"], tags: ["digital security", "safety"],
  }), "https://ssd.eff.org/");
  await addLinkResource(jo, details({
    title: "Financer le soin : budgets pour le bien-être des équipes",
    description: "Article sur la façon dont des organisations intègrent le bien-être dans leurs budgets et leurs demandes de subvention.",
    language: "fr", type: "article", themes: ["rooting-care"], tags: ["financement", "bien-être"],
  }), "https://example.org/financer-le-soin");
  await addLinkResource(care, details({
    title: "Rest as resistance (podcast episode)",
    description: "Conversation with organisers on rest, grief and joy in movement work.",
    language: "en", type: "podcast", themes: ["rooting-care"], tags: ["rest"],
  }), "https://example.org/podcasts/rest-as-resistance");
  await addLinkResource(awa, details({
    title: "Notes internes : incidents de sécurité 2025",
    description: "Résumé des incidents signalés par les membres du groupe ; à ne pas diffuser.",
    language: "fr", type: "other", themes: ["practising-accountability"], tags: ["sécurité"], visibility: "sensitive", groupSlug: "practising-accountability",
  }), "https://example.org/interne");

  if (caring.ok) {
    const groupId = care.memberships[0]!.groupId;
    await linkToQuestion(care, caring.value.id, groupId, 1);
    const list = await createCollection(care, { groupId, title: "Starting points on collective care", description: "Read these before our first meeting." });
    if (list.ok) await addToCollection(care, list.value.id, caring.value.id);
  }
  if (equity.ok) await linkToQuestion(awa, equity.value.id, awa.memberships[0]!.groupId, 2);
}
