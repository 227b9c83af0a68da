// What one HTTP request learned on its way through, for the headers of its answer: whether it
// carried a valid session, or a session cookie that is no longer valid (revoked, expired, ended
// by a password change). Kept in AsyncLocalStorage so the session check stays in one place.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  session?: "valid" | "refused";
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return storage.run(scope, run);
}

/** Records what the session cookie turned out to be; outside a request (sockets) it does nothing. */
export function noteSession(state: "valid" | "refused"): void {
  const scope = storage.getStore();
  // Once valid, a later check in the same request (e.g. after signing out) does not undo it.
  if (scope && scope.session !== "valid") scope.session = state;
}
