import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberOf, ROW_BLANK, ROW_OK, ROW_SEX_MISMATCH, rowSex, splitMeasure, type SexColumns } from "../../src/aggregate/measure.js";
import { batchOfRows } from "../../src/normalize/batch.js";
import { emptySplit } from "../../src/schema/sex.js";
import { makeTable } from "./helpers.js";

const run = (m: ReturnType<typeof splitMeasure>, rows: Record<string, string | number | null>[]) => {
  const into = emptySplit();
  const flags = rows.map((r) => m.add(r, into));
  return { into, flags };
};

describe("measures", () => {
  it("count-rows counts each row once under its sex", () => {
    const { into } = run(splitMeasure({ measure: "count-rows" }, true), [{ sex: "female" }, { sex: "female" }, { sex: "male" }, { sex: null }]);
    expect(into).toEqual({ female: 2, male: 1, other: 0, unknown: 1, total: 4 });
  });

  it("count-rows fills only the total when not split by sex", () => {
    const { into } = run(splitMeasure({ measure: "count-rows" }, false), [{ sex: "female" }, { sex: "male" }]);
    expect(into).toEqual({ female: 0, male: 0, other: 0, unknown: 0, total: 2 });
  });

  it("sum adds the field and counts a blank as 0, flagging it", () => {
    const { into, flags } = run(splitMeasure({ measure: "sum", field: "amount" }, false), [{ amount: 95000 }, { amount: null }, { amount: "15,000" }]);
    expect(into.total).toBe(110000);
    expect(flags).toEqual([ROW_OK, ROW_BLANK, ROW_OK]);
  });

  it("sum-sexes adds each sex column and takes the total column as the figure", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "female", male: "male", other: "other", total: "total" });
    const { into, flags } = run(m, [
      { female: 10, male: 5, other: 1, total: 16 },
      { female: 3, male: 4, other: null, total: 7 },
    ]);
    expect(into).toEqual({ female: 13, male: 9, other: 1, unknown: 0, total: 23 });
    expect(flags).toEqual([ROW_OK, ROW_OK]);
  });

  it("sum-sexes counts what the sex columns do not explain as unknown, and flags the row", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "female", male: "male", total: "total" });
    const { into, flags } = run(m, [{ female: 10, male: 5, total: 20 }]);
    expect(into).toEqual({ female: 10, male: 5, other: 0, unknown: 5, total: 20 });
    expect(flags).toEqual([ROW_SEX_MISMATCH]);
  });

  it("sum-sexes without a total column adds up the parts", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "family_members_female", male: "family_members_male" });
    const { into } = run(m, [{ family_members_female: 2, family_members_male: 3 }, { family_members_female: 1, family_members_male: null }]);
    expect(into).toEqual({ female: 3, male: 3, other: 0, unknown: 0, total: 6 });
  });

  it("sum-sexes takes the parts when the total cell is blank", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "female", male: "male", total: "total" });
    const { into, flags } = run(m, [{ female: 2, male: 3, total: null }]);
    expect(into.total).toBe(5);
    expect(flags).toEqual([ROW_OK]);
  });

  it("sum-sexes flags a row with every cell blank", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "female", male: "male", total: "total" });
    expect(run(m, [{ female: null, male: null, total: null }]).flags).toEqual([ROW_BLANK]);
  });

  it("points trace at the sex's own column, or the total's", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "female", male: "male", total: "total" });
    expect(m.cellFields("female")).toEqual(["female"]);
    expect(m.cellFields(undefined)).toEqual(["total"]);
    expect(m.cellFields("unknown")).toEqual(["total"]);
  });

  it.each([
    [12, 12],
    ["1,234.5", 1234.5],
    [" 7 ", 7],
    ["", null],
    ["seven", null],
    [null, null],
  ])("reads %j as the number %j", (raw, want) => {
    expect(numberOf(raw as string | number | null)).toBe(want);
  });

  it("reads a row's sex, anything unrecognised as unknown", () => {
    expect([rowSex({ sex: "female" }), rowSex({ sex: "other" }), rowSex({ sex: "F" }), rowSex({})]).toEqual(["female", "other", "unknown", "unknown"]);
  });
});

describe("sum-sexes on a batch's number columns", () => {
  const cell = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 400 }), fc.constantFrom(0.5, 2.25, -0, Infinity, -Infinity, NaN, 1e15));
  const columns = fc.constantFrom<[SexColumns, string[]]>(
    [{ female: "female", male: "male", other: "other", total: "total" }, ["female", "male", "other", "total"]],
    // The other column absent from the sheet: blank in every row.
    [{ female: "female", male: "male", other: "other", total: "total" }, ["female", "male", "total"]],
    [{ female: "female", male: "male" }, ["female", "male", "total"]],
    [{ female: "female" }, ["female", "male", "other", "total"]],
    [{ total: "total" }, ["total"]],
  );

  it("gives each row what add gives on its values: blanks, fractions, negatives, -0, infinities and totals that disagree", () => {
    fc.assert(
      fc.property(columns, fc.boolean(), fc.array(fc.tuple(cell, cell, cell, cell), { minLength: 1, maxLength: 40 }), ([cols, present], sexed, cells) => {
        const m = splitMeasure({ measure: "sum-sexes" }, sexed, cols);
        const table = makeTable("event-attendance", "RJ", ["date", ...present]);
        const rows = cells.map(([female, male, other, total], i) => {
          const all: Record<string, number | null> = { female, male, other, total };
          return { table, row: i + 2, values: Object.fromEntries(present.map((f) => [f, all[f]!])) };
        });
        const batch = batchOfRows(table, rows);
        const contrib = new Float64Array(rows.length * 5).fill(7);
        const flags = new Uint8Array(rows.length).fill(9);
        expect(m.addBatch!(batch, contrib, flags)).toBe(true);
        rows.forEach((r, i) => {
          const into = emptySplit();
          // The row as a batch gives it (a NaN cell is blank), through add.
          const flag = m.add(batch.row(i).values, into);
          expect(flags[i]).toBe(flag);
          expect(Array.from(contrib.subarray(i * 5, i * 5 + 5))).toEqual([into.female, into.male, into.other, into.unknown, into.total]);
        });
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it("declines a batch whose count field is not a number column, writing nothing", () => {
    const m = splitMeasure({ measure: "sum-sexes" }, true, { female: "venue", total: "total" });
    const table = makeTable("event-attendance", "RJ", ["venue", "total"]);
    const batch = batchOfRows(table, [{ table, row: 2, values: { venue: "School", total: 3 } }]);
    const contrib = new Float64Array(5).fill(7);
    expect(m.addBatch!(batch, contrib, new Uint8Array(1))).toBe(false);
    expect(Array.from(contrib)).toEqual([7, 7, 7, 7, 7]);
  });
});
