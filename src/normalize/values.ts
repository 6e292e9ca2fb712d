import type { FindingCode } from "../errors/catalog.js";
import type { FieldSpec, Value } from "../schema/kind.js";
import { DEFAULT_SEX_ALIASES, normalizeSex } from "../schema/sex.js";
import type { RawValue } from "../schema/table.js";
import { dateToIso, DEFAULT_SERIAL_WINDOW, parseDateText, serialToIso, type DateOrder, type SerialWindow } from "./dates.js";
import { foldLabel, foldValue } from "./fold.js";

/** Why a cell could not be read as its field's type; `value` is what the row keeps (null, or `unknown` for sex). */
export class CellProblem {
  constructor(
    readonly code: FindingCode,
    readonly message: string,
    readonly value: Value = null,
  ) {}
}

/** A cell read as its field's type: a value (null when blank), or a problem. */
export type Coerced = Value | CellProblem;

/** Reads one column's cells. Built once per column, called once per cell. */
export type Coercer = (raw: RawValue | undefined) => Coerced;

/** How cells are read; every quirk fix sits behind an option. */
export interface ValueOptions {
  /** Round floating-point noise to 10 significant digits (274.65999999 → 274.66). Default true. */
  roundNoise?: boolean;
  /** Sex spellings by category, merged over the built-in ones. */
  sexAliases?: Readonly<Record<string, readonly string[]>>;
  /** Excel serial numbers accepted as dates. */
  serialWindow?: SerialWindow;
}

/** The order numeric text dates of a sheet are read in; undefined while `auto` has no evidence yet. */
export interface DateContext {
  order: DateOrder | undefined;
}

const CACHE_LIMIT = 10_000;
const DASHES = new Set(["-", "–", "—", "--", "---"]);
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const NUMBER_NOISE = /[\s\u00a0,]|^(?:tk\.?|bdt|৳)|(?:tk\.?|bdt|৳|\/-)$/gi;
const BENGALI_DIGITS = /[০-৯]/g;
const TRUE_WORDS = new Set(["yes", "y", "true", "1", "✓", "✔", "হ্যাঁ"]);
const FALSE_WORDS = new Set(["no", "n", "false", "0", "✗", "না"]);

const bengaliDigit = (d: string): string => String(d.charCodeAt(0) - 0x09e6);

/** Merge a project's sex spellings over the built-in ones (each category keeps both). */
export function mergeSexAliases(extra: Readonly<Record<string, readonly string[]>> = {}): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = { ...DEFAULT_SEX_ALIASES };
  for (const [sex, spellings] of Object.entries(extra)) {
    out[sex] = [...(out[sex] ?? []), ...spellings.map(foldValue)];
  }
  return out;
}

/** Round floating-point noise away: 274.65999999 → 274.66 (10 significant digits; whole numbers untouched). */
export function roundNoise(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(10));
}

/**
 * Read a number written as text: thousands separators (`1,978`, `12,34,567`), Bengali digits
 * (`১২`), spaces, `Tk`/`৳`/`/-` around money, a trailing `.0`. Undefined when it is not a number.
 * @example parseNumberText("১,৯৭৮") // 1978
 */
export function parseNumberText(text: string): number | undefined {
  const t = text.replace(BENGALI_DIGITS, bengaliDigit).replace(NUMBER_NOISE, "");
  return NUMBER.test(t) ? Number(t) : undefined;
}

/**
 * Build the coercer of a field from its spec: integer/number, date, sex, category, boolean, id/text.
 * `dates` is shared by the sheet's date columns so `date_order: auto` can settle the order once.
 * @example makeCoercer("total", { type: "integer", aliases: [] }, {}, { order: "dmy" })("1,978") // 1978
 */
