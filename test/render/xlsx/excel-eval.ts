/**
 * A tiny Excel formula evaluator for the subset logframe writes (COUNTIFS, SUMIFS, MAXIFS, SUMPRODUCT,
 * SUM, IF, AND, OR, IFERROR, DATE, N, ROUND, arithmetic, comparisons, `&`, array constants), with
 * Excel's criterion semantics: case-insensitive, `*?~` wildcards, operator prefixes, blanks.
 * Used to check that the workbook's formulas recalculate to logframe's figures without Excel.
 */
import type ExcelJS from "exceljs";

type Scalar = number | string | boolean | null | { error: string };
interface Range {
  sheet: string;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}
type Val = Scalar | Range | Scalar[];

const isRange = (v: Val): v is Range => typeof v === "object" && v !== null && !Array.isArray(v) && "r1" in v;
const isErr = (v: Val): v is { error: string } => typeof v === "object" && v !== null && !Array.isArray(v) && "error" in v;

function colNum(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function serial(d: Date): number {
  return d.getTime() / 86_400_000 + 25569;
}

/** Evaluate cells of a workbook loaded with exceljs. */
export class ExcelEvaluator {
  private memo = new Map<string, Scalar>();
  constructor(private wb: ExcelJS.Workbook) {}

  /** The value of `Sheet!A1`, computing its formula (never its cached result). */
  cell(sheet: string, row: number, col: number): Scalar {
    const key = `${sheet}!${row}:${col}`;
    if (this.memo.has(key)) return this.memo.get(key)!;
    const ws = this.wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    const c = ws.getCell(row, col);
    let v: Scalar;
    if (c.formula) {
      const r = this.evaluate(c.formula, sheet);
      v = isRange(r) ? this.cell(r.sheet, r.r1, r.c1) : Array.isArray(r) ? (r[0] ?? null) : r;
    } else {
      const raw = c.value as unknown;
      if (raw === null || raw === undefined) v = null;
      else if (raw instanceof Date) v = serial(raw);
      else if (typeof raw === "object") v = null;
      else v = raw as Scalar;
    }
    this.memo.set(key, v);
    return v;
  }

  /** Evaluate a formula (without `=`) as if it were on `sheet`. */
  evaluate(formula: string, sheet: string): Val {
    const p = new Parser(formula, sheet, this);
    const v = p.expr();
    if (!p.done()) throw new Error(`cannot parse ${formula} at ${p.rest()}`);
    return v;
  }

  values(r: Range): Scalar[] {
    const out: Scalar[] = [];
    for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) out.push(this.cell(r.sheet, row, col));
    return out;
  }
}

// ── Criteria ─────────────────────────────────────────────────────────────────────────────────────

function wildcardRegex(s: string): RegExp {
  let re = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "~" && i + 1 < s.length) re += s[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += ".*";
    else if (ch === "?") re += ".";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "is");
}

/** Excel's COUNTIF criterion test. */
export function matchesCriterion(cell: Scalar, crit: Scalar): boolean {
  if (isErr(cell)) return false;
  if (typeof crit === "number") return typeof cell === "number" ? cell === crit : typeof cell === "string" && cell.trim() !== "" && Number(cell) === crit;
  if (typeof crit === "boolean") return cell === crit;
  if (crit === null || isErr(crit)) return false;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(crit)!;
  const op = m[1] ?? "";
  const rest = m[2]!;
  const blank = cell === null || cell === "";
  const num = rest.trim() !== "" && !Number.isNaN(Number(rest)) ? Number(rest) : undefined;
  if (op === "" || op === "=") {
    if (rest === "") return op === "=" ? blank : blank;
    if (num !== undefined) return typeof cell === "number" ? cell === num : typeof cell === "string" && cell.trim() !== "" && Number(cell) === num;
    return typeof cell === "string" && wildcardRegex(rest).test(cell);
  }
  if (op === "<>") {
    if (rest === "") return !blank;
    if (num !== undefined) return !(typeof cell === "number" && cell === num);
    return !(typeof cell === "string" && wildcardRegex(rest).test(cell));
  }
  if (num !== undefined) {
    if (typeof cell !== "number") return false;
    return op === "<" ? cell < num : op === ">" ? cell > num : op === "<=" ? cell <= num : cell >= num;
  }
  if (typeof cell !== "string") return false;
  const a = cell.toLowerCase();
  const b = rest.toLowerCase();
  return op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : a >= b;
}

