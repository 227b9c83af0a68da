// Uploads are cleaned and indexed in a worker thread with a time and memory limit
// (worker_threads resourceLimits): parsing a hostile file (a 26 KB PDF whose pages share one
// stream inflating to megabytes) costs that worker, not the event loop every member shares,
// and past its limits the worker is stopped and the upload refused with a clear error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "~/infra/env.server";
import { describeError, log } from "~/infra/log.server";
import { projectRoot } from "~/infra/project-root.server";
import type { PreparedFile } from "./library-files.server";

let entry: string | null = null;

/** The compiled worker of the production build; in development, a bootstrap that loads it
 *  through tsx (1–2 s slower to start, and a TypeScript compiler in every worker). */
function workerEntry(): string {
  const compiled = join(projectRoot(), "build/server/prepare-upload.worker.js");
  if (env().NODE_ENV !== "development" && existsSync(compiled)) return compiled;
  return join(projectRoot(), "app/domain/prepare-upload.worker.mjs");
}

/**
 * Prepares an upload in a worker thread with a time and memory limit, so a file built to be
 * expensive (a PDF bomb) is refused without holding up anyone else.
 */
export async function prepareUpload(input: Uint8Array): Promise<PreparedFile> {
  const config = env();
  entry ??= workerEntry();
  const copy = new Uint8Array(input);
  const worker = new Worker(entry, {
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
