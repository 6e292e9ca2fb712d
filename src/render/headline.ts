import type { NumberFormatter } from "./format-number.js";
import type { ReportIndicator } from "./model.js";

/**
 * A headline indicator as a sentence from its figures: "930 survivors enrolled (534 female, 396 male)".
 * `other` and unrecorded sex are named only when there are any; figures not split by sex get no brackets.
 * @example headlineSentence(indicator, fmt, "cumulative") // "930 survivors enrolled (534 female, 396 male)"
 */
export function headlineSentence(ind: ReportIndicator, fmt: NumberFormatter, which: "actual" | "cumulative" = "actual"): string {
  const s = ind[which];
  const noun = ind.phrase ?? ind.title.charAt(0).toLowerCase() + ind.title.slice(1);
  if (!s) return `${noun}: no figure`;
  const f = (n: number) => (ind.unit === "percent" ? fmt.percent(n) : fmt.number(n));
  const total = f(s.total);
  if (!ind.disaggregated) return `${total} ${noun}`;
  const parts = [`${f(s.female)} female`, `${f(s.male)} male`];
  if (s.other > 0 && ind.unit !== "percent") parts.push(`${f(s.other)} other`);
  if (s.unknown > 0 && ind.unit !== "percent") parts.push(`${f(s.unknown)} not recorded`);
  return `${total} ${noun} (${parts.join(", ")})`;
}
