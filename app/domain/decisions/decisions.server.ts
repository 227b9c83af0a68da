// Decisions in a space: consent proposals (agree / abstain / disagree / block), polls (single,
// multiple, ranked, score; anonymous if chosen) and time polls. Starting one, positions and
// votes (changeable until it closes, except anonymous ballots), closing (early, or by the job
// at its time), quorum, the bilingual outcome with its action items, reminders, and what the
// space, meeting and check-in pages show of them. Counting rules live in ./counting (pure).
import { z } from "zod";
import { Prisma } from "~/generated/prisma/sqlite/client";
import { db } from "~/infra/db.server";
import { publish } from "~/infra/events.server";
import { newId } from "~/infra/ids.server";
import { describeError, log } from "~/infra/log.server";
import { canonicalTimeZone, toZonedInputs, zonedToUtc } from "~/infra/time-zones";
import { fieldErrorsOf, timeZoneField } from "~/infra/validation";
import { recordAudit } from "../audit.server";
import { documentGroup, parseDocumentId } from "../documents.server";
import { getMeetingRow, listInvitees } from "../meeting-rows.server";
import { MAX_DURATION_MINUTES } from "../meeting-times";
import { createActionItemRow, validateActionItem } from "../minutes.server";
import { sendDecisionReminders as mailReminders } from "../notifications.server";
import type { Actor } from "../permissions";
import * as policy from "../policies/decisions";
import { ok, refuse, type Refusal, type Result } from "../result";
import {
  choiceCounts,
  instantRunoff,
  isQuorumMet,
  POSITIONS,
  POSITIONS_NEEDING_REASON,
  proposalCounts,
  quorumNeeded,
  rankingFromKey,
  rankingKey,
  scoreFromTotals,
  scoreResults,
  slotCounts,
  TIME_ANSWERS,
  type RunoffResult,
  type ScoreResult,
  type SlotCounts,
} from "./counting";
import type { Ballot } from "./mail-ballot";
import { slotFairness } from "./slot-fairness.server";
import { DECISION_KINDS, MAX_OPTIONS, MIN_OPTIONS, POLL_TYPES, QUORUM_KINDS, REMINDER_BEFORE_HOURS, VOTER_SCOPES, type VoteInput } from "./types";

export type { VoteInput };

const ID = /^[a-z0-9-]{1,64}$/;
const HOUR_MS = 3600_000;

export const decisionSelect = {
  id: true,
  kind: true,
  pollType: true,
  groupId: true,
  documentId: true,
  meetingId: true,
  titleEn: true,
  titleFr: true,
  textEn: true,
  textFr: true,
  proposerId: true,
  proposerTimeZone: true,
  closesAt: true,
  closedAt: true,
  voters: true,
  isAnonymous: true,
  resultsLive: true,
  quorumKind: true,
  quorumValue: true,
  maxChoices: true,
  scoreMax: true,
  durationMinutes: true,
  quorumMet: true,
  eligibleAtClose: true,
  outcomeEn: true,
  outcomeFr: true,
  outcomeById: true,
  outcomeAt: true,
  scheduledMeetingId: true,
  createdAt: true,
} as const;

export interface DecisionRow {
  id: string;
  kind: string;
  pollType: string;
  groupId: string | null;
  documentId: string | null;
  meetingId: string | null;
  titleEn: string;
  titleFr: string;
  textEn: string;
  textFr: string;
  proposerId: string;
  proposerTimeZone: string;
  closesAt: Date;
  closedAt: Date | null;
  voters: string;
  isAnonymous: boolean;
  resultsLive: boolean;
  quorumKind: string;
  quorumValue: number;
  maxChoices: number;
  scoreMax: number;
  durationMinutes: number;
  quorumMet: boolean | null;
  eligibleAtClose: number | null;
  outcomeEn: string;
  outcomeFr: string;
  outcomeById: string | null;
  outcomeAt: Date | null;
  scheduledMeetingId: string | null;
  createdAt: Date;
}

export interface OptionRow {
  id: string;
  position: number;
  labelEn: string;
  labelFr: string;
  startsAt: Date | null;
}

export async function getDecision(decisionId: string): Promise<DecisionRow | null> {
  if (!ID.test(decisionId)) return null;
  return db().decision.findUnique({ where: { id: decisionId }, select: decisionSelect });
}

/** What a vote-by-email reply is read against: the kind and the numbered options. */
export async function decisionBallot(decisionId: string): Promise<Ballot | null> {
  const decision = await getDecision(decisionId);
  if (!decision) return null;
  return { kind: decision.kind, pollType: decision.pollType, scoreMax: decision.scoreMax, options: await optionsOf(decision.id) };
}

async function optionsOf(decisionId: string): Promise<OptionRow[]> {
  return db().decisionOption.findMany({
    where: { decisionId },
    select: { id: true, position: true, labelEn: true, labelFr: true, startsAt: true },
    orderBy: { position: "asc" },
  });
}

// ---------------------------------------------------------------------------------------------
// Starting a decision

const title = z.string().trim().min(1, "decisions:errors.title").max(140, "decisions:errors.titleTooLong");
const body = z.string().trim().max(5000, "decisions:errors.textTooLong").default("");
const label = z.string().trim().max(140, "decisions:errors.optionTooLong").default("");

