// The one result shape of domain verbs: a value, or a refusal that carries its HTTP status and a
// translated message key (plus field errors for forms). Routes, socket handlers and mail turn a
// refusal into their own answer without guessing the status from the message.

export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface Refusal {
  ok: false;
  status: RefusalStatus;
  /** A locale key ("library:errors.forbidden"), shown as the form's alert. */
  error: string;
  /** Per-field locale keys, for forms that mark the field. */
  fieldErrors?: Record<string, string>;
  /** Seconds until trying again makes sense (rate limits). */
  retryAfterSeconds?: number;
  /** Extra facts a page may show with the error (e.g. what blocks a publish). */
  details?: Record<string, unknown>;
}

export type Result<T = void> = { ok: true; value: T } | Refusal;

export function ok(): Result<void>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

type RefusalExtras = Partial<Pick<Refusal, "fieldErrors" | "retryAfterSeconds" | "details">>;

function refusal(status: RefusalStatus, error: string, extras: RefusalExtras = {}): Refusal {
  return { ok: false, status, error, ...extras };
}

/** Constructors for the refusals a person can cause; the status follows from the kind. */
export const refuse = {
  /** 400: the input is wrong. With a field, the form marks that field. */
  invalid(error: string, field?: string, extras: RefusalExtras = {}): Refusal {
    return refusal(400, error, { ...(field ? { fieldErrors: { [field]: error } } : {}), ...extras });
  },
  /** 400 with several fields marked at once; the alert names the first. */
  fields(fieldErrors: Record<string, string>, error = Object.values(fieldErrors)[0] ?? "common:errors.invalidValue"): Refusal {
    return refusal(400, error, { fieldErrors });
  },
  /** 403: the person may see the object but not do this. */
  forbidden(error = "common:errors.forbidden", extras: RefusalExtras = {}): Refusal {
    return refusal(403, error, extras);
  },
  /** 404: no such object, or one the person may not know of (never tell the two apart). */
  notFound(error = "common:errors.notFound"): Refusal {
    return refusal(404, error);
  },
  /** 409: the object's state does not allow it now (locked, already submitted, …). */
  conflict(error: string, extras: RefusalExtras = {}): Refusal {
    return refusal(409, error, extras);
  },
  tooLarge(error: string, field?: string): Refusal {
    return refusal(413, error, field ? { fieldErrors: { [field]: error } } : {});
  },
  unsupported(error = "common:errors.badRequest"): Refusal {
    return refusal(415, error);
  },
  tooMany(error: string, retryAfterSeconds?: number): Refusal {
    return refusal(429, error, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  },
  unavailable(error = "common:errors.unavailable"): Refusal {
    return refusal(503, error);
  },
} as const;

/** Narrows a result to its refusal (for early returns between verbs). */
export function isRefusal<T>(result: Result<T>): result is Refusal {
  return !result.ok;
}
