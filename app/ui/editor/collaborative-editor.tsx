// A co-edited rich-text document. This small module is what pages import: the editor itself
// (Tiptap, Yjs, y-websocket: ~164 KB gzipped) is loaded only in the browser, only on pages that
// render this component, and until it arrives the reader sees the server-rendered text.
import { lazy, Suspense, useEffect, useState } from "react";
import type { CollaborativeEditorProps } from "./editor-props";

const EditorCore = lazy(() => import("./editor-core"));

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
