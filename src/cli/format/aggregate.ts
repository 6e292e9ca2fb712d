import type { AggregateResult, IndicatorResult, SexSplit } from "../../index.js";
import { toCsv, type CsvCell } from "./csv.js";
import { formatNumber, type NumberGrouping } from "./number.js";
import { renderTable, type TextColumn } from "./table.js";

/** Options of the text table. */
export interface AggregateTableOptions {
  grouping?: NumberGrouping;
  /** Terminal width; the title column takes what the figures leave. */
  width?: number;
  /** A heading line before the table (e.g. the project and period, in bold). */
  heading?: (text: string) => string;
  /** How notes are shown (e.g. dimmed). */
  dim?: (text: string) => string;
}

/**
 * The figures as a table for an 80-column terminal: code, short title, F / M / O / Total, target and
 * achievement; with `--by`, a sub-row per group; notes after the table.
 */
export function formatAggregateTable(result: AggregateResult, options: AggregateTableOptions = {}): string {
  const g = options.grouping ?? "international";
  const num = (n: number | null | undefined, decimals = 1) => formatNumber(n, g, decimals);
  const withUnknown = result.indicators.some((i) => hasUnknown(i.actual) || Object.values(i.by).some((d) => Object.values(d).some(hasUnknown)));
  const dims = new Set(result.indicators.flatMap((i) => Object.keys(i.by)));

  const columns: TextColumn[] = [
    { header: "Code", max: 22 },
    { header: "Indicator", flex: true, min: 12 },
    { header: "F", align: "right" },
    { header: "M", align: "right" },
    { header: "O", align: "right" },
    ...(withUnknown ? [{ header: "?", align: "right" as const }] : []),
    { header: "Total", align: "right" },
    { header: "Target", align: "right" },
    { header: "%", align: "right" },
  ];
  const parts = (i: IndicatorResult, s: SexSplit | null): string[] => {
    if (!s) return [...(withUnknown ? ["", "", "", ""] : ["", "", ""]), "—"];
    const sexes = i.disaggregated ? [num(s.female), num(s.male), num(s.other), ...(withUnknown ? [num(s.unknown)] : [])] : withUnknown ? ["", "", "", ""] : ["", "", ""];
    return [...sexes, num(s.total)];
  };
  const rows: string[][] = [];
  for (const i of result.indicators) {
    rows.push([i.code, i.title, ...parts(i, i.actual), targetOf(i) === null ? "" : num(targetOf(i)), i.achievement_pct === null ? "" : num(i.achievement_pct, 1)]);
    for (const [dim, groups] of Object.entries(i.by)) {
      for (const [value, split] of Object.entries(groups)) {
        rows.push(["", `  ${dims.size > 1 ? `${dim}: ` : ""}${value}`, ...parts(i, split), "", ""]);
      }
    }
  }

  const heading = `${result.project} · ${result.period.label}${result.period.cumulative ? ` · cumulative to ${result.period.to}` : ""}`;
  const out = [(options.heading ?? ((t) => t))(heading), ...renderTable(columns, rows, options.width ?? 80)];
  const notes = result.indicators.flatMap((i) => i.notes.map((n) => `  ${i.code}: ${n}`));
  if (withUnknown) notes.unshift("  ? = sex not recorded");
  // Figures of a part of the phase sit beside the phase target: say what the % compares (issue: donors misread it).
  if (result.period.kind !== "phase" && !result.period.cumulative && result.indicators.some((i) => i.achievement_pct !== null)) {
    notes.unshift(`  % = achievement to date (cumulative to ${result.period.to}) against the target`);
  }
  if (notes.length > 0) out.push("", "Notes:", ...notes.map((n) => (options.dim ? options.dim(n) : n)));
  return out.join("\n") + "\n";
}

/** The CSV columns of `aggregate --format csv`, one row per indicator × group. */
export const AGGREGATE_CSV_COLUMNS = ["code", "reference", "title", "unit", "group", "female", "male", "other", "unknown", "total", "target_total", "achievement_pct", "status"] as const;

/**
 * The figures as CSV: one row per indicator, then one per group (`partner=RJ`) when broken down.
 * Text cells that a spreadsheet would run as a formula are neutralised.
 */
export function formatAggregateCsv(result: AggregateResult): string {
  const rows: CsvCell[][] = [];
  const sexes = (i: IndicatorResult, s: SexSplit | null): CsvCell[] =>
    !s ? [null, null, null, null, null] : i.disaggregated ? [s.female, s.male, s.other, s.unknown, s.total] : [null, null, null, null, s.total];
  for (const i of result.indicators) {
    rows.push([i.code, i.reference ?? null, i.title, i.unit, "", ...sexes(i, i.actual), targetOf(i), i.achievement_pct, i.status]);
    for (const [dim, groups] of Object.entries(i.by)) {
      for (const [value, split] of Object.entries(groups)) {
        rows.push([i.code, i.reference ?? null, i.title, i.unit, `${dim}=${value}`, ...sexes(i, split), null, null, null]);
      }
    }
  }
  return toCsv(AGGREGATE_CSV_COLUMNS, rows);
}

/** The target's total, or the sum of its parts. */
function targetOf(i: IndicatorResult): number | null {
  const t = i.target;
  if (!t) return null;
  if (t.total !== undefined) return t.total;
  const parts = [t.female, t.male, t.other].filter((v): v is number => v !== undefined);
  return parts.length > 0 ? parts.reduce((a, b) => a + b, 0) : null;
}

function hasUnknown(s: SexSplit | null): boolean {
  return s !== null && s.unknown !== 0;
}
