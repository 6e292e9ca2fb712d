import type { FindingCode } from "../errors/catalog.js";
import { columnLetter, type RawRow, type RawValue } from "../schema/table.js";
import type { ResolvedReadOptions } from "./options.js";
import { fmt, ReadProblem, type Place } from "./problem.js";
import { parseXml, type XmlAttrs } from "./xml.js";
import type { SharedStrings } from "./xlsx-parts.js";
import { cellColumnAt, parseIsoDate, rowNumberAt, serialToDate, unescapeOoxml, wholeNumberAt } from "./xlsx-values.js";
import type { ZipPackage } from "./zip.js";

/** What reading one worksheet needs to know about the workbook. */
export interface SheetContext {
  sheet: string;
  part: string;
  sst: SharedStrings | undefined;
  dateStyles: boolean[];
  date1904: boolean;
  opts: ResolvedReadOptions;
}

/** Where a worksheet's rows go. `rows` may return a promise to slow the reader down (flow control). */
export interface RowSink {
  rows(batch: RawRow[]): Promise<void> | void;
  warn(code: FindingCode, message: string, place: Place): void;
  /** The consumer no longer wants this sheet's rows. */
  skipped(): boolean;
}

const BATCH_ROWS = 250;
const BATCH_CELLS = 12_500;

/**
 * Stream one worksheet's rows, in order, with real Excel row numbers (rows may be sparse; rows and
 * cells without `r=` are numbered by position). Only `<sheetData>` is read: merges, validations,
 * column ranges and conditional formats are never expanded, so range-amplification bombs cost nothing.
 * Rows with no value are left out. Throws a `ReadProblem` on damage or when a limit is passed.
 */
