import type { RawValue } from "../schema/table.js";
import { foldLabel, isBlank } from "./fold.js";

/** How many non-blank cells from the left are looked at for a `Total` label. */
const LABEL_SCAN = 4;
const TOTAL = /^(?:grand |sub ?)?total\b|\b(?:sub ?)?total$|^sum(?: of\b|$)/;
const SUBTOTAL = /\bsub ?total\b|উপ ?মোট/;
const BENGALI_TOTAL = /মোট/;
// Cheap test on the raw text before folding it: most cells are not totals.
const MAYBE_TOTAL = /total|sum|মোট/i;
// Exact test before folding: every label has "total", "sum" or মোট once folded, and folding printable ASCII
// only lower-cases, drops and spaces it, so such text without a t or an s never folds to a label (dates, numbers, most ids).
const MAY_FOLD_TO_TOTAL = /[ts]|[^\x20-\x7e\t\n\r]/i;

/** What a total label says: a total, or a subtotal (of the rows since the previous subtotal). */
export interface TotalLabel {
  /** 0-based column of the label. */
  index: number;
  label: string;
  subtotal: boolean;
}

/**
 * Whether a text reads like the label of a totals row: `Total`, `Grand Total`, `Sub-total`,
 * `Subtotal`, `Q1 total`, `Sum`, `মোট`, `সর্বমোট`. Long sentences are not labels.
 * @example isTotalText("Sub-total") // { subtotal: true }
 */
export function isTotalText(text: string): { subtotal: boolean } | undefined {
  if (!MAY_FOLD_TO_TOTAL.test(text)) return undefined;
  const folded = foldLabel(text);
  if (folded === "" || folded.split(" ").length > 6) return undefined;
  if (!TOTAL.test(folded) && !BENGALI_TOTAL.test(folded)) return undefined;
  return { subtotal: SUBTOTAL.test(folded) };
}

/** The total label of a row: the first of its leftmost few non-blank cells that reads like one. */
export function findTotalLabel(cells: readonly RawValue[]): TotalLabel | undefined {
  let looked = 0;
  for (let i = 0; i < cells.length && looked < LABEL_SCAN; i++) {
    const v = cells[i];
    if (isBlank(v ?? null)) continue;
    looked++;
    if (typeof v !== "string" || !MAYBE_TOTAL.test(v)) continue;
    const t = isTotalText(v);
    if (t) return { index: i, label: v.trim(), subtotal: t.subtotal };
  }
  return undefined;
}