export const decisionSchema = z.object({
  kind: z.enum(DECISION_KINDS, "decisions:errors.kind"),
  pollType: z.enum(["", ...POLL_TYPES], "decisions:errors.pollType").default(""),
  groupId: z.string().nullable(),
  titleEn: title,
  titleFr: title,
  textEn: body,
  textFr: body,
  closesDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "decisions:errors.closesAt"),
  closesTime: z.string().regex(/^\d{2}:\d{2}$/, "decisions:errors.closesAt"),
  timeZone: timeZoneField("decisions:errors.timeZone"),
  voters: z.enum(VOTER_SCOPES, "decisions:errors.voters").default("group"),
  quorumKind: z.enum(QUORUM_KINDS, "decisions:errors.quorum").default(""),
  quorumValue: z.coerce.number("decisions:errors.quorum").int("decisions:errors.quorum").min(0, "decisions:errors.quorum").max(1000, "decisions:errors.quorum").default(0),
  resultsLive: z.boolean().default(false),
  isAnonymous: z.boolean().default(false),
  maxChoices: z.coerce.number("decisions:errors.maxChoices").int("decisions:errors.maxChoices").min(0, "decisions:errors.maxChoices").max(MAX_OPTIONS, "decisions:errors.maxChoices").default(0),
  scoreMax: z.coerce.number("decisions:errors.scoreMax").int("decisions:errors.scoreMax").min(1, "decisions:errors.scoreMax").max(10, "decisions:errors.scoreMax").default(5),
  durationMinutes: z.coerce
    .number("decisions:errors.duration")
    .int("decisions:errors.duration")
    .min(15, "decisions:errors.duration")
    .max(MAX_DURATION_MINUTES, "decisions:errors.duration")
    .default(60),
  options: z.array(z.object({ en: label, fr: label })).max(MAX_OPTIONS, "decisions:errors.tooManyOptions").default([]),
  /** Time polls: candidate slots, wall-clock in `timeZone` (the proposer's). */
  slots: z.array(z.object({ date: z.string(), time: z.string() })).max(MAX_OPTIONS, "decisions:errors.tooManyOptions").default([]),
  documentId: z.string().max(160).default(""),
  meetingId: z.string().max(64).default(""),
});
export type DecisionInput = z.input<typeof decisionSchema>;

export async function createDecision(actor: Actor, input: DecisionInput, now = new Date()): Promise<Result<{ decisionId: string }>> {
  const groupId = input.groupId ?? null;
  // Someone who may not start one here is refused before what they typed is read.
  if (!policy.allowPropose(actor, groupId)) return refuse.forbidden();
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return refuse.fields(fieldErrorsOf(parsed.error));
  const value = parsed.data;
  const errors: Record<string, string> = {};

  const closesAt = zonedToUtc(value.closesDate, value.closesTime, value.timeZone);
  if (!closesAt) errors.closesDate = "decisions:errors.closesAt";
  else if (closesAt.getTime() <= now.getTime() + 5 * 60_000) errors.closesDate = "decisions:errors.closesInPast";
  else if (closesAt.getTime() > now.getTime() + 366 * 24 * HOUR_MS) errors.closesDate = "decisions:errors.closesTooLate";

  if (value.kind === "poll" && !value.pollType) errors.pollType = "decisions:errors.pollType";
  const pollType = value.kind === "poll" ? value.pollType : "";
  // Options: rows left blank in both languages are dropped; one language alone is not enough.
  const options = value.kind === "poll" ? value.options.filter((o) => o.en || o.fr) : [];
  if (value.kind === "poll") {
    if (options.some((o) => !o.en || !o.fr)) errors.options = "decisions:errors.optionBothLanguages";
    else if (options.length < MIN_OPTIONS) errors.options = "decisions:errors.tooFewOptions";
  }
  const slots: Date[] = [];
  if (value.kind === "time-poll") {
    for (const slot of value.slots.filter((s) => s.date || s.time)) {
      const at = /^\d{4}-\d{2}-\d{2}$/.test(slot.date) && /^\d{2}:\d{2}$/.test(slot.time) ? zonedToUtc(slot.date, slot.time, value.timeZone) : null;
      if (!at) errors.slots = "decisions:errors.slot";
      else if (at.getTime() <= now.getTime()) errors.slots = "decisions:errors.slotInPast";
      else if (!slots.some((s) => s.getTime() === at.getTime())) slots.push(at);
    }
    if (!errors.slots && slots.length < MIN_OPTIONS) errors.slots = "decisions:errors.tooFewSlots";
    slots.sort((a, b) => a.getTime() - b.getTime());
  }
  if (value.quorumKind === "share" && value.quorumValue > 100) errors.quorumValue = "decisions:errors.quorum";
  if (value.quorumKind && value.quorumValue < 1) errors.quorumValue = "decisions:errors.quorum";
  if (value.kind === "poll" && pollType === "multiple" && value.maxChoices > options.length) errors.maxChoices = "decisions:errors.maxChoices";

  // A document or a meeting it is attached to must be this space's.
  let documentId: string | null = null;
  if (value.documentId) {
    const group = parseDocumentId(value.documentId) ? await documentGroup(value.documentId) : null;
    if (!group || group.id !== groupId) errors.documentId = "decisions:errors.document";
    else documentId = value.documentId;
  }
  let meetingId: string | null = null;
  if (value.meetingId) {
    const meeting = await getMeetingRow(value.meetingId);
    if (!meeting || meeting.groupId !== groupId || meeting.cancelledAt) errors.meetingId = "decisions:errors.meeting";
    else meetingId = meeting.id;
  }
  if (Object.keys(errors).length) return refuse.fields(errors);

  const decisionId = newId();
  // Anonymous ballots are polls' only; a proposal's reasons and a time poll's answers are for the group to see.
  const isAnonymous = value.kind === "poll" && value.isAnonymous;
  const optionRows =
    value.kind === "time-poll"
      ? slots.map((startsAt, position) => ({ id: newId(), decisionId, position, labelEn: "", labelFr: "", startsAt }))
      : options.map((option, position) => ({ id: newId(), decisionId, position, labelEn: option.en, labelFr: option.fr, startsAt: null }));
  await db().$transaction(async (tx) => {
    await tx.decision.create({
      data: {
        id: decisionId,
        kind: value.kind,
        pollType,
        groupId,
        documentId,
        meetingId,
        titleEn: value.titleEn,
        titleFr: value.titleFr,
        textEn: value.textEn,
        textFr: value.textFr,
        proposerId: actor.id,
        proposerTimeZone: value.timeZone,
        closesAt: closesAt!,
        voters: groupId ? value.voters : "cop",
        isAnonymous,
        resultsLive: value.resultsLive,
        quorumKind: value.quorumKind,
        quorumValue: value.quorumKind ? value.quorumValue : 0,
        maxChoices: pollType === "multiple" ? value.maxChoices : 0,
        scoreMax: pollType === "score" ? value.scoreMax : 5,
        durationMinutes: value.durationMinutes,
      },
    });
    if (optionRows.length) await tx.decisionOption.createMany({ data: optionRows });
    // Anonymous polls: every option's tally row exists from the start, so a vote only ever
    // updates rows and never adds one a voter's arrival could be matched with.
    if (isAnonymous && pollType !== "ranked") {
      await tx.decisionTally.createMany({ data: [...optionRows.map((o) => ({ decisionId, key: o.id })), { decisionId, key: BALLOTS }] });
    }
    await recordAudit({ actorId: actor.id, action: "decision.created", objectType: "decision", objectId: decisionId, data: { kind: value.kind } }, tx);
  });
  return ok({ decisionId });
}

