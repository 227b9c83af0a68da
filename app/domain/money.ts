// Money: integer cents with a currency. Parsing what people type and showing amounts in the
// reader's locale (shared with the browser). Totals are always computed, never typed.

export const DEFAULT_CURRENCY = "EUR";
export const CURRENCIES = ["EUR", "USD", "GBP", "XOF", "KES", "ZAR", "PHP", "COP"] as const;

/** Largest amount one entry may hold: ten million in any currency (guards integer columns). */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/**
 * Reads "1234.5", "1 234,50", "1,234.50" or "-12" as cents, without floating point.
 * Returns null when it is not an amount. The last "," or "." followed by one or two digits is
 * the decimal separator; other separators and spaces group thousands.
 */
export function parseAmountToCents(input: string): number | null {
  const trimmed = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (!/^-?[0-9.,]+$/.test(trimmed)) return null;
  const negative = trimmed.startsWith("-");
  const body = negative ? trimmed.slice(1) : trimmed;
  const match = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(body);
  if (!match) return null;
  const whole = match[1].replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole) && !(whole === "" && match[2])) return null;
  const fraction = (match[2] ?? "").padEnd(2, "0");
  const cents = Number(whole || "0") * 100 + Number(fraction || "0");
  if (!Number.isSafeInteger(cents)) return null;
  return negative ? -cents : cents;
}

/** "1234.50": a plain decimal for spreadsheets and finance (no grouping, dot separator). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "1 234,50 €" or "€1,234.50", in the reader's locale. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}
