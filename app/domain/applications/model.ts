// Applications, browser-safe part: the form's vocabulary and limits, shared by the form and the
// server so the page can show the same maxlength the server enforces.

export const REGIONS = ["africa", "asia", "latin-america-caribbean"] as const;
export type Region = (typeof REGIONS)[number];

export const WORKING_LANGUAGES = ["en", "fr", "both"] as const;
export const CAPACITY_ANSWERS = ["yes", "mostly", "unsure"] as const;

/** The call's criteria, each scored 1–5 by every reviewer. */
export const CRITERIA = ["experience", "motivation", "regularity", "goals", "balance", "languages"] as const;
export type Criterion = (typeof CRITERIA)[number];
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** Declarations the applicant answers: "confirm" (eligible) or "cannot-confirm" (flagged). */
export const DECLARATIONS = ["notAdvisoryMember", "notAllianceStaff", "notPreviousCop"] as const;
export type Declaration = (typeof DECLARATIONS)[number];

export const STAGES = ["draft", "submitted", "shortlisted", "interview", "accepted", "declined"] as const;
export type Stage = (typeof STAGES)[number];
/** Stages that count as the shortlist for balance figures. */
export const SHORTLIST_STAGES: readonly Stage[] = ["shortlisted", "interview", "accepted"];

/** Longest accepted answers, in characters. Long enough for a real answer on a phone. */
export const FIELD_LIMITS = {
  name: 80,
  contact: 200,
  country: 80,
  organisation: 160,
  experience: 4000,
  motivation: 4000,
  learningGoals: 4000,
  capacityNote: 1000,
  conflictOfInterest: 1000,
} as const;

export const TEXT_FIELDS = Object.keys(FIELD_LIMITS) as Array<keyof typeof FIELD_LIMITS>;

/** What the form posts and what it shows back after a refusal: every value as typed. */
export type ApplicationValues = Record<keyof typeof FIELD_LIMITS | "region" | "preferredGroupId" | "workingLanguages" | "capacity" | Declaration, string>;

export function emptyApplicationValues(): ApplicationValues {
  return {
    name: "", contact: "", country: "", organisation: "", experience: "", motivation: "", learningGoals: "",
    capacityNote: "", conflictOfInterest: "", region: "", preferredGroupId: "", workingLanguages: "", capacity: "",
    notAdvisoryMember: "", notAllianceStaff: "", notPreviousCop: "",
  };
}

/** A contact that looks like an email address gets the outcome by mail; any other waits on the status page. */
export function looksLikeEmail(contact: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(contact.trim());
}
