// Publications: the facts the browser may know too (licences, slugs, the proposal form's schema).
import { z } from "zod";

export const LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC0-1.0", "all-rights-reserved"] as const;
export type Licence = (typeof LICENCES)[number];

/** Where a licence's text lives (none for "all rights reserved"). */
export const LICENCE_URLS: Record<Licence, string | null> = {
  "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
  "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
  "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
  "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
  "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
  "all-rights-reserved": null,
};

/** The locale key (under publications:licences) naming each licence. */
export const LICENCE_KEYS: Record<Licence, string> = {
  "CC-BY-4.0": "ccBy",
  "CC-BY-SA-4.0": "ccBySa",
  "CC-BY-NC-4.0": "ccByNc",
  "CC-BY-NC-SA-4.0": "ccByNcSa",
  "CC0-1.0": "cc0",
  "all-rights-reserved": "allRightsReserved",
};

export function isLicence(value: string): value is Licence {
  return (LICENCES as readonly string[]).includes(value);
}

export const VISIBILITIES = ["public", "unlisted"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const PUBLICATION_LANGUAGES = ["en", "fr"] as const;
export type PublicationLanguage = (typeof PUBLICATION_LANGUAGES)[number];

export function isPublicationLanguage(value: unknown): value is PublicationLanguage {
  return value === "en" || value === "fr";
}

/** A slug names a public address: lower-case words and hyphens, 3 to 60 characters. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,58})[a-z0-9]$/;

const required = (key: string, max: number) => z.string().trim().min(1, key).max(max, "publications:errors.tooLong");

/** The words of a version in both languages, as the proposal and the edit forms send them. */
export const publicationMetaSchema = z.object({
  titleEn: required("publications:errors.titleRequired", 200),
  titleFr: required("publications:errors.titleRequired", 200),
  summaryEn: z.string().trim().max(1000, "publications:errors.tooLong"),
  summaryFr: z.string().trim().max(1000, "publications:errors.tooLong"),
  authorshipEn: required("publications:errors.authorshipRequired", 200),
  authorshipFr: required("publications:errors.authorshipRequired", 200),
  licence: z.enum(LICENCES, { message: "publications:errors.licence" }),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "publications:errors.date"),
});

export const proposalSchema = publicationMetaSchema.extend({
  slug: z.string().trim().toLowerCase().regex(SLUG, "publications:errors.slug"),
  visibility: z.enum(VISIBILITIES, { message: "common:errors.invalidValue" }),
});

export type PublicationMeta = z.infer<typeof publicationMetaSchema>;
export type ProposalInput = z.infer<typeof proposalSchema>;

/** The file names of a version's downloads, per language where the format has one. */
export function downloadName(slug: string, format: "pdf" | "epub", language: PublicationLanguage): string {
  return `${slug}-${language}.${format}`;
}
export function siteName(slug: string): string {
  return `${slug}-site.zip`;
}
