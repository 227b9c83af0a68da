// Notifications: a notification (in the list, live, in mail or a digest) names a thread, so it
// is shown only while its recipient may read that thread. Asked when it is made, and again
// whenever it is shown, since access may have changed in between.
import type { Actor } from "../permissions";
import * as threads from "./threads";

export function allowShow(recipient: Actor | null | undefined, notification: { thread: threads.ThreadFacts }): boolean {
  return threads.allow(recipient, "read", notification.thread);
}
