import { DateTime, Info } from "luxon";

/** Which part of `07/11/2019` is the day: `dmy` (Bangladesh, the default) or `mdy`. */
export type DateOrder = "dmy" | "mdy";

/** A date read: an ISO day, or why not. */
export type DateReading = { iso: string } | { fail: "bad-date" | "ambiguous-date" };

/** Excel serial numbers accepted as dates (a count of 12 in a date column is not 1900-01-12). */
export interface SerialWindow {
  from: string;
  to: string;
}
export const DEFAULT_SERIAL_WINDOW: SerialWindow = { from: "1990-01-01", to: "2100-12-31" };

const DAY_MS = 86_400_000;
const BAD = { fail: "bad-date" } as const;
const AMBIGUOUS = { fail: "ambiguous-date" } as const;

/** ISO `YYYY-MM-DD` of a valid calendar day, or undefined (31 February, month 13). */
export function isoDay(y: number, m: number, d: number): string | undefined {
  if (!DateTime.utc(y, m, d).isValid) return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The day of an Excel serial number in the 1900 date system, keeping Excel's 1900 leap-year bug
 * (serial 60 is the 29 February 1900 that never was; later serials are one day ahead of a plain count).
 * Fractions (times) are dropped. Undefined outside the window.
 * @example serialToIso(43776) // "2019-11-07"
 */
export function serialToIso(serial: number, window: SerialWindow = DEFAULT_SERIAL_WINDOW): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const days = Math.floor(serial);
  if (days === 60 || days < 1) return undefined;
  const base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const iso = new Date(base + days * DAY_MS).toISOString().slice(0, 10);
  return iso >= window.from && iso <= window.to ? iso : undefined;
}

/** Days already formatted by `dateToIso` ("" for a day before 1900): a column holds few distinct days, each read many times. */
const isoOfDay = new Map<number, string>();
const MAX_DAYS_KEPT = 4096;

/** The UTC day of a Date (xlsx date cells are read as UTC midnights); undefined before 1900 (a zero formatted as a date). */
export function dateToIso(d: Date): string | undefined {
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  const day = Math.floor(t / DAY_MS);
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    const full = new Date(day * DAY_MS).toISOString().slice(0, 10);
    iso = full >= "1900-01-01" ? full : "";
    if (isoOfDay.size >= MAX_DAYS_KEPT) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso === "" ? undefined : iso;
}

// 07/11/2019, 7.11.2019, 07-11-19, 2019-11-07, 2019/11/07; a time after it is ignored.
const NUMERIC = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const TIME = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]\.?m\.?)?(?:z|[+-]\d{2}:?\d{2})?)$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Which order the numeric dates of a column must be in, from one cell: `25/03/2021` can only be
 * day-first, `03/25/2021` only month-first; undefined when the text says nothing.
 */
export function dateOrderEvidence(text: string): DateOrder | undefined {
  const m = NUMERIC.exec(text.trim().replace(TIME, ""));
  if (!m || m[1]!.length === 4) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && a <= 31 && b <= 12) return "dmy";
  if (b > 12 && b <= 31 && a <= 12) return "mdy";
  return undefined;
}

/**
 * Read a text date. Numeric dates follow `order` (undefined: `auto` with no evidence yet, where a date
 * that reads two ways is `ambiguous-date`, never a guess). Month names are read in any position
 * (`7-Nov-19`, `7 Nov 2019`, `Nov 7, 2019`, `07-November-2019`); two-digit years are 2000-2069 or
 * 1970-1999; `20191107` and `2019-11-07T00:00:00` are read too.
 * @example parseDateText("07/11/2019", "dmy") // { iso: "2019-11-07" }
 */
export function parseDateText(text: string, order: DateOrder | undefined): DateReading {
  const t = text.trim().replace(TIME, "").trim();
  const num = NUMERIC.exec(t);
  if (num) return numericDate(Number(num[1]), Number(num[3]), num[4]!, num[1]!.length === 4, order);
  const compact = COMPACT.exec(t);
  if (compact) return reading(isoDay(Number(compact[1]), Number(compact[2]), Number(compact[3])));
  return namedMonthDate(t);
}

function numericDate(a: number, b: number, last: string, yearFirst: boolean, order: DateOrder | undefined): DateReading {
  if (yearFirst) return last.length > 2 ? BAD : reading(isoDay(a, b, Number(last)));
  if (last.length === 3) return BAD;
  const y = fullYear(Number(last), last.length);
  if (order === undefined) {
    if (a === b || a > 12 || b > 12) return reading(a > 12 ? isoDay(y, b, a) : isoDay(y, a, b));
    return AMBIGUOUS;
  }
  return reading(order === "dmy" ? isoDay(y, b, a) : isoDay(y, a, b));
}

function fullYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

function reading(iso: string | undefined): DateReading {
  return iso ? { iso } : BAD;
}

let monthNames: Map<string, number> | undefined;
function months(): Map<string, number> {
  if (!monthNames) {
    monthNames = new Map();
    for (const style of ["short", "long"] as const) {
      Info.months(style, { locale: "en" }).forEach((name, i) => monthNames!.set(name.toLowerCase(), i + 1));
    }
    monthNames.set("sept", 9);
  }
  return monthNames;
}

function namedMonthDate(t: string): DateReading {
  const tokens = t
    .toLowerCase()
    .replace(/(\d+)(st|nd|rd|th)\b/g, "$1")
    .split(/[\s,./-]+/)
    .filter(Boolean);
  if (tokens.length !== 3) return BAD;
  const mi = tokens.findIndex((tok) => months().has(tok));
  if (mi < 0) return BAD;
  const month = months().get(tokens[mi]!)!;
  const nums = tokens.filter((_, i) => i !== mi);
  if (!nums.every((n) => /^\d{1,4}$/.test(n))) return BAD;
  const [p, q] = nums as [string, string];
  // `2019 Nov 7` has the year first; otherwise the day comes first (`7 Nov 2019`, `Nov 7 2019`).
  if (p.length === 4) return reading(isoDay(Number(p), month, Number(q)));
  if (q.length === 3 || p.length > 2) return BAD;
  return reading(isoDay(fullYear(Number(q), q.length), month, Number(p)));
}
