// Request handling shared by the routes that show discussions (group and community threads,
// a library resource's reflections, the spaces): read the session and the form, call the
// discussion verbs, and answer so that forms work without JavaScript (303 back to the page).
import { data, redirect } from "react-router";
import { requireViewer } from "~/web/auth.server";
import {
  createThread,
  deletePost,
  editPost,
  getThread,
  isThreadReachable,
  markSpaceRead,
  pageOfPost,
  replyToThread,
  setPostHidden,
  setThreadFlag,
  spacePage,
  threadPage,
  type ThreadFlag,
  type ThreadSubject,
} from "~/domain/discussions.server";
import type { Refusal } from "~/domain/result";
import { threadHref } from "~/domain/thread-facts.server";
import { text } from "~/ui/forms";
import { randomUUID } from "node:crypto";

export type { ThreadSubject };

type ViewerUser = Awaited<ReturnType<typeof requireViewer>>["user"];

function pageParam(url: URL): number | null {
  const raw = url.searchParams.get("page");
  if (!raw) return null;
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page < 100_000 ? page : 1;
}

/** Loader of a thread page. 404 for a thread the reader may not read or that lives elsewhere. */
export async function loadThreadPage(request: Request, threadId: string, url: URL, subject?: ThreadSubject) {
  const { user } = await requireViewer(request);
  const result = await threadPage(user, threadId, { page: pageParam(url), subject });
  if (!result.ok) throw new Response("Not found", { status: result.status });
  // A fresh key per form shown: sending the same form twice (a double tap, the offline outbox
  // resending) posts once.
  return { ...result.value, path: url.pathname, formKey: randomUUID() };
}

export type ThreadPageData = Awaited<ReturnType<typeof loadThreadPage>>;

export interface ThreadActionData {
  intent: string;
  error: string | null;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  postId?: string;
}

function actionFailure(intent: string, refusal: Pick<Refusal, "error" | "fieldErrors" | "status">, values: Record<string, string>) {
  const fieldErrors = refusal.fieldErrors ?? {};
  const body: ThreadActionData = { intent, error: Object.keys(fieldErrors).length ? null : refusal.error, fieldErrors, values };
  return data(body, { status: refusal.status });
}

/** Action of a thread page: reply, edit, delete, and the moderators' intents. */
export async function handleThreadAction(request: Request, threadId: string, subject?: ThreadSubject) {
  const { user } = await requireViewer(request);
  if (!(await isThreadReachable(threadId, subject))) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = text(form, "intent");
  const path = new URL(request.url).pathname;
  const back = async (postId?: string) => {
    if (!postId) return redirect(path, { status: 303 });
    const page = await pageOfPost(threadId, postId);
    return redirect(`${path}${page > 1 ? `?page=${page}` : ""}#post-${postId}`, { status: 303 });
  };
  switch (intent) {
    case "reply": {
      const values = { body: text(form, "body"), language: text(form, "language"), parentId: text(form, "parentId") };
      const result = await replyToThread(user, { threadId, parentId: values.parentId || null, body: values.body, language: values.language, idempotencyKey: text(form, "idempotencyKey") });
      return result.ok ? back(result.value.postId) : actionFailure(intent, result, values);
    }
    case "edit": {
      const values = { body: text(form, "body"), postId: text(form, "postId") };
      const result = await editPost(user, { postId: values.postId, body: values.body });
      return result.ok ? back(result.value.postId) : actionFailure(intent, result, values);
    }
    case "delete": {
      const result = await deletePost(user, text(form, "postId"));
      return result.ok ? back(result.value.postId) : actionFailure(intent, result, {});
    }
    case "hide-post":
    case "show-post": {
      const result = await setPostHidden(user, text(form, "postId"), intent === "hide-post");
      return result.ok ? back(result.value.postId) : actionFailure(intent, result, {});
    }
    case "pin":
    case "unpin":
    case "lock":
    case "unlock":
    case "hide-thread":
    case "show-thread": {
      const flag: ThreadFlag = intent.includes("pin") ? "pinned" : intent.includes("lock") ? "locked" : "hidden";
      const result = await setThreadFlag(user, threadId, flag, !intent.startsWith("un") && !intent.startsWith("show"));
      return result.ok ? back() : actionFailure(intent, result, {});
    }
    default:
      return actionFailure(intent, { error: "common:errors.invalidValue", status: 400 }, {});
  }
}

/** Loader part of a space page (community or a working group). */
export async function loadSpace(user: ViewerUser, groupId: string | null, url: URL) {
  return { ...(await spacePage(user, groupId, pageParam(url) ?? 1)), formKey: randomUUID() };
}

export type SpaceData = Awaited<ReturnType<typeof loadSpace>>;

/** Action of a space page: start a thread, or mark everything read. */
export async function handleSpaceAction(request: Request, groupId: string | null, spaceHref: string) {
  const { user } = await requireViewer(request);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === "mark-all-read") {
    await markSpaceRead(user.id, groupId);
    return redirect(spaceHref, { status: 303 });
  }
  if (intent !== "new-thread") return actionFailure(intent, { error: "common:errors.invalidValue", status: 400 }, {});
  const values = { title: text(form, "title"), body: text(form, "body"), language: text(form, "language") };
  const result = await createThread(user, { groupId, title: values.title, body: values.body, language: values.language, idempotencyKey: text(form, "idempotencyKey") });
  if (!result.ok) return actionFailure(intent, result, values);
  return redirect(`${spaceHref}/threads/${result.value.threadId}`, { status: 303 });
}

/** A space thread lives at its space's address; one asked for elsewhere is sent there. */
export async function requireThreadAddress(request: Request, threadId: string): Promise<void> {
  const thread = await getThread(threadId);
  // Subject threads (reflections) are reached only through their subject's page.
  if (!thread || thread.subjectType) throw new Response("Not found", { status: 404 });
  const href = await threadHref(thread);
  if (href !== new URL(request.url).pathname) throw redirect(href);
}
