// Counting a decision's votes: pure functions, no database, so the rules can be read and tested
// on their own. Anonymous polls are counted from their tally, the others from their ballots;
// both paths end in the same shapes.

export const POSITIONS = ["agree", "abstain", "disagree", "block"] as const;
export type Position = (typeof POSITIONS)[number];
/** Positions that must say why. */
export const POSITIONS_NEEDING_REASON: readonly Position[] = ["disagree", "block"];

export const TIME_ANSWERS = ["yes", "maybe", "no"] as const;
export type TimeAnswer = (typeof TIME_ANSWERS)[number];

export function proposalCounts(positions: readonly string[]): Record<Position, number> {
  const counts: Record<Position, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
  for (const position of positions) if ((POSITIONS as readonly string[]).includes(position)) counts[position as Position]++;
  return counts;
}

/** Ballots per option (single choice: one each; multiple choice: one per option chosen). */
export function choiceCounts(optionIds: readonly string[], ballots: ReadonlyArray<readonly string[]>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(optionIds.map((id) => [id, 0]));
  for (const ballot of ballots) for (const id of new Set(ballot)) if (id in counts) counts[id]++;
  return counts;
}

export interface ScoreResult {
  /** Sum of the scores given. */
  points: number;
  /** How many scored it. */
  count: number;
  /** Mean score, two decimals (0 when nobody scored it). */
  average: number;
}

