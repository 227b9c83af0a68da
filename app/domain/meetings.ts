// Meetings vocabulary shared by the server and the pages (browser-safe: no database here).

export const MEETING_KINDS = ["plenary", "group", "mel-checkin", "guest"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const AUDIENCES = ["community", "group", "leads-mel"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const RSVPS = ["yes", "maybe", "no"] as const;
export type Rsvp = (typeof RSVPS)[number];

export const TEXT_KINDS = ["agenda", "minutes"] as const;
export type TextKind = (typeof TEXT_KINDS)[number];
export const TEXT_LANGUAGES = ["en", "fr"] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];
export const TRANSLATION_STATUSES = ["draft", "translated", "reviewed"] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export function isTextKind(value: string): value is TextKind {
  return (TEXT_KINDS as readonly string[]).includes(value);
}
export function isTextLanguage(value: string): value is TextLanguage {
  return (TEXT_LANGUAGES as readonly string[]).includes(value);
}
export function otherLanguage(language: TextLanguage): TextLanguage {
  return language === "en" ? "fr" : "en";
}

/** The Yjs document id of one language of a meeting text (the README lists the forms). */
export function textDocumentId(kind: TextKind, meetingId: string, language: TextLanguage): string {
  return `${kind}.${meetingId}.${language}`;
}

/** The scheduling form as typed (shared by the schedule and change pages, and the server). */
export interface MeetingFormFields {
  kind: string;
  groupId: string;
  audience: string;
  titleEn: string;
  titleFr: string;
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: string;
  callUrl: string;
  repeat: string;
  occurrences: string;
  rotate1: string;
  rotate2: string;
  /** "yes" when the organiser acknowledged a time at night for someone. */
  acknowledgeNight?: string;
}
