// Voting by email: the numbered ballot a reminder carries, and reading a member's reply to it
// into the same VoteInput the decision page's forms produce (castVote then checks it exactly as
// it checks a form). Browser-safe and database-free, so it is unit-tested on its own.
//   proposal  "1" … "4", or the position's word in either language; what follows is the reason
//   single    "2"           multiple  "1, 3"          ranked  "3 1 2" (most preferred first)
//   score     "1=4, 2=0"    time poll "1 yes, 2 maybe, 3 no" (oui, si besoin, non)
import { POSITIONS, TIME_ANSWERS, type VoteInput } from "./types";

export interface Ballot {
  kind: string;
  pollType: string;
  scoreMax: number;
  /** Options or slots, in their order on the page. */
  options: Array<{ id: string; labelEn: string; labelFr: string; startsAt: Date | null }>;
}

const POSITION_WORDS: Record<string, (typeof POSITIONS)[number]> = {
  agree: "agree", yes: "agree", "d'accord": "agree", "d’accord": "agree", accord: "agree", pour: "agree", oui: "agree",
  abstain: "abstain", abstention: "abstain", "m'abstiens": "abstain", "m’abstiens": "abstain", abstiens: "abstain",
  disagree: "disagree", against: "disagree", "désaccord": "disagree", contre: "disagree", non: "disagree", no: "disagree",
  block: "block", bloque: "block", bloquer: "block", blocage: "block",
};

const TIME_WORDS: Record<string, (typeof TIME_ANSWERS)[number]> = {
  yes: "yes", oui: "yes", ok: "yes",
  maybe: "maybe", "if need be": "maybe", "si besoin": "maybe", "peut-être": "maybe", "peut-etre": "maybe", "ifneedbe": "maybe",
  no: "no", non: "no",
};

/** The lines a reminder shows under "reply with…": one per choice, numbered from 1. */
export function ballotChoices(ballot: Ballot, label: (option: Ballot["options"][number]) => string, positionLabel: (position: string) => string): string[] {
  if (ballot.kind === "proposal") return POSITIONS.map((position, i) => `${i + 1}. ${positionLabel(position)}`);
  return ballot.options.map((option, i) => `${i + 1}. ${label(option)}`);
}

/** The reply's vote, or null when it cannot be read (the member is told, nothing is cast). */
export function readBallot(text: string, ballot: Ballot): VoteInput | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const [firstLine, ...rest] = trimmed.split(/\r?\n/);
  const first = firstLine.trim().toLowerCase().normalize("NFC");
  const option = (n: number) => ballot.options[n - 1]?.id;

  if (ballot.kind === "proposal") {
    const match = /^(\d+|[\p{L}’']+)[\s.:,;!-]*(.*)$/u.exec(first);
    if (!match) return null;
    const position = /^\d+$/.test(match[1]) ? POSITIONS[Number(match[1]) - 1] : POSITION_WORDS[match[1]];
    if (!position) return null;
    // The reason: what follows the answer on its line (as written), then the lines below it.
    const sameLine = firstLine.trim().slice(firstLine.trim().length - match[2].length);
    return { position, reason: [sameLine, ...rest].join("\n").trim() };
  }

  if (ballot.kind === "time-poll") {
    const answers: Record<string, string> = {};
    for (const [, n, word] of first.matchAll(/(\d+)\s*[:=.)-]?\s*(yes|oui|ok|maybe|if need be|si besoin|peut-être|peut-etre|no|non)\b/gu)) {
      const id = option(Number(n));
      if (!id) return null;
      answers[id] = TIME_WORDS[word];
    }
    return Object.keys(answers).length ? { answers } : null;
  }

  if (ballot.pollType === "score") {
    const scores: Record<string, number> = {};
    for (const [, n, score] of first.matchAll(/(\d+)\s*[=:]\s*(\d+)/g)) {
      const id = option(Number(n));
      if (!id) return null;
      scores[id] = Number(score);
    }
    return Object.keys(scores).length ? { scores } : null;
  }

  // Single, multiple and ranked: the first line is numbers only.
  if (!/^[\d\s,;.>-]+$/.test(first)) return null;
  const numbers = [...first.matchAll(/\d+/g)].map(([n]) => Number(n));
  const ids = numbers.map(option);
  if (ids.length === 0 || ids.some((id) => !id)) return null;
  if (ballot.pollType === "ranked") return { ranking: ids as string[] };
  return { options: ids as string[] };
}
