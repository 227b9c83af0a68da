// Co-edited documents: which document an id names, and what a member may do with it.
// Ids (CONTRACTS.md): learning-questions.<slug>, learning-outcome.<slug>, workplan.<slug>,
// agenda.<meetingId>.<en|fr>, minutes.<meetingId>.<en|fr>, doc.<id>.
import { db } from "~/infra/db.server";
import { meetingTextAccess } from "./minutes.server";
import { can, type Actor } from "./permissions";

export type DocumentAccess = "edit" | "read" | "none";

export const GROUP_DOCUMENT_KINDS = ["learning-questions", "learning-outcome", "workplan"] as const;
export type GroupDocumentKind = (typeof GROUP_DOCUMENT_KINDS)[number];

export type DocumentRef =
  | { kind: GroupDocumentKind; groupSlug: string }
  | { kind: "agenda" | "minutes"; meetingId: string; language: "en" | "fr" }
  | { kind: "doc"; id: string };

const ID_PART = /^[a-z0-9-]{1,64}$/;

export function parseDocumentId(documentId: string): DocumentRef | null {
  if (documentId.length > 160) return null;
  const parts = documentId.split(".");
  const [kind, ...rest] = parts;
  if ((GROUP_DOCUMENT_KINDS as readonly string[]).includes(kind) && rest.length === 1 && ID_PART.test(rest[0])) {
    return { kind: kind as GroupDocumentKind, groupSlug: rest[0] };
  }
  if ((kind === "agenda" || kind === "minutes") && rest.length === 2 && ID_PART.test(rest[0]) && (rest[1] === "en" || rest[1] === "fr")) {
    return { kind, meetingId: rest[0], language: rest[1] };
  }
  if (kind === "doc" && rest.length === 1 && ID_PART.test(rest[0])) return { kind: "doc", id: rest[0] };
  return null;
}

/** What this member may do with the document: the Yjs server and the pages ask the same question. */
export async function documentAccess(actor: Actor, documentId: string): Promise<DocumentAccess> {
  const ref = parseDocumentId(documentId);
  if (!ref) return "none";
  switch (ref.kind) {
    case "learning-questions":
    case "learning-outcome":
    case "workplan": {
      const group = await db().workingGroup.findUnique({ where: { slug: ref.groupSlug }, select: { id: true } });
      if (!group) return "none";
      if (can(actor, "document.edit", { groupId: group.id })) return "edit";
      return can(actor, "document.read", { groupId: group.id }) ? "read" : "none";
    }
    case "agenda":
    case "minutes": {
      // Drafts: organisers and invitees (rules in minutes.server); published copies are read elsewhere.
      return meetingTextAccess(actor, ref.meetingId, ref.kind);
    }
    default:
      // Free documents arrive with their own issue.
      return "none";
  }
}
