// Benchmark opponent: the minimal reference y-websocket server (@y/websocket-server 0.1.1,
// setupWSConnection, in memory), on loopback.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const http = createServer((_req, res) => res.end("ok"));
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", (socket, req) => setupWSConnection(socket, req, { gc: true }));
http.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
http.listen(0, "127.0.0.1", () => {
  const address = http.address();
  process.stdout.write(`READY ${typeof address === "object" && address ? address.port : 0} 0.1.1\n`);
});
process.on("SIGTERM", () => process.exit(0));
