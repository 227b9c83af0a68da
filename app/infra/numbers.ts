// Numbers as the reader's locale writes them ("4,17" in French, "4.17" in English), through
// Intl.NumberFormat: the browser and Node already know every locale's rules.

const formats = new Map<string, Intl.NumberFormat>();

/** A number with exactly `digits` decimals (a mean score: "4.17", "4,17"). */
export function formatDecimal(value: number, locale: string, digits = 2): string {
  const key = `${locale}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format.format(value);
}
