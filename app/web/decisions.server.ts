// Request handling shared by the group and community decision pages: read the session and the
// form, call the decision verbs, and answer so forms work without JavaScript (303 back to the
// page on success; the form again with its errors and what was typed otherwise).
import { data, redirect } from "react-router";
import {
  addDecisionActionItem,
  castVote,
  closeDecision,
  createDecision,
  decisionPage,
  defaultClosing,
  formZone,
  getDecision,
  listDecisions,
  writeOutcome,
  type DecisionInput,
} from "~/domain/decisions/decisions.server";
import { scheduleChosenSlot } from "~/domain/decisions/time-polls.server";
import { FORM_OPTION_ROWS, isDecisionKind, voteInputFromForm } from "~/domain/decisions/types";
import { GROUP_DOCUMENT_KINDS, listFreeDocuments } from "~/domain/documents.server";
import { getGroupBySlug } from "~/domain/groups.server";
import { MAX_DURATION_MINUTES } from "~/domain/meeting-times";
import * as policy from "~/domain/policies/decisions";
import type { Refusal } from "~/domain/result";
import { db } from "~/infra/db.server";
import { orNotFound, requireViewer } from "~/web/auth.server";
import { text } from "~/ui/forms";

/** A space as the decision pages address it: a working group by slug, or the community. */
export interface SpaceRef {
  groupId: string | null;
  slug: string | null;
  nameEn: string;
  nameFr: string;
  href: string;
}

export async function groupSpace(slug: string): Promise<SpaceRef> {
  const group = orNotFound(await getGroupBySlug(slug));
  return { groupId: group.id, slug: group.slug, nameEn: group.nameEn, nameFr: group.nameFr, href: `/groups/${group.slug}` };
}

export const communitySpace: SpaceRef = { groupId: null, slug: null, nameEn: "", nameFr: "", href: "/community" };

export interface DecisionFormData {
  intent: string;
  error: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

function failure(intent: string, refusal: Pick<Refusal, "error" | "fieldErrors" | "status">, values: Record<string, string> = {}) {
  const fieldErrors = refusal.fieldErrors ?? {};
  const body: DecisionFormData = { intent, error: Object.keys(fieldErrors).length ? "common:errors.checkForm" : refusal.error, fieldErrors, values };
  return data(body, { status: refusal.status });
}

// --- The space's decisions page ----------------------------------------------------------------

export async function loadDecisionList(request: Request, space: SpaceRef) {
  const { user } = await requireViewer(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const listed = await listDecisions(user, space.groupId, { q });
  if (!listed.ok) throw new Response("Not found", { status: listed.status });
  return { space, ...listed.value };
}

// --- Starting one ------------------------------------------------------------------------------

export async function loadNewDecision(request: Request, space: SpaceRef) {
  const { user } = await requireViewer(request);
  if (!policy.allowPropose(user, space.groupId)) throw new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const asked = url.searchParams.get("kind") ?? "";
  const kind = isDecisionKind(asked) ? asked : null;
  const zone = formZone(user.timeZone);
  const closing = defaultClosing(zone);
  const documents = space.groupId
    ? [
        ...GROUP_DOCUMENT_KINDS.map((docKind) => ({ id: `${docKind}.${space.slug}`, label: docKind, isCore: true })),
        ...(await listFreeDocuments(user, space.groupId)).map((doc: { id: string; title: string }) => ({ id: `doc.${doc.id}`, label: doc.title, isCore: false })),
      ]
    : [];
  const now = Date.now();
  const meetings = await db().meeting.findMany({
    where: { groupId: space.groupId, cancelledAt: null, startsAt: { gte: new Date(now - 60 * 24 * 3600_000), lte: new Date(now + 90 * 24 * 3600_000) } },
    select: { id: true, titleEn: true, titleFr: true, startsAt: true },
    orderBy: { startsAt: "asc" },
    take: 30,
  });
  return {
    space,
    kind,
    zone,
    closing,
    documents,
    meetings,
    optionRows: FORM_OPTION_ROWS,
    maxDuration: MAX_DURATION_MINUTES,
    preset: { documentId: url.searchParams.get("document") ?? "", meetingId: url.searchParams.get("meeting") ?? "" },
  };
}

const FORM_FIELDS = [
  "kind", "pollType", "titleEn", "titleFr", "textEn", "textFr", "closesDate", "closesTime", "voters",
  "quorumKind", "quorumValue", "maxChoices", "scoreMax", "durationMinutes", "documentId", "meetingId",
] as const;

export async function handleNewDecision(request: Request, space: SpaceRef) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const field of FORM_FIELDS) values[field] = text(form, field).slice(0, 6000);
  for (let i = 0; i < FORM_OPTION_ROWS; i++) {
    for (const name of [`option${i}En`, `option${i}Fr`, `slot${i}Date`, `slot${i}Time`]) values[name] = text(form, name).slice(0, 200);
  }
  values.resultsLive = text(form, "resultsLive") ? "on" : "";
  values.isAnonymous = text(form, "isAnonymous") ? "on" : "";
  const rows = [...Array(FORM_OPTION_ROWS).keys()];
  const input: DecisionInput = {
    kind: values.kind as DecisionInput["kind"],
    pollType: values.pollType as DecisionInput["pollType"],
    groupId: space.groupId,
    titleEn: values.titleEn,
    titleFr: values.titleFr,
    textEn: values.textEn,
    textFr: values.textFr,
    closesDate: values.closesDate,
    closesTime: values.closesTime,
    timeZone: formZone(user.timeZone),
    voters: (values.voters || "group") as DecisionInput["voters"],
    quorumKind: values.quorumKind as DecisionInput["quorumKind"],
    quorumValue: (values.quorumValue || "0") as unknown as number,
    resultsLive: values.resultsLive === "on",
    isAnonymous: values.isAnonymous === "on",
    maxChoices: (values.maxChoices || "0") as unknown as number,
    scoreMax: (values.scoreMax || "5") as unknown as number,
    durationMinutes: (values.durationMinutes || "60") as unknown as number,
    options: rows.map((i) => ({ en: values[`option${i}En`], fr: values[`option${i}Fr`] })),
    slots: rows.map((i) => ({ date: values[`slot${i}Date`], time: values[`slot${i}Time`] })),
    documentId: values.documentId,
    meetingId: values.meetingId,
  };
  const result = await createDecision(user, input);
  if (!result.ok) return failure("create", result, values);
  return redirect(`${space.href}/decisions/${result.value.decisionId}`, { status: 303 });
}

