import { columnLetter, type DataRow, type IngestEvent, type RawRow, type RawValue, type TotalRow } from "../schema/table.js";
import type { Value } from "../schema/kind.js";
import { dateOrderEvidence, parseDateText } from "./dates.js";
import { foldLabel, isBlank } from "./fold.js";
import { findingAt } from "./findings.js";
import type { FieldPlan, TablePlan } from "./plan.js";
import { rowBuilder } from "./row-shape.js";
import { findTotalLabel, isTotalText, type TotalLabel } from "./totals.js";
import { CellProblem } from "./values.js";

/** Rows held back while `date_order: auto` waits for a date that settles the order. */
const HOLD_LIMIT = 10_000;
/** Rows that may be notes, held until a data row shows they are not (or the sheet ends). */
const PENDING_LIMIT = 1_000;
const NOTE_START = /^(?:prepared|checked|verified|approved|submitted|compiled|reported|signature|signed|sign|seal|stamp|note|notes|nb|n b|source|remark|remarks|comment|comments|authori[sz]ed|designation|name and signature)\b/;

/**
 * Turns the rows under a header into data rows, totals rows and findings, one row at a time.
 * Synchronous and pure: the caller feeds rows and forwards what lands in `out`.
 *
 * - A blank row is skipped; inside the data (a data row follows) it gives `blank-row` (info).
 * - A row labelled `Total`/`Sub-total`/`মোট`... with no id or date, or an unlabelled row of sums
 *   with no id, date or text, is a totals row (`total` event), never data.
 * - Rows of one text cell (or starting `Prepared by`, `Signature`, `Note`) after the last data row are
 *   notes and are dropped; followed by data they are data rows (with `missing-cell`).
 * - A row `1 2 3 4...` of column numbers under the header is skipped.
 * @example const n = new SheetNormalizer(plan); n.push(rawRow, out); n.end(out);
 */
export class SheetNormalizer {
  /** Data rows emitted so far. */
  rows = 0;
  private pending: Pending[] = [];
  /** The last physical row (or line) seen: readers skip blank rows, so a gap in row numbers is blank rows. */
  private lastRow = 0;
  private held: RawRow[] = [];
  private reportedUnlabelled = new Set<number>();

  private readonly vals: Value[];
  private readonly build: (values: readonly Value[]) => Record<string, Value>;

  constructor(private readonly plan: TablePlan) {
    this.vals = plan.fields.map(() => null);
    this.build = rowBuilder(plan.fields.map((f) => f.name));
  }

  /** Take one physical row (below the header); push what it yields onto `out`. */
  push(raw: RawRow, out: IngestEvent[]): void {
    if (this.plan.autoDates && this.plan.dates.order === undefined) {
      const evidence = this.dateEvidence(raw);
      if (evidence) {
        this.plan.dates.order = evidence;
        this.flushHeld(out);
      } else if (this.held.length > 0 || this.hasAmbiguousDate(raw)) {
        this.held.push(raw);
        if (this.held.length >= HOLD_LIMIT) this.flushHeld(out);
        return;
      }
    }
    this.classify(raw, out);
  }

  /**
   * Whether a data row starting on `line` may skip `push` (see `SpanDecoder`): a row has been read,
   * nothing is held back (notes, blank rows, rows waiting for the date order) and no blank rows lie
   * between the last row and this one. A row that skips `push` must be plain data: no findings, not
   * a total, a note or a repeated header; it is then reported with `tookPlain`.
   */
  acceptsPlain(line: number): boolean {
    return this.rows > 0 && line <= this.lastRow + 1 && this.pending.length === 0 && this.held.length === 0 && !(this.plan.autoDates && this.plan.dates.order === undefined);
  }

  /** `count` plain data rows (1 by default), the last on `line` spanning `lines` lines, were read without `push`. */
  tookPlain(line: number, lines: number, count = 1): void {
    this.lastRow = line + lines - 1;
    this.rows += count;
  }

  /** The sheet ended: rows still held are read as they are; trailing blanks and notes are dropped. */
  end(out: IngestEvent[]): void {
    this.flushHeld(out);
    this.pending = [];
  }

  private flushHeld(out: IngestEvent[]): void {
    const held = this.held;
    this.held = [];
    for (const raw of held) this.classify(raw, out);
  }

