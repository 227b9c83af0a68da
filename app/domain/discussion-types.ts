// Shapes of discussion data that cross the wire (loader data and Socket.IO events). Browser-safe.

export interface PostAuthor {
  id: string;
  displayName: string;
  isResting: boolean;
}

/** A post as every reader of its space may see it. Hidden or deleted posts carry no text. */
export interface LivePost {
  id: string;
  threadId: string;
  seq: number;
  parentId: string | null;
  branchId: string | null;
  author: PostAuthor;
  language: string;
  /** Sanitised HTML (see rich-text.ts); null for a tombstone. */
  html: string | null;
  state: "visible" | "deleted" | "hidden";
  createdAt: string;
  editedAt: string | null;
  /** Set when this replies to a nested reply: shown as "replying to …" (deeper levels are flattened). */
  replyingTo: { postId: string; authorName: string } | null;
}

/** What a moderator or the author additionally sees. */
export interface PostView extends LivePost {
  /** The Markdown source: the author's own posts (to edit), and moderators (hidden posts). */
  source: string | null;
  /** Moderators: the text of hidden posts and earlier versions of edited ones. */
  moderatorHtml: string | null;
  revisions: Array<{ id: string; html: string; replacedAt: string }>;
  isOwn: boolean;
}

export interface ThreadSummary {
  id: string;
  title: string;
  language: string;
  author: PostAuthor;
  replyCount: number;
  lastSeq: number;
  lastPostAt: string;
  createdAt: string;
  isPinned: boolean;
  isLocked: boolean;
  isHidden: boolean;
  /** Posts the reader has not seen yet (0 when read up to date). */
  unread: number;
  href: string;
}

/** A space is a working group's (groupId) or the community's (groupId null). */
export function spaceKey(groupId: string | null): string {
  return groupId ?? "community";
}
