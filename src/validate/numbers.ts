import type { Value } from "../schema/kind.js";
import type { ProjectFile } from "../schema/project.js";

/** A finite number (a blank or a text cell is not). */
export function isNumber(v: Value | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * Equal up to what a spreadsheet can show: half a paisa absolute, plus a relative margin for large sums
 * (Excel stores 274.65999… for 274.66).
 */
export function sameFigure(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.005 + 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Whole numbers from 0 below this keep their text once formatted (counts repeat across findings). */
const FORMAT_MEMO = 10_000;

/**
 * A number formatter for messages, grouped the way the project writes numbers (4,000 or 4,00,000).
 * Counts below 10,000 are formatted once each (`Intl.NumberFormat#format` costs ~0.4 µs a call, and a
 * sex-sum message formats five numbers).
 */
export function numberFormatter(project: Pick<ProjectFile, "project">): (n: number) => string {
  const fmt = new Intl.NumberFormat(project.project.number_grouping === "indian" ? "en-IN" : "en-GB", { maximumFractionDigits: 2 });
  const memo = new Map<number, string>();
  return (n) => {
    // -0 is left to Intl ("-0"), which a memo keyed like a Map (-0 as 0) would mix up with 0.
    if (!(n >= 0 && n < FORMAT_MEMO && Number.isInteger(n)) || Object.is(n, -0)) return fmt.format(n);
    let text = memo.get(n);
    if (text === undefined) memo.set(n, (text = fmt.format(n)));
    return text;
  };
}

/** The field's header as the partner wrote it, else its name in words (`placement_date` → `placement date`). */
export function fieldLabel(table: { columns: readonly { field: string; label: string }[] }, field: string): string {
  const label = table.columns.find((c) => c.field === field)?.label?.trim();
  return label ? label : field.replace(/_/g, " ");
}
