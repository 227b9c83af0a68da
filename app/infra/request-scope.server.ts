// What one HTTP request learned on its way through, for the headers of its answer: whether it
// carried a valid session, or a session cookie that is no longer valid (revoked, expired, ended
// by a password change). Kept in AsyncLocalStorage so the session check stays in one place.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  session?: "valid" | "refused";
  /**
   * Reads (GET, HEAD) change no session, so the root and the page's loaders share one session
   * lookup. Never set for a form post: its action may end the session the loaders then ask about.
   */
  sessionLookup?: { token: string; found: Promise<unknown> };
  readOnly?: boolean;
  /** Reads several loaders of one read-only request ask for (a thread's row and facts). */
  reads?: Map<string, Promise<unknown>>;
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

/** The session lookup for this token, done once per read-only request (see RequestScope). */
export function sharedSessionLookup<T>(token: string, lookup: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope?.readOnly) return lookup();
  if (scope.sessionLookup?.token !== token) scope.sessionLookup = { token, found: lookup() };
  return scope.sessionLookup.found as Promise<T>;
}

/**
 * A read done once per read-only request under `key`, shared by the loaders that ask for it;
 * outside such a request (form posts, sockets, jobs) it is simply done.
 */
export function sharedRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope?.readOnly) return read();
  scope.reads ??= new Map();
  let found = scope.reads.get(key) as Promise<T> | undefined;
  if (!found) {
    found = read();
    scope.reads.set(key, found);
  }
  return found;
}
