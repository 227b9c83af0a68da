// "Export your data" with two instances sharing one database and one S3-compatible bucket
// (s3rver), each with its own disk: an export prepared on one downloads from the other, the
// bucket holds it sealed (nothing of the member readable without the key in the database, and
// altered bytes do not pass as the member's zip), it is its owner's only, and it leaves the
// bucket after the download, on expiry and on erasure.
import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createThread } from "~/domain/discussions.server";
import { actorOf, createMember, db, groupIdFor, type TestMember } from "../factories";
import { Browserless } from "../support/http";
import { eventually } from "../support/realtime";
import { useS3Instances } from "../support/s3-instances";

const bucket = "praxis-exports";
// The export job every second, so expiry is observed through the servers' own job.
const instances = useS3Instances({ bucket, prefix: "files", env: { ACCOUNT_JOBS_INTERVAL_SECONDS: "1" } });
const { praxis, bucketKeys, bucketObject, filesOnDisk } = instances;
const { a: diskA, b: diskB } = instances.disks;

const word = (prefix: string) => `${prefix}${randomBytes(4).toString("hex")}`.replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]);
const keyOf = (hash: string) => `files/${hash.slice(0, 2)}/${hash}`;

async function signedIn(url: string, member: TestMember): Promise<Browserless> {
  const browser = new Browserless(url);
  await browser.signIn(member.username, member.password);
  return browser;
}

/** A member whose post and uploaded recording (kept as is in the zip) carry a distinctive word. */
async function memberWithTraces(): Promise<{ member: TestMember; distinctive: string }> {
  const member = await createMember({ group: "rooting-care" });
  const distinctive = word("secret");
  const actor = { ...(await actorOf(member)), displayName: member.displayName, locale: "en" };
  const thread = await createThread(actor, { groupId: await groupIdFor("rooting-care"), title: "Mine", body: `My words ${distinctive}` });
  if (!thread.ok) throw new Error(thread.error);
  const browser = await signedIn(praxis.url, member);
  const form = new FormData();
  for (const [name, value] of Object.entries({ kind: "file", title: "Recording", description: "", language: "en", type: "podcast", tags: "", visibility: "community", groupSlug: "" })) form.append(name, value);
  const wav = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVEfmt "), Buffer.from(`spoken ${distinctive} `.repeat(50))]);
  form.append("file", new Blob([new Uint8Array(wav)]), "recording.wav");
  const uploaded = await fetch(new URL("/library/new", praxis.url), { method: "POST", body: form, redirect: "manual", headers: { cookie: browser.cookieHeader } });
  expect(uploaded.status).toBe(303);
  return { member, distinctive };
}

async function readyExport(browser: Browserless, member: TestMember) {
  const asked = await browser.post("/settings", { intent: "export" });
  if (asked.status !== 200) throw new Error(`export request answered ${asked.status}:\n${[...praxis.server.logs, ...instances.second().logs].join("")}`);
  await eventually(async () => expect((await db().dataExport.findFirstOrThrow({ where: { userId: member.id } })).status).toBe("ready"), 20_000);
  return db().dataExport.findFirstOrThrow({ where: { userId: member.id } });
}

