import { readFileSync } from "node:fs";
import path from "node:path";
import type { Finding } from "../../src/errors/finding.js";
import { readWorkbook, type ReadOptions } from "../../src/read/index.js";
import { CORPUS_DIR, corpusEntries, corpusFile, type CorpusEntry } from "./corpus-files.js";

/** Limits the corpus is read under: the project defaults, with a shorter time budget so one bomb cannot eat the run. */
export const CORPUS_LIMITS: ReadOptions["limits"] = { seconds_per_file: 10 };

/** Longest a single file may take in the walk before it counts as a hang (the reader's own budget is shorter). */
export const FILE_TIMEOUT_MS = 30_000;

/** What reading one corpus file gave. */
export interface Outcome extends CorpusEntry {
  sheets: number;
  rows: number;
  ms: number;
  findings: Pick<Finding, "code" | "severity" | "message" | "file" | "sheet" | "row" | "cell">[];
  /** Set when the read did not finish within FILE_TIMEOUT_MS or threw (both are reader bugs). */
  failure?: string;
  /** For csv-spectrum files: the records as objects keyed by the header row. */
  records?: Record<string, string>[];
  /** Resident memory of the process after the file (MB). */
  rssMb: number;
}

/** Read every corpus data file through `readWorkbook`, consuming every row. */
export async function walkCorpus(only?: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const e of corpusEntries()) {
    if (only && !e.file.includes(only)) continue;
    out.push(await readOne(e));
  }
  return out;
}

async function readOne(e: CorpusEntry): Promise<Outcome> {
  const started = performance.now();
  const o: Outcome = { ...e, sheets: 0, rows: 0, ms: 0, findings: [], rssMb: 0 };
  const spectrum = e.file.startsWith("csv/spectrum/");
  const table: (string | null)[][] = [];
  const work = (async () => {
    const wb = await readWorkbook(corpusFile(e.file), { limits: CORPUS_LIMITS });
    for await (const sheet of wb.sheets) {
      o.sheets++;
      for await (const row of sheet.rows) {
        o.rows++;
        if (spectrum) table.push(row.cells.map((c) => (c === null ? null : String(c))));
      }
    }
    o.findings = wb.findings.map(({ code, severity, message, file, sheet, row, cell }) => ({ code, severity, message, file, sheet, row, cell }));
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${FILE_TIMEOUT_MS / 1000} s`)), FILE_TIMEOUT_MS);
  });
  try {
    await Promise.race([work, timeout]);
  } catch (err) {
    o.failure = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } finally {
    clearTimeout(timer);
  }
  if (spectrum) o.records = toRecords(table);
  o.ms = Math.round(performance.now() - started);
  o.rssMb = Math.round(process.memoryUsage().rss / 1048576);
  return o;
}

/** csv-spectrum's shape: one object per record after the header, keyed by the header's fields. */
function toRecords(table: (string | null)[][]): Record<string, string>[] {
  const [header, ...rows] = table;
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h ?? "", r[i] ?? ""])));
}

/** The expected records of a csv-spectrum file (its `.json` twin). */
export function spectrumExpected(file: string): unknown {
  return JSON.parse(readFileSync(path.join(CORPUS_DIR, file.replace(/\.csv$/, ".json")), "utf8"));
}
