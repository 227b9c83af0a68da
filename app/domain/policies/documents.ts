// Co-edited documents: what a member may do with one. The Yjs server, the pages and every verb
// ask this with the document's facts (loaded by documents.server.ts).
import { can, principalsFor, type Actor, type Principal } from "../permissions";
import { learningQuestionsStatus } from "../learning-questions";
import * as meetings from "./meetings";

export type DocumentAccess = "edit" | "read" | "none";
export type DocumentAction =
  | "read"
  | "edit"
  | "comment"
  | "restore"
  | "nameVersion"
  | "resolveComment"
  /** Learning questions: fix the set (1–3) or reopen it. */
  | "finalise"
  /** Workplan: send it to MEL, and MEL's decision on it. */
  | "submit"
  | "review";

/** A document of a working group (its plan documents and free documents). */
export interface GroupDocumentFacts {
  kind: "learning-questions" | "learning-outcome" | "workplan" | "doc";
  groupId: string;
  /** The group's plan: a submitted workplan and finalised questions are read-only. */
  workplanStatus?: string | null;
  questionsStatus?: string | null;
}

/** What deciding needs to know about a document. */
export type DocumentFacts = GroupDocumentFacts | { kind: "agenda" | "minutes"; meeting: meetings.MeetingFacts } | { kind: "unknown" };

export function access(actor: Actor | null | undefined, document: DocumentFacts): DocumentAccess {
  if (!actor) return "none";
  switch (document.kind) {
    case "agenda":
    case "minutes":
      return meetings.textAccess(actor, document.meeting, document.kind);
    case "unknown":
      return "none";
    default: {
      const target = { groupId: document.groupId };
      const base: DocumentAccess = can(actor, "document.edit", target) ? "edit" : can(actor, "document.read", target) ? "read" : "none";
      // Finalised questions stay as finalised until the lead reopens them; under MEL review the
      // submitted workplan is what is reviewed. Nobody edits either meanwhile.
      if (base === "edit" && document.kind === "workplan" && document.workplanStatus === "submitted") return "read";
      if (base === "edit" && document.kind === "learning-questions" && learningQuestionsStatus(document).isFinalised) return "read";
      return base;
    }
  }
}

/**
 * Why a member who can read the document cannot edit it (what their editor says when it locks):
 * the questions are finalised, the workplan is under review, or they have no right to edit.
 */
export type ReadOnlyReason = "finalised" | "underReview" | "noEditRight";

export function readOnlyReason(actor: Actor | null | undefined, document: DocumentFacts): ReadOnlyReason | null {
  if (access(actor, document) !== "read") return null;
  if (document.kind === "workplan" && document.workplanStatus === "submitted") return "underReview";
  if (document.kind === "learning-questions" && learningQuestionsStatus(document).isFinalised) return "finalised";
  return "noEditRight";
}

export function allow(actor: Actor | null | undefined, action: DocumentAction, document: DocumentFacts): boolean {
  const level = access(actor, document);
  switch (action) {
    case "read":
      return level !== "none";
    case "edit":
    case "restore":
    case "nameVersion":
      return level === "edit";
    case "comment":
    case "resolveComment":
      if (level === "none" || !actor) return false;
      // Meeting texts are discussed in the meeting; group documents have MEL's comment column.
      return "groupId" in document ? can(actor, "document.comment", { groupId: document.groupId }) : false;
    case "finalise":
      return level !== "none" && document.kind === "learning-questions" && can(actor, "learningQuestions.finalise", { groupId: document.groupId });
    case "submit":
      return level !== "none" && document.kind === "workplan" && can(actor, "workplan.submit", { groupId: document.groupId });
    case "review":
      return level !== "none" && document.kind === "workplan" && can(actor, "workplan.review", { groupId: document.groupId });
  }
}

/** The principals who may read a group document: exactly those `allow(…, "read", …)` accepts. */
export function audience(document: GroupDocumentFacts): Principal[] {
  return principalsFor("document.read", { groupId: document.groupId });
}

/**
 * MEL's review decisions on a group's workplan and their comments: read where the group's MEL
 * follow-up is read (its MEL page: the group's leads, MEL and coordinators), in a notice too.
 */
export function allowReadReviews(actor: Actor | null | undefined, workplan: { groupId: string }): boolean {
  return can(actor, "checkin.read", { groupId: workplan.groupId });
}
