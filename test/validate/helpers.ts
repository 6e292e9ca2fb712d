import ExcelJS from "exceljs";
import { createEngine } from "../../src/aggregate/engine.js";
import { parsePeriod } from "../../src/aggregate/periods.js";
import type { Finding } from "../../src/errors/finding.js";
import type { Report } from "../../src/errors/report.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import { ProjectFileSchema, type ProjectFile, type ProjectFileInput } from "../../src/schema/project.js";
import type { IngestEvent, InputFile, SourceFiles } from "../../src/schema/table.js";
import { scanClaims, validateProject, type ValidateOptions } from "../../src/validate/run.js";

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
