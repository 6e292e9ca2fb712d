import { SOURCE_KINDS } from "../schema/kinds/index.js";
import type { IndicatorPlace } from "../schema/parse-project.js";
import type { Value } from "../schema/kind.js";
import type { DataRow, RowBatch, Table } from "../schema/table.js";
import type { FigureSet, FigurePlace, FigureSex } from "./figures.js";

const CLAIMS = SOURCE_KINDS["spp-target-achievement"];
/** The claims sheet's column for each part of a figure. */
export const CLAIM_FIELDS: Readonly<Record<FigureSex, string | undefined>> = {
  total: CLAIMS.sexColumns.total,
  female: CLAIMS.sexColumns.female,
  male: CLAIMS.sexColumns.male,
  other: CLAIMS.sexColumns.other,
  unknown: undefined,
};

/** One claims row: the indicator it claims, and the row it was read from. */
export interface ClaimRow {
  code: string;
  period: string;
  table: Table;
  row: number;
  values: Record<string, Value>;
}

/** A claimed figure set that also lists its rows (for claim-mismatch). */
export interface ClaimedSet extends FigureSet {
  rows(): Iterable<ClaimRow>;
}

/**
 * Collect every partner's claimed figures from its spp-target-achievement rows, one figure set per
 * partner and period (claims sheets are small: a row per indicator per period). A code the logframe
 * does not know is left out here (`unknown-indicator` reports it); a repeated code keeps its first row
 * (`duplicate-row` reports the second).
 */
export function createClaimsCollector(indicators: ReadonlyMap<string, IndicatorPlace>) {
  const sets = new Map<string, { partner: string; period: string; rows: Map<string, ClaimRow> }>();
  return {
    add(row: DataRow): void {
      if (row.table.kind !== "spp-target-achievement") return;
      const rawCode = row.values["code"];
      const period = row.values["period"];
      if (rawCode === null || rawCode === undefined || period === null || period === undefined || period === "") return;
      const place = indicators.get(String(rawCode).trim());
      if (!place) return;
      const periodText = String(period).trim();
      const key = `${row.table.partner}\u0000${periodText}`;
      let set = sets.get(key);
      if (!set) sets.set(key, (set = { partner: row.table.partner, period: periodText, rows: new Map() }));
      const code = place.indicator.code;
      if (!set.rows.has(code)) set.rows.set(code, { code, period: periodText, table: row.table, row: row.row, values: row.values });
    },
    /** A batch's rows, as `add` on each (claims sheets are small; other kinds are passed over whole). */
    batch(b: RowBatch): void {
      if (b.table.kind !== "spp-target-achievement") return;
      for (let i = 0; i < b.size; i++) this.add(b.row(i));
    },
    sets(): ClaimedSet[] {
      return [...sets.values()].map(({ partner, period, rows }) => claimedSet(partner, period, rows));
    },
  };
}

function claimedSet(partner: string, period: string, rows: Map<string, ClaimRow>): ClaimedSet {
  return {
    origin: "claimed",
    period,
    partner,
    label: `${partner}'s claims for ${period}`,
    partners: [partner],
    codes: () => rows.keys(),
    rows: () => rows.values(),
    get(code, sex, sel) {
      if (sel !== undefined && sel !== partner) return undefined;
      const claim = rows.get(code);
      const field = CLAIM_FIELDS[sex];
      if (!claim || !field) return undefined;
      const v = claim.values[field];
      if (typeof v !== "number" || !Number.isFinite(v)) return undefined;
      return { value: v, at: claimPlace(claim, field) };
    },
  };
}

/** The cell of a claims row's field. */
export function claimPlace(claim: ClaimRow, field: string): FigurePlace {
  const col = claim.table.columns.find((c) => c.field === field);
  const place: FigurePlace = { file: claim.table.file, sheet: claim.table.sheet, row: claim.row, partner: claim.table.partner, column: field };
  if (col) place.cell = `${col.letter}${claim.row}`;
  return place;
}