/** The tally row counting ballots (anonymous multiple choice and score need it). */
const BALLOTS = "ballots";

// ---------------------------------------------------------------------------------------------
// Positions and votes

type Choice =
  | { position: string }
  | { options: string[] }
  | { ranking: string[] }
  | { scores: Record<string, number> }
  | { answers: Record<string, string> };

/** Checks a vote against the decision's kind and options; the stored choice, or a refusal. */
function validateVote(decision: DecisionRow, options: OptionRow[], input: VoteInput): { choice: Choice; reason: string } | Refusal {
  const ids = new Set(options.map((o) => o.id));
  const reason = (input.reason ?? "").trim();
  if (reason.length > 2000) return refuse.invalid("decisions:errors.reasonTooLong", "reason");
  if (decision.kind === "proposal") {
    const position = input.position ?? "";
    if (!(POSITIONS as readonly string[]).includes(position)) return refuse.invalid("decisions:errors.position", "position");
    if ((POSITIONS_NEEDING_REASON as readonly string[]).includes(position) && !reason) return refuse.invalid(`decisions:errors.reasonRequired.${position}`, "reason");
    return { choice: { position }, reason };
  }
  if (decision.kind === "time-poll") {
    const answers = input.answers ?? {};
    const entries = Object.entries(answers);
    if (entries.length === 0) return refuse.invalid("decisions:errors.noAnswer", "answers");
    if (entries.some(([id, answer]) => !ids.has(id) || !(TIME_ANSWERS as readonly string[]).includes(answer))) return refuse.invalid("common:errors.invalidValue", "answers");
    return { choice: { answers: Object.fromEntries(entries) }, reason: "" };
  }
  switch (decision.pollType) {
    case "single": {
      const chosen = input.options ?? [];
      if (chosen.length !== 1 || !ids.has(chosen[0])) return refuse.invalid("decisions:errors.chooseOne", "options");
      return { choice: { options: chosen }, reason: "" };
    }
    case "multiple": {
      const chosen = [...new Set(input.options ?? [])];
      if (chosen.length === 0) return refuse.invalid("decisions:errors.chooseSome", "options");
      if (chosen.some((id) => !ids.has(id))) return refuse.invalid("common:errors.invalidValue", "options");
      if (decision.maxChoices && chosen.length > decision.maxChoices) return refuse.invalid("decisions:errors.tooManyChosen", "options", { details: { max: decision.maxChoices } });
      return { choice: { options: chosen }, reason: "" };
    }
    case "ranked": {
      const ranking = input.ranking ?? [];
      if (ranking.length === 0) return refuse.invalid("decisions:errors.rankSome", "ranking");
      if (ranking.some((id) => !ids.has(id)) || new Set(ranking).size !== ranking.length) return refuse.invalid("decisions:errors.rankingInvalid", "ranking");
      return { choice: { ranking }, reason: "" };
    }
    case "score": {
      const scores = input.scores ?? {};
      const entries = Object.entries(scores);
      if (entries.length === 0) return refuse.invalid("decisions:errors.scoreSome", "scores");
      if (entries.some(([id, score]) => !ids.has(id) || !Number.isInteger(score) || score < 0 || score > decision.scoreMax)) return refuse.invalid("decisions:errors.scoreInvalid", "scores");
      return { choice: { scores: Object.fromEntries(entries) }, reason: "" };
    }
  }
  return refuse.invalid("common:errors.invalidValue");
}

