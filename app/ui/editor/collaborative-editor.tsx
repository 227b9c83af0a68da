// A co-edited rich-text document. This small module is what pages import: the editor itself
// (Tiptap, Yjs, y-websocket: ~164 KB gzipped) is loaded only in the browser, only on pages that
// render this component, and until it arrives the reader sees the server-rendered text.
import { lazy, Suspense, useEffect, useState } from "react";
import type { WorkplanPanelProps } from "./workplan-panel";

const EditorCore = lazy(() => import("./editor-core"));

export interface CollaborativeEditorProps {
  /** The Yjs document id (the README lists the forms), e.g. "workplan.rooting-care" or "agenda.<id>.en". */
  documentId: string;
  /** False: the editor shows live changes but cannot type (the server refuses edits anyway). */
  canEdit: boolean;
  /** How others see this member: pseudonym and caret colour. */
  user: { name: string; color: string };
  /** The document as HTML rendered on the server: shown until the editor is ready. */
  initialHtml?: string;
  /** Accessible name of the editing area (e.g. the document's title); a generic one otherwise. */
  label?: string;
  /** Shown with the server text until the editor is ready (e.g. the stored milestone tables). */
  fallbackExtra?: React.ReactNode;
  /**
   * The language the text is written in, when the document has one (a meeting text): the text
   * carries it as `lang` (screen readers switch voice), the editor's controls keep the page's.
   */
  contentLanguage?: string;
  /** Structured parts held in the same Yjs document (the workplan's milestones and budget). */
  workplan?: Omit<WorkplanPanelProps, "doc" | "canEdit">;
}

export function CollaborativeEditor(props: CollaborativeEditorProps) {
  // Render the editor only after hydration: the server and the first client render agree.
  const [isMounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const fallback = (
    <>
      <ServerText html={props.initialHtml} lang={props.contentLanguage} />
      {props.fallbackExtra}
    </>
  );
  if (!isMounted) return fallback;
  return (
    <Suspense fallback={fallback}>
      <EditorCore {...props} fallbackExtra={undefined} />
    </Suspense>
  );
}

/** The document's text as the server rendered it (sanitised there), for reading without JavaScript. */
export function ServerText({ html, lang }: { html?: string; lang?: string }) {
  return <div className="document-text" lang={lang} dangerouslySetInnerHTML={{ __html: html ?? "" }} />;
}
