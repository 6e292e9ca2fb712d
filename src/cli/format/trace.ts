import type { Trace } from "../../index.js";
import { toCsv, type CsvCell } from "./csv.js";
import { formatNumber, type NumberGrouping } from "./number.js";

/** Options of the trace listing. */
export interface TraceTextOptions {
  grouping?: NumberGrouping;
  heading?: (text: string) => string;
  dim?: (text: string) => string;
  /** The closing sum line (`= 534, the figure reported for …`), from the library. */
  sumLine: (t: Trace) => string;
}

/**
 * A trace as text: a heading, one line per row (✓ counted, · not counted), the sum line. A formula lists
 * each component's trace, then its own line. Reasons are never cut: they are the point.
 */
export function formatTraceText(trace: Trace, options: TraceTextOptions): string {
  const heading = options.heading ?? ((t: string) => t);
  const dim = options.dim ?? ((t: string) => t);
  const out: string[] = [];
  const section = (t: Trace): void => {
    const what = [t.sex, t.partner].filter(Boolean).join(", ");
    out.push(heading(`${t.indicator}  ${t.title}${what ? ` (${what})` : ""} · ${t.period.label}${t.period.cumulative ? " · cumulative" : ""}`));
    if (t.components) {
      out.push(dim(`  formula: ${t.formula}`), "");
      for (const c of t.components) {
        section(c);
        out.push("");
      }
    } else {
      const where = t.rows.map((r) => `${r.file} ${r.sheet}!${r.cell}`);
      // Folded, not spread: a trace may list a million rows, past the arguments a call takes.
      const width = where.reduce((m, w) => Math.max(m, w.length), 0);
      const values = t.rows.map((r) => formatNumber(r.value, options.grouping));
      const vWidth = values.reduce((m, v) => Math.max(m, v.length), 0);
      t.rows.forEach((r, k) => {
        const line = `${r.counted ? "✓" : "·"} ${where[k]!.padEnd(width)}  ${values[k]!.padStart(vWidth)}  ${r.reason}`;
        out.push(r.counted ? line : dim(line));
      });
      if (t.rows.length === 0) out.push(dim("  (no rows)"));
    }
    for (const n of t.notes) out.push(dim(`  note: ${n}`));
    out.push(options.sumLine(t));
  };
  section(trace);
  return out.join("\n") + "\n";
}

/** The CSV columns of `trace --format csv`. */
export const TRACE_CSV_COLUMNS = ["indicator", "file", "sheet", "row", "cell", "value", "counted", "reason"] as const;

/** A trace as CSV: one line per row; a formula's components one after another. */
export function formatTraceCsv(trace: Trace): string {
  const rows: CsvCell[][] = [];
  const walk = (t: Trace): void => {
    for (const r of t.rows) rows.push([t.indicator, r.file, r.sheet, r.row, r.cell, r.value, r.counted ? "yes" : "no", r.reason]);
    t.components?.forEach(walk);
  };
  walk(trace);
  return toCsv(TRACE_CSV_COLUMNS, rows);
}