/** 404 for a decision the actor may not know of, else the row. */
async function readable(actor: Actor, decisionId: string): Promise<Result<DecisionRow>> {
  const decision = await getDecision(decisionId);
  if (!decision || !policy.allow(actor, "read", decision)) return refuse.notFound();
  return ok(decision);
}

/**
 * Records a member's position (proposals), vote (polls) or answers (time polls). The one way
 * to vote: the decision page's forms call it, and so will the vote-by-email reader.
 *
 * - `input` carries only what the kind needs (see VoteInput); a disagree or block needs a reason.
 * - Until it closes a member may change their position or vote: the new one replaces the old.
 *   An anonymous ballot cannot be changed (nothing records which ballot was theirs).
 * - Refusals: 404 (no such decision, or one the actor may not read), 403 (may not vote on it),
 *   409 (closed, or an anonymous ballot already cast), 400 (the input, with a field).
 */
export async function castVote(actor: Actor, decisionId: string, input: VoteInput, now = new Date()): Promise<Result<{ changed: boolean }>> {
  const found = await readable(actor, decisionId);
  if (!found.ok) return found;
  const decision = found.value;
  if (!policy.isOpen(decision, now)) return refuse.conflict("decisions:errors.closed");
  if (!policy.allow(actor, "vote", decision, now)) return refuse.forbidden("decisions:errors.mayNotVote");
  const options = await optionsOf(decision.id);
  const valid = validateVote(decision, options, input);
  if ("ok" in valid) return valid;
  const key = { decisionId_userId: { decisionId, userId: actor.id } };

  if (decision.isAnonymous) {
    const cast = db().$transaction(async (tx) => {
      // The flag is claimed first: a second ballot finds it taken (a concurrent one fails on the key).
      if (await tx.decisionVoter.findUnique({ where: key, select: { userId: true } })) return false;
      await tx.decisionVoter.create({ data: { decisionId, userId: actor.id } });
      for (const row of tallyIncrements(decision.pollType, valid.choice)) {
        await tx.decisionTally.upsert({
          where: { decisionId_key: { decisionId, key: row.key } },
          create: { decisionId, key: row.key, count: 1, points: row.points },
          update: { count: { increment: 1 }, points: { increment: row.points } },
        });
      }
      return true;
    });
    const result = await cast.catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002") return false;
      throw error;
    });
    if (!result) return refuse.conflict("decisions:errors.anonymousFinal");
    announce(decision);
    return ok({ changed: false });
  }

  const previous = await db().decisionVote.findUnique({ where: key, select: { choice: true } });
  await db().$transaction(async (tx) => {
    await tx.decisionVote.upsert({
      where: key,
      create: { decisionId, userId: actor.id, choice: JSON.stringify(valid.choice), reason: valid.reason },
      update: { choice: JSON.stringify(valid.choice), reason: valid.reason },
    });
    await tx.decisionVoter.upsert({ where: key, create: { decisionId, userId: actor.id }, update: {} });
  });
  announce(decision);
  return ok({ changed: previous !== null });
}

function tallyIncrements(pollType: string, choice: Choice): Array<{ key: string; points: number }> {
  if ("ranking" in choice) return [{ key: rankingKey(choice.ranking), points: 0 }];
  if ("scores" in choice) return [{ key: BALLOTS, points: 0 }, ...Object.entries(choice.scores).map(([key, points]) => ({ key, points }))];
  if ("options" in choice) return [...(pollType === "multiple" ? [{ key: BALLOTS, points: 0 }] : []), ...choice.options.map((key) => ({ key, points: 0 }))];
  return [];
}

/** After a vote: the space's live audience hears the new counts, when they are shown live. */
function announce(decision: DecisionRow): void {
  void (async () => {
    const live = decision.resultsLive ? await liveCounts(decision) : null;
    const voted = await db().decisionVoter.count({ where: { decisionId: decision.id } });
    publish("decision.changed", { decisionId: decision.id, groupId: decision.groupId, audience: policy.audience(decision), voted, counts: live });
  })().catch((error) => log("error", "decision announce failed", describeError(error)));
}

// ---------------------------------------------------------------------------------------------
// Results

export type Results =
  | { kind: "proposal"; counts: Record<string, number> }
  | { kind: "single" | "multiple"; counts: Record<string, number> }
  | { kind: "ranked"; runoff: RunoffResult; firstChoices: Record<string, number> }
  | { kind: "score"; scores: Record<string, ScoreResult> }
  | { kind: "time-poll"; slots: Record<string, SlotCounts> };

interface StoredVote {
  userId: string;
  choice: Choice;
  reason: string;
  updatedAt: Date;
}

async function storedVotes(decisionId: string): Promise<StoredVote[]> {
  const rows = await db().decisionVote.findMany({ where: { decisionId }, select: { userId: true, choice: true, reason: true, updatedAt: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ ...row, choice: JSON.parse(row.choice) as Choice }));
}

