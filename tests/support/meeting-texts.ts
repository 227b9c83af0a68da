// Writing meeting texts as a browser's co-editor would: a real y-websocket client on /yjs with
// the member's session cookie, producing Tiptap's XML (headings and paragraphs in "default").
import * as Y from "yjs";
import { connectDocument } from "./yjs";

export interface TextClient {
  doc: Y.Doc;
  closeCodes: number[];
  synced: Promise<void>;
  /** Replaces the whole text: [heading, paragraphs…] per section. */
  write(sections: Array<{ heading?: string; paragraphs: string[] }>): void;
  destroy(): void;
}

export function openText(baseUrl: string, documentId: string, cookie: string): TextClient {
  const { doc, closeCodes, synced, destroy } = connectDocument(baseUrl, documentId, cookie);
  return {
    doc,
    closeCodes,
    synced,
    write(sections) {
      const fragment = doc.getXmlFragment("default");
      doc.transact(() => {
        fragment.delete(0, fragment.length);
        const nodes: Y.XmlElement[] = [];
        for (const section of sections) {
          if (section.heading) {
            const heading = new Y.XmlElement("heading");
            heading.setAttribute("level", "2" as unknown as string);
            heading.insert(0, [new Y.XmlText(section.heading)]);
            nodes.push(heading);
          }
          for (const text of section.paragraphs) {
            const paragraph = new Y.XmlElement("paragraph");
            paragraph.insert(0, [new Y.XmlText(text)]);
            nodes.push(paragraph);
          }
        }
        fragment.insert(0, nodes);
      });
    },
    destroy,
  };
}

export { eventually } from "./yjs";
