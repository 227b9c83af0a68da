// What a handler of replies by email receives and answers (see handlers.server.ts).
import type { Actor } from "../permissions";

export interface ReplyMember extends Actor {
  displayName: string;
  locale: string | null;
}

/** The parts of an inbound mail a handler may use (never the addresses). */
export interface InboundReply {
  /** What the member wrote, quoted history and signature removed. */
  text: string;
  /** An iCalendar attachment or part (text/calendar), as text. */
  calendar: string | null;
  /** Other attachments (files, images). */
  attachmentCount: number;
  /** Those files, for handlers that may keep them (a thread reply, when the member allows it). */
  files: Array<{ fileName: string; bytes: Uint8Array }>;
  /** The member chose to have attached files put into the library (group-only) instead of refused. */
  attachmentsToLibrary: boolean;
  /**
   * The same for every delivery of this message to this reply address (null without a
   * Message-ID): what a handler makes with it is made once, even when a retry comes after a
   * failure that forgot the receipt.
   */
  key: string | null;
}

/** Done, or refused with a locale key that the bounce explains (and the log names). */
export type ReplyOutcome = { ok: true } | { ok: false; error: string };

export interface ReplyHandler {
  /** Replies of this kind carry what the member writes: only for members who opted in to content in mail. */
  needsContentInMail: boolean;
  handle(member: ReplyMember, objectId: string, reply: InboundReply): Promise<ReplyOutcome>;
}
