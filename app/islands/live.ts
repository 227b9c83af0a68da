// The live island: one small script for signed-in pages that are rendered on the server and
// ship no app bundle. It opens the member's Socket.IO connection and wires whatever the page
// holds: the unread badge (every page), a space's thread list, a thread's "new replies" notice
// and typing, the notifications list, @mention suggestions in post bodies, and a refresh offer
// when learning questions are finalised or reopened.
// Everything it enhances works without it: links and plain forms.
import { io, type Socket } from "socket.io-client";
import { forgetThisDevice } from "~/ui/forget-device";
import { wireBadge } from "./live/badge";
import { wireDecision } from "./live/decision";
import { wireCopyButtons } from "./live/copy";
import { wireMentions } from "./live/mentions";
import { wireNotifications } from "./live/notifications";
import { wireLearningQuestions } from "./live/questions";
import { wireSpace } from "./live/space";
import { wireThread } from "./live/thread";
import { relayToPage } from "./live/relay";
import { OWN_DEVICE_KEY } from "~/infra/quick-exit";
import { countThisPage } from "./pack/usage";
import type { LivePart } from "./live/part";

function start(): void {
  const socket = io({ transports: ["websocket", "polling"], withCredentials: true });
  const parts: LivePart[] = [wireBadge(socket), wireSpace(socket), wireThread(socket), wireNotifications(socket), wireDecision(socket), wireLearningQuestions(socket)].filter(
    (part): part is LivePart => part !== null,
  );
  relayToPage(socket);
  wireMentions();
  wireCopyButtons();

  let hasConnected = false;
  socket.on("connect", () => {
    for (const part of parts) part.connected?.(socket, hasConnected);
    hasConnected = true;
  });
  socket.on("disconnect", (reason) => {
    for (const part of parts) part.disconnected?.();
    // The server let go of us (a session ended, access changed): ask again, to be authorised
    // afresh or refused.
    if (reason === "io server disconnect") socket.connect();
  });
  // Refused for want of a valid session: this device keeps nothing more, as at sign-out.
  socket.on("connect_error", (error) => {
    if (error.message === "unauthorized") {
      socket.disconnect();
      void forgetThisDevice();
    }
  });
}

/** Data saver: a live socket only where the page needs one (a thread's new replies, typing; a page told it changed). */
function wantsSocket(): boolean {
  if (document.documentElement.dataset.dataSaver !== "on") return true;
  return Boolean(document.querySelector("[data-live-thread], [data-live-relay]"));
}

/** A device on a slow connection (as the browser reports it) turns the data saver on, once. */
function suggestDataSaver(): void {
  const connection = (navigator as Navigator & { connection?: { effectiveType?: string; saveData?: boolean } }).connection;
  if (document.documentElement.dataset.dataSaver !== "unset" || !connection) return;
  if (!connection.saveData && !["slow-2g", "2g", "3g"].includes(connection.effectiveType ?? "")) return;
  void fetch("/settings/data-saver", { method: "POST", credentials: "same-origin" })
    // Nothing is read from the answer; a body left unread would hold the request open.
    .then((response) => response.body?.cancel())
    .catch(() => undefined);
}

if (wantsSocket()) start();
suggestDataSaver();
addEventListener("load", () => setTimeout(countThisPage, 0), { once: true });

// The offline reading pack: on the settings page, and on every page of a device marked own.
let ownDevice = false;
try {
  ownDevice = localStorage.getItem(OWN_DEVICE_KEY) === "1";
} catch {
  // Storage off: nothing is kept.
}
if (ownDevice || document.getElementById("pack-settings")) void import("./pack");

// Installable and honest offline (see service-worker.ts); production builds only.
if ("serviceWorker" in navigator && document.documentElement.dataset.serviceWorker !== undefined) {
  void navigator.serviceWorker.register("/sw.js").catch(() => undefined);
}
