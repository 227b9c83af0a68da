// The worker thread file-worker.server.ts starts for one upload: says it is ready (its modules
// loaded, which is not the file's doing), prepares the file it is then sent, answers, exits.
import { parentPort } from "node:worker_threads";
import { prepareUploadHere } from "./library-files.server";

parentPort!.once("message", async (input: Uint8Array) => {
  parentPort!.postMessage(await prepareUploadHere(input));
});
parentPort!.postMessage("ready");
