// The notifications page: a notice when new ones arrive, instead of moving the list.
import type { Socket } from "socket.io-client";
import type { LivePart } from "../live";
import { fill, readTemplates } from "../strings";
import { refreshNotice } from "./notice";

export function wireNotifications(socket: Socket): LivePart | null {
  const list = document.querySelector<HTMLElement>("[data-live-notifications]");
  if (!list) return null;
  const templates = readTemplates(list);
  const region = list.querySelector<HTMLElement>("[data-live-region]");
  socket.on("notification:new", () => {
    if (region) refreshNotice(region, fill(templates, "arrived"));
  });
  return null;
}
