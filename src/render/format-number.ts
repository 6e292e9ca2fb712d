/** How numbers are written in a report. */
export interface NumberFormatter {
  /** A count or amount: `1,234,567` (or `12,34,567` with Indian grouping); up to two decimals. */
  number(n: number | null | undefined): string;
  /** A percentage with one decimal: `93.4%`. */
  percent(n: number | null | undefined): string;
}

/** What a missing figure is shown as. */
export const NO_FIGURE = "–";

/**
 * Group the integer digits of a non-negative decimal string the Indian way: the last three digits,
 * then pairs (lakh, crore): `1234567` → `12,34,567`.
 * @example groupIndian("1234567", ",") // "12,34,567"
 */
export function groupIndian(digits: string, separator: string): string {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  let head = digits.slice(0, -3);
  const pairs: string[] = [];
  while (head.length > 2) {
    pairs.unshift(head.slice(-2));
    head = head.slice(0, -2);
  }
  if (head) pairs.unshift(head);
  return [...pairs, last3].join(separator);
}

/**
 * A number formatter for a project's locale. With `grouping: "indian"` the digits are grouped in lakhs
 * and crores whatever the locale; the locale still gives the decimal and group separators.
 * @example createNumberFormatter("en-GB", "indian").number(1234567) // "12,34,567"
 */
export function createNumberFormatter(locale: string, grouping: "international" | "indian" = "international"): NumberFormatter {
  const safeLocale = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : "en-GB";
  const plain = new Intl.NumberFormat(safeLocale, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(safeLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const parts = plain.formatToParts(1234567.5);
  const group = parts.find((p) => p.type === "group")?.value ?? ",";
  const ungrouped = new Intl.NumberFormat(safeLocale, { maximumFractionDigits: 2, useGrouping: false });

  const indian = (n: number): string =>
    ungrouped
      .formatToParts(n)
      .map((p) => (p.type === "integer" ? groupIndian(p.value, group) : p.value))
      .join("");

  return {
    number(n) {
      if (n === null || n === undefined || !Number.isFinite(n)) return NO_FIGURE;
      return grouping === "indian" ? indian(n) : plain.format(n);
    },
    percent(n) {
      if (n === null || n === undefined || !Number.isFinite(n)) return NO_FIGURE;
      return `${pct.format(n)}%`;
    },
  };
}