/** The counts, from the ballots (or, for an anonymous poll, from its tally). */
export async function computeResults(decision: DecisionRow, options?: OptionRow[], votes?: StoredVote[]): Promise<Results> {
  const opts = options ?? (await optionsOf(decision.id));
  const ids = opts.map((o) => o.id);
  if (decision.isAnonymous) {
    const tally = await db().decisionTally.findMany({ where: { decisionId: decision.id }, select: { key: true, count: true, points: true } });
    switch (decision.pollType) {
      case "ranked": {
        const ballots = tally.flatMap((row) => {
          const ranking = rankingFromKey(row.key);
          return ranking ? [{ ranking, weight: row.count }] : [];
        });
        return { kind: "ranked", runoff: instantRunoff(ids, ballots), firstChoices: firstChoices(ids, ballots) };
      }
      case "score": {
        const totals = Object.fromEntries(ids.map((id) => [id, { points: 0, count: 0 }]));
        for (const row of tally) if (row.key in totals) totals[row.key] = { points: row.points, count: row.count };
        return { kind: "score", scores: scoreFromTotals(totals) };
      }
      default: {
        const counts = Object.fromEntries(ids.map((id) => [id, 0]));
        for (const row of tally) if (row.key in counts) counts[row.key] = row.count;
        return { kind: decision.pollType === "multiple" ? "multiple" : "single", counts };
      }
    }
  }
  const all = votes ?? (await storedVotes(decision.id));
  if (decision.kind === "proposal") return { kind: "proposal", counts: proposalCounts(all.map((v) => ("position" in v.choice ? v.choice.position : ""))) };
  if (decision.kind === "time-poll") return { kind: "time-poll", slots: slotCounts(ids, all.map((v) => ("answers" in v.choice ? v.choice.answers : {}))) };
  switch (decision.pollType) {
    case "ranked": {
      const ballots = all.map((v) => ({ ranking: "ranking" in v.choice ? v.choice.ranking : [] }));
      return { kind: "ranked", runoff: instantRunoff(ids, ballots), firstChoices: firstChoices(ids, ballots) };
    }
    case "score":
      return { kind: "score", scores: scoreResults(ids, all.map((v) => ("scores" in v.choice ? v.choice.scores : {}))) };
    default:
      return { kind: decision.pollType === "multiple" ? "multiple" : "single", counts: choiceCounts(ids, all.map((v) => ("options" in v.choice ? v.choice.options : []))) };
  }
}

function firstChoices(ids: string[], ballots: Array<{ ranking: readonly string[]; weight?: number }>): Record<string, number> {
  const counts = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const ballot of ballots) if (ballot.ranking[0] && ballot.ranking[0] in counts) counts[ballot.ranking[0]] += ballot.weight ?? 1;
  return counts;
}

/** The numbers a decision page shows, by the key its elements carry (data-live-count). */
export function countsByKey(results: Results): Record<string, string> {
  switch (results.kind) {
    case "proposal":
    case "single":
    case "multiple":
      return Object.fromEntries(Object.entries(results.counts).map(([k, v]) => [k, String(v)]));
    case "ranked":
      return Object.fromEntries(Object.entries(results.firstChoices).map(([k, v]) => [k, String(v)]));
    case "score":
      return Object.fromEntries(Object.entries(results.scores).map(([k, v]) => [k, String(v.average)]));
    case "time-poll":
      return Object.fromEntries(Object.entries(results.slots).flatMap(([k, v]) => TIME_ANSWERS.map((a) => [`${k}.${a}`, String(v[a])])));
  }
}

async function liveCounts(decision: DecisionRow): Promise<Record<string, string>> {
  return countsByKey(await computeResults(decision));
}

// ---------------------------------------------------------------------------------------------
// Closing, quorum and the outcome

async function eligibleCount(decision: DecisionRow): Promise<number> {
  return db().user.count({ where: policy.votersWhere(decision) });
}

async function markClosed(decision: DecisionRow, closedAt: Date, actorId: string | null): Promise<boolean> {
  const [eligible, voted] = await Promise.all([eligibleCount(decision), db().decisionVoter.count({ where: { decisionId: decision.id } })]);
  const quorumMet = isQuorumMet({ kind: decision.quorumKind, value: decision.quorumValue }, voted, eligible);
  // Only an open one closes: the job on two instances, or the job and a lead, close it once.
  const { count } = await db().decision.updateMany({ where: { id: decision.id, closedAt: null }, data: { closedAt, quorumMet, eligibleAtClose: eligible } });
  if (count !== 1) return false;
  await recordAudit({ actorId, action: "decision.closed", objectType: "decision", objectId: decision.id, data: { voted, eligible, quorumMet } });
  publish("decision.changed", { decisionId: decision.id, groupId: decision.groupId, audience: policy.audience(decision), voted, counts: null, closed: true });
  return true;
}

/** The proposer or a lead closes it before its time. */
export async function closeDecision(actor: Actor, decisionId: string, now = new Date()): Promise<Result> {
  const found = await readable(actor, decisionId);
  if (!found.ok) return found;
  if (!policy.isOpen(found.value, now)) return refuse.conflict("decisions:errors.closed");
  if (!policy.allow(actor, "close", found.value, now)) return refuse.forbidden();
  await markClosed(found.value, now, actor.id);
  return ok();
}

/**
 * The job: every decision whose closing time has come is closed, as of that time (votes after
 * it were already refused). Returns how many it closed.
 */
export async function closeDueDecisions(now = new Date()): Promise<number> {
  const due = await db().decision.findMany({ where: { closedAt: null, closesAt: { lte: now } }, select: decisionSelect, orderBy: { closesAt: "asc" }, take: 200 });
  let closed = 0;
  for (const decision of due) if (await markClosed(decision, decision.closesAt, null)) closed++;
  return closed;
}

