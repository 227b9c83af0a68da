// "This page changed elsewhere": a notice with a refresh button when the server announces a
// change to what the page shows. The server sends each announcement only to members who may read
// the object, so the notice carries no content, just the invitation to reload. The events come
// through the live island's connection (ui/live-relay); without JavaScript there is no notice
// and nothing breaks.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevalidator } from "react-router";
import { LIVE_RELAY_EVENT, type RelayedEvent, type RelayedEventName } from "./live-relay";

/** One of the events the island relays, about one group. */
type Topic<Event extends RelayedEventName> = { event: Event; groupId: string };

/** What a page follows: a group's workplan decisions, or one check-in (or any of a group's). */
export type LiveTopic = Topic<"workplan:reviewed"> | Topic<"learning-questions:changed"> | (Topic<"checkin:changed"> & { checkInId?: string });

function matches(topic: LiveTopic, payload: RelayedEvent["payload"]): boolean {
  if (payload.groupId !== topic.groupId) return false;
  return topic.event !== "checkin:changed" || !topic.checkInId || payload.checkInId === topic.checkInId;
}

export function LiveRefreshNotice({ topic, message }: { topic: LiveTopic; message: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const [changed, setChanged] = useState(false);
  const key = JSON.stringify(topic);

  useEffect(() => {
    const heard = (event: Event) => {
      const relayed = (event as CustomEvent<RelayedEvent>).detail;
      if (relayed.event === topic.event && matches(topic, relayed.payload)) setChanged(true);
    };
    document.addEventListener(LIVE_RELAY_EVENT, heard);
    return () => document.removeEventListener(LIVE_RELAY_EVENT, heard);
    // Compared by value: a new topic object with the same fields keeps the listener.
  }, [key]);

  return (
    <div aria-live="polite" data-live-relay="">
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
