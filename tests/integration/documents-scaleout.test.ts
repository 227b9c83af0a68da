// Two Praxis instances sharing Redis and the database serve the same document: clients on
// either converge, a change the server makes on one reaches clients on the other, and the
// stored state holds everything.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { writeWorkplan } from "~/domain/workplans.server";
import { loadDocumentState } from "~/domain/documents.server";
import { createMember, db } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import type { RunningPraxis } from "../support/server";
import { connectDocument, eventually, type YClient } from "../support/yjs";

const praxis = usePraxis({ env: { REDIS_URL: "redis://127.0.0.1:6379", REDIS_PREFIX: `test-docs-${randomBytes(4).toString("hex")}` } });
const clients: YClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.destroy()));

async function cookieOn(server: { url: string }, member: { username: string; password: string }) {
  const browser = new Browserless(server.url);
  await browser.signIn(member.username, member.password);
  return browser;
}

describe("two instances with Redis", () => {
  let second: RunningPraxis;

  it("converge on one document edited through both", async () => {
    second = await praxis.startAnother();
    const documentId = "learning-outcome.rooting-care";
    const onFirst = connectDocument(praxis.url, documentId, (await cookieOn(praxis, await createMember())).sessionCookie);
    const onSecond = connectDocument(second.url, documentId, (await cookieOn(second, await createMember())).sessionCookie);
    const alsoSecond = connectDocument(second.url, documentId, (await cookieOn(second, await createMember())).sessionCookie);
    clients.push(onFirst, onSecond, alsoSecond);
    await Promise.all([onFirst.synced, onSecond.synced, alsoSecond.synced]);

    for (let i = 0; i < 20; i++) {
      onFirst.doc.getText("t").insert(0, "a");
      onSecond.doc.getText("t").insert(onSecond.text().length, "b");
    }
    alsoSecond.doc.getText("t").insert(0, "[");
    await eventually(() => {
      expect(onFirst.text()).toHaveLength(41);
      expect(onSecond.text()).toBe(onFirst.text());
      expect(alsoSecond.text()).toBe(onFirst.text());
    });
    // Stored once, by the instance that received each update: the database holds it all.
    await eventually(async () => {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await loadDocumentState(documentId)).state);
      expect(stored.getText("t").toString()).toBe(onFirst.text());
    });
    expect(await db().documentUpdate.count({ where: { documentId } })).toBeLessThanOrEqual(41 + 3);
  });

  it("delivers a restore made through one instance to editors on the other", async () => {
    const slug = "practising-accountability";
    await writeWorkplan(slug, {
      sections: [{ heading: "Objectives", paragraphs: ["Original objective for 2027"] }],
      milestones: [],
      budget: [],
    });
    const member = await createMember({ group: slug });
    const first = await cookieOn(praxis, member);
    const path = `/groups/${slug}/docs/workplan`;
    expect((await first.post(path, { intent: "save-version", name: "Original" })).status).toBe(200);
    const version = await db().documentVersion.findFirstOrThrow({ where: { documentId: `workplan.${slug}`, kind: "named" } });

    const editor = connectDocument(second.url, `workplan.${slug}`, (await cookieOn(second, member)).sessionCookie);
    clients.push(editor);
    await editor.synced;
    editor.doc.transact(() => {
      const fragment = editor.doc.getXmlFragment("default");
      fragment.delete(0, fragment.length);
    });
    await eventually(async () => expect(await (await first.get(path)).text()).not.toContain("Original objective"));

    expect((await first.post(`${path}/history`, { intent: "restore", versionId: version.id })).status).toBe(303);
    await eventually(() => expect(editor.doc.getXmlFragment("default").toString()).toContain("Original objective for 2027"));
  });
});
