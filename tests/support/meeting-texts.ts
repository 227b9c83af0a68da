// Writing meeting texts as a browser's co-editor would: a real y-websocket client on /yjs with
// the member's session cookie, producing Tiptap's XML (headings and paragraphs in "default").
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface TextClient {
  doc: Y.Doc;
  closeCodes: number[];
  synced: Promise<void>;
  /** Replaces the whole text: [heading, paragraphs…] per section. */
  write(sections: Array<{ heading?: string; paragraphs: string[] }>): void;
  destroy(): void;
}

export function openText(baseUrl: string, documentId: string, cookie: string): TextClient {
  const doc = new Y.Doc();
  const closeCodes: number[] = [];
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/yjs", documentId, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) closeCodes.push(event.code);
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.once("sync", (isSynced: boolean) => isSynced && resolve());
  });
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
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` passes, or rethrows its last failure after `timeoutMs`. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
