// Library files in an S3-compatible bucket (FILES_URL): two instances with separate disks and
// one bucket, served by a local S3-protocol server (s3rver). What one instance stored, the
// other serves; nothing lands on either disk; a deleted resource leaves the bucket.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMember } from "../factories";
import { Browserless } from "../support/http";
import { usePraxis } from "../support/praxis";
import type { RunningPraxis } from "../support/server";

const bucket = "praxis-files";
const s3Dir = mkdtempSync(join(tmpdir(), "praxis-s3-"));
const diskA = mkdtempSync(join(tmpdir(), "praxis-files-a-"));
const diskB = mkdtempSync(join(tmpdir(), "praxis-files-b-"));
const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: bucket, configs: [] }] });
const credentials = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
// Filled in once the S3 server listens, before the Praxis fixture (registered after) starts.
const env: Record<string, string> = { FILES_DIR: diskA, FILES_URL: `s3://${bucket}/library`, S3_REGION: "us-east-1", ...credentials };
let endpoint = "";
beforeAll(async () => {
  const address = (await s3.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
  env.S3_ENDPOINT = endpoint;
});
const praxis = usePraxis({ env });
let second: RunningPraxis;
beforeAll(async () => {
  second = await praxis.startAnother({ FILES_DIR: diskB });
});
afterAll(async () => {
  await s3.close();
  for (const dir of [s3Dir, diskA, diskB]) rmSync(dir, { recursive: true, force: true });
});

async function bucketKeys(): Promise<string[]> {
  const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

const filesOnDisk = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => /[0-9a-f]{64}$/.test(path));

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

    const onB = new Browserless(second.url);
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
    expect((await upload(second.url, browser, wav, "Second copy")).status).toBe(303);
    expect((await bucketKeys()).length).toBe(before.length + 1);
    // Empty file: refused with the form's error, nothing stored.
    const empty = await upload(praxis.url, browser, new Uint8Array(0), "Nothing");
    expect(empty.status).toBe(400);
    expect((await bucketKeys()).length).toBe(before.length + 1);
  });
});
