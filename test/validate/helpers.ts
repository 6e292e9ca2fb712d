import ExcelJS from "exceljs";
import { createEngine } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import type { Finding } from "../../src/errors/finding.js";
import type { Report } from "../../src/errors/report.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import { ProjectFileSchema, type ProjectFile, type ProjectFileInput } from "../../src/schema/project.js";
import { batchOfRows, shapeOf } from "../../src/normalize/batch.js";
import { withMessage } from "../../src/validate/locate.js";
import type { Value } from "../../src/schema/kind.js";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import type { DataRow, IngestEvent, InputFile, SourceFiles, Table } from "../../src/schema/table.js";
import type { Check, CheckContext, CheckRun, EndContext } from "../../src/validate/context.js";
import { numberFormatter } from "../../src/validate/numbers.js";
import { indexIndicators, scanClaims, validateProject, type ValidateOptions } from "../../src/validate/run.js";

import { memoryFile } from "../read/helpers.js";
export { memoryFile };

/** An xlsx file built with exceljs: each sheet is a list of rows (cells as values). */
export async function xlsxFile(path: string, sheets: Record<string, readonly (readonly unknown[])[]>): Promise<InputFile> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow([...r]);
  }
  const buf = await wb.xlsx.writeBuffer();
  return memoryFile(path, new Uint8Array(buf as ArrayBuffer));
}

/** A minimal valid project: one SPP, one TSP, phase 2019-11-07..2022-12-31, plus what the test adds. */
export function makeProject(extra: Partial<ProjectFileInput> = {}): ProjectFile {
  const base: ProjectFileInput = {
    project: { name: "Test", phase: { start: "2019-11-07", end: "2022-12-31" } },
    partners: [
      { code: "RJ", name: "Rights Jessore", type: "SPP" },
      { code: "RRF", name: "RRF", type: "TSP" },
    ],
    sources: [{ path: "x.csv", kind: "event-attendance", partner: "RJ" }],
    logframe: { goal: { title: "Goal" }, outcomes: [{ code: "1", title: "Outcome", indicators: [] }] },
  };
  return ProjectFileSchema.parse({ ...base, ...extra });
}

/** A file for each source of the project, by source index. */
export type FilesBySource = Record<number, InputFile[]>;

/** The ingest stream of the project's sources over in-memory files. */
export function ingest(project: ProjectFile, files: FilesBySource): AsyncIterable<IngestEvent> {
  const sources: SourceFiles[] = project.sources.map((source, index) => ({ source, index, files: files[index] ?? [] }));
  return ingestSources(sources, project);
}

/** Validate in-memory files through the real ingest and engine, as the CLI does. */
export async function validateFiles(project: ProjectFile, files: FilesBySource, opts: Partial<ValidateOptions> = {}): Promise<Report> {
  const figures = {
    period: (text: string) => parsePeriod(text, project),
    engine: (period: ReturnType<typeof parsePeriod>) => createEngine(project, { period, by: ["partner"] }),
  };
  const claimIdx = project.sources.flatMap((s, i) => (s.kind === "spp-target-achievement" ? [i] : []));
  const { periods, claimed } = claimIdx.length ? await scanClaims(ingest(project, Object.fromEntries(claimIdx.map((i) => [i, files[i] ?? []])))) : { periods: [], claimed: [] };
  return validateProject(ingest(project, files), project, { now: "2023-01-07", maxFindings: Infinity, figures, periods, claimed, ...opts });
}

/** `[cell, code]` pairs of the findings with one of the given codes (or all), for compact assertions. */
export function cells(report: Report, codes?: readonly string[]): Array<[string | undefined, string]> {
  return report.findings.filter((f: Finding) => !codes || codes.includes(f.code)).map((f) => [f.cell ?? (f.row !== undefined ? `row ${f.row}` : undefined), f.code]);
}

/** What running one check over some rows gave: its findings as row events, as one batch, and how many rows the batch made whole. */
export interface BothWays {
  rows: Finding[];
  batch: Finding[];
  made: number;
}

