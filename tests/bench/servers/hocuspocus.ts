// Benchmark opponent: @hocuspocus/server with its defaults (in memory, no extensions), on loopback.
import { Server } from "@hocuspocus/server";
import { readFileSync } from "node:fs";

const version = (JSON.parse(readFileSync(new URL("../../../node_modules/@hocuspocus/server/package.json", import.meta.url), "utf8")) as { version: string }).version;
const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, debounce: 2000 });
await server.listen();
const address = server.httpServer.address();
const port = typeof address === "object" && address ? address.port : 0;
process.stdout.write(`READY ${port} ${version}\n`);
process.on("SIGTERM", () => void server.destroy().then(() => process.exit(0)));