export function scoreResults(optionIds: readonly string[], ballots: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, ScoreResult> {
  const totals: Record<string, { points: number; count: number }> = Object.fromEntries(optionIds.map((id) => [id, { points: 0, count: 0 }]));
  for (const ballot of ballots) {
    for (const [id, score] of Object.entries(ballot)) {
      if (!(id in totals) || !Number.isFinite(score)) continue;
      totals[id].points += score;
      totals[id].count += 1;
    }
  }
  return scoreFromTotals(totals);
}

export function scoreFromTotals(totals: Record<string, { points: number; count: number }>): Record<string, ScoreResult> {
  return Object.fromEntries(
    Object.entries(totals).map(([id, { points, count }]) => [id, { points, count, average: count ? Math.round((points / count) * 100) / 100 : 0 }]),
  );
}

// --- Ranked choice: instant-runoff ------------------------------------------------------------

export interface RankedBallot {
  /** Option ids, most preferred first; options left out are ranked below all ranked ones. */
  ranking: readonly string[];
  /** How many identical ballots this stands for (anonymous polls keep one row per ranking). */
  weight?: number;
}

export interface RunoffRound {
  /** Votes of each continuing option this round. */
  counts: Record<string, number>;
  /** Ballots that ranked no continuing option any more. */
  exhausted: number;
  /** Options eliminated at the end of this round. */
  eliminated: string[];
}

export interface RunoffResult {
  rounds: RunoffRound[];
  /** The winner, or null when there were no ballots or the last options tied. */
  winner: string | null;
  /** Options that tied for the win (when winner is null and there were ballots). */
  tied: string[];
}

/**
 * Instant-runoff. Each round every ballot counts for its highest-ranked continuing option. An
 * option with more than half of the ballots still counting wins. Otherwise the option with the
 * fewest votes is eliminated and the next round begins.
 *
 * Tie rule for last place: among the options tied for fewest votes, the one with fewer votes in
 * the previous round is eliminated, looking back round by round to the first; options still
 * tied are eliminated together. If that would eliminate every continuing option, they tie for
 * the win (no winner is invented; the outcome statement says what the group decided).
 */
export function instantRunoff(optionIds: readonly string[], ballots: readonly RankedBallot[]): RunoffResult {
  const known = new Set(optionIds);
  const cleaned = ballots
    .map((ballot) => ({ ranking: [...new Set(ballot.ranking)].filter((id) => known.has(id)), weight: ballot.weight ?? 1 }))
    .filter((ballot) => ballot.weight > 0);
  const continuing = new Set(optionIds);
  const rounds: RunoffRound[] = [];
  const total = cleaned.reduce((sum, ballot) => sum + ballot.weight, 0);
  if (total === 0 || continuing.size === 0) return { rounds, winner: null, tied: [] };

  while (continuing.size > 0) {
    const counts: Record<string, number> = Object.fromEntries([...continuing].map((id) => [id, 0]));
    let exhausted = 0;
    for (const ballot of cleaned) {
      const choice = ballot.ranking.find((id) => continuing.has(id));
      if (choice) counts[choice] += ballot.weight;
      else exhausted += ballot.weight;
    }
    const active = total - exhausted;
    const round: RunoffRound = { counts, exhausted, eliminated: [] };
    rounds.push(round);
    const leader = [...continuing].find((id) => counts[id] * 2 > active);
    if (leader) return { rounds, winner: leader, tied: [] };
    if (active === 0) return { rounds, winner: null, tied: [...continuing] };

    const fewest = Math.min(...[...continuing].map((id) => counts[id]));
    let last = [...continuing].filter((id) => counts[id] === fewest);
    // Look back: fewer votes in an earlier round goes first.
    for (let back = rounds.length - 2; back >= 0 && last.length > 1; back--) {
      const earlier = rounds[back].counts;
      const least = Math.min(...last.map((id) => earlier[id] ?? 0));
      last = last.filter((id) => (earlier[id] ?? 0) === least);
    }
    if (last.length === continuing.size) return { rounds, winner: null, tied: last };
    round.eliminated = last;
    for (const id of last) continuing.delete(id);
  }
  return { rounds, winner: null, tied: [] };
}

/** An anonymous ranked tally's key: the ranking itself (option ids joined by ">"). */
export function rankingKey(ranking: readonly string[]): string {
  return `rank:${ranking.join(">")}`;
}

export function rankingFromKey(key: string): string[] | null {
  return key.startsWith("rank:") ? key.slice(5).split(">").filter(Boolean) : null;
}

// --- Time polls ------------------------------------------------------------------------------

export interface SlotCounts {
  yes: number;
  maybe: number;
  no: number;
}

export function slotCounts(optionIds: readonly string[], answers: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, SlotCounts> {
  const counts: Record<string, SlotCounts> = Object.fromEntries(optionIds.map((id) => [id, { yes: 0, maybe: 0, no: 0 }]));
  for (const ballot of answers) {
    for (const [id, answer] of Object.entries(ballot)) {
      if (id in counts && (TIME_ANSWERS as readonly string[]).includes(answer)) counts[id][answer as TimeAnswer]++;
    }
  }
  return counts;
}

/**
 * The best slots: most "yes", then most "if need be", then fewest people outside their day,
 * then the earliest. Returns option ids best first.
 */
export function rankSlots(slots: ReadonlyArray<{ id: string; startsAt: Date; outside: number }>, counts: Record<string, SlotCounts>): string[] {
  return [...slots]
    .sort((a, b) => {
      const ca = counts[a.id] ?? { yes: 0, maybe: 0, no: 0 };
      const cb = counts[b.id] ?? { yes: 0, maybe: 0, no: 0 };
      return cb.yes - ca.yes || cb.maybe - ca.maybe || a.outside - b.outside || a.startsAt.getTime() - b.startsAt.getTime();
    })
    .map((slot) => slot.id);
}

// --- Quorum -----------------------------------------------------------------------------------

export interface Quorum {
  /** "" (none) | "count" | "share" */
  kind: string;
  value: number;
}

/** How many votes make the quorum for this many eligible voters (0 when there is none). */
export function quorumNeeded(quorum: Quorum, eligible: number): number {
  if (quorum.kind === "count") return Math.max(0, quorum.value);
  if (quorum.kind === "share") return Math.ceil((Math.min(100, Math.max(0, quorum.value)) / 100) * eligible);
  return 0;
}

export function isQuorumMet(quorum: Quorum, voted: number, eligible: number): boolean {
  return voted >= quorumNeeded(quorum, eligible);
}