// ── Parser / evaluator ───────────────────────────────────────────────────────────────────────────

class Parser {
  private i = 0;
  constructor(
    private s: string,
    private sheet: string,
    private ev: ExcelEvaluator,
  ) {}
  done() {
    this.ws();
    return this.i >= this.s.length;
  }
  rest() {
    return this.s.slice(this.i);
  }
  private ws() {
    while (this.s[this.i] === " ") this.i++;
  }
  private eat(t: string): boolean {
    this.ws();
    if (this.s.startsWith(t, this.i)) {
      this.i += t.length;
      return true;
    }
    return false;
  }

  expr(): Val {
    let a = this.concat();
    for (;;) {
      const op = ["<=", ">=", "<>", "=", "<", ">"].find((o) => this.eat(o));
      if (!op) return a;
      const b = this.concat();
      a = compare(this.scalar(a), this.scalar(b), op);
    }
  }
  private concat(): Val {
    let a = this.additive();
    while (this.eat("&")) {
      const b = this.additive();
      a = text(this.scalar(a)) + text(this.scalar(b));
    }
    return a;
  }
  private additive(): Val {
    let a = this.term();
    for (;;) {
      if (this.eat("+")) a = arith(this.scalar(a), this.scalar(this.term()), "+");
      else if (this.eat("-")) a = arith(this.scalar(a), this.scalar(this.term()), "-");
      else return a;
    }
  }
  private term(): Val {
    let a = this.unary();
    for (;;) {
      if (this.eat("*")) a = arith(this.scalar(a), this.scalar(this.unary()), "*");
      else if (this.eat("/")) a = arith(this.scalar(a), this.scalar(this.unary()), "/");
      else return a;
    }
  }
  private unary(): Val {
    if (this.eat("-")) return arith(0, this.scalar(this.unary()), "-");
    return this.primary();
  }
  private primary(): Val {
    this.ws();
    if (this.eat("(")) {
      const v = this.expr();
      if (!this.eat(")")) throw new Error("expected )");
      return v;
    }
    if (this.eat("{")) {
      const items: Scalar[] = [];
      do items.push(this.scalar(this.primary()));
      while (this.eat(",") || this.eat(";"));
      if (!this.eat("}")) throw new Error("expected }");
      return items;
    }
    if (this.s[this.i] === '"') {
      let out = "";
      this.i++;
      for (;;) {
        const ch = this.s[this.i++];
        if (ch === undefined) throw new Error("unclosed string");
        if (ch === '"') {
          if (this.s[this.i] === '"') {
            out += '"';
            this.i++;
          } else break;
        } else out += ch;
      }
      return out;
    }
    const num = /^\d+(\.\d+)?/.exec(this.rest());
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const fn = /^([A-Z][A-Z0-9.]*)\(/.exec(this.rest());
    if (fn) {
      this.i += fn[0].length;
      const args: Val[] = [];
      if (!this.eat(")")) {
        do args.push(this.expr());
        while (this.eat(","));
        if (!this.eat(")")) throw new Error(`expected ) after ${fn[1]}`);
      }
      return this.call(fn[1]!, args);
    }
    if (this.eat("TRUE")) return true;
    if (this.eat("FALSE")) return false;
    const ref = /^(?:([A-Za-z_][A-Za-z0-9_.]*|'(?:[^']|'')+')!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/.exec(this.rest());
    if (ref) {
      this.i += ref[0].length;
      const sheet = ref[1] ? ref[1].replace(/^'|'$/g, "").replace(/''/g, "'") : this.sheet;
      const r: Range = { sheet, r1: Number(ref[3]), c1: colNum(ref[2]!), r2: Number(ref[5] ?? ref[3]), c2: colNum(ref[4] ?? ref[2]!) };
      return r;
    }
    throw new Error(`unexpected ${this.rest()}`);
  }

  scalar(v: Val): Scalar {
    if (isRange(v)) return this.ev.cell(v.sheet, v.r1, v.c1);
    if (Array.isArray(v)) return v[0] ?? null;
    return v;
  }

  private ifs(args: Val[], offset: number): { rows: number[][]; arrays: number } {
    // Returns, for each element of an array criterion (or once), the matching row indices.
    const pairs: { range: Scalar[]; crit: Scalar | Scalar[] }[] = [];
    for (let k = offset; k < args.length; k += 2) {
      const r = args[k]!;
      if (!isRange(r)) throw new Error("criteria range expected");
      const c = args[k + 1]!;
      pairs.push({ range: this.ev.values(r), crit: Array.isArray(c) ? c : this.scalar(c) });
    }
    const arr = pairs.find((p) => Array.isArray(p.crit));
    const variants = arr ? (arr.crit as Scalar[]) : [null];
    const n = pairs[0]!.range.length;
    const rows = variants.map((variant) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        if (pairs.every((p) => matchesCriterion(p.range[i]!, Array.isArray(p.crit) ? variant : p.crit))) out.push(i);
      }
      return out;
    });
    return { rows, arrays: arr ? 1 : 0 };
  }

  private call(name: string, args: Val[]): Val {
    const nums = (v: Val): number[] => (isRange(v) ? this.ev.values(v) : Array.isArray(v) ? v : [this.scalar(v)]).filter((x): x is number => typeof x === "number");
    switch (name) {
      case "COUNTIFS": {
        const { rows, arrays } = this.ifs(args, 0);
        return arrays ? rows.map((r) => r.length) : rows[0]!.length;
      }
      case "SUMIFS":
      case "MAXIFS": {
        const target = this.ev.values(args[0] as Range);
        const { rows, arrays } = this.ifs(args, 1);
        const agg = rows.map((r) => {
          const vs = r.map((i) => target[i]).filter((x): x is number => typeof x === "number");
          return name === "SUMIFS" ? vs.reduce((s, x) => s + x, 0) : vs.length ? Math.max(...vs) : 0;
        });
        return arrays ? agg : agg[0]!;
      }
      case "SUM":
      case "SUMPRODUCT":
        return args.flatMap(nums).reduce((s, x) => s + x, 0);
      case "IF": {
        const c = this.scalar(args[0]!);
        if (isErr(c)) return c;
        return c === true || (typeof c === "number" && c !== 0) ? this.scalar(args[1]!) : args.length > 2 ? this.scalar(args[2]!) : false;
      }
      case "AND":
        return args.every((a) => this.scalar(a) === true);
      case "OR":
        return args.some((a) => this.scalar(a) === true);
      case "IFERROR": {
        const v = this.scalar(args[0]!);
        return isErr(v) ? this.scalar(args[1]!) : v;
      }
      case "DATE": {
        const [y, m, d] = args.map((a) => Number(this.scalar(a)));
        return Date.UTC(y!, m! - 1, d!) / 86_400_000 + 25569;
      }
      case "YEAR":
      case "MONTH": {
        const d = new Date((Number(this.scalar(args[0]!)) - 25569) * 86_400_000);
        return name === "YEAR" ? d.getUTCFullYear() : d.getUTCMonth() + 1;
      }
      case "INT":
        return Math.floor(Number(this.scalar(args[0]!)));
      case "N": {
        const v = this.scalar(args[0]!);
        return typeof v === "number" ? v : v === true ? 1 : 0;
      }
      case "ROUND": {
        const raw = this.scalar(args[0]!);
        if (isErr(raw)) return raw;
        const v = Number(raw);
        const d = Number(this.scalar(args[1]!));
        const f = 10 ** d;
        return Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9) / f;
      }
      default:
        throw new Error(`function ${name} not supported`);
    }
  }
}

