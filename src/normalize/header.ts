import type { SourceKind } from "../schema/kind.js";
import { columnLetter, type RawRow } from "../schema/table.js";
import { cellText, isBlank } from "./fold.js";
import type { LabelResolver } from "./labels.js";

/** How many non-blank rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/** One labelled column of a recognised header. */
export interface HeaderColumn {
  /** 0-based column index. */
  index: number;
  letter: string;
  /** The label as written; a two-row header gives `Participants Male`. */
  label: string;
  /** The header cells of the column as written, one per header row that has one (`Participants`, `Male`). */
  texts: string[];
  /** The field it feeds, when it feeds one (the first of duplicates only). */
  field?: string;
  /** True for a column of personal data, never read. */
  dropped?: boolean;
  /** True when an earlier column already feeds the same field. */
  duplicateOf?: string;
}

/** A header row (or a pair of rows) recognised as the header of a kind. */
export interface HeaderMatch {
  /** Physical row numbers: one, or two for a two-row header. */
  rows: number[];
  /** Index in the searched rows of the last header row; data starts after it. */
  last: number;
  columns: HeaderColumn[];
  /** Field → 0-based column index. */
  fields: Map<string, number>;
  /** Required fields with no column. */
  missing: string[];
  /** True when every required field has a column. */
  complete: boolean;
  /** Columns up to the last labelled one: data further right is under a blank header. */
  width: number;
}

/** The result of searching a sheet's top rows for a header. */
export interface HeaderSearch {
  match?: HeaderMatch;
  /** First and last physical rows searched (0 when the sheet had none). */
  searched: [number, number];
}

interface Candidate {
  label: string;
  texts: string[];
  /** Spellings to try, best first. */
  tries: string[];
}

/**
 * Find the header of a kind among the first rows of a sheet. Each non-blank row is scored by how many
 * fields its labels match (a row and the row under it also as a two-row header when the upper row has
 * a label over blanks whose lower cells are labelled, as merged group headings give). A row qualifies
 * when at least half the kind's required fields (and two fields in all) match; the best-scoring row
 * wins, the earliest on a tie.
 * @example detectHeader(rows, survivorRegister, resolver).match?.rows // [4]
 */
export function detectHeader(rows: readonly RawRow[], kind: SourceKind, resolver: LabelResolver): HeaderSearch {
  const required = Object.entries(kind.fields).filter(([, s]) => s.required).map(([f]) => f);
  const needed = Math.max(1, Math.ceil(required.length / 2));
  let best: { match: HeaderMatch; score: number } | undefined;
  let seen = 0;
  let first = 0;
  let last = 0;
  for (let i = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    const upper = rows[i]!;
    if (upper.cells.every(isBlank)) continue;
    seen++;
    if (first === 0) first = upper.row;
    last = upper.row;
    const options: [Candidate[], number[], number][] = [[singleRow(upper), [upper.row], i]];
    const lower = rows[i + 1];
    if (lower && lower.row === upper.row + 1) {
      const pair = twoRows(upper, lower);
      if (pair) options.push([pair, [upper.row, lower.row], i + 1]);
    }
    for (const [candidates, headerRows, lastIndex] of options) {
      const { personal, ...match } = resolveColumns(candidates, headerRows, lastIndex, required, resolver);
      const matched = match.fields.size + personal;
      const requiredFound = required.length - match.missing.length;
      if (requiredFound < needed || matched < 2) continue;
      // On a tie a single row wins: a pair scoring no better gained nothing from its upper row (a title).
      const score = (requiredFound * 100 + matched) * 2 + (headerRows.length === 1 ? 1 : 0);
      if (!best || score > best.score) best = { match, score };
    }
  }
  return { match: best?.match, searched: [first, last] };
}

function singleRow(row: RawRow): Candidate[] {
  return row.cells.map((v) => {
    const label = cellText(v);
    return { label, texts: label ? [label] : [], tries: label ? [label] : [] };
  });
}

/**
 * Flatten two header rows into one. Merge information is not available when streaming, so a merged
 * group heading is inferred: a label in the upper row followed by blanks, over labelled lower cells,
 * is carried across them and combined (`Participants` over `Male` → `Participants Male`, trying `Male`
 * alone next). Gives undefined when the upper row has no such group: then it is not a two-row header.
 */
function twoRows(upper: RawRow, lower: RawRow): Candidate[] | undefined {
  const width = Math.max(upper.cells.length, lower.cells.length);
  const out: Candidate[] = [];
  let groups = 0;
  let c = 0;
  while (c < width) {
    const u = cellText(upper.cells[c]);
    const l = lowerLabel(lower.cells[c]);
    if (u && l) {
      let end = c + 1;
      while (end < width && !cellText(upper.cells[end]) && lowerLabel(lower.cells[end])) end++;
      if (end > c + 1) {
        groups++;
        for (let k = c; k < end; k++) {
          const part = lowerLabel(lower.cells[k]);
          out.push({ label: `${u} ${part}`, texts: k === c ? [u, part] : [part], tries: [`${u} ${part}`, part] });
        }
      } else {
        // A heading over one labelled cell: `Amount` over `(BDT)`.
        out.push({ label: `${u} ${l}`, texts: [u, l], tries: [`${u} ${l}`, u] });
      }
      c = end;
      continue;
    }
    const label = u || cellText(lower.cells[c]);
    out.push({ label, texts: label ? [label] : [], tries: label ? [label] : [] });
    c++;
  }
  // A title over the header is one cell; a header row with a group heading has other labels too.
  const labels = upper.cells.filter((v) => cellText(v) !== "").length;
  return groups > 0 && labels >= 2 ? out : undefined;
}

// Only text counts as a lower header label: numbers under a label are data.
function lowerLabel(v: RawRow["cells"][number] | undefined): string {
  return typeof v === "string" ? v.trim() : "";
}

function resolveColumns(candidates: Candidate[], rows: number[], last: number, required: string[], resolver: LabelResolver): HeaderMatch & { personal: number } {
  const columns: HeaderColumn[] = [];
  const fields = new Map<string, number>();
  // Personal-data columns of the kind itself (name, phone) help recognise its header.
  const personal = new Set<string>();
  let width = 0;
  candidates.forEach((cand, index) => {
    if (!cand.label) return;
    width = index + 1;
    const col: HeaderColumn = { index, letter: columnLetter(index), label: cand.label, texts: cand.texts };
    for (const t of cand.tries) {
      const r = resolver.resolve(t);
      if (!r) continue;
      if (r.dropped) {
        col.dropped = true;
        if (r.field) personal.add(r.field);
      }
      else if (fields.has(r.field)) col.duplicateOf = r.field;
      else {
        col.field = r.field;
        fields.set(r.field, index);
      }
      break;
    }
    columns.push(col);
  });
  const missing = required.filter((f) => !fields.has(f));
  return { rows, last, columns, fields, missing, complete: missing.length === 0, width, personal: personal.size };
}