const outcomeText = z.string().trim().min(1).max(5000);

/** The proposer or a lead writes the outcome, in both languages, once it has closed. */
export async function writeOutcome(actor: Actor, decisionId: string, input: { outcomeEn: string; outcomeFr: string }, now = new Date()): Promise<Result> {
  const found = await readable(actor, decisionId);
  if (!found.ok) return found;
  if (policy.isOpen(found.value, now)) return refuse.conflict("decisions:errors.stillOpen");
  if (!policy.allow(actor, "writeOutcome", found.value, now)) return refuse.forbidden();
  const errors: Record<string, string> = {};
  const en = outcomeText.safeParse(input.outcomeEn ?? "");
  const fr = outcomeText.safeParse(input.outcomeFr ?? "");
  if (!en.success) errors.outcomeEn = (input.outcomeEn ?? "").trim() ? "decisions:errors.textTooLong" : "decisions:errors.outcomeEn";
  if (!fr.success) errors.outcomeFr = (input.outcomeFr ?? "").trim() ? "decisions:errors.textTooLong" : "decisions:errors.outcomeFr";
  if (Object.keys(errors).length) return refuse.fields(errors);
  await db().decision.update({ where: { id: decisionId }, data: { outcomeEn: en.data!, outcomeFr: fr.data!, outcomeById: actor.id, outcomeAt: now } });
  await recordAudit({ actorId: actor.id, action: "decision.outcome", objectType: "decision", objectId: decisionId });
  publish("decision.changed", { decisionId, groupId: found.value.groupId, audience: policy.audience(found.value), voted: -1, counts: null, closed: true });
  return ok();
}

/**
 * An action item agreed with the outcome of a decision raised in a meeting: one of that
 * meeting's action items (owner among its invitees), so it shows in the minutes, on the group
 * page and on its owner's home page like any other.
 */
export async function addDecisionActionItem(actor: Actor, decisionId: string, input: { description: string; ownerId: string; dueDate: string }, now = new Date()): Promise<Result<{ id: string }>> {
  const found = await readable(actor, decisionId);
  if (!found.ok) return found;
  const decision = found.value;
  if (!policy.allow(actor, "writeOutcome", decision, now)) return refuse.forbidden();
  const meeting = decision.meetingId ? await getMeetingRow(decision.meetingId) : null;
  if (!meeting) return refuse.conflict("decisions:errors.noMeeting");
  const valid = validateActionItem(input, await listInvitees(meeting));
  if (!valid.ok) return valid;
  const id = await createActionItemRow(meeting, actor.id, valid.value, decision.id);
  return ok({ id });
}

// ---------------------------------------------------------------------------------------------
// Reminders before closing

/**
 * Members who may vote and have not, on decisions closing within the reminder window, are
 * reminded once, under their mail settings (content-free unless they chose otherwise).
 */
export async function remindNonVoters(now = new Date()): Promise<number> {
  const soon = await db().decision.findMany({
    where: { closedAt: null, closesAt: { gt: now, lte: new Date(now.getTime() + REMINDER_BEFORE_HOURS * HOUR_MS) } },
    select: decisionSelect,
    take: 100,
  });
  let sent = 0;
  for (const decision of soon) {
    // Not for one opened inside the window already: its members were just told of it.
    if (decision.createdAt.getTime() > decision.closesAt.getTime() - REMINDER_BEFORE_HOURS * HOUR_MS) continue;
    const [eligible, voted, reminded] = await Promise.all([
      db().user.findMany({ where: policy.votersWhere(decision), select: { id: true } }),
      db().decisionVoter.findMany({ where: { decisionId: decision.id }, select: { userId: true } }),
      db().decisionReminder.findMany({ where: { decisionId: decision.id }, select: { userId: true } }),
    ]);
    const skip = new Set([...voted, ...reminded].map((row) => row.userId));
    const pending = eligible.map((u) => u.id).filter((id) => !skip.has(id));
    if (pending.length === 0) continue;
    const mailed = await mailReminders({
      decisionId: decision.id,
      groupId: decision.groupId,
      titleEn: decision.titleEn,
      titleFr: decision.titleFr,
      closesAt: decision.closesAt,
      path: decisionPath(decision, await groupSlug(decision.groupId)),
      ballot: await decisionBallot(decision.id),
      userIds: pending,
      now,
    });
    // Remembered for whoever got it or does not want mail; those in quiet hours or resting are
    // tried again at the next run.
    if (mailed.done.length) await db().decisionReminder.createMany({ data: mailed.done.map((userId) => ({ decisionId: decision.id, userId, sentAt: now })) });
    sent += mailed.sent;
  }
  return sent;
}

/** The job's one tick: close what is due, then remind. */
export async function runDecisionJobs(now = new Date()): Promise<{ closed: number; reminded: number }> {
  const closed = await closeDueDecisions(now);
  const reminded = await remindNonVoters(now);
  return { closed, reminded };
}

// ---------------------------------------------------------------------------------------------
// Pages

async function groupSlug(groupId: string | null): Promise<string | null> {
  if (!groupId) return null;
  return (await db().workingGroup.findUnique({ where: { id: groupId }, select: { slug: true } }))?.slug ?? null;
}

