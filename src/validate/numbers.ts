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

/** A number formatter for messages, grouped the way the project writes numbers (4,000 or 4,00,000). */
export function numberFormatter(project: Pick<ProjectFile, "project">): (n: number) => string {
  const fmt = new Intl.NumberFormat(project.project.number_grouping === "indian" ? "en-IN" : "en-GB", { maximumFractionDigits: 2 });
  return (n) => fmt.format(n);
}

/** The field's header as the partner wrote it, else its name in words (`placement_date` → `placement date`). */
export function fieldLabel(table: { columns: readonly { field: string; label: string }[] }, field: string): string {
  const label = table.columns.find((c) => c.field === field)?.label?.trim();
  return label ? label : field.replace(/_/g, " ");
}
