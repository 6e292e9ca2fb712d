import type { FindingCode } from "../errors/catalog.js";
import type { Finding } from "../errors/finding.js";
import type { FieldType, SourceKind } from "../schema/kind.js";
import type { SourceKindName } from "../schema/kinds/index.js";
import { columnLetter, type Table } from "../schema/table.js";
import type { DateOrder } from "./dates.js";
import { foldLabel } from "./fold.js";
import { findingAt, type Place } from "./findings.js";
import type { HeaderMatch } from "./header.js";
import type { LabelResolver } from "./labels.js";
import { makeCoercer, type Coercer, type DateContext, type ValueOptions } from "./values.js";

// Serial-number columns are in most partner sheets and carry nothing: not worth an unknown-column.
const SERIAL = new Set(["sl", "sl no", "s no", "s n", "serial", "serial no", "serial number", "no", "#", "", "ক্রমিক", "ক্রমিক নং", "ক্র নং"]);

/** One field of a table: where its cells are and how they are read. */
export interface FieldPlan {
  name: string;
  /** 0-based column, or -1 when the sheet has no such column (the value is null). */
  index: number;
  letter: string;
  required: boolean;
  numeric: boolean;
  date: boolean;
  /** Read as a person's sex: blank is `unknown-sex`, not `missing-cell`. */
  sex: boolean;
  /** The field's type in its kind. */
  type: FieldType;
  /** Its value is the cell's text trimmed, nothing else (an id or text field that is not pseudonymised). */
  plainText: boolean;
  /** Its header cells, folded: a data row repeating them is a repeated header (a printed page break). */
  header: string[];
  coerce: Coercer;
}

/** Everything a sheet's rows need, computed once per table so per-row work is a few lookups. */
export interface TablePlan {
  table: Table;
  place: Place;
  /** Non-identifying fields, in the kind's order. */
  fields: FieldPlan[];
  /** Columns of id fields and required dates: a totals row has none of them. */
  keys: number[];
  /** Columns of required fields. */
  required: Set<number>;
  /** Columns that feed a field. */
  mapped: Set<number>;
  /** Columns left of the last label that have no label. */
  unlabelled: number[];
  width: number;
  dates: DateContext;
  /** True when `date_order: auto` must infer the order from the sheet. */
  autoDates: boolean;
}

/** Options of a table: the source's date order and the value options. */
export interface PlanOptions extends ValueOptions {
  dateOrder: DateOrder | "auto";
  /** Replace the kind's person ids by keyed pseudonyms as they are read (confidentiality). */
  pseudonymise?: (id: string) => string;
}

/**
 * Build the table of a recognised header and its per-column readers.
 * @example planTable(header, kind, "event-attendance", place, {dateOrder: "dmy"}).table.columns
 */
export function planTable(header: HeaderMatch, kind: SourceKind, kindName: SourceKindName, place: Place, opts: PlanOptions): TablePlan {
  const table: Table = {
    file: place.file,
    sheet: place.sheet ?? "",
    kind: kindName,
    partner: place.partner,
    headerRows: header.rows,
    columns: header.columns.filter((c) => c.field).map((c) => ({ field: c.field!, letter: c.letter, label: c.label })),
    dropped: header.columns.filter((c) => c.dropped).map((c) => ({ letter: c.letter, label: c.label })),
  };
  const dates: DateContext = { order: opts.dateOrder === "auto" ? undefined : opts.dateOrder };
  const fields: FieldPlan[] = [];
  for (const [name, spec] of Object.entries(kind.fields)) {
    if (spec.identifying) continue;
    const index = header.fields.get(name) ?? -1;
    const column = header.columns.find((c) => c.index === index);
    const pseudonymise = name === kind.personId ? opts.pseudonymise : undefined;
    fields.push({
      name,
      index,
      letter: index >= 0 ? columnLetter(index) : "",
      required: spec.required === true,
      numeric: spec.type === "integer" || spec.type === "number",
      date: spec.type === "date",
      sex: spec.type === "sex",
      type: spec.type,
      plainText: (spec.type === "id" || spec.type === "text") && !pseudonymise,
      header: column ? column.texts.map(foldLabel) : [],
      coerce: pseudonymise ? pseudonymised(makeCoercer(name, spec, opts, dates), pseudonymise) : makeCoercer(name, spec, opts, dates),
    });
  }
  const present = fields.filter((f) => f.index >= 0);
  const labelled = new Set(header.columns.map((c) => c.index));
  const unlabelled: number[] = [];
  for (let i = 0; i < header.width; i++) if (!labelled.has(i)) unlabelled.push(i);
  const kindFields = kind.fields as SourceKind["fields"];
  return {
    table,
    place,
    fields,
    keys: present.filter((f) => kindFields[f.name]!.type === "id" || (f.date && f.required)).map((f) => f.index),
    required: new Set(present.filter((f) => f.required).map((f) => f.index)),
    mapped: new Set(present.map((f) => f.index)),
    unlabelled,
    width: header.width,
    dates,
    autoDates: opts.dateOrder === "auto",
  };
}

/** A person-id reader whose ids come out as pseudonyms; blanks and problems pass through. */
function pseudonymised(coerce: Coercer, pseudonymise: (id: string) => string): Coercer {
  return (raw) => {
    const v = coerce(raw);
    return typeof v === "string" && v !== "" ? pseudonymise(v) : v;
  };
}

/** The findings of a header: `missing-column`, `duplicate-label` and `unknown-column`. */
export function headerFindings(header: HeaderMatch, plan: TablePlan, resolver: LabelResolver): Finding[] {
  const out: Finding[] = [];
  const row = header.rows[header.rows.length - 1]!;
  const rowsText = header.rows.length > 1 ? `rows ${header.rows.join("-")}` : `row ${row}`;
  const at = (code: FindingCode, message: string, letter: string | undefined, column?: string) =>
    out.push(findingAt(plan.place, code, message, { row, cell: letter ? `${letter}${row}` : undefined, column }));
  for (const field of header.missing) {
    at("missing-column", `no column for \`${field}\` in the header (${rowsText}); tried: ${resolver.tried(field).join(", ")}`, undefined, field);
  }
  for (const c of header.columns) {
    if (c.duplicateOf) {
      const first = columnLetter(header.fields.get(c.duplicateOf)!);
      at("duplicate-label", `\`${c.label}\` in ${c.letter} is \`${c.duplicateOf}\` again (first in ${first}); the first is used`, c.letter, c.duplicateOf);
    } else if (!c.field && !c.dropped && !SERIAL.has(foldLabel(c.label))) {
      at("unknown-column", `\`${c.label}\` is not a column of a ${plan.table.kind}; it is not used`, c.letter);
    }
  }
  return out;
}