export function spacePath(slug: string | null): string {
  return slug ? `/groups/${slug}` : "/community";
}

export function decisionPath(decision: { id: string }, slug: string | null): string {
  return `${spacePath(slug)}/decisions/${decision.id}`;
}

/** A document's page address, for the link on a proposal about it. */
function documentHref(documentId: string, slug: string | null): string | null {
  const ref = parseDocumentId(documentId);
  if (!ref || !slug) return null;
  if (ref.kind === "doc") return `/groups/${slug}/docs/${documentId}`;
  if (ref.kind === "agenda" || ref.kind === "minutes") return null;
  return `/groups/${slug}/docs/${ref.kind}`;
}

export interface DecisionListItem {
  id: string;
  kind: string;
  pollType: string;
  titleEn: string;
  titleFr: string;
  closesAt: Date;
  closedAt: Date | null;
  outcomeEn: string;
  outcomeFr: string;
  quorumMet: boolean | null;
  voted: number;
  hasVoted: boolean;
}

/** A space's decisions: open ones (closing soonest first) and closed ones (latest first), searchable. */
export async function listDecisions(actor: Actor, groupId: string | null, options: { q?: string; take?: { open: number; closed: number } } = {}, now = new Date()) {
  const where = policy.spaceDecisionsWhere(actor, groupId);
  const query = (options.q ?? "").trim().toLocaleLowerCase().slice(0, 100);
  // A shorter list is read as such only when nothing is searched (the search filters after reading).
  const take = !query && options.take ? options.take : { open: 200, closed: 200 };
  const select = { id: true, kind: true, pollType: true, titleEn: true, titleFr: true, textEn: true, textFr: true, closesAt: true, closedAt: true, outcomeEn: true, outcomeFr: true, quorumMet: true } as const;
  const [open, closed] = await Promise.all([
    db().decision.findMany({ where: { ...where, closedAt: null }, select, orderBy: { closesAt: "asc" }, take: take.open }),
    db().decision.findMany({ where: { ...where, closedAt: { not: null } }, select, orderBy: { closedAt: "desc" }, take: take.closed }),
  ]);
  const matches = (row: (typeof open)[number]) =>
    !query || [row.titleEn, row.titleFr, row.textEn, row.textFr, row.outcomeEn, row.outcomeFr].some((field) => field.toLocaleLowerCase().includes(query));
  const ids = [...open, ...closed].map((row) => row.id);
  // How many voted on each, and whether the reader did, in one statement.
  const turnout = ids.length
    ? await db().$queryRaw<Array<{ decisionId: string; voted: number | bigint; mine: number | bigint }>>`
        SELECT "decisionId", COUNT(*) AS "voted", SUM(CASE WHEN "userId" = ${actor.id} THEN 1 ELSE 0 END) AS "mine"
        FROM "DecisionVoter" WHERE "decisionId" IN (${Prisma.join(ids)}) GROUP BY "decisionId"`
    : [];
  const votedBy = new Map(turnout.map((row) => [row.decisionId, Number(row.voted)]));
  const myVotes = new Set(turnout.filter((row) => Number(row.mine) > 0).map((row) => row.decisionId));
  const present = (row: (typeof open)[number]): DecisionListItem => ({
    id: row.id,
    kind: row.kind,
    pollType: row.pollType,
    titleEn: row.titleEn,
    titleFr: row.titleFr,
    closesAt: row.closesAt,
    closedAt: row.closedAt,
    outcomeEn: row.outcomeEn,
    outcomeFr: row.outcomeFr,
    quorumMet: row.quorumMet,
    voted: votedBy.get(row.id) ?? 0,
    hasVoted: myVotes.has(row.id),
  });
  // Past its time but not yet closed by the job: shown with the closed ones' wording ("closing").
  return ok({
    open: open.filter(matches).map(present),
    closed: closed.filter(matches).map(present),
    query,
    canPropose: policy.allowPropose(actor, groupId),
    now,
  });
}