  private classify(raw: RawRow, out: IngestEvent[]): void {
    const cells = raw.cells;
    const gapFrom = this.lastRow > 0 && raw.row > this.lastRow + 1 ? this.lastRow + 1 : 0;
    // A CSV record with quoted line breaks covers several physical lines: none of them is blank.
    this.lastRow = raw.row + (raw.lines ?? 1) - 1;
    if (gapFrom > 0) this.pending.push({ blank: [gapFrom, raw.row - 1] });
    if (cells.every(isBlank)) {
      this.pending.push({ blank: [raw.row, raw.row] });
      return;
    }
    if (this.rows === 0 && this.pending.length === 0 && isColumnNumbers(cells)) return;
    const total = this.totalOf(raw);
    // A repeated lower header row (`Female | Male | Total`) reads like a totals row; it is neither.
    if (total && this.repeatsHeader(cells)) return;
    if (total) {
      this.flushPending(out, false);
      out.push({ type: "total", total: this.totalRow(raw, total.label, total.subtotal, out) });
      return;
    }
    if (this.isNoteCandidate(cells) && this.pending.length < PENDING_LIMIT) {
      this.pending.push({ raw });
      return;
    }
    this.flushPending(out, true);
    this.emitData(raw, out);
  }

  /** Rows held as possible notes or blanks turn out to be inside the data. */
  private flushPending(out: IngestEvent[], dataFollows: boolean): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if (p.raw) this.emitData(p.raw, out);
      else if (dataFollows && this.rows > 0) {
        const [from, to] = p.blank;
        const message = from === to ? `row ${from} is blank` : `rows ${from}-${to} are blank`;
        out.push({ type: "finding", finding: findingAt(this.plan.place, "blank-row", message, { row: from }) });
      }
    }
  }

  private emitData(raw: RawRow, out: IngestEvent[]): void {
    const { fields, place } = this.plan;
    const cells = raw.cells;
    const row = raw.row;
    const vals = this.vals;
    const before = out.length;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.index < 0) {
        vals[i] = null;
        continue;
      }
      const r = f.coerce(cells[f.index] ?? null);
      if (r instanceof CellProblem) {
        vals[i] = r.value;
        this.report(r, f, raw, out);
      } else {
        vals[i] = r;
        if (r === null && f.required) {
          out.push({ type: "finding", finding: findingAt(place, "missing-cell", `${f.name.replace(/_/g, " ")} is blank`, { row, cell: `${f.letter}${row}`, column: f.name }) });
        }
      }
    }
    // Two or more problems: perhaps the header again (sheets printed with a header on every page).
    if (out.length - before >= 2 && this.repeatsHeader(cells)) {
      out.length = before;
      return;
    }
    this.checkUnlabelled(raw, out);
    this.rows++;
    const data: DataRow = { table: this.plan.table, row, values: this.build(vals) };
    out.push({ type: "row", row: data });
  }

  private repeatsHeader(cells: readonly RawValue[]): boolean {
    let same = 0;
    for (const f of this.plan.fields) {
      const v = f.index >= 0 ? cells[f.index] : undefined;
      if (typeof v === "string" && f.header.includes(foldLabel(v)) && ++same >= 2) return true;
    }
    return false;
  }

  private report(p: CellProblem, f: FieldPlan, raw: RawRow, out: IngestEvent[]): void {
    const detail = { row: raw.row, cell: `${f.letter}${raw.row}`, column: f.name, actual: actualOf(raw.cells[f.index]) };
    out.push({ type: "finding", finding: findingAt(this.plan.place, p.code, p.message, detail) });
  }

  // Data under a blank header is ignored, once reported (never with its value: it may be personal).
  private checkUnlabelled(raw: RawRow, out: IngestEvent[]): void {
    const { unlabelled, width, place } = this.plan;
    const cells = raw.cells;
    if (unlabelled.length === 0 && cells.length <= width) return;
    const report = (i: number) => {
      if (this.reportedUnlabelled.has(i) || isBlank(cells[i] ?? null)) return;
      this.reportedUnlabelled.add(i);
      const letter = columnLetter(i);
      out.push({ type: "finding", finding: findingAt(place, "missing-label", `column ${letter} has data but no header; it is ignored`, { row: raw.row, cell: `${letter}${raw.row}` }) });
    };
    for (const i of unlabelled) report(i);
    for (let i = width; i < cells.length; i++) report(i);
  }

  private totalOf(raw: RawRow): { label: string; subtotal: boolean } | undefined {
    const { keys, fields } = this.plan;
    const cells = raw.cells;
    // A totals row has no id or date, except its label standing in one: most rows stop here.
    let keyed = -1;
    for (const k of keys) {
      if (isBlank(cells[k] ?? null)) continue;
      if (keyed >= 0) return undefined;
      keyed = k;
    }
    let label: TotalLabel | undefined;
    if (keyed >= 0) {
      const v = cells[keyed];
      const t = typeof v === "string" ? isTotalText(v) : undefined;
      label = t ? { index: keyed, label: (v as string).trim(), subtotal: t.subtotal } : undefined;
      if (!label) return undefined;
    } else label = findTotalLabel(cells);
    if (!label) {
      // An unlabelled row of sums inside the data: no id, no date, no text, two or more numbers.
      if (this.rows === 0) return undefined;
      let numbers = 0;
      for (const f of fields) {
        if (f.index < 0) continue;
        const v = cells[f.index] ?? null;
        if (isBlank(v)) continue;
        if (!f.numeric) return undefined;
        numbers++;
      }
      if (numbers < 2) return undefined;
    }
    return { label: label?.label ?? "", subtotal: label?.subtotal ?? false };
  }

  // A totals row keeps its figures only; a bad figure in it is reported like any cell.
  private totalRow(raw: RawRow, label: string, subtotal: boolean, out: IngestEvent[]): TotalRow {
    const values: Record<string, Value> = {};
    for (const f of this.plan.fields) {
      values[f.name] = null;
      if (!f.numeric || f.index < 0) continue;
      const r = f.coerce(raw.cells[f.index] ?? null);
      values[f.name] = r instanceof CellProblem ? r.value : r;
      if (r instanceof CellProblem) this.report(r, f, raw, out);
    }
    return { table: this.plan.table, row: raw.row, label, values, subtotal };
  }

  private isNoteCandidate(cells: readonly RawValue[]): boolean {
    let count = 0;
    let first: RawValue = null;
    let firstIndex = -1;
    for (let i = 0; i < cells.length; i++) {
      if (isBlank(cells[i] ?? null)) continue;
      if (++count > 3) return false;
      if (count === 1) {
        first = cells[i]!;
        firstIndex = i;
      }
    }
    if (typeof first !== "string") return false;
    if (count === 1 && !this.plan.required.has(firstIndex)) return true;
    return first.trim().startsWith("*") || NOTE_START.test(foldLabel(first));
  }

  private dateEvidence(raw: RawRow) {
    for (const f of this.plan.fields) {
      if (!f.date || f.index < 0) continue;
      const v = raw.cells[f.index];
      if (typeof v === "string") {
        const e = dateOrderEvidence(v);
        if (e) return e;
      }
    }
    return undefined;
  }

  private hasAmbiguousDate(raw: RawRow): boolean {
    return this.plan.fields.some((f) => {
      const v = f.date && f.index >= 0 ? raw.cells[f.index] : undefined;
      if (typeof v !== "string") return false;
      const r = parseDateText(v, undefined);
      return "fail" in r && r.fail === "ambiguous-date";
    });
  }
}

/** A row held until the rows after it say what it is: a possible note, or blank rows (`[from, to]`). */
type Pending = { raw: RawRow; blank?: undefined } | { raw?: undefined; blank: [number, number] };

/** `1 2 3 4 ...`: a row numbering the columns under a header (common in report annexes). */
function isColumnNumbers(cells: readonly RawValue[]): boolean {
  let expect = 1;
  for (const v of cells) {
    if (isBlank(v ?? null)) continue;
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v.trim().replace(/^\((\d+)\)$/, "$1")) : NaN;
    if (n !== expect) return false;
    expect++;
  }
  return expect > 3;
}

// The text of a bad cell, for `actual` (only cells of non-identifying fields get here).
function actualOf(v: RawValue | undefined): string | number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" || typeof v === "number") return v;
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString();
  return v.error;
}
