// Demo content for the co-edited documents: each group starts with learning questions (taken
// from the call, in both languages) and a workplan with a few milestones and budget lines, so
// the group pages and the MEL dashboard are not empty. Written through the domain functions.
import { db } from "../../app/infra/db.server";
import { isLeadMembership } from "../../app/domain/permissions";
import { writeLearningQuestions, writeWorkplan } from "../../app/domain/workplans.server";
import { WORKING_GROUPS } from "../data/working-groups";

const WORKPLANS: Record<string, { objective: string; milestones: Array<[string, string]>; budget: Array<[string, string, number]> }> = {
  "rooting-care": {
    objective: "Publish a collective-care budgeting template tested by 5 organisations by 30 September 2027.",
    milestones: [["Collect care practices from members", "2027-02-28"], ["Draft the budgeting template", "2027-05-15"], ["Test with 5 organisations", "2027-08-31"]],
    budget: [["Peer-exchange calls (interpretation)", "translation", 180000], ["Design of the template", "materials", 95000], ["Stipends for testing organisations", "activities", 250000]],
  },
  "practising-accountability": {
    objective: "Run 3 community feedback sessions and publish a short guide on accountability to communities by June 2027.",
    milestones: [["Map existing feedback practices", "2027-02-15"], ["Hold 3 community feedback sessions", "2027-04-30"], ["Write and translate the guide", "2027-06-30"]],
    budget: [["Community sessions (venues, transport)", "activities", 210000], ["Translation EN/FR/ES", "translation", 120000]],
  },
  "strengthening-collaboration": {
    objective: "Bring together 20 activists across 3 regions in a peer-exchange series of 4 webinars by August 2027.",
    milestones: [["Agree the themes of the series", "2027-03-01"], ["Webinars 1 and 2", "2027-05-31"], ["Webinars 3 and 4, and a summary", "2027-08-31"]],
    budget: [["Facilitation", "facilitation", 160000], ["Data bundles for participants", "communication", 60000], ["Interpretation", "translation", 140000]],
  },
};

export async function seedDemoDocuments(): Promise<void> {
  const members = await db().membership.findMany({ select: { groupId: true, userId: true, role: true } });
  for (const definition of WORKING_GROUPS) {
    const group = await db().workingGroup.findUniqueOrThrow({ where: { slug: definition.slug }, select: { id: true } });
    const en = definition.questionsEn.split("\n").filter(Boolean);
    const fr = definition.questionsFr.split("\n").filter(Boolean);
    await writeLearningQuestions(
      definition.slug,
      "Our learning questions — first draft from the call. / Nos questions d’apprentissage — premier jet tiré de l’appel.",
      en.slice(0, 3).map((question, index) => [question, fr[index] ?? ""].filter(Boolean)),
    );
    const plan = WORKPLANS[definition.slug];
    if (!plan) continue;
    const lead = members.find((m) => m.groupId === group.id && isLeadMembership(m))?.userId ?? "";
    await writeWorkplan(definition.slug, {
      sections: [
        { heading: "Objectives", paragraphs: [plan.objective, "Share what we learn with the whole CoP."] },
        { heading: "Steps and milestones", paragraphs: ["See the milestones below."] },
        { heading: "Timeline", paragraphs: ["January to September 2027."] },
        { heading: "Expected results", paragraphs: ["A resource others in the movement can use and adapt."] },
        { heading: "External resources and support sought", paragraphs: ["Interpretation and a designer for the final product."] },
      ],
      milestones: plan.milestones.map(([title, due], index) => ({ title, due, status: index === 0 ? "in-progress" : "planned", ownerId: index === 0 ? lead : "" })),
      budget: plan.budget.map(([item, category, amountCents]) => ({ item, category, amountCents, note: "" })),
    });
  }
}
