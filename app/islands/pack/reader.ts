// Reading the pack without a connection (the offline page): the list of what is kept, and one
// item at a time, decrypted in the page with the key this tab holds. Without it (another tab,
// a session that ended) the page says the pack cannot be opened.
import { fill, type Templates } from "../strings";
import { packKey } from "./key";
import { keep, readOutbox, renderOutbox, sendOutbox } from "./outbox";
import { readPack, type PackEntry } from "./sync";

const KIND_ORDER: PackEntry["kind"][] = ["actions", "meeting", "thread", "document", "resource"];

export async function wireReader(host: HTMLElement, templates: Templates, language: string): Promise<void> {
  host.lang = language;
  const heading = document.createElement("h1");
  heading.id = "pack-heading";
  heading.textContent = fill(templates, "readerHeading");
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  host.replaceChildren(heading, status);
  host.hidden = false;
  const key = await packKey().catch(() => null);
  if (!key) {
    status.textContent = fill(templates, "readerLocked");
    return;
  }
  const { meta, items } = await readPack(key);
  if (items.length === 0) {
    status.textContent = fill(templates, "readerEmpty");
    return;
  }
  status.textContent = meta ? fill(templates, "readerUpdated", { when: new Date(meta.refreshedAt).toLocaleString(language === "fr" ? "fr-FR" : "en-GB") }) : "";
  const article = document.createElement("article");
  article.className = "pack-item";
  article.tabIndex = -1;
  article.hidden = true;
  const nav = document.createElement("nav");
  nav.setAttribute("aria-labelledby", "pack-heading");
  for (const kind of KIND_ORDER) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (ofKind.length === 0) continue;
    const h2 = document.createElement("h2");
    h2.textContent = fill(templates, `kind${kind[0].toUpperCase()}${kind.slice(1)}`);
    const list = document.createElement("ul");
    for (const item of ofKind) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = item.title;
      button.addEventListener("click", () => {
        const title = document.createElement("h2");
        title.textContent = item.title;
        const body = document.createElement("div");
        // Rendered and sanitised by the server, as the page it comes from.
        body.innerHTML = item.html;
        const back = document.createElement("button");
        back.type = "button";
        back.className = "link-button";
        back.textContent = fill(templates, "readerBack");
        back.addEventListener("click", () => {
          article.hidden = true;
          nav.hidden = false;
          button.focus();
        });
        article.replaceChildren(back, title, body);
        nav.hidden = true;
        article.hidden = false;
        article.focus();
      });
      li.append(button);
      list.append(li);
    }
    nav.append(h2, list);
  }
  // What went out just before the connection dropped did not arrive: it waits like the rest.
  for (const entry of await readOutbox()) if (entry.pending) await keep({ ...entry, pending: false });
  addEventListener("online", () => void sendOutbox());
  const outbox = document.createElement("section");
  outbox.className = "panel";
  outbox.setAttribute("aria-labelledby", "outbox-heading");
  renderOutbox(outbox, templates);
  host.append(nav, article, outbox);
}
