import { ProjectFileSchema, type ProjectFile, type ProjectFileInput, type Source } from "../../src/schema/project.js";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import type { IngestEvent, InputFile, RawValue, RawWorkbook } from "../../src/schema/table.js";
import { rowsOf } from "./rows.js";
import { ingestSources, type IngestOptions } from "../../src/normalize/ingest.js";
import type { Finding } from "../../src/errors/finding.js";

/** A sheet given as a grid: `grid[0]` is row 1, `grid[r][0]` column A. */
export interface GridSheet {
  name: string;
  hidden?: boolean;
  grid: RawValue[][];
}


/** A reader that serves grids instead of parsing bytes: the contract of `readWorkbook`. */
export function gridReader(sheets: GridSheet[], format: "xlsx" | "csv" = "xlsx", findings: Finding[] = []) {
  return async (file: InputFile): Promise<RawWorkbook> => ({
    file: file.path,
    format,
    findings: [...findings],
    sheets: (async function* () {
      for (const s of sheets) {
        yield {
          name: s.name,
          hidden: s.hidden ?? false,
          rows: (async function* () {
            yield* rowsOf(s.grid);
          })(),
        };
      }
    })(),
  });
}

import { memoryFile } from "../read/helpers.js";
export { memoryFile };

/** A valid project file with one source of a kind; `source` and `project` override parts. */
export function projectWith(kind: SourceKindName, source: Partial<Source> = {}, project: Partial<ProjectFileInput> = {}): ProjectFile {
  return ProjectFileSchema.parse({
    project: { name: "Ashshash", phase: { start: "2019-11-07", end: "2023-06-30" } },
    partners: [{ code: "RJ", name: "Rights Jessore", type: "SPP" }],
    sources: [{ path: "partners/rj/data.xlsx", kind, partner: "RJ", ...source }],
    logframe: { goal: { title: "Goal" }, outcomes: [{ code: "1", title: "Outcome" }] },
    ...project,
  });
}

/** Every event of ingesting the project's first source from the given files. */
export async function ingestAll(project: ProjectFile, files: InputFile[], opts: IngestOptions = {}): Promise<IngestEvent[]> {
  const out: IngestEvent[] = [];
  for await (const e of ingestSources([{ source: project.sources[0]!, index: 0, files }], project, opts)) out.push(e);
  return out;
}

/** Ingest grids as one xlsx-like workbook of the kind. */
export async function ingestGrid(kind: SourceKindName, sheets: GridSheet[] | RawValue[][], source: Partial<Source> = {}, project: Partial<ProjectFileInput> = {}): Promise<IngestEvent[]> {
  const list = Array.isArray(sheets[0]) || sheets.length === 0 ? [{ name: "Sheet1", grid: sheets as RawValue[][] }] : (sheets as GridSheet[]);
  const p = projectWith(kind, source, project);
  return ingestAll(p, [memoryFile("partners/rj/data.xlsx", "")], { read: gridReader(list) });
}

export const findingsOf = (events: IngestEvent[]) => events.flatMap((e) => (e.type === "finding" ? [e.finding] : []));
export const rowsOfEvents = (events: IngestEvent[]) => events.flatMap((e) => (e.type === "row" ? [e.row] : []));
export const totalsOf = (events: IngestEvent[]) => events.flatMap((e) => (e.type === "total" ? [e.total] : []));
export const tablesOf = (events: IngestEvent[]) => events.flatMap((e) => (e.type === "table" ? [e.table] : []));
/** `[row, column, code]` of each finding, the projection tests assert on. */
export const projection = (events: IngestEvent[]) => findingsOf(events).map((f) => [f.row ?? null, f.column ?? null, f.code]);
