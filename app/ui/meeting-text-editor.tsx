// One language of a meeting text on the writing page: the documents feature's co-editor (loaded
// lazily, only here), showing the server-rendered text until it is ready or without JavaScript.
import { CollaborativeEditor } from "./editor/collaborative-editor";

const CARET_COLOURS = ["#6b3fa0", "#1d6b3a", "#a33b20", "#1f5f8b", "#8a5a00", "#7a2e5c"];

function colourFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLOURS[hash % CARET_COLOURS.length];
}

export function TextEditor({ documentId, canEdit, userName, initialHtml, label, language }: { documentId: string; canEdit: boolean; userName: string; initialHtml: string; label: string; language?: string }) {
  return (
    <div className="meeting-text-editor">
      <CollaborativeEditor documentId={documentId} canEdit={canEdit} user={{ name: userName, color: colourFor(userName) }} initialHtml={initialHtml} label={label} contentLanguage={language} />
    </div>
  );
}
