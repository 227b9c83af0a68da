// The notifications page: a notice when new ones arrive, instead of moving the list.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";
import { fill, readTemplates } from "../strings";
import { refreshNotice } from "./notice";

export function wireNotifications(socket: Socket): LivePart | null {
  const list = document.querySelector<HTMLElement>("[data-live-notifications]");
  if (!list) return null;
  const templates = readTemplates(list);
  const region = list.querySelector<HTMLElement>("[data-live-region]");
  const arrived = () => {
    if (region) refreshNotice(region, fill(templates, "arrived"));
  };
  // Mentions and replies come as notification:new; other notices (meetings, MEL work) only move
  // the count, so a count that rises means one arrived too.
  let known = Number(document.querySelector("[data-live-badge] [data-count]")?.textContent || "0");
  socket.on("notification:new", ({ unread }: { unread: number }) => {
    known = unread;
    arrived();
  });
  socket.on("notification:count", ({ unread }: { unread: number }) => {
    if (unread > known) arrived();
    known = unread;
  });
  return null;
}
