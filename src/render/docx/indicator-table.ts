import type { Paragraph, Table } from "docx";
import { targetTotal } from "../../aggregate/targets.js";
import { NO_FIGURE, type NumberFormatter } from "../format-number.js";
import type { ReportIndicator, ReportType } from "../model.js";
import { COLOURS, note, table, type CellSpec } from "./elements.js";

/** Usable width of a landscape A4 page with 2 cm margins, in twips. */
export const LANDSCAPE_WIDTH = 14570;

const STATUS_LABEL = { exceeded: "Exceeded", "on-track": "On track", behind: "Behind" } as const;

/** The status cell: the word, coloured. */
export function statusCell(status: ReportIndicator["status"]): CellSpec {
  if (!status) return { text: NO_FIGURE, align: "center" };
  const c = COLOURS.status[status];
  return { text: STATUS_LABEL[status], align: "center", bold: true, fill: c.fill, color: c.text };
}

const num = (text: string): CellSpec => ({ text, align: "right" });

function fig(fmt: NumberFormatter, ind: ReportIndicator, v: number | null | undefined, sexPart: boolean): CellSpec {
  if (sexPart && !ind.disaggregated) return { text: NO_FIGURE, align: "right", color: COLOURS.muted };
  return num(ind.unit === "percent" ? fmt.percent(v) : fmt.number(v));
}

function label(ind: ReportIndicator): string {
  return `${ind.reference ?? ind.code}  ${ind.title}`;
}

/**
 * The indicator table of an outcome or output. Close-out: baseline, target and achievement by sex,
 * % of target, status. Progress: this period and cumulative side by side, target, % of target, status.
 * Followed by the indicators' notes (figures qualified, sex not recorded).
 */
export function indicatorTable(type: ReportType, indicators: readonly ReportIndicator[], fmt: NumberFormatter, twoWindows: boolean): (Table | Paragraph)[] {
  const pct = (i: ReportIndicator) => num(fmt.percent(i.achievement_pct));
  let t: Table;
  if (type === "progress" || twoWindows) {
    const widths = [5770, 900, 900, 1000, 900, 900, 1000, 1100, 1000, 1100];
    t = table({
      widths,
      header: [
        [{ text: "Indicator", rowSpan: 2 }, { text: type === "progress" ? "This period" : "In the period", colSpan: 3, align: "center" }, { text: "Cumulative", colSpan: 3, align: "center" }, { text: "Target", rowSpan: 2, align: "right" }, { text: "% of target", rowSpan: 2, align: "right" }, { text: "Status", rowSpan: 2, align: "center" }],
        [{ text: "F", align: "right" }, { text: "M", align: "right" }, { text: "Total", align: "right" }, { text: "F", align: "right" }, { text: "M", align: "right" }, { text: "Total", align: "right" }],
      ],
      rows: indicators.map((i) => [
        { text: label(i) },
        fig(fmt, i, i.actual?.female, true),
        fig(fmt, i, i.actual?.male, true),
        fig(fmt, i, i.actual?.total, false),
        fig(fmt, i, i.cumulative?.female, true),
        fig(fmt, i, i.cumulative?.male, true),
        fig(fmt, i, i.cumulative?.total, false),
        fig(fmt, i, targetTotal(i.target), false),
        pct(i),
        statusCell(i.status),
      ]),
    });
  } else {
    const widths = [5070, 1000, 900, 900, 1000, 900, 900, 800, 1000, 1000, 1100];
    t = table({
      widths,
      header: [
        [{ text: "Indicator", rowSpan: 2 }, { text: "Baseline", rowSpan: 2, align: "right" }, { text: "Target", colSpan: 3, align: "center" }, { text: "Achievement", colSpan: 4, align: "center" }, { text: "% of target", rowSpan: 2, align: "right" }, { text: "Status", rowSpan: 2, align: "center" }],
        [{ text: "F", align: "right" }, { text: "M", align: "right" }, { text: "Total", align: "right" }, { text: "F", align: "right" }, { text: "M", align: "right" }, { text: "Other", align: "right" }, { text: "Total", align: "right" }],
      ],
      rows: indicators.map((i) => [
        { text: label(i) },
        fig(fmt, i, targetTotal(i.baseline), false),
        fig(fmt, i, i.target?.female, true),
        fig(fmt, i, i.target?.male, true),
        fig(fmt, i, targetTotal(i.target), false),
        fig(fmt, i, i.actual?.female, true),
        fig(fmt, i, i.actual?.male, true),
        fig(fmt, i, i.actual?.other, true),
        fig(fmt, i, i.actual?.total, false),
        pct(i),
        statusCell(i.status),
      ]),
    });
  }
  const notes: string[] = [];
  for (const i of indicators) {
    const unknown = type === "progress" || twoWindows ? (i.cumulative?.unknown ?? 0) : (i.actual?.unknown ?? 0);
    if (i.disaggregated && i.unit !== "percent" && unknown > 0) notes.push(`${i.code}: the total includes ${fmt.number(unknown)} whose sex was not recorded.`);
    for (const n of i.notes) notes.push(`${i.code}: ${n}`);
  }
  return [t, ...notes.map(note), ...(notes.length === 0 ? [note("")] : [])];
}