describe("data exports with FILES_URL=s3://… and two instances", () => {
  it("is prepared on one instance, kept sealed in the bucket, and downloads once from the other, by its owner only", async () => {
    const { member, distinctive } = await memberWithTraces();
    const onA = await signedIn(praxis.url, member);
    const row = await readyExport(onA, member);
    expect(row.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.sealKey).toBeTruthy();

    // In the bucket, sealed: neither the member's word nor a zip's entry names, nor the key.
    const sealed = await bucketObject(keyOf(row.fileHash!));
    expect(sealed.length).toBe(row.size);
    for (const plain of [distinctive, member.username, "posts.json", "PK\u0003\u0004"]) expect(sealed.includes(Buffer.from(plain))).toBe(false);
    for (const part of row.sealKey!.split(".")) expect(sealed.includes(Buffer.from(part, "base64url"))).toBe(false);
    expect(filesOnDisk(diskA)).toEqual([]);

    // Another member, on the other instance: not found, and the export is still there.
    const other = await createMember({ group: "rooting-care" });
    const thief = await signedIn(instances.second().url, other);
    expect((await thief.get(`/settings/export/${row.id}`)).status).toBe(404);
    expect((await db().dataExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("ready");

    // Its owner, on the other instance: the zip, with the word in plain.
    const onB = await signedIn(instances.second().url, member);
    const response = await onB.get(`/settings/export/${row.id}`);
    expect(response.status).toBe(200);
    const zip = Buffer.from(await response.arrayBuffer());
    expect(zip.length).toBe(row.size);
    // Stored entries keep their bytes: the same check on an unsealed zip would have failed.
    expect(zip.includes(Buffer.from(distinctive))).toBe(true);
    expect(strFromU8(unzipSync(new Uint8Array(zip))["posts.json"])).toContain(distinctive);
    expect(filesOnDisk(diskB)).toEqual([]);

    // Once only; then it leaves the bucket and the key leaves the row.
    expect((await onA.get(`/settings/export/${row.id}`)).status).toBe(404);
    await eventually(async () => {
      expect(await bucketKeys()).not.toContain(keyOf(row.fileHash!));
      expect(await db().dataExport.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, fileHash: true, sealKey: true } })).toEqual({ status: "downloaded", fileHash: null, sealKey: null });
    });
  });

  it("breaks off the download when the sealed bytes were altered in the bucket", async () => {
    const member = await createMember();
    const browser = await signedIn(instances.second().url, member);
    const row = await readyExport(browser, member);
    const sealed = await bucketObject(keyOf(row.fileHash!));
    sealed[sealed.length - 1] ^= 1;
    await instances.s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: keyOf(row.fileHash!), Body: sealed }));
    // The connection closes before the zip is complete (here, before any of it arrives).
    await expect(browser.get(`/settings/export/${row.id}`).then((response) => response.arrayBuffer())).rejects.toThrow();
  });

  it("leaves the bucket when it expires, through the instances' own job", async () => {
    const member = await createMember();
    const browser = await signedIn(instances.second().url, member);
    const row = await readyExport(browser, member);
    expect(await bucketKeys()).toContain(keyOf(row.fileHash!));
    await db().dataExport.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await browser.get(`/settings/export/${row.id}`)).status).toBe(404);
    // The job takes the file out of the bucket, then the key and status off the row: wait for both.
    await eventually(async () => {
      expect(await bucketKeys()).not.toContain(keyOf(row.fileHash!));
      expect(await db().dataExport.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, sealKey: true } })).toEqual({ status: "expired", sealKey: null });
    }, 10_000);
  });

  it("leaves the bucket at once when its owner asks for their account to be erased", async () => {
    const member = await createMember();
    const browser = await signedIn(praxis.url, member);
    const row = await readyExport(browser, member);
    expect(await bucketKeys()).toContain(keyOf(row.fileHash!));
    const erased = await browser.post("/account/erase", { mode: "remove", password: member.password, confirm: "on" });
    expect(erased.status).toBe(200);
    expect(await bucketKeys()).not.toContain(keyOf(row.fileHash!));
    expect(await db().dataExport.count({ where: { userId: member.id } })).toBe(0);
  });

  it("leaves a preparation another instance holds to it, and prepares again one whose holder stopped", async () => {
    const hour = 60 * 60 * 1000;
    const held = await createMember();
    const abandoned = await createMember();
    // As rows look while an instance works on one, and after an instance was killed on the other.
    const heldRow = await db().dataExport.create({ data: { userId: held.id, status: "preparing", leaseUntil: new Date(Date.now() + hour), expiresAt: new Date(Date.now() + 24 * hour), id: word("ex") } });
    await db().dataExport.create({ data: { userId: abandoned.id, status: "preparing", leaseUntil: new Date(Date.now() - 1000), expiresAt: new Date(Date.now() + 24 * hour), id: word("ex") } });
    // The abandoned one is taken up by the job, which looked at both rows in the same step.
    await eventually(async () => expect((await db().dataExport.findFirstOrThrow({ where: { userId: abandoned.id } })).status).toBe("ready"), 20_000);
    expect(await db().dataExport.findUniqueOrThrow({ where: { id: heldRow.id } })).toMatchObject({ status: "preparing", fileHash: null });
    // Its holder stops renewing: past the lease, the job prepares it too.
    await db().dataExport.update({ where: { id: heldRow.id }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    await eventually(async () => expect((await db().dataExport.findUniqueOrThrow({ where: { id: heldRow.id } })).status).toBe("ready"), 20_000);
  });
});
