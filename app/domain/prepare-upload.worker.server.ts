// The worker thread file-worker.server.ts starts for one upload: prepares it, answers, exits.
import { parentPort } from "node:worker_threads";
import { prepareUploadHere } from "./library-files.server";

parentPort!.once("message", async (input: Uint8Array) => {
  parentPort!.postMessage(await prepareUploadHere(input));
});
