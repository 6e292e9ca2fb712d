/** Excel's grid: 1,048,576 rows by 16,384 columns (A..XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

const encoder = new TextEncoder();

/** A cell reference such as `B7` → 0-based column and 1-based row; undefined if malformed or off the grid. */
export function parseCellRef(ref: string): { col: number; row: number } | undefined {
  const b = encoder.encode(ref);
  const col = cellColumnAt(b, 0, b.length);
  // A well-formed reference is letters then digits: the row starts at the first digit.
  return col === -1 ? undefined : { col, row: digitsAt(b, b.findIndex((c) => c >= 48 && c <= 57), b.length)! };
}

/** The 0-based column of a well-formed cell reference (`B7` → 1), or -1 as `parseCellRef` would give undefined. */
export function cellColumn(ref: string): number {
  const b = encoder.encode(ref);
  return cellColumnAt(b, 0, b.length);
}

/** `cellColumn` of the reference written in `b[from..to)` as UTF-8; makes nothing (read per cell). */
export function cellColumnAt(b: Uint8Array, from: number, to: number): number {
  let i = from;
  let col = 0;
  while (i < to && i < from + 4) {
    const c = b[i]! | 0x20; // lower-case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    i++;
  }
  if (i === from || col > MAX_COL || digitsAt(b, i, to) === undefined) return -1;
  return col - 1;
}

/** A row number attribute (`r="12"`), or undefined when malformed or off the grid. */
export function parseRowNumber(r: string): number | undefined {
  const b = encoder.encode(r);
  return digitsAt(b, 0, b.length);
}

/** `parseRowNumber` of the number written in `b[from..to)`. */
export function rowNumberAt(b: Uint8Array, from: number, to: number): number | undefined {
  return digitsAt(b, from, to);
}

/** `b[from..to)` as a row number 1..MAX_ROW written without sign or leading zero, else undefined. */
function digitsAt(b: Uint8Array, from: number, to: number): number | undefined {
  if (to - from > 7 || b[from] === 48 || b[from] === 45) return undefined; // too long, a leading zero, a sign
  const v = wholeNumberAt(b, from, to);
  return v <= MAX_ROW ? v : undefined; // NaN too
}

/**
 * `b[from..to)` as a whole number when it is written as one (an optional minus and 1 to 15 digits,
 * so the number is exact): the same number `Number()` gives for that text. NaN for anything else.
 */
export function wholeNumberAt(b: Uint8Array, from: number, to: number): number {
  const neg = b[from] === 45;
  const start = neg ? from + 1 : from;
  if (to - start < 1 || to - start > 15) return NaN;
  let n = 0;
  for (let i = start; i < to; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return neg ? -n : n;
}

const DAY_MS = 86_400_000;
/** 1899-12-30, the day before Excel's serial 1 in the 1900 system once its 1900-02-29 bug is skipped. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial date as a UTC `Date` (midnight for whole days). In the 1900 system serials below 61
 * are shifted by one day because Excel counts the non-existent 1900-02-29 (serial 60).
 */
export function serialToDate(serial: number, date1904: boolean): Date | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return undefined; // after 9999-12-31
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * DAY_MS));
  const s = serial < 61 ? serial + 1 : serial;
  return new Date(EPOCH_1900 + Math.round(s * DAY_MS));
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, plus the East Asian date ids). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/**
 * Whether a number format shows a date (a day, month or year), as opposed to a number, a time of day
 * or a duration. Quoted text, escaped characters, colours and locale tags are ignored.
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATE_FORMATS.has(id);
  const section = code.split(";")[0] ?? "";
  const unquoted = section.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/_./g, "").replace(/\*./g, "").toLowerCase();
  const bare = unquoted.replace(/\[[^\]]*\]/g, "");
  if (/[dy]/.test(bare)) return true;
  // `m` alone is a month (mmm yyyy); next to h or s, or elapsed [h], it is minutes.
  return /m/.test(bare) && !/[hs]/.test(unquoted.replace(/\[\$[^\]]*\]|\[(red|blue|green|black|white|cyan|magenta|yellow|color\d+)\]/g, "")) && !/[0#?]/.test(bare);
}

/** Undo OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return; `_x005F_` escapes an underscore). */
export function unescapeOoxml(s: string): string {
  if (s.indexOf("_x") === -1) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An ISO 8601 date or date-time of a `t="d"` cell as a UTC Date (no zone means wall-clock UTC). */
export function parseIsoDate(s: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s.trim());
  if (!m) {
    const t = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(s.trim());
    if (!t) return undefined;
    return new Date(Date.UTC(1899, 11, 30, Number(t[1]), Number(t[2]), Number(t[3] ?? 0), Math.round(Number(t[4] ?? 0) * 1000)));
  }
  const ms = Math.round(Number(m[7] ?? 0) * 1000);
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  let offset = 0;
  if (m[8] && m[8] !== "Z") {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(m[8])!;
    offset = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  const d = new Date(utc - offset);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
