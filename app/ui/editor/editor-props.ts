// What a page gives the co-editor: shared by the small module pages import and the lazily
// loaded editor itself.
import type { WorkplanPanelProps } from "./workplan-panel";

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
