// Decisions vocabulary shared by the server and the pages (browser-safe: no database here).
export { POSITIONS, POSITIONS_NEEDING_REASON, TIME_ANSWERS, type Position, type TimeAnswer } from "./counting";

export const DECISION_KINDS = ["proposal", "poll", "time-poll"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const POLL_TYPES = ["single", "multiple", "ranked", "score"] as const;
export type PollType = (typeof POLL_TYPES)[number];
export const VOTER_SCOPES = ["group", "cop"] as const;
export const QUORUM_KINDS = ["", "count", "share"] as const;

/** How many option or slot rows the form offers (fixed, so it works without JavaScript). */
export const FORM_OPTION_ROWS = 6;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
/** Reminders go this long before closing to members who have not voted. */
export const REMINDER_BEFORE_HOURS = 24;

export function isDecisionKind(value: string): value is DecisionKind {
  return (DECISION_KINDS as readonly string[]).includes(value);
}

/**
 * What a member answers, whatever the kind: a proposal's position (with its reason), a poll's
 * choices, ranking or scores, a time poll's answer per slot. Only the part the kind needs is read.
 * The vote-by-email reader builds one of these from a reply's text.
 */
export interface VoteInput {
  position?: string;
  reason?: string;
  /** Single choice: one option id; multiple choice: several. */
  options?: string[];
  /** Ranked choice: option ids, most preferred first (unranked options may be left out). */
  ranking?: string[];
  /** Score: option id → score (0 … scoreMax); options left out are not scored. */
  scores?: Record<string, number>;
  /** Time polls: slot (option) id → "yes" | "maybe" (if need be) | "no". */
  answers?: Record<string, string>;
}

/** Reads a vote from a posted form (field names as the decision page's forms use them). */
export function voteInputFromForm(form: { get(name: string): unknown; getAll(name: string): unknown[]; keys(): Iterable<string> }): VoteInput {
  const str = (value: unknown) => (typeof value === "string" ? value : "");
  const input: VoteInput = {};
  const position = str(form.get("position"));
  if (position) input.position = position;
  input.reason = str(form.get("reason")).slice(0, 2000);
  const options = form.getAll("option").map(str).filter(Boolean);
  if (options.length) input.options = options.slice(0, 50);
  const ranks: Array<[string, number]> = [];
  const scores: Record<string, number> = {};
  const answers: Record<string, string> = {};
  for (const key of form.keys()) {
    const value = str(form.get(key));
    if (key.startsWith("rank.") && value) ranks.push([key.slice(5), Number(value)]);
    if (key.startsWith("score.") && value !== "") scores[key.slice(6)] = Number(value);
    if (key.startsWith("answer.") && value) answers[key.slice(7)] = value;
  }
  if (ranks.length) input.ranking = ranks.sort((a, b) => a[1] - b[1]).map(([id]) => id);
  if (ranks.some(([, rank]) => !Number.isInteger(rank) || rank < 1)) input.ranking = ["!invalid"];
  if (new Set(ranks.map(([, rank]) => rank)).size !== ranks.length) input.ranking = ["!duplicate"];
  if (Object.keys(scores).length) input.scores = scores;
  if (Object.keys(answers).length) input.answers = answers;
  return input;
}
