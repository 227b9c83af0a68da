// One language of a meeting text on the writing page: the current text as the server rendered
// it (readable without JavaScript), replaced by the co-editor where the member may edit.
export function TextEditor({ initialHtml, label }: { documentId: string; canEdit: boolean; userName: string; initialHtml: string; label: string }) {
  return <div className="text-preview" role="region" aria-label={label} dangerouslySetInnerHTML={{ __html: initialHtml }} />;
}
