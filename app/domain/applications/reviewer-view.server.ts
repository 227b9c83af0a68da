// What a reviewer may see of one application in their phase of the round (see the policy's
// reviewPhase): the queue, the application page and any other surface that shows an application
// to a reviewer build it here, and only here.
import { createHmac } from "node:crypto";
import type { Actor } from "../permissions";
import * as applicationsPolicy from "../policies/applications";
import { eligibilityFlags } from "./scores";

/** An application as read with reviewerSelect, plus tokenHash (only ever used as a key here). */
export interface ReviewableRow {
  id: string;
  reference: string;
  stage: string;
  name: string;
  country: string;
  region: string;
  organisation: string;
  experience: string;
  motivation: string;
  learningGoals: string;
  preferredGroupId: string | null;
  workingLanguages: string;
  capacity: string;
  capacityNote: string;
  notAdvisoryMember: boolean | null;
  notAllianceStaff: boolean | null;
  notPreviousCop: boolean | null;
  conflictOfInterest: string;
  submittedAt: Date | null;
  erasedAt: Date | null;
  tokenHash: string | null;
}

/** The answers; name, organisation and country are null while the round keeps them hidden. */
export type ReviewerAnswers = Omit<ReviewableRow, "name" | "organisation" | "country" | "notAdvisoryMember" | "notAllianceStaff" | "notPreviousCop" | "tokenHash"> & {
  name: string | null;
  organisation: string | null;
  country: string | null;
  flags: ReturnType<typeof eligibilityFlags>;
};

export type ReviewerView =
  /** A name on the list to declare conflicts: no id, no reference, nothing to tie it to the answers. */
  | { phase: "declare"; conflictKey: string; name: string }
  | { phase: "recused"; id: string; reference: string }
  | { phase: "blind" | "identified"; application: ReviewerAnswers };

/**
 * The key the list of names posts for one applicant: it names the application to the server
 * without telling the reviewer which answers are whose. Keyed by the private link's hash, which
 * reviewers never see, so it differs per reviewer and cannot be worked out from the page.
 */
export function conflictKeyFor(reviewerId: string, row: { id: string; tokenHash: string | null }): string {
  return createHmac("sha256", row.tokenHash ?? row.id).update(`conflict:${reviewerId}`).digest("base64url").slice(0, 22);
}

export function reviewerView(
  actor: Actor,
  round: applicationsPolicy.ReviewRound,
  row: ReviewableRow,
  mine: applicationsPolicy.ReviewerStanding | null | undefined,
): ReviewerView {
  const phase = applicationsPolicy.reviewPhase(actor, round, mine);
  if (phase === "declare") return { phase, conflictKey: conflictKeyFor(actor.id, row), name: row.name };
  if (phase === "recused") return { phase, id: row.id, reference: row.reference };
  const sees = applicationsPolicy.reviewerSees(phase);
  // Hidden fields stay hidden inside the free text too: an applicant who writes "at Rainbow
  // Youth Kampala, I…" would otherwise name themselves to a blind reviewer.
  const hidden = [...(sees.name ? [] : namesOf(row.name)), ...(sees.identity ? [] : [row.organisation, row.country])];
  const text = (value: string) => withoutWords(value, hidden);
  return {
    phase,
    application: {
      id: row.id, reference: row.reference, stage: row.stage,
      name: sees.name ? row.name : null,
      organisation: sees.identity ? row.organisation : null,
      country: sees.identity ? row.country : null,
      region: row.region, experience: text(row.experience), motivation: text(row.motivation), learningGoals: text(row.learningGoals),
      preferredGroupId: row.preferredGroupId, workingLanguages: row.workingLanguages, capacity: row.capacity,
      capacityNote: text(row.capacityNote), conflictOfInterest: text(row.conflictOfInterest), flags: eligibilityFlags(row),
      submittedAt: row.submittedAt, erasedAt: row.erasedAt,
    },
  };
}

/** What marks a word taken out of an answer. */
export const HIDDEN_WORD = "[…]";

/** A name and its parts long enough to identify (a two-letter particle would blank ordinary words). */
function namesOf(name: string): string[] {
  return [name, ...name.split(/[\s.,'’-]+/u).filter((part) => part.length >= 3)];
}

/**
 * The text with each phrase taken out wherever it stands as whole words, whatever its case or
 * accents ("Mérida" and "merida" alike), longest first so a full name goes before its parts.
 */
export function withoutWords(text: string, phrases: readonly string[]): string {
  const wanted = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length >= 3))].sort((a, b) => b.length - a.length);
  if (wanted.length === 0 || text === "") return text;
  const fold = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  // Folding can change lengths (ligatures aside, NFD adds marks we then drop), so match on a
  // folded copy whose characters map one-to-one onto the original's.
  const chars = [...text.normalize("NFC")];
  const folded = chars.map((c) => fold(c) || c);
  const flat = folded.join("");
  const starts: number[] = [];
  let offset = 0;
  for (const f of folded) {
    starts.push(offset);
    offset += f.length;
  }
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${wanted.map((p) => escape(fold(p)).replace(/\s+/g, "\\s+")).join("|")})(?![\\p{L}\\p{N}])`, "gu");
  let out = "";
  let cursor = 0;
  for (const match of flat.matchAll(pattern)) {
    const from = starts.findIndex((start) => start >= match.index);
    const end = match.index + match[0].length;
    let to = starts.findIndex((start) => start >= end);
    if (to === -1) to = chars.length;
    out += chars.slice(cursor, from).join("") + HIDDEN_WORD;
    cursor = to;
  }
  return out + chars.slice(cursor).join("");
}