/** Everything the decision page shows, as this reader may see it. */
export async function decisionPage(actor: Actor & { timeZone?: string | null }, decisionId: string, now = new Date()) {
  const found = await readable(actor, decisionId);
  if (!found.ok) return found;
  const decision = found.value;
  const [options, votes, voterRows, slug] = await Promise.all([
    optionsOf(decision.id),
    decision.isAnonymous ? Promise.resolve([] as StoredVote[]) : storedVotes(decision.id),
    db().decisionVoter.findMany({ where: { decisionId: decision.id }, select: { userId: true } }),
    groupSlug(decision.groupId),
  ]);
  const open = policy.isOpen(decision, now);
  const eligible = open ? await eligibleCount(decision) : (decision.eligibleAtClose ?? (await eligibleCount(decision)));
  const seeResults = policy.allow(actor, "seeResults", decision, now);
  const seeVotes = policy.allow(actor, "seeVotes", decision, now);
  const results = seeResults ? await computeResults(decision, options, votes) : null;
  const names = await displayNames([decision.proposerId, ...(decision.outcomeById ? [decision.outcomeById] : []), ...(seeVotes ? votes.map((v) => v.userId) : [])]);
  const mine = decision.isAnonymous ? null : (votes.find((v) => v.userId === actor.id) ?? null);
  const meeting = decision.meetingId ? await getMeetingRow(decision.meetingId) : null;
  const fairness = decision.kind === "time-poll" ? await slotFairness(decision, options) : null;
  const canWriteOutcome = policy.allow(actor, "writeOutcome", decision, now);
  const actionItems = await db().meetingActionItem.findMany({ where: { decisionId: decision.id }, select: { id: true, description: true, ownerId: true, dueDate: true, doneAt: true }, orderBy: { createdAt: "asc" } });
  const ownerNames = await displayNames(actionItems.map((item) => item.ownerId));
  const scheduled = decision.scheduledMeetingId ? await getMeetingRow(decision.scheduledMeetingId) : null;
  return ok({
    decision: {
      ...decision,
      proposerName: names.get(decision.proposerId) ?? "",
      outcomeByName: decision.outcomeById ? (names.get(decision.outcomeById) ?? "") : "",
      isOpen: open,
      // Past its time, the job closes it at its next run: nobody may vote meanwhile.
      isPastClosing: !decision.closedAt && !open,
    },
    options,
    slug,
    spaceHref: spacePath(slug),
    href: decisionPath(decision, slug),
    documentHref: decision.documentId ? documentHref(decision.documentId, slug) : null,
    meeting: meeting ? { id: meeting.id, titleEn: meeting.titleEn, titleFr: meeting.titleFr, startsAt: meeting.startsAt } : null,
    scheduledMeeting: scheduled ? { id: scheduled.id, startsAt: scheduled.startsAt } : null,
    voted: voterRows.length,
    eligible,
    quorumNeeded: quorumNeeded({ kind: decision.quorumKind, value: decision.quorumValue }, eligible),
    hasVoted: voterRows.some((row) => row.userId === actor.id),
    mine: mine ? { choice: mine.choice, reason: mine.reason } : null,
    canVote: policy.allow(actor, "vote", decision, now),
    isEligible: policy.isEligible(actor, decision),
    canClose: policy.allow(actor, "close", decision, now),
    canWriteOutcome,
    canSchedule: policy.allow(actor, "schedule", decision, now) && !decision.scheduledMeetingId,
    canAddActionItems: canWriteOutcome && Boolean(meeting),
    actionItemOwners: canWriteOutcome && meeting ? (await listInvitees(meeting)).map((i) => ({ id: i.id, displayName: i.displayName })) : [],
    results,
    liveCounts: results ? countsByKey(results) : {},
    votes: seeVotes ? votes.map((v) => ({ userId: v.userId, displayName: names.get(v.userId) ?? "", choice: v.choice, reason: v.reason, updatedAt: v.updatedAt })) : [],
    fairness,
    actionItems: actionItems.map((item) => ({ ...item, ownerName: ownerNames.get(item.ownerId) ?? "" })),
  });
}

async function displayNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db().user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

/** Decisions raised in a meeting, for its page and minutes: closed ones with their outcomes and action items. */
export async function decisionsForMeeting(actor: Actor, meetingId: string) {
  if (!ID.test(meetingId)) return [];
  const rows = await db().decision.findMany({ where: { meetingId }, select: decisionSelect, orderBy: { createdAt: "asc" } });
  const visible = rows.filter((row) => policy.allow(actor, "read", row));
  const items = visible.length
    ? await db().meetingActionItem.findMany({ where: { decisionId: { in: visible.map((d) => d.id) } }, select: { id: true, decisionId: true, description: true, ownerId: true, dueDate: true, doneAt: true }, orderBy: { createdAt: "asc" } })
    : [];
  const names = await displayNames(items.map((i) => i.ownerId));
  const slug = visible.length ? await groupSlug(visible[0].groupId) : null;
  return visible.map((decision) => ({
    id: decision.id,
    href: decisionPath(decision, slug),
    titleEn: decision.titleEn,
    titleFr: decision.titleFr,
    closedAt: decision.closedAt,
    outcomeEn: decision.outcomeEn,
    outcomeFr: decision.outcomeFr,
    actionItems: items.filter((i) => i.decisionId === decision.id).map((i) => ({ ...i, ownerName: names.get(i.ownerId) ?? "" })),
  }));
}

const SUMMARY_OPEN = 5;
const SUMMARY_CLOSED = 3;

/** The space page's short list: open decisions and the latest outcomes. */
export async function spaceDecisionSummary(actor: Actor, groupId: string | null, now = new Date()) {
  const listed = await listDecisions(actor, groupId, { take: { open: SUMMARY_OPEN, closed: SUMMARY_CLOSED } }, now);
  if (!listed.ok) return { open: [], closed: [], canPropose: false };
  return { open: listed.value.open, closed: listed.value.closed, canPropose: listed.value.canPropose };
}

/** The MEL check-in's count: decisions of the group that closed since a date. */
export async function decisionsTakenSince(groupId: string, since: Date | null, now = new Date()): Promise<number> {
  return db().decision.count({ where: { groupId, closedAt: { not: null, lte: now, ...(since ? { gte: since } : {}) } } });
}

/** The proposer's zone for the form: theirs when set and valid, else UTC. */
export function formZone(zone: string | null | undefined): string {
  return canonicalTimeZone(zone) ?? "UTC";
}

/** A default closing time for the form: a week from now, at the hour, in the proposer's zone. */
export function defaultClosing(zone: string, now = new Date()): { date: string; time: string } {
  const inAWeek = new Date(now.getTime() + 7 * 24 * HOUR_MS);
  const { date, time } = toZonedInputs(inAWeek, zone);
  return { date, time: `${time.slice(0, 2)}:00` };
}