export async function readSheet(zip: ZipPackage, ctx: SheetContext, sink: RowSink): Promise<number> {
  const { sheet, sst, dateStyles, date1904, opts } = ctx;
  const { max_rows, max_columns } = opts.limits;
  const maxChars = opts.maxCellChars;
  const at = (cell?: string, row?: number): Place => ({ sheet, ...(cell ? { cell } : {}), ...(row !== undefined ? { row } : {}) });

  let inData = false;
  let rowNum = 0;
  let cells: RawValue[] = [];
  let filled = 0;
  let col = -1;
  let type = "n";
  let style = 0;
  let hasF = false;
  let hasV = false;
  let v = "";
  /** `<v>` read as a whole number from its bytes, without a string (most cells): its value and how many bytes it had. */
  let vNum = 0;
  let vNumBytes = 0;
  let f = "";
  let inline = "";
  let inV = false;
  let inF = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let inIsSeen = false;

  let emitted = 0;
  let batch: RawRow[] = [];
  let batchCells = 0;
  const noValue = { count: 0, first: "", formula: "" };
  const noSst = { count: 0, first: "" };

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    batchCells = 0;
    await sink.rows(b);
  };

  // The current cell's reference, made only for a message (not for every cell read).
  const cellRef = (): string => `${columnLetter(col)}${rowNum}`;

  const text = (s: string): string => {
    if (s.length > maxChars) {
      const where = cellRef();
      throw new ReadProblem("sheet-too-large", `${sheet}!${where} holds more than ${fmt(maxChars)} characters, the most an Excel cell can hold: the file was not written by Excel`, at(where));
    }
    return s;
  };

  /** `<v>` as written, when it was read as a number (for a message, or when more text follows). */
  const vWritten = (): string => {
    if (vNumBytes === 0) return v;
    const minus = vNum < 0 || Object.is(vNum, -0);
    // Only digits were written, so their count gives back any leading zeros.
    return (minus ? "-" : "") + String(Math.abs(vNum)).padStart(minus ? vNumBytes - 1 : vNumBytes, "0");
  };

  const sharedString = (index: number): RawValue => {
    if (!sst) {
      if (noSst.count++ === 0) noSst.first = cellRef();
      return null;
    }
    const s = sst.at(index);
    if (s === undefined) {
      const ref = cellRef();
      throw new ReadProblem("read-failed", `${sheet}!${ref} refers to shared string ${vWritten()}, but the table has ${fmt(sst.length)}: the workbook is damaged`, at(ref));
    }
    if (typeof s === "number") {
      const ref = cellRef();
      throw new ReadProblem("sheet-too-large", `${sheet}!${ref} holds ${fmt(s)} characters, more than the ${fmt(maxChars)} an Excel cell can hold: the file was not written by Excel`, at(ref));
    }
    return s === "" ? null : s;
  };

  const cellValue = (): RawValue => {
    if (vNumBytes > 0) {
      if (type === "s") return sharedString(vNum);
      return dateStyles[style] ? (serialToDate(vNum, date1904) ?? vNum) : vNum;
    }
    switch (type) {
      case "s": {
        if (!hasV || v === "") return null;
        return sharedString(Number(v));
      }
      case "inlineStr": {
        const s = text(unescapeOoxml(inIsSeen ? inline : v));
        return s === "" ? null : s;
      }
      case "str": {
        if (!hasV) break;
        const s = text(unescapeOoxml(v));
        return s === "" ? null : s;
      }
      case "b":
        if (!hasV || v === "") break;
        return v === "1" || v.toLowerCase() === "true";
      case "e":
        if (!hasV || v === "") break;
        return { error: v.trim() };
      case "d": {
        if (!hasV || v === "") break;
        return parseIsoDate(v) ?? text(v);
      }
      default: {
        if (!hasV || v.trim() === "") break;
        const n = Number(v);
        if (Number.isNaN(n)) return text(v);
        if (dateStyles[style]) return serialToDate(n, date1904) ?? n;
        return n;
      }
    }
    if (hasF && !hasV) {
      if (noValue.count++ === 0) {
        noValue.first = cellRef();
        noValue.formula = f.slice(0, 80);
      }
    }
    return null;
  };

  const bad = (what: string, value: string, cell?: string): never => {
    throw new ReadProblem("read-failed", `${sheet}: ${what} "${value}" is outside the grid (A1 to XFD1048576) or malformed: the workbook is damaged`, at(cell, rowNum || undefined));
  };

  const parse = parseXml(
    zip.stream(ctx.part),
    ctx.part,
    {
      open(name, a) {
        if (!inData) {
          if (name === "sheetData") inData = true;
          return;
        }
        switch (name) {
          case "row": {
            const k = a.index("r");
            const n = k === -1 ? rowNum + 1 : (rowNumberAt(a.bytes(k), a.start(k), a.end(k)) ?? bad("row number", a.value(k)));
            if (n <= rowNum) throw new ReadProblem("read-failed", `${sheet}: row ${n} comes after row ${rowNum}; rows are out of order: the workbook is damaged`, at(undefined, n));
            rowNum = n;
            cells = [];
            filled = 0;
            col = -1;
            break;
          }
          case "c": {
            const k = a.index("r");
            let c: number;
            if (k === -1) c = col + 1;
            else {
              c = cellColumnAt(a.bytes(k), a.start(k), a.end(k));
              if (c === -1) return bad("cell reference", a.value(k), a.value(k));
            }
            if (c <= col) {
              const ref = k === -1 ? columnLetter(c) + rowNum : a.value(k);
              throw new ReadProblem("read-failed", `${sheet}!${ref}: cells of row ${rowNum} are out of order or repeated: the workbook is damaged`, at(k === -1 ? undefined : ref, rowNum));
            }
            col = c;
            const t = a.index("t");
            type = t === -1 ? "n" : a.value(t);
            style = styleOf(a);
            hasF = hasV = inIsSeen = false;
            v = f = inline = "";
            vNumBytes = 0;
            break;
          }
          case "v":
            inV = hasV = true;
            break;
          case "f":
            inF = hasF = true;
            break;
          case "is":
            inIs = inIsSeen = true;
            break;
          case "rPh":
            phonetic++;
            break;
          case "t":
            if (inIs && phonetic === 0) inT = true;
            break;
        }
      },
      close(name) {
        if (!inData) return;
        switch (name) {
          case "sheetData":
            inData = false;
            break;
          case "v":
            inV = false;
            break;
          case "f":
            inF = false;
            break;
          case "is":
            inIs = false;
            break;
          case "rPh":
            phonetic--;
            break;
          case "t":
            inT = false;
            break;
          case "c": {
            const value = cellValue();
            if (value !== null) {
              cells[col] = value;
              filled++;
            }
            break;
          }
          case "row": {
            if (filled === 0) break;
            if (filled > max_columns)
              throw new ReadProblem("sheet-too-large", `${sheet} row ${rowNum} has ${fmt(filled)} filled cells; the limit is ${fmt(max_columns)} (limits.max_columns). Reading stopped there: the sheet is incomplete`, at(undefined, rowNum));
            if (++emitted > max_rows)
              throw new ReadProblem("sheet-too-large", `${sheet} has more than ${fmt(max_rows)} rows (limits.max_rows); reading stopped at row ${fmt(rowNum)}: the sheet is incomplete`, at(undefined, rowNum));
            for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
            batch.push({ row: rowNum, cells });
            batchCells += cells.length;
            break;
          }
        }
      },
      text(t) {
        // Checked as the text grows, so one hostile cell cannot fill the heap before its end tag.
        if (inV) {
          if (v === "" && vNumBytes === 0 && (type === "n" || type === "s")) {
            vNum = wholeNumberAt(t.bytes, t.start, t.end);
            if (!Number.isNaN(vNum)) {
              vNumBytes = t.end - t.start;
              return;
            }
          }
          if (vNumBytes > 0) {
            v = vWritten();
            vNumBytes = 0;
          }
          v += t.string();
          if (v.length > maxChars) text(v);
        } else if (inT) {
          inline += t.string();
          if (inline.length > maxChars) text(inline);
        } else if (inF && f.length < 200) f += t.string();
      },
      async afterChunk() {
        if (batch.length >= BATCH_ROWS || batchCells >= BATCH_CELLS) await flush();
        return sink.skipped();
      },
    },
    opts.maxXmlDepth,
  );
  try {
    await parse;
  } catch (err) {
    // A damaged part or bad XML is a problem of this sheet: say which.
    if (err instanceof ReadProblem && err.place.sheet === undefined) throw new ReadProblem(err.code, err.message, { ...err.place, sheet });
    throw err;
  } finally {
    // Rows read before a problem are delivered before the problem is reported.
    await flush();
  }
  if (noValue.count > 0)
    sink.warn(
      "formula-no-value",
      `${fmt(noValue.count)} formula cell${noValue.count === 1 ? " has" : "s have"} no saved value and read${noValue.count === 1 ? "s" : ""} as blank (first: ${noValue.first} =${noValue.formula}); open and save the file in Excel to calculate ${noValue.count === 1 ? "it" : "them"}`,
      at(noValue.first),
    );
  if (noSst.count > 0)
    sink.warn(
      "package-repaired",
      `${fmt(noSst.count)} text cell${noSst.count === 1 ? "" : "s"} refer to a shared-strings table the file does not have; they read as blank (first: ${noSst.first})`,
      at(noSst.first),
    );
  return emitted;
}

/** A cell's style index (`s="3"`); 0 when absent, NaN when malformed (not a date style, then). */
function styleOf(a: XmlAttrs): number {
  const k = a.index("s");
  if (k === -1) return 0;
  const n = wholeNumberAt(a.bytes(k), a.start(k), a.end(k));
  return Number.isNaN(n) ? Number(a.value(k)) : n;
}

