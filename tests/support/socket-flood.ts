// Run as its own process (so its work does not slow the test's own measurements): one socket
// sends a flood of events and prints how the server answered, as JSON, when all are answered.
// Usage: node --import tsx tests/support/socket-flood.ts <url> <cookie>
import { io } from "socket.io-client";

const [url, cookie] = process.argv.slice(2);
const socket = io(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
socket.on("connect", async () => {
  process.stdout.write("connected\n");
  const answers: Array<Promise<{ ok?: boolean; error?: string } | undefined>> = [];
  const ask = (event: string, ...args: unknown[]) => answers.push(new Promise((resolve) => socket.emit(event, ...args, resolve)));
  for (let i = 0; i < 300; i++) ask("thread:catchup", { threadId: "nosuchthread", afterSeq: -1 });
  for (let i = 0; i < 2300; i++) {
    if (i % 3 === 0) socket.emit("thread:typing", { threadId: "nosuchthread" });
    else if (i % 3 === 1) ask("space:watch", "community");
    else ask("ping");
  }
  // A socket that keeps flooding is disconnected: what was not answered by then never will be.
  const disconnected = new Promise<"disconnected">((resolve) => socket.once("disconnect", () => resolve("disconnected")));
  const replies = (await Promise.all(answers.map((answer) => Promise.race([answer, disconnected])))).map((r) => (r === "disconnected" ? undefined : r));
  const slowDown = replies.filter((r) => r?.error === "common:errors.slowDown").length;
  const answered = replies.filter((r) => r !== undefined).length;
  process.stdout.write(JSON.stringify({ sent: replies.length, answered, slowDown, disconnected: socket.disconnected }) + "\n");
  socket.close();
});
socket.on("connect_error", (error) => {
  process.stderr.write(`connect_error ${error.message}\n`);
  process.exit(1);
});
