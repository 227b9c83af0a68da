// The editor proper (browser only, loaded lazily): Tiptap bound to a Yjs document that syncs
// over y-websocket, with carets and a presence list, a toolbar, a saved/saving/offline status,
// and an offline copy in IndexedDB only on a device the member marked as their own.
import { Collaboration } from "@tiptap/extension-collaboration";
import { CollaborationCaret } from "@tiptap/extension-collaboration-caret";
import { TableKit } from "@tiptap/extension-table";
import { Extension } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import * as encoding from "lib0/encoding";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { IndexeddbPersistence } from "y-indexeddb";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { CollaborativeEditorProps } from "./editor-props";
import { OFFLINE_DATABASE_PREFIX, OWN_DEVICE_KEY } from "~/infra/quick-exit";
import { announceSessionEnded, forgetThisDevice, SESSION_ENDED_EVENT } from "../forget-device";
import { listenForNotices, missingParagraphs, type ReadOnlyReason, type RefusalReason } from "./collab-notices";
import { WorkplanPanel } from "./workplan-panel";


type SaveState = "connecting" | "saved" | "saving" | "offline";

/**
 * Focus is never trapped: Tab leaves the text (except inside a table, where it moves between
 * cells, and in a list, where it indents), and Escape always leaves the editor; the next Tab
 * goes on from there. The editor's description says so.
 */
const LeaveWithEscape = Extension.create({
  name: "leaveWithEscape",
  addKeyboardShortcuts() {
    return {
      Escape: () => {
        (this.editor.view.dom as HTMLElement).blur();
        return true;
      },
    };
  },
});

/** The Yjs server's close code for "no valid session" (revoked, expired, password changed). */
const CLOSE_NO_SESSION = 4401;
/** "Your access changed, reconnect" (y-websocket reconnects by itself). */
const CLOSE_ACCESS_CHANGED = 4500;
/** The server sends something at least every 2 s (a heartbeat when idle): silence means offline. */
const SILENCE_MEANS_OFFLINE_MS = 4_000;
/** Refusals come in bursts (one per keystroke in flight): start afresh once they stop. */
const RESET_AFTER_REFUSAL_MS = 300;

function isOwnDevice(): boolean {
  try {
    return window.localStorage.getItem(OWN_DEVICE_KEY) === "1";
  } catch {
    return false;
  }
}

function offlineDatabaseName(documentId: string) {
  return `${OFFLINE_DATABASE_PREFIX}${documentId}`;
}

/**
 * The editor and what outlives one connection: a lock the server announced (and why), and the
 * text it refused. After a refusal the document starts afresh from what the server stored (so
 * the editor never shows refused text as if it were part of the document), and the refused text
 * stays in "your unsaved text" until the member dismisses it.
 */
export default function EditorCore(props: CollaborativeEditorProps) {
  const { t } = useTranslation("documents");
  const [generation, setGeneration] = useState(0);
  const [locked, setLocked] = useState<ReadOnlyReason | null>(null);
  const [refusal, setRefusal] = useState<RefusalReason | null>(null);
  const [unsaved, setUnsaved] = useState("");
  const [copied, setCopied] = useState(false);
  const mine = useRef<string | null>(null);
  const resetTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(resetTimer.current), []);

  const onAccess = useCallback((reason: ReadOnlyReason | null) => setLocked(reason), []);
  const onRefused = useCallback(
    (reason: RefusalReason, text: string) => {
      setRefusal(reason);
      // Nothing typed was refused: there is nothing to start afresh from.
      if (reason === "tooManyConnections") return;
      mine.current = text;
      clearTimeout(resetTimer.current);
      resetTimer.current = setTimeout(() => {
        // What this device holds includes the refused changes: drop it (and its offline copy).
        void window.indexedDB?.deleteDatabase(offlineDatabaseName(props.documentId));
        setGeneration((n) => n + 1);
      }, RESET_AFTER_REFUSAL_MS);
    },
    [props.documentId],
  );
  const onFreshSync = useCallback((theirs: string) => {
    if (mine.current === null) return;
    const missing = missingParagraphs(mine.current, theirs);
    mine.current = null;
    setUnsaved((before) => [before, missing].filter(Boolean).join("\n"));
    setCopied(false);
  }, []);

  const editable = props.canEdit && locked === null;
  return (
    <>
      {props.canEdit && locked ? (
        <div className="alert editor-locked" role="alert">
          <p>
            <strong>{t("editor.locked.title")}</strong>
          </p>
          <p>{t(`editor.locked.${locked}`)}</p>
        </div>
      ) : null}
      {refusal && refusal !== "readOnly" ? (
        <p className="alert editor-refused" role="alert">
          {t(`editor.refused.${refusal}`)}
        </p>
      ) : null}
      {unsaved ? (
        <section className="alert unsaved-text" aria-labelledby="unsaved-text-title">
          <h2 id="unsaved-text-title" className="unsaved-text__title">
            {t("editor.unsaved.title")}
          </h2>
          <p>{t("editor.unsaved.body")}</p>
          <textarea className="unsaved-text__text" readOnly value={unsaved} rows={Math.min(8, unsaved.split("\n").length + 1)} aria-labelledby="unsaved-text-title" />
          <p className="unsaved-text__actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                void navigator.clipboard?.writeText(unsaved).then(
                  () => setCopied(true),
                  () => undefined,
                );
              }}
            >
              {copied ? t("editor.unsaved.copied") : t("editor.unsaved.copy")}
            </button>{" "}
            <button
              type="button"
              className="button"
              onClick={() => {
                setUnsaved("");
                setRefusal(null);
              }}
            >
              {t("editor.unsaved.dismiss")}
            </button>
          </p>
        </section>
      ) : null}
      <EditorSession
        key={generation}
        {...props}
        canEdit={editable}
        notSaved={Boolean(unsaved) || refusal !== null}
        onAccess={onAccess}
        onRefused={onRefused}
        onSynced={onFreshSync}
      />
    </>
  );
}

