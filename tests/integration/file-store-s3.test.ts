// Library files in an S3-compatible bucket (FILES_URL): two instances with separate disks and
// one bucket, served by a local S3-protocol server (s3rver). What one instance stored, the
// other serves; nothing lands on either disk; a deleted resource leaves the bucket.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { Browserless } from "../support/http";
import { useS3Instances } from "../support/s3-instances";

const instances = useS3Instances({ bucket: "praxis-files", prefix: "library" });
const { praxis, bucketKeys, filesOnDisk } = instances;
const { a: diskA, b: diskB } = instances.disks;

async function upload(url: string, browser: Browserless, bytes: Uint8Array, title: string): Promise<Response> {
  const form = new FormData();
  const fields = { kind: "file", title, description: "", language: "en", type: "podcast", tags: "", visibility: "community", groupSlug: "" };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), "recording.wav");
  return fetch(new URL("/library/new", url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
}

describe("FILES_URL=s3://…", () => {
  it("stores an upload made through one instance in the bucket, and the other instance serves it", async () => {
    const member = await createMember({ group: "rooting-care" });
    const onA = new Browserless(praxis.url);
    await onA.signIn(member.username, member.password);
    // Audio is stored as uploaded, so the round trip is byte for byte.
    const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(300_000, 9)]);
    const response = await upload(praxis.url, onA, wav, "Interview in the bucket");
    expect(response.status).toBe(303);
    const id = response.headers.get("location")!.split("/").pop()!;
    const hash = createHash("sha256").update(wav).digest("hex");
    expect(await bucketKeys()).toContain(`library/${hash.slice(0, 2)}/${hash}`);
    expect(filesOnDisk(diskA)).toEqual([]);

    const onB = new Browserless(instances.second().url);
    await onB.signIn(member.username, member.password);
    const download = await onB.get(`/library/${id}/file`);
    expect(download.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), wav)).toBe(0);
    expect(filesOnDisk(diskB)).toEqual([]);
  });

  it("stores the same content once, and a refused upload leaves nothing in the bucket", async () => {
    const member = await createMember({ group: "rooting-care" });
    const browser = new Browserless(praxis.url);
    await browser.signIn(member.username, member.password);
    const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.alloc(5_000, 3)]);
    const before = await bucketKeys();
    expect((await upload(praxis.url, browser, wav, "First copy")).status).toBe(303);
    expect((await upload(instances.second().url, browser, wav, "Second copy")).status).toBe(303);
    expect((await bucketKeys()).length).toBe(before.length + 1);
    // Empty file: refused with the form's error, nothing stored.
    const empty = await upload(praxis.url, browser, new Uint8Array(0), "Nothing");
    expect(empty.status).toBe(400);
    expect((await bucketKeys()).length).toBe(before.length + 1);
  });
});