/**
 * Run one check over a table's rows (values by field; rows numbered from 2) twice: row by row
 * (`row`), and as one batch (`batch`, counting the rows it asks for whole with `batch.row(i)`), each
 * run then finished with no computed figures.
 */
export function checkBothWays(check: Check, project: ProjectFile, table: Table, rows: readonly Record<string, Value | undefined>[], now = "2023-01-07"): BothWays {
  const names = shapeOf(table).names;
  const has = new Set(table.columns.map((c) => c.field));
  const dataRows: DataRow[] = rows.map((v, i) => ({ table, row: i + 2, values: Object.fromEntries(names.map((n) => [n, has.has(n) ? (v[n] ?? null) : null])) }));
  const end: EndContext = { computed: new Map(), claimed: [], periodOf: () => undefined, tally: { get: () => undefined } };
  const start = (out: Finding[]): CheckRun => {
    const ctx: CheckContext = { project, now, indicators: indexIndicators(project), formatNumber: numberFormatter(project), report: (f) => out.push(withMessage(f)) };
    const run = check.start(ctx);
    run.table?.(table);
    return run;
  };
  const byRow: Finding[] = [];
  const r = start(byRow);
  for (const row of dataRows) r.row?.(row);
  r.finish?.(end);
  const byBatch: Finding[] = [];
  const b = start(byBatch);
  const batch = batchOfRows(table, dataRows);
  const whole = batch.row.bind(batch);
  let made = 0;
  batch.row = (i: number) => {
    made++;
    return whole(i);
  };
  b.batch!(batch);
  b.finish?.(end);
  return { rows: byRow, batch: byBatch, made };
}

/** A table of a kind whose columns A, B, … are the given fields, labelled with the field names. */
export function tableOf(kind: SourceKindName, fields: readonly string[], partner = "RJ", file = "sheet.csv"): Table {
  return { file, sheet: "Sheet", kind, partner, headerRows: [1], columns: fields.map((field, i) => ({ field, letter: String.fromCharCode(65 + i), label: field })) };
}

/** `[cell or row, code]` of findings, as `cells` gives them for a report. */
export function cellsOf(findings: readonly Finding[]): Array<[string | undefined, string]> {
  return findings.map((f) => [f.cell ?? (f.row !== undefined ? `row ${f.row}` : undefined), f.code]);
}

/** A part of a stream: some rows of a table, or a total row of it. */
export type StreamPart = { table: Table; rows: readonly Record<string, Value | undefined>[] } | { table: Table; total: Record<string, Value | undefined>; subtotal?: boolean };

/**
 * The ingest events of a stream's parts twice: data rows as row events, and each part's rows as one
 * batch. Each table's rows are numbered on from 2 across its parts, total rows included.
 */
export function streamBothWays(parts: readonly StreamPart[]): { rows: IngestEvent[]; batches: IngestEvent[] } {
  const rows: IngestEvent[] = [];
  const batches: IngestEvent[] = [];
  const next = new Map<Table, number>();
  for (const part of parts) {
    const { table } = part;
    if (!next.has(table)) {
      next.set(table, 2);
      rows.push({ type: "table", table });
      batches.push({ type: "table", table });
    }
    const names = shapeOf(table).names;
    const has = new Set(table.columns.map((c) => c.field));
    const shaped = (v: Record<string, Value | undefined>): Record<string, Value> => Object.fromEntries(names.map((n) => [n, has.has(n) ? (v[n] ?? null) : null]));
    if ("total" in part) {
      const e: IngestEvent = { type: "total", total: { table, row: next.get(table)!, label: part.subtotal ? "Sub-total" : "Total", values: shaped(part.total), subtotal: part.subtotal ?? false } };
      next.set(table, next.get(table)! + 1);
      rows.push(e);
      batches.push(e);
      continue;
    }
    const data: DataRow[] = part.rows.map((v) => {
      const row = next.get(table)!;
      next.set(table, row + 1);
      return { table, row, values: shaped(v) };
    });
    for (const row of data) rows.push({ type: "row", row });
    batches.push({ type: "batch", batch: batchOfRows(table, data) });
  }
  return { rows, batches };
}