export function makeCoercer(field: string, spec: FieldSpec, opts: ValueOptions, dates: DateContext): Coercer {
  const name = field.replace(/_/g, " ");
  const base = baseCoercer(name, spec, opts, dates);
  const cache = new Map<string, Coerced>();
  let cachedOrder = dates.order;
  // Text and numbers are cheap to read and rarely repeat: no cache. ISO dates take a fast path.
  const cached = spec.type !== "text" && spec.type !== "id" && spec.type !== "integer" && spec.type !== "number";
  const isDate = spec.type === "date";
  return (raw) => {
    if (raw === null || raw === undefined) return base(null);
    if (typeof raw === "object" && !(raw instanceof Date)) return new CellProblem("cell-error", `${raw.error} instead of a value`);
    if (typeof raw !== "string" || !cached) return base(raw);
    if (isDate && raw.length === 10 && isIsoDay(raw)) return raw;
    // Text repeats (dates, sexes, categories): remember what each spelling gave.
    if (dates.order !== cachedOrder) {
      cache.clear();
      cachedOrder = dates.order;
    }
    let hit = cache.get(raw);
    if (hit === undefined) {
      hit = base(raw);
      if (cache.size < CACHE_LIMIT) cache.set(raw, hit);
    }
    return hit;
  };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The digit at position i of t, or NaN.
function digit(t: string, i: number): number {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** True for a real calendar day written `YYYY-MM-DD` (read digit by digit: this runs once per date cell). */
function isIsoDay(t: string): boolean {
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return false;
  const y = digit(t, 0) * 1000 + digit(t, 1) * 100 + digit(t, 2) * 10 + digit(t, 3);
  const month = digit(t, 5) * 10 + digit(t, 6);
  const day = digit(t, 8) * 10 + digit(t, 9);
  if (!(y >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= DAYS[month - 1]!)) return false;
  return month !== 2 || day < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

type BaseCoercer = (raw: Exclude<RawValue, { error: string }>) => Coerced;

function baseCoercer(name: string, spec: FieldSpec, opts: ValueOptions, dates: DateContext): BaseCoercer {
  const round = opts.roundNoise === false ? (x: number) => x : roundNoise;
  switch (spec.type) {
    case "integer":
    case "number":
      return numberCoercer(spec, round);
    case "date":
      return dateCoercer(opts.serialWindow ?? DEFAULT_SERIAL_WINDOW, dates);
    case "sex":
      return sexCoercer(opts.sexAliases ?? DEFAULT_SEX_ALIASES);
    case "category":
      return categoryCoercer(name, spec.values ?? {});
    case "boolean":
      return booleanCoercer();
    default:
      return (raw) => textValue(raw, round);
  }
}

function quote(raw: unknown): string {
  return typeof raw === "string" ? JSON.stringify(raw.trim()) : String(raw);
}

function textValue(raw: Exclude<RawValue, { error: string }>, round: (x: number) => number): Value {
  if (raw === null) return null;
  if (typeof raw === "string") {
    const t = raw.trim();
    return t === "" ? null : t;
  }
  if (typeof raw === "number") return String(round(raw));
  if (typeof raw === "boolean") return raw ? "TRUE" : "FALSE";
  return dateToIso(raw) ?? null;
}

function numberCoercer(spec: FieldSpec, round: (x: number) => number): BaseCoercer {
  const whole = spec.type === "integer";
  const expected = whole ? "a whole number" : "a number";
  return (raw) => {
    let n: number | undefined;
    if (raw === null) return null;
    if (typeof raw === "number") n = raw;
    else if (typeof raw === "string") {
      if (PLAIN_NUMBER.test(raw)) n = Number(raw);
      else {
        const t = raw.trim();
        if (t === "" || DASHES.has(t)) return null;
        n = parseNumberText(t);
      }
    }
    if (n === undefined || !Number.isFinite(n)) return new CellProblem("type-error", `expected ${expected}, got ${quote(raw instanceof Date ? raw.toISOString().slice(0, 10) : raw)}`);
    n = round(n);
    // A fractional count of persons is kept for `non-integer-count`, which says it better.
    if (whole && !Number.isInteger(n) && !spec.persons) return new CellProblem("type-error", `expected ${expected}, got ${n}`);
    return n;
  };
}

function dateCoercer(window: SerialWindow, dates: DateContext): BaseCoercer {
  return (raw) => {
    if (raw === null) return null;
    if (raw instanceof Date) return dateToIso(raw) ?? new CellProblem("bad-date", `${quote(raw.toISOString())} is not a plausible date`);
    if (typeof raw === "number") return serialToIso(raw, window) ?? new CellProblem("bad-date", `expected a date, got the number ${raw}`);
    if (typeof raw === "boolean") return new CellProblem("bad-date", `expected a date, got ${raw}`);
    const t = raw.trim().replace(BENGALI_DIGITS, bengaliDigit);
    if (t === "" || DASHES.has(t)) return null;
    // A date column exported from Excel as numbers: `43776`.
    if (/^\d{5}(\.\d+)?$/.test(t)) return serialToIso(Number(t), window) ?? new CellProblem("bad-date", `expected a date, got ${quote(t)}`);
    const r = parseDateText(t, dates.order);
    if ("iso" in r) return r.iso;
    if (r.fail === "ambiguous-date") {
      return new CellProblem("ambiguous-date", `${quote(t)} could be read day-first or month-first; write it as YYYY-MM-DD or set the source's date_order`);
    }
    return new CellProblem("bad-date", `${quote(t)} is not a date${dates.order ? ` (read ${dates.order === "dmy" ? "day" : "month"} first)` : ""}`);
  };
}

function sexCoercer(aliases: Readonly<Record<string, readonly string[]>>): BaseCoercer {
  const allowed = "female, male, other";
  return (raw) => {
    const text = raw === null ? "" : raw instanceof Date ? "" : String(raw);
    let r = normalizeSex(text, aliases);
    // `F.`, `(M)`, `Female*`: try again without the punctuation.
    if (!r.recognised) r = normalizeSex(foldLabel(text), aliases);
    if (!r.recognised) return new CellProblem("unknown-category", `sex ${quote(text)} is not one of ${allowed}; counted as unknown`, "unknown");
    if (r.sex === "unknown") return new CellProblem("unknown-sex", text.trim() === "" ? "sex is blank; counted as unknown" : `sex is ${quote(text)}; counted as unknown`, "unknown");
    return r.sex;
  };
}

function categoryCoercer(name: string, values: Readonly<Record<string, readonly string[]>>): BaseCoercer {
  const lookup = new Map<string, string>();
  for (const [key, spellings] of Object.entries(values)) {
    for (const s of [key, ...spellings]) {
      if (!lookup.has(foldValue(s))) lookup.set(foldValue(s), key);
      if (!lookup.has(foldLabel(s))) lookup.set(foldLabel(s), key);
    }
  }
  lookup.delete("");
  const allowed = Object.keys(values).join(", ");
  return (raw) => {
    if (raw === null) return null;
    const text = raw instanceof Date ? "" : String(raw).trim();
    if (text === "") return null;
    const key = lookup.get(foldValue(text)) ?? lookup.get(foldLabel(text));
    if (key !== undefined) return key;
    if (DASHES.has(text)) return null;
    return new CellProblem("unknown-category", `${name} ${quote(text)} is not one of ${allowed}`);
  };
}

function booleanCoercer(): BaseCoercer {
  return (raw) => {
    if (raw === null) return null;
    if (typeof raw === "boolean") return raw;
    const text = raw instanceof Date ? "?" : foldValue(String(raw));
    if (text === "") return null;
    if (TRUE_WORDS.has(text)) return true;
    if (FALSE_WORDS.has(text)) return false;
    return new CellProblem("type-error", `expected yes or no, got ${quote(raw)}`);
  };
}