interface SessionProps extends CollaborativeEditorProps {
  notSaved: boolean;
  onAccess(reason: ReadOnlyReason | null): void;
  onRefused(reason: RefusalReason, text: string): void;
  onSynced(text: string): void;
}

/** One Y.Doc and one connection to the server (started afresh after a refusal). */
function EditorSession({ documentId, canEdit, user, label, contentLanguage, workplan, notSaved, onAccess, onRefused, onSynced }: SessionProps) {
  const { t } = useTranslation("documents");
  const doc = useMemo(() => new Y.Doc(), [documentId]);
  const provider = useMemo(() => {
    const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return new WebsocketProvider(`${scheme}//${window.location.host}/yjs`, documentId, doc, { disableBc: true, maxBackoffTime: 10_000 });
  }, [doc, documentId]);
  const [ownDevice, setOwnDevice] = useState(isOwnDevice);
  const [saveState, setSaveState] = useState<SaveState>("connecting");
  /** Local changes the server has not acknowledged as stored yet. */
  const [waiting, setWaiting] = useState(0);
  const editorRef = useRef<Editor | null>(null);
  const [synced, setSynced] = useState(false);
  const [people, setPeople] = useState<Array<{ id: number; name: string; color: string }>>([]);
  const [sessionEnded, setSessionEnded] = useState(false);
  /** "Ana joined" / "Ana left", for screen readers (the list itself changes silently). */
  const [presenceNote, setPresenceNote] = useState("");
  const seenPeople = useRef<Map<number, string> | null>(null);

  // The session ended elsewhere: drop the offline copies and the own-device flag, as signing out
  // does, and take the text off the screen. y-websocket stops reconnecting after a 44xx close.
  useEffect(() => {
    const end = () => {
      provider.disconnect();
      setOwnDevice(false);
      setSessionEnded(true);
      void forgetThisDevice([offlineDatabaseName(documentId)]);
    };
    const onClosed = ({ code }: { code: number }) => {
      if (code !== CLOSE_NO_SESSION) return;
      end();
      announceSessionEnded();
    };
    provider.on("closed", onClosed);
    window.addEventListener(SESSION_ENDED_EVENT, end);
    return () => {
      provider.off("closed", onClosed);
      window.removeEventListener(SESSION_ENDED_EVENT, end);
    };
  }, [provider, documentId]);

  // The server's notices: a lock (with its reason) and each refused change.
  useEffect(() => {
    listenForNotices(provider, (notice) => {
      if (notice.type === "access") onAccess(notice.access === "read" ? (notice.reason ?? "noEditRight") : null);
      else onRefused(notice.reason, editorRef.current?.getText({ blockSeparator: "\n" }) ?? "");
    });
    // "Your access changed, reconnect": editable again unless the server says otherwise.
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CLOSE_ACCESS_CHANGED) onAccess(null);
    };
    provider.on("connection-close", onClose);
    return () => provider.off("connection-close", onClose);
  }, [provider, onAccess, onRefused]);

  // Honest connection state: the server is never silent for long (heartbeat), so silence means
  // the connection is gone even when the browser has not noticed. Reconnecting backs off.
  useEffect(() => {
    const watchdog = setInterval(() => {
      if (provider.wsconnected && Date.now() - provider.wsLastMessageReceived > SILENCE_MEANS_OFFLINE_MS) {
        provider.disconnect();
        provider.connect();
      }
    }, 500);
    return () => clearInterval(watchdog);
  }, [provider]);

  // Offline copy: only on the member's own device; otherwise any copy left here is removed.
  useEffect(() => {
    if (!ownDevice) {
      void window.indexedDB?.deleteDatabase(offlineDatabaseName(documentId));
      return;
    }
    const local = new IndexeddbPersistence(offlineDatabaseName(documentId), doc);
    return () => void local.destroy();
  }, [ownDevice, doc, documentId]);

  // Saved / saving / offline. The server answers a sync step 1 only after it has stored every
  // update this connection sent before it, so its answer means "saved" (server/collab).
  useEffect(() => {
    let dirty = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const askForAcknowledgement = () => {
      const socket = provider.ws;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, doc);
      socket.send(encoding.toUint8Array(encoder));
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      dirty = true;
      setWaiting((n) => n + 1);
      setSaveState(provider.wsconnected ? "saving" : "offline");
      clearTimeout(timer);
      timer = setTimeout(askForAcknowledgement, 400);
    };
    const onMessage = (event: MessageEvent) => {
      const data = new Uint8Array(event.data as ArrayBuffer);
      if (data[0] === 0 && data[1] === 1 && dirty) {
        dirty = false;
        setWaiting(0);
        setSaveState("saved");
      }
    };
    let watched: WebSocket | null = null;
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") {
        watched?.removeEventListener("message", onMessage);
        watched = provider.ws;
        watched?.addEventListener("message", onMessage);
        setSaveState(dirty ? "saving" : "saved");
        if (dirty) timer = setTimeout(askForAcknowledgement, 400);
      } else if (status === "disconnected") setSaveState("offline");
    };
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      if (!dirty) setSaveState("saved");
      setSynced(true);
    };
    doc.on("update", onUpdate);
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    if (provider.wsconnected) onStatus({ status: "connected" });
    return () => {
      clearTimeout(timer);
      doc.off("update", onUpdate);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      watched?.removeEventListener("message", onMessage);
    };
  }, [doc, provider]);

  // Who else is here.
  useEffect(() => {
    const update = () => {
      const list: Array<{ id: number; name: string; color: string }> = [];
      provider.awareness.getStates().forEach((state, id) => {
        const person = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (person && typeof person.name === "string") list.push({ id, name: person.name, color: typeof person.color === "string" ? person.color : "#555" });
      });
      setPeople(list);
      const before = seenPeople.current;
      const now = new Map(list.map((person) => [person.id, person.name]));
      seenPeople.current = now;
      // The first list is who was already here: nothing to announce.
      if (!before) return;
      const me = provider.awareness.clientID;
      const joined = [...now].filter(([id]) => id !== me && !before.has(id)).map(([, name]) => name);
      const left = [...before].filter(([id]) => id !== me && !now.has(id)).map(([, name]) => name);
      const notes = [
        ...joined.map((name) => t("editor.presenceJoined", { name })),
        ...left.map((name) => t("editor.presenceLeft", { name })),
      ];
      if (notes.length) setPresenceNote(notes.join(" "));
    };
    provider.awareness.on("change", update);
    update();
    return () => provider.awareness.off("change", update);
  }, [provider, t]);

  useEffect(
    () => () => {
      provider.destroy();
      doc.destroy();
    },
    [provider, doc],
  );

  const editor = useEditor(
    {
      immediatelyRender: false,
      // Its styles are in app.css: the <style> Tiptap would inject is blocked by our CSP.
      injectCSS: false,
      editable: canEdit,
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [2, 3, 4] }, link: { openOnClick: false, protocols: ["http", "https", "mailto"] } }),
        TableKit.configure({ table: { resizable: false } }),
        Collaboration.configure({ document: doc, field: "default" }),
        CollaborationCaret.configure({ provider, user }),
        LeaveWithEscape,
      ],
      editorProps: {
        attributes: {
          "aria-label": label ?? t("editor.area"),
          class: "document-text editor-area",
          "aria-multiline": "true",
          role: "textbox",
          "aria-describedby": `${documentId}-keys`,
          ...(contentLanguage ? { lang: contentLanguage } : {}),
        },
      },
    },
    [doc, provider],
  );
  editorRef.current = editor;
  // Once the editor shows what the server holds (the binding renders it a moment after creation).
  useEffect(() => {
    if (!editor || !synced) return;
    const timer = setTimeout(() => onSynced(editor.getText({ blockSeparator: "\n" })), 100);
    return () => clearTimeout(timer);
  }, [editor, synced, onSynced]);
  useEffect(() => {
    if (editor && editor.isEditable !== canEdit) editor.setEditable(canEdit);
  }, [editor, canEdit]);

  const offlineText = waiting > 0 ? t("editor.status.offlineWaiting", { count: waiting }) : ownDevice ? t("editor.status.offlineKept") : t("editor.status.offline");
  const statusText = notSaved
    ? t("editor.status.notSaved")
    : {
        connecting: t("editor.status.connecting"),
        saved: t("editor.status.saved"),
        saving: t("editor.status.saving"),
        offline: offlineText,
      }[saveState];
  const statusClass = notSaved ? "notSaved" : saveState;

  if (sessionEnded) {
    const next = window.location.pathname + window.location.search;
    return (
      <div className="alert editor-ended" role="alert">
        <p>
          <strong>{t("editor.sessionEnded.title")}</strong>
        </p>
        <p>{t("editor.sessionEnded.body")}</p>
        <p>
          <a href={`/login?next=${encodeURIComponent(next)}`}>{t("editor.sessionEnded.signIn")}</a>
        </p>
      </div>
    );
  }

  return (
    <div className="editor">
      {canEdit && editor ? <Toolbar editor={editor} /> : null}
      <div className="editor__meta">
        <p className={`editor__status editor__status--${statusClass}`} role="status" aria-live="polite">
          {statusText}
        </p>
        <div className="editor__presence">
          <span className="visually-hidden">{t("editor.presence")}</span>
          <span className="visually-hidden" role="status" aria-live="polite" data-testid="presence-announcement">{presenceNote}</span>
          <ul className="presence-list" aria-label={t("editor.presence")}>
            {people.map((person) => (
              <li key={person.id} className="presence-list__person" style={{ borderColor: person.color }}>
                {person.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <p id={`${documentId}-keys`} className="visually-hidden">{t("editor.keyboardHint")}</p>
      <EditorContent editor={editor} />
      {workplan ? <WorkplanPanel doc={doc} canEdit={canEdit} {...workplan} /> : null}
      {canEdit ? (
        <p className="editor__device small">
          <label>
            <input
              type="checkbox"
              checked={ownDevice}
              onChange={(event) => {
                const own = event.currentTarget.checked;
                try {
                  if (own) window.localStorage.setItem(OWN_DEVICE_KEY, "1");
                  else window.localStorage.removeItem(OWN_DEVICE_KEY);
                } catch {
                  // Private browsing without storage: the editor simply keeps no offline copy.
                }
                setOwnDevice(own);
              }}
            />{" "}
            {t("editor.ownDevice")}
          </label>
          {/* Its own line: run on after the label, the two sentences read as one. */}
          <br />
          <span className="muted">{t("editor.ownDeviceHint")}</span>
        </p>
      ) : null}
    </div>
  );
}

function moveAlongToolbar(event: React.KeyboardEvent<HTMLDivElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  buttons[(next + buttons.length) % buttons.length].focus();
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation("documents");
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const button = (key: string, pressed: boolean | undefined, run: () => void) => (
    <button type="button" className="toolbar__button" aria-pressed={pressed} onClick={run} key={key}>
      {t(`editor.toolbar.${key}`)}
    </button>
  );
  return (
    // Tab reaches every button and leaves the toolbar after the last; arrow keys, Home and End
    // move along it too, as screen-reader users expect of a toolbar.
    <div className="toolbar" role="toolbar" aria-label={t("editor.toolbar.label")} onKeyDown={moveAlongToolbar}>
      {button("bold", state.bold, () => editor.chain().focus().toggleBold().run())}
      {button("italic", state.italic, () => editor.chain().focus().toggleItalic().run())}
      {button("heading2", state.h2, () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {button("heading3", state.h3, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {button("bulletList", state.bullet, () => editor.chain().focus().toggleBulletList().run())}
      {button("orderedList", state.ordered, () => editor.chain().focus().toggleOrderedList().run())}
      {button("link", state.link, () => {
        if (state.link) return void editor.chain().focus().unsetLink().run();
        const href = window.prompt(t("editor.toolbar.linkPrompt"));
        if (href) editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
      })}
      {state.table
        ? [
            button("addRow", undefined, () => editor.chain().focus().addRowAfter().run()),
            button("addColumn", undefined, () => editor.chain().focus().addColumnAfter().run()),
            button("deleteTable", undefined, () => editor.chain().focus().deleteTable().run()),
          ]
        : button("table", false, () => editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
    </div>
  );
}
