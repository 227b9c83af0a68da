// "This page changed elsewhere": a notice with a refresh button when the server announces a
// change to what the page shows. The server sends each announcement only to members who may read
// the object, so the notice carries no content, just the invitation to reload. Socket.IO is
// imported only inside the effect; without JavaScript there is no notice and nothing breaks.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevalidator } from "react-router";

/** What a page follows: a group's workplan decisions, or one check-in (or any of a group's). */
export type LiveTopic =
  | { event: "workplan:reviewed"; groupId: string }
  | { event: "learning-questions:changed"; groupId: string }
  | { event: "checkin:changed"; groupId: string; checkInId?: string };

function matches(topic: LiveTopic, payload: { groupId?: string; checkInId?: string }): boolean {
  if (payload.groupId !== topic.groupId) return false;
  return topic.event !== "checkin:changed" || !topic.checkInId || payload.checkInId === topic.checkInId;
}

export function LiveRefreshNotice({ topic, message }: { topic: LiveTopic; message: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [changed, setChanged] = useState(false);
  const key = JSON.stringify(topic);

  useEffect(() => {
    let cancelled = false;
    let disconnect = () => {};
    void import("socket.io-client").then(({ io }) => {
      if (cancelled) return;
      const socket = io({ transports: ["websocket", "polling"], withCredentials: true });
      socket.on(topic.event, (payload: { groupId?: string; checkInId?: string }) => {
        if (matches(topic, payload)) setChanged(true);
      });
      disconnect = () => socket.disconnect();
    });
    return () => {
      cancelled = true;
      disconnect();
    };
    // Compared by value: a new topic object with the same fields keeps the connection.
  }, [key]);

  return (
    <div aria-live="polite">
      {changed ? (
        <p className="alert alert--info row" data-testid="live-refresh">
          <span>{t(message)}</span>
          <button
            type="button"
            className="button"
            onClick={() => {
              setChanged(false);
              void revalidator.revalidate();
            }}
          >
            {t("common:live.refresh")}
          </button>
        </p>
      ) : null}
    </div>
  );
}
