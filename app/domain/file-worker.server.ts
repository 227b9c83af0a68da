// Uploads are cleaned and indexed in a worker thread with a time and memory limit
// (worker_threads resourceLimits): parsing a hostile file (a 26 KB PDF whose pages share one
// stream inflating to megabytes) costs that worker, not the event loop every member shares,
// and past its limits the worker is stopped and the upload refused with a clear error.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { env } from "~/infra/env.server";
import { describeError, log } from "~/infra/log.server";
import type { PreparedFile } from "./library-files.server";

/** The source tree's root (this module also runs bundled, from build/server/assets). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("project root not found");
    dir = parent;
  }
  return dir;
}

let entry: string | null = null;

export async function prepareUpload(input: Uint8Array): Promise<PreparedFile> {
  const config = env();
  entry ??= join(projectRoot(), "app/domain/prepare-upload.worker.mjs");
  const copy = new Uint8Array(input);
  const worker = new Worker(entry, {
    // The bootstrap registers tsx itself (TypeScript, as the server runs).
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: config.UPLOAD_PROCESSING_MB, maxYoungGenerationSizeMb: 32 },
    stdout: false,
    stderr: false,
  });
  return new Promise<PreparedFile>((resolve) => {
    let settled = false;
    const finish = (result: PreparedFile) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    // Starting the worker is bounded on its own; the file's time starts when it is handed over.
    let timer = setTimeout(() => finish({ ok: false, error: "library:upload.errors.broken" }), 60_000);
    worker.on("message", (message: PreparedFile | "ready") => {
      if (message !== "ready") return finish(message);
      clearTimeout(timer);
      timer = setTimeout(() => {
        log("warn", "upload refused: processing took too long", { seconds: config.UPLOAD_PROCESSING_SECONDS });
        finish({ ok: false, error: "library:upload.errors.tooComplex" });
      }, config.UPLOAD_PROCESSING_SECONDS * 1000);
      worker.postMessage(copy, [copy.buffer]);
    });
    worker.once("error", (error) => {
      // ERR_WORKER_OUT_OF_MEMORY when it passes its memory limit.
      log("warn", "upload refused: processing failed", describeError(error));
      finish({ ok: false, error: (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" ? "library:upload.errors.tooComplex" : "library:upload.errors.broken" });
    });
    worker.once("exit", () => finish({ ok: false, error: "library:upload.errors.broken" }));
  });
}
