import type { Workbook, Worksheet } from "exceljs";
import type { SourceKindName } from "../../schema/kinds/index.js";
import { columnLetter } from "../../schema/table.js";
import type { ReportModel } from "../model.js";
import { targetTotal } from "../../aggregate/targets.js";
import { indicatorCells, SPLIT_KEYS, type CellContent, type IndicatorCells, type SplitKey } from "./indicator-cells.js";
import type { DataSheetLayout } from "./layout.js";
import { figureWindows, type FigureWindow } from "../windows.js";
import { neutraliseText } from "./safe-text.js";
import { GROUP_FILL, STATUS_COLOURS, styleHeaderRow } from "./style.js";

/** The name of the tracking sheet. */
export const TRACKING_SHEET = "Indicator Tracking";
const FIRST_ROW = 3;

const SEX_LABEL: Record<SplitKey, string> = { female: "F", male: "M", other: "O", unknown: "Not recorded", total: "Total" };

/** The tracking sheet's columns, in order. */
function columnsOf(windows: FigureWindow[]) {
  const fixed = ["Code", "Reference", "Outcome", "Output", "Indicator", "Unit", "Counting", "Baseline", "Target F", "Target M", "Target Total"];
  const figs = windows.flatMap((w) => SPLIT_KEYS.map((k) => ({ window: w.name, key: k, header: SEX_LABEL[k] })));
  return { fixed, figs, pct: fixed.length + figs.length, status: fixed.length + figs.length + 1, note: fixed.length + figs.length + 2 };
}

function write(ws: Worksheet, addr: string, c: CellContent): void {
  ws.getCell(addr).value = "formula" in c ? { formula: c.formula, result: c.result ?? undefined } as never : c.value;
}

/**
 * Write the `Indicator Tracking` sheet: one row per indicator with its targets and its achievement by
 * sex as live formulas over the data sheets (cached values = logframe's figures), % of target, status.
 * Frozen header, autofilter, landscape fit-to-width printing with the header repeated.
 */
