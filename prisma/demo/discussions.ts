// Demo threads for the demo community, in both languages, written through the discussion
// domain functions (the same path as members' posts), so the spaces do not look empty.
import { createThread, replyToThread } from "../../app/domain/discussions.server";
import { db } from "../../app/infra/db.server";

type Author = Parameters<typeof createThread>[0];

async function author(username: string): Promise<Author> {
  const user = await db().user.findUniqueOrThrow({
    where: { username },
    select: { id: true, username: true, displayName: true, role: true, locale: true, timeZone: true, memberships: { select: { groupId: true, role: true } } },
  });
  return user;
}

interface DemoThread {
  space: string | null;
  by: string;
  title: string;
  language: "en" | "fr";
  body: string;
  replies: Array<{ by: string; language: "en" | "fr"; body: string; toPrevious?: boolean }>;
}

const THREADS: DemoThread[] = [
  {
    space: null,
    by: "coordinator",
    language: "en",
    title: "Welcome to the Community of Practice — introduce yourself",
    body: "Welcome, everyone! This is our shared space for plenary matters.\n\nPlease say hello: **where you work from** (as much as is safe to share), and *one thing* you hope to learn this year.\n\n> Posts are written in one language; write in the one you are most comfortable with.",
    replies: [
      { by: "lead.care", language: "en", body: "Hello from Manila! I hope to learn how other movements make rest part of the work, not a reward after it." },
      { by: "member.accountability", language: "fr", body: "Bonjour à toutes et tous ! Je travaille depuis Kinshasa. J'aimerais apprendre comment rendre des comptes à nos communautés sans nous épuiser." },
      { by: "mel", language: "en", body: "Hi all — I support learning across the groups. @Kaya, I'd love to hear more about rest as part of the work at the next plenary.", toPrevious: false },
    ],
  },
  {
    space: null,
    by: "lead.accountability",
    language: "fr",
    title: "Calendrier de la prochaine plénière",
    body: "Bonjour,\n\nNous proposons la prochaine plénière en deux créneaux pour couvrir les fuseaux horaires :\n\n1. mardi 14 h UTC\n2. jeudi 8 h UTC\n\nDites-nous ce qui vous convient le mieux.",
    replies: [
      { by: "member.collaboration", language: "fr", body: "Le jeudi me va mieux, la connexion est plus stable le matin ici." },
      { by: "lead.collaboration", language: "en", body: "Thursday works for Bogotá too if we keep it under 90 minutes." },
    ],
  },
  {
    space: "rooting-care",
    by: "lead.care",
    language: "en",
    title: "Collective care practices that actually worked for us",
    body: "Let's collect practices we have tried, including the ones that failed.\n\n- rotating *check-in buddies*\n- a shared fund for emergency rest days\n- no-meeting Fridays\n\nWhat would you add?",
    replies: [
      { by: "member.care", language: "en", body: "Check-in buddies worked for about three months, then faded. We brought them back by tying them to our monthly retreat." },
      { by: "lead.care", language: "en", body: "Thanks @Nilo — what made the retreat the right anchor?", toPrevious: true },
    ],
  },
  {
    space: "practising-accountability",
    by: "lead.accountability",
    language: "fr",
    title: "Questions d'apprentissage : premier jet",
    body: "J'ai commencé un premier jet de nos questions d'apprentissage dans le document du groupe.\n\n**Pouvez-vous le relire avant vendredi ?** Les commentaires en anglais sont aussi les bienvenus.",
    replies: [{ by: "member.accountability", language: "fr", body: "Je le relis demain. La deuxième question me semble très large, on pourrait la découper." }],
  },
  {
    space: "strengthening-collaboration",
    by: "lead.collaboration",
    language: "en",
    title: "Mapping our existing alliances",
    body: "Before we plan anything new, let's map the alliances we are already part of: who convenes them, and what they ask of us.",
    replies: [{ by: "member.collaboration", language: "fr", body: "Je peux commencer la carte pour Haïti et la Caraïbe, en français." }],
  },
];

export async function seedDemoDiscussions(groupIds: Map<string, string>): Promise<void> {
  for (const demo of THREADS) {
    const starter = await author(demo.by);
    const created = await createThread(starter, { groupId: demo.space ? groupIds.get(demo.space)! : null, title: demo.title, body: demo.body, language: demo.language });
    if (!created.ok) throw new Error(`demo thread "${demo.title}" refused: ${created.error}`);
    let previous: string | null = null;
    for (const reply of demo.replies) {
      const posted = await replyToThread(await author(reply.by), { threadId: created.value.threadId, parentId: reply.toPrevious ? previous : null, body: reply.body, language: reply.language });
      if (!posted.ok) throw new Error(`demo reply refused: ${posted.error}`);
      previous = posted.value.postId;
    }
  }
}

