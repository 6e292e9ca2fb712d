/** How digits are grouped: 1,234,567 (international) or 12,34,567 (indian: lakhs and crores). */
export type NumberGrouping = "international" | "indian";

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A figure for a table: grouped digits, at most `decimals` decimals (none for whole numbers).
 * @example formatNumber(110000, "indian") // "1,10,000"
 */
export function formatNumber(n: number | null | undefined, grouping: NumberGrouping = "international", decimals = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const key = `${grouping}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(grouping === "indian" ? "en-IN" : "en-GB", { maximumFractionDigits: decimals });
    formatters.set(key, f);
  }
  return f.format(n);
}
