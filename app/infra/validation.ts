// Turning zod results into what forms show: one translated message key per field.
import { z } from "zod";
import { canonicalTimeZone } from "./time-zones";

export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string> };

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

/** The first message key per field of a failed parse. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    // Our schemas carry locale keys ("ns:key"); anything else is a generic invalid value.
    fieldErrors[field] ??= issue.message.includes(":") ? issue.message : "common:errors.invalidValue";
  }
  return fieldErrors;
}

/** A time-zone field: any name or old alias this runtime can use, parsed to its current IANA name. */
export function timeZoneField(message: string) {
  return z.string().transform((zone, context) => {
    const canonical = canonicalTimeZone(zone);
    if (!canonical) context.addIssue({ code: "custom", message });
    return canonical ?? zone;
  });
}