// --- One decision --------------------------------------------------------------------------------

/** A decision lives at its space's address; one asked for elsewhere is not found there. */
async function requireInSpace(decisionId: string, space: SpaceRef) {
  const decision = await getDecision(decisionId);
  if (!decision || decision.groupId !== space.groupId) throw new Response("Not found", { status: 404 });
  return decision;
}

export async function loadDecision(request: Request, space: SpaceRef, decisionId: string) {
  const { user } = await requireViewer(request);
  await requireInSpace(decisionId, space);
  const page = await decisionPage(user, decisionId);
  if (!page.ok) throw new Response("Not found", { status: page.status });
  return { space, viewerId: user.id, ...page.value };
}

export type DecisionPageData = Awaited<ReturnType<typeof loadDecision>>;

export async function handleDecisionAction(request: Request, space: SpaceRef, decisionId: string) {
  const { user } = await requireViewer(request);
  await requireInSpace(decisionId, space);
  const form = await request.formData();
  const intent = text(form, "intent");
  const back = (hash = "") => redirect(`${space.href}/decisions/${decisionId}${hash}`, { status: 303 });
  switch (intent) {
    case "vote": {
      const result = await castVote(user, decisionId, voteInputFromForm(form));
      return result.ok ? back("#vote-heading") : failure(intent, result, { position: text(form, "position"), reason: text(form, "reason") });
    }
    case "close": {
      const result = await closeDecision(user, decisionId);
      return result.ok ? back("#outcome-heading") : failure(intent, result);
    }
    case "outcome": {
      const values = { outcomeEn: text(form, "outcomeEn"), outcomeFr: text(form, "outcomeFr") };
      const result = await writeOutcome(user, decisionId, values);
      return result.ok ? back("#outcome-heading") : failure(intent, result, values);
    }
    case "action-add": {
      const values = { description: text(form, "description"), ownerId: text(form, "ownerId"), dueDate: text(form, "dueDate") };
      const result = await addDecisionActionItem(user, decisionId, values);
      return result.ok ? back("#actions-heading") : failure(intent, result, values);
    }
    case "schedule": {
      const values = { optionId: text(form, "optionId"), callUrl: text(form, "callUrl") };
      const result = await scheduleChosenSlot(user, decisionId, values);
      return result.ok ? redirect(`/meetings/${result.value.meetingId}`, { status: 303 }) : failure(intent, result, values);
    }
    default:
      return failure(intent, { error: "common:errors.invalidValue", status: 400 });
  }
}
