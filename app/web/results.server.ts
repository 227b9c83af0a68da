// Loaders that cannot go on without a domain value: a refusal becomes the error page, with the
// status the domain chose (the page explains 403 and 404 in the reader's language).
import type { Result } from "~/domain/result";

export function orRefused<T>(result: Result<T>): T {
  if (!result.ok) throw new Response(result.error, { status: result.status });
  return result.value;
}