export function writeTrackingSheet(wb: Workbook, model: ReportModel, layouts: Map<SourceKindName, DataSheetLayout>): void {
  const ws = wb.addWorksheet(TRACKING_SHEET, { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] });
  const windows = figureWindows(model);
  const leftOut = new Map(model.data.flatMap((d) => (d.leftOut ? [[d.kind, d.leftOut] as const] : [])));
  const cols = columnsOf(windows);
  const rowOf = new Map(model.indicators.map((ind, i) => [ind.code, FIRST_ROW + i]));
  const colOf = (w: string, k: SplitKey) => cols.fixed.length + cols.figs.findIndex((f) => f.window === w && f.key === k);

  // ── Headers: a group row and a column row ──
  const top = ws.getRow(1);
  const sub = ws.getRow(2);
  cols.fixed.forEach((h, i) => (sub.getCell(i + 1).value = h));
  top.getCell(9).value = "Target";
  ws.mergeCells(1, 9, 1, 11);
  windows.forEach((w, wi) => {
    const start = cols.fixed.length + wi * SPLIT_KEYS.length + 1;
    top.getCell(start).value = w.label;
    ws.mergeCells(1, start, 1, start + SPLIT_KEYS.length - 1);
  });
  cols.figs.forEach((f, i) => (sub.getCell(cols.fixed.length + i + 1).value = f.header));
  sub.getCell(cols.pct + 1).value = "% of target";
  sub.getCell(cols.status + 1).value = "Status";
  sub.getCell(cols.note + 1).value = "Notes";
  for (let c = 1; c <= cols.note + 1; c++) if (top.getCell(c).value === null) top.getCell(c).value = "";
  styleHeaderRow(ws, 1, GROUP_FILL);
  styleHeaderRow(ws, 2);

  // ── Figures: data-driven indicators first, then formulas over them ──
  const contents = new Map<string, Map<string, IndicatorCells>>();
  const pending = [...model.indicators];
  for (let pass = 0; pass <= model.indicators.length && pending.length > 0; pass++) {
    for (let i = 0; i < pending.length; ) {
      const ind = pending[i]!;
      const refs = ind.formula ? [...ind.formula.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!.trim()) : [];
      if (refs.some((r) => rowOf.has(r) && !contents.has(r)) && pass < model.indicators.length) {
        i++;
        continue;
      }
      const perWindow = new Map<string, IndicatorCells>();
      for (const w of windows) {
        perWindow.set(
          w.name,
          indicatorCells(ind, w.window, w.pick(ind), {
            layouts,
            leftOut,
            windowName: w.name,
            figures: (code) => {
              const other = model.indicators.find((x) => x.code === code);
              return other ? w.pick(other) : undefined;
            },
            address: (code, key) => {
              const cell = contents.get(code)?.get(w.name)?.cells[key];
              const row = rowOf.get(code);
              if (!cell || row === undefined) return undefined;
              const blank = "value" in cell ? cell.value === null : cell.result === null;
              return blank ? undefined : `${columnLetter(colOf(w.name, key))}${row}`;
            },
          }),
        );
      }
      contents.set(ind.code, perWindow);
      pending.splice(i, 1);
    }
  }

  // ── Rows ──
  const outputTitle = new Map(model.outcomes.flatMap((o) => o.outputs.map((op) => [op.code, op.title] as const)));
  const last = windows.at(-1)!;
  model.indicators.forEach((ind, i) => {
    const r = FIRST_ROW + i;
    const row = ws.getRow(r);
    const t = ind.target;
    const fixed = [ind.code, ind.reference ?? null, ind.outcome, ind.output ? `${ind.output} ${outputTitle.get(ind.output) ?? ""}`.trim() : null, ind.title, ind.unit, ind.counting, targetTotal(ind.baseline), t?.female ?? null, t?.male ?? null, targetTotal(t)];
    fixed.forEach((v, c) => (row.getCell(c + 1).value = typeof v === "string" ? neutraliseText(v) : v));
    const notes = [...ind.notes];
    for (const w of windows) {
      const cells = contents.get(ind.code)!.get(w.name)!;
      for (const k of SPLIT_KEYS) write(ws, `${columnLetter(colOf(w.name, k))}${r}`, cells.cells[k]);
      if (cells.note && !notes.includes(cells.note)) notes.push(cells.note);
    }
    // The engine compares a phase target with the cumulative figure, a project year's with the in-period one.
    const measured = ind.targetBasis === "year" ? windows[0]! : last;
    const totalAddr = `${columnLetter(colOf(measured.name, "total"))}${r}`;
    const targetAddr = `K${r}`;
    const pctAddr = `${columnLetter(cols.pct)}${r}`;
    ws.getCell(pctAddr).value = { formula: `IF(OR(N(${targetAddr})=0,${totalAddr}=""),"",ROUND(${totalAddr}/${targetAddr}*100,1))`, result: ind.achievement_pct ?? "" } as never;
    ws.getCell(pctAddr).numFmt = "0.0";
    const { exceeded, on_track } = model.status;
    ws.getCell(`${columnLetter(cols.status)}${r}`).value = {
      formula: `IF(${pctAddr}="","",IF(${pctAddr}>=${exceeded},"exceeded",IF(${pctAddr}>=${on_track},"on-track","behind")))`,
      result: ind.status ?? "",
    } as never;
    ws.getCell(`${columnLetter(cols.note)}${r}`).value = notes.length ? neutraliseText(notes.join(" ")) : null;
    for (let c = 8; c <= cols.pct; c++) ws.getCell(r, c).numFmt = ind.unit === "BDT" || ind.unit === "percent" ? "#,##0.##" : "#,##0";
    ws.getCell(pctAddr).numFmt = "0.0";
  });

  // ── Look and print ──
  const lastRow = FIRST_ROW + model.indicators.length - 1;
  const statusCol = columnLetter(cols.status);
  ws.addConditionalFormatting({
    ref: `${statusCol}${FIRST_ROW}:${statusCol}${Math.max(FIRST_ROW, lastRow)}`,
    rules: Object.entries(STATUS_COLOURS).map(([status, [fill, font]], priority) => ({
      type: "expression" as const,
      priority: priority + 1,
      formulae: [`$${statusCol}${FIRST_ROW}="${status}"`],
      style: { fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: fill } }, font: { color: { argb: font }, bold: true } },
    })),
  });
  const widths = [14, 10, 8, 30, 48, 10, 10, 10, 9, 9, 10];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let c = cols.fixed.length + 1; c <= cols.pct; c++) ws.getColumn(c).width = 9;
  ws.getColumn(cols.pct + 1).width = 10;
  ws.getColumn(cols.status + 1).width = 11;
  ws.getColumn(cols.note + 1).width = 50;
  ws.getColumn(5).alignment = { wrapText: true, vertical: "top" };
  ws.getColumn(4).alignment = { wrapText: true, vertical: "top" };
  ws.getRow(1).height = 20;
  ws.getRow(2).height = 30;
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.note + 1 } };
  ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" };
}

/** The tracking sheet's column of a window's sex figure (1-based), for tests and other sheets. */
export function trackingColumn(model: ReportModel, window: "period" | "cumulative", key: SplitKey): number {
  const windows = figureWindows(model);
  const cols = columnsOf(windows);
  return cols.fixed.length + cols.figs.findIndex((f) => f.window === window && f.key === key) + 1;
}

/** The tracking sheet's `% of target` and `Status` columns (1-based). */
export function trackingSummaryColumns(model: ReportModel): { pct: number; status: number; note: number } {
  const cols = columnsOf(figureWindows(model));
  return { pct: cols.pct + 1, status: cols.status + 1, note: cols.note + 1 };
}

/** The first indicator row of the tracking sheet. */
export const TRACKING_FIRST_ROW = FIRST_ROW;
