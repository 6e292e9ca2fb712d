import type { Finding } from "../errors/finding.js";
import type { RawRow } from "../schema/table.js";
import type { ResolvedReadOptions } from "./options.js";
import { fmt, readFinding } from "./problem.js";
import { openWorkbook, type SheetPlan } from "./xlsx-guard.js";
import { readDateStyles, readSharedStrings } from "./xlsx-parts.js";
import { readSheet } from "./xlsx-sheet.js";
import type { ZipSource } from "./zip.js";

/** Where an xlsx read goes: sheets in order, each followed by its row batches and `endSheet`. */
export interface XlsxSink {
  sheet(name: string, hidden: boolean): void;
  rows(batch: RawRow[]): Promise<void> | void;
  endSheet(): void;
  finding(f: Finding): void;
  /** The consumer has moved past the current sheet: stop reading it. */
  skipped(): boolean;
}

/**
 * Read an xlsx, held in memory or read in place from its file, into `sink`: guard and plan the
 * package, load shared strings and date styles, then stream each worksheet. Problems that stop the
 * read are thrown (`ReadProblem`); warnings go to `sink.finding`. Runs inside the reader worker (see
 * `xlsx.ts`), but has no dependency on it, so tests can call it directly.
 */
export async function readXlsxPackage(source: ZipSource, path: string, opts: ResolvedReadOptions, sink: XlsxSink): Promise<void> {
  const { zip, plan } = await openWorkbook(source, opts);
  try {
    if (plan.repaired.length > 0)
      sink.finding(
        readFinding("package-repaired", path, `the xlsx package lacks ${plan.repaired.join(" and ")}, which Excel always writes; the sheets were found by their part names. Check the figures against the file`),
      );
    const sst = plan.sharedStrings ? await readSharedStrings(zip, plan.sharedStrings, opts) : undefined;
    const dateStyles = plan.styles ? await readDateStyles(zip, plan.styles, opts) : [];
    const worksheets = choose(plan.sheets, opts.sheet);
    if (worksheets === undefined) {
      const names = plan.sheets.map((s) => s.name);
      sink.finding(
        readFinding("sheet-not-found", path, `the workbook has no sheet "${opts.sheet}" (sheets: ${names.length ? names.join(", ") : "none"})`, { sheet: opts.sheet ?? "" }),
      );
      return;
    }
    let rows = 0;
    for (const s of worksheets) {
      sink.sheet(s.name, s.hidden);
      rows += await readSheet(
        zip,
        { sheet: s.name, part: s.part!, sst, dateStyles, date1904: plan.date1904, opts },
        { rows: (b) => sink.rows(b), warn: (code, message, place) => sink.finding(readFinding(code, path, message, place)), skipped: () => sink.skipped() },
      );
      sink.endSheet();
    }
    if (rows === 0) {
      const n = worksheets.length;
      const others = plan.sheets.length - plan.sheets.filter((s) => s.kind === "worksheet").length;
      const message =
        opts.sheet !== undefined
          ? `sheet "${opts.sheet}" has no cells with a value`
          : n === 0
            ? `the workbook has no worksheets${others ? ` (only ${fmt(others)} chart, dialog or macro sheet${others === 1 ? "" : "s"})` : ""}`
            : `the workbook has no cells with a value (${fmt(n)} worksheet${n === 1 ? "" : "s"}, all blank)`;
      sink.finding(readFinding("file-empty", path, message, opts.sheet !== undefined ? { sheet: opts.sheet } : {}));
    }
  } finally {
    zip.close();
  }
}

/** The worksheets to read: all of them, or the one named (exactly, else ignoring case and outer spaces). */
function choose(sheets: SheetPlan[], wanted: string | undefined): SheetPlan[] | undefined {
  const worksheets = sheets.filter((s) => s.kind === "worksheet");
  if (wanted === undefined) return worksheets;
  const norm = (s: string) => s.trim().toLowerCase();
  const hit = worksheets.find((s) => s.name === wanted) ?? worksheets.find((s) => norm(s.name) === norm(wanted));
  return hit ? [hit] : undefined;
}
