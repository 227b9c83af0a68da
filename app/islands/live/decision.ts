// A decision's page: counts shown live update in place as members vote (only when the proposer
// chose live results; the server sends none otherwise), the "N have voted" line follows, and
// closing or a new outcome offers a refresh. Without this script the page is complete as served.
import type { Socket } from "socket.io-client";
import type { LivePart } from "./part";
import { fill, readTemplates } from "../strings";
import { refreshNotice } from "./notice";

interface DecisionEvent {
  decisionId: string;
  groupId: string | null;
  voted: number;
  counts: Record<string, string> | null;
  closed: boolean;
}

export function wireDecision(socket: Socket): LivePart | null {
  const host = document.querySelector<HTMLElement>("[data-live-decision]");
  if (!host) return null;
  const decisionId = host.dataset.liveDecision!;
  const space = host.dataset.space ?? "community";
  const templates = readTemplates(host);
  const region = host.querySelector<HTMLElement>("[data-live-region]");

  socket.on("decision:changed", (event: DecisionEvent) => {
    if (event.decisionId !== decisionId) return;
    if (event.counts) {
      for (const [key, value] of Object.entries(event.counts)) {
        const cell = host.querySelector<HTMLElement>(`[data-live-count="${CSS.escape(key)}"]`);
        if (cell && cell.textContent !== value) cell.textContent = value;
      }
    }
    if (event.voted >= 0) {
      const voted = host.querySelector<HTMLElement>("[data-live-voted]");
      if (voted) voted.textContent = fill(templates, "voted", { count: event.voted, eligible: voted.dataset.eligible ?? "" });
    }
    if (event.closed && region) refreshNotice(region, fill(templates, "changed"));
  });

  return {
    // A reader outside the group follows its space's room after the server checks they may read it.
    connected(live) {
      live.emit("space:watch", space);
    },
  };
}
