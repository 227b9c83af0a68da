// Vote by email: a reply to a decision's reminder, read against its numbered ballot
// (decisions/mail-ballot.ts) and cast through castVote, as the decision page's forms are, so
// who may vote, closing time, anonymity and required reasons hold exactly as on the web.
// A short confirmation comes back; it names the space, not the choice. It is a courtesy: once the
// vote is cast, failing to send it does not fail the mail.
import { castVote, decisionBallot, decisionPath, getDecision } from "../decisions/decisions.server";
import { readBallot } from "../decisions/mail-ballot";
import { db } from "~/infra/db.server";
import { describeError, log } from "~/infra/log.server";
import { sendVoteConfirmation } from "../notifications.server";
import type { InboundReply, ReplyHandler, ReplyMember, ReplyOutcome } from "./reply";

export const decisionReplies: ReplyHandler = {
  // The reminder that carries the ballot names the decision: only for members who read content in mail.
  needsContentInMail: true,
  async handle(member: ReplyMember, decisionId: string, reply: InboundReply): Promise<ReplyOutcome> {
    const ballot = await decisionBallot(decisionId);
    const input = ballot ? readBallot(reply.text, ballot) : {};
    if (!input) return { ok: false, error: "mail:refusals.voteNotUnderstood" };
    const result = await castVote(member, decisionId, input);
    if (!result.ok) return { ok: false, error: result.error };
    // The vote is cast: from here nothing may fail the mail, or the sender's retry would act again
    // (and an anonymous voter, whose ballot cannot be recast, would be told nothing was done).
    try {
      const decision = (await getDecision(decisionId))!;
      const slug = decision.groupId ? ((await db().workingGroup.findUnique({ where: { id: decision.groupId }, select: { slug: true } }))?.slug ?? null) : null;
      await sendVoteConfirmation(member.id, { groupId: decision.groupId, path: decisionPath(decision, slug) });
    } catch (error) {
      log("warn", "vote confirmation not sent", describeError(error));
    }
    return { ok: true };
  },
};
