// s3rver ships no types; the tests use only its constructor, run() and close().
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  export default class S3rver {
    constructor(options: { port?: number; address?: string; silent?: boolean; directory: string; configureBuckets?: Array<{ name: string; configs: unknown[] }> });
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
