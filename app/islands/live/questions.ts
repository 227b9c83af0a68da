// Pages that show learning-questions statuses (a group's page, the CoP's overview) offer a
// refresh when a lead finalises or reopens them. The server sends the event only to those who
// may read the questions; the notice carries no content, only the invitation to reload.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";
import { fill, readTemplates } from "../strings";
import { refreshNotice } from "./notice";

export function wireLearningQuestions(socket: Socket): LivePart | null {
  const host = document.querySelector<HTMLElement>("[data-live-questions]");
  if (!host) return null;
  const groupIds = new Set((host.dataset.liveQuestions ?? "").split(" ").filter(Boolean));
  const templates = readTemplates(host);
  const region = host.querySelector<HTMLElement>("[data-live-region]") ?? host;
  socket.on("learning-questions:changed", (event: { groupId: string; state: "finalised" | "draft" }) => {
    if (groupIds.has(event.groupId)) refreshNotice(region, fill(templates, event.state));
  });
  return {
    // Said on the page, as spaces and threads do, so a reader (and a test) can tell it is live.
    connected() {
      host.dataset.live = "connected";
    },
    disconnected() {
      host.dataset.live = "offline";
    },
  };
}