function text(v: Scalar): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "object") return `#${v.error}`;
  return String(v);
}

function arith(a: Scalar, b: Scalar, op: string): Scalar {
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  const x = a === null ? 0 : typeof a === "boolean" ? Number(a) : typeof a === "number" ? a : a.trim() === "" ? NaN : Number(a);
  const y = b === null ? 0 : typeof b === "boolean" ? Number(b) : typeof b === "number" ? b : b.trim() === "" ? NaN : Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return { error: "VALUE!" };
  if (op === "/" && y === 0) return { error: "DIV/0!" };
  return op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : x / y;
}

function compare(a: Scalar, b: Scalar, op: string): Scalar {
  if (isErr(a)) return a;
  if (isErr(b)) return b;
  const norm = (v: Scalar, other: Scalar): Scalar => (v === null ? (typeof other === "number" ? 0 : typeof other === "boolean" ? false : "") : v);
  const x = norm(a, b);
  const y = norm(b, a);
  let c: number;
  if (typeof x === typeof y) {
    c = typeof x === "string" ? (x as string).toLowerCase().localeCompare((y as string).toLowerCase()) : (x as number) < (y as number) ? -1 : (x as number) > (y as number) ? 1 : 0;
  } else {
    const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
    c = rank(x) - rank(y);
  }
  return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
}
