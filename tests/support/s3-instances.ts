// Two Praxis instances with disks of their own and one S3-compatible bucket, served by a local
// S3-protocol server (s3rver), as several instances behind a load balancer would be deployed.
// Call at a test file's top level: it registers its hooks in the order they must run (the S3
// server listens before the first instance starts, which starts before the second).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll } from "vitest";
import { usePraxis } from "./praxis";
import type { RunningPraxis } from "./server";

const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export function useS3Instances({ bucket, prefix, env: extra = {} }: { bucket: string; prefix: string; env?: Record<string, string> }) {
  const s3Dir = mkdtempSync(join(tmpdir(), "praxis-s3-"));
  const diskA = mkdtempSync(join(tmpdir(), "praxis-files-a-"));
  const diskB = mkdtempSync(join(tmpdir(), "praxis-files-b-"));
  const s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: bucket, configs: [] }] });
  // S3_ENDPOINT is filled in once the S3 server listens, before the first instance starts.
  const env: Record<string, string> = {
    FILES_DIR: diskA,
    FILES_URL: `s3://${bucket}/${prefix}`,
    S3_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    ...extra,
  };
  let client: S3Client | null = null;
  beforeAll(async () => {
    const address = (await s3.run()) as AddressInfo;
    env.S3_ENDPOINT = `http://127.0.0.1:${address.port}`;
    client = new S3Client({ region: REGION, endpoint: env.S3_ENDPOINT, forcePathStyle: true, credentials: CREDENTIALS });
  });
  const praxis = usePraxis({ env });
  let second: RunningPraxis | null = null;
  beforeAll(async () => {
    second = await praxis.startAnother({ FILES_DIR: diskB });
  });
  afterAll(async () => {
    await s3.close();
    for (const dir of [s3Dir, diskA, diskB]) rmSync(dir, { recursive: true, force: true });
  });

  const s3Client = () => {
    if (!client) throw new Error("the S3 server is not listening yet");
    return client;
  };
  return {
    praxis,
    /** The second instance (started in a hook: read it inside tests). */
    second: () => {
      if (!second) throw new Error("the second instance has not started yet");
      return second;
    },
    disks: { a: diskA, b: diskB },
    /** Content-addressed files on a disk (what must not be there when the bucket holds them). */
    filesOnDisk: (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => /[0-9a-f]{64}$/.test(path)),
    s3Client,
    async bucketKeys(): Promise<string[]> {
      const listed = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async bucketObject(key: string): Promise<Buffer> {
      const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
  };
}
