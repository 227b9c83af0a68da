// Worker thread bootstrap: tsx's loader hooks do not reach a worker through execArgv on Node 20,
// so register them here, then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./prepare-upload.worker.server.ts");
