import { compileWhere, isBlank, testBatch } from "../schema/condition.js";
import type { Indicator } from "../schema/project.js";
import type { Period } from "../schema/result.js";
import { batchReader, type DataRow, type RowBatch } from "../schema/table.js";

/**
 * Which rows an indicator's `compute` selects, per docs/computation.md: the
 * table's kind is in `from`, its partner in `partner`, every `where` holds on the normalised value, and
 * the `date` field is filled. (The engine owns the figures; validation needs the same selection to
 * say which rows a figure came from and which person reached which stage.)
 */
export interface Selection {
  code: string;
  kinds: ReadonlySet<string>;
  partners?: ReadonlySet<string>;
  dateField: string;
  /** The measure's person field for `count-persons` (default: the kind's person id). */
  personField?: string;
  matches(row: DataRow): boolean;
  /** Which rows of a batch it selects: `out[i]` 1 or 0, as `matches(batch.row(i))` (from the columns). Returns `out`. */
  matchBatch(batch: RowBatch, out: Uint8Array): Uint8Array;
}

/** Compile an indicator's `compute` into a row predicate; undefined for formula or hand-entered indicators. */
export function compileSelection(indicator: Indicator): Selection | undefined {
  const c = indicator.compute;
  if (!c) return undefined;
  const kinds = new Set(Array.isArray(c.from) ? c.from : [c.from]);
  const partners = c.partner === undefined ? undefined : new Set(Array.isArray(c.partner) ? c.partner : [c.partner]);
  // The engine's own conditions (one place: src/schema/condition.ts), so "computed from N rows" and
  // funnel-skip select exactly the rows the figures were made of.
  const where = compileWhere(c.where, `${indicator.code}.compute.where`);
  const dateField = c.date;
  const sel: Selection = {
    code: indicator.code,
    kinds,
    dateField,
    matches(row) {
      if (!kinds.has(row.table.kind)) return false;
      if (partners && !partners.has(row.table.partner)) return false;
      if (isBlank(row.values[dateField])) return false;
      return where(row.values);
    },
    matchBatch(batch, out) {
      const t = batch.table;
      if (!kinds.has(t.kind) || (partners && !partners.has(t.partner))) return out.fill(0, 0, batch.size);
      testBatch(where, batch, out);
      const dates = batchReader(batch, [dateField]);
      for (let i = 0; i < batch.size; i++) if (out[i] && isBlank(dates.read(i)[dateField])) out[i] = 0;
      return out;
    },
  };
  if (partners) sel.partners = partners;
  if (c.measure === "count-persons") sel.personField = c.field ?? "survivor_id";
  return sel;
}

/** Selections of every computed indicator, grouped by source kind so a row only meets its own. */
export function selectionsByKind(indicators: Iterable<Indicator>): Map<string, Selection[]> {
  const out = new Map<string, Selection[]>();
  for (const ind of indicators) {
    const sel = compileSelection(ind);
    if (!sel) continue;
    for (const k of sel.kinds) {
      const list = out.get(k) ?? [];
      list.push(sel);
      out.set(k, list);
    }
  }
  return out;
}

/** How many rows, from which files, lie behind an indicator's figure in a period. */
export interface TallyEntry {
  rows: number;
  files: Set<string>;
}

/** Rows behind each computed figure, by indicator code and period id. */
export interface Tally {
  get(code: string, periodId: string): TallyEntry | undefined;
}

/**
 * Count, as rows stream by, the rows each computed indicator selects in each period (memory: one
 * counter and a few file names per indicator and period).
 */
export function createTally(indicators: Iterable<Indicator>, periods: readonly Period[]): Tally & { add(row: DataRow): void; batch(batch: RowBatch): void } {
  const byKind = selectionsByKind(indicators);
  const entries = new Map<string, TallyEntry>();
  const key = (code: string, period: string) => `${code}\u0000${period}`;
  const count = (sel: Selection, date: string, file: string): void => {
    for (const p of periods) {
      if (date < p.from || date > p.to) continue;
      const k = key(sel.code, p.id);
      let e = entries.get(k);
      if (!e) entries.set(k, (e = { rows: 0, files: new Set() }));
      e.rows++;
      e.files.add(file);
    }
  };
  return {
    add(row) {
      const sels = byKind.get(row.table.kind);
      if (!sels) return;
      for (const sel of sels) if (sel.matches(row)) count(sel, String(row.values[sel.dateField]), row.table.file);
    },
    /** As `add` on each row of the batch (the counts do not depend on the order of the rows). */
    batch(batch) {
      const sels = byKind.get(batch.table.kind);
      if (!sels) return;
      const picked = new Uint8Array(batch.size);
      for (const sel of sels) {
        sel.matchBatch(batch, picked);
        const dates = batchReader(batch, [sel.dateField]);
        for (let i = 0; i < batch.size; i++) if (picked[i]) count(sel, String(dates.read(i)[sel.dateField]), batch.table.file);
      }
    },
    get: (code, period) => entries.get(key(code, period)),
  };
}
