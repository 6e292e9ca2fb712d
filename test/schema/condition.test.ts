import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { batchOfRows } from "../../src/normalize/batch.js";
import { compileCondition, compileWhere, describeConditions, testBatch } from "../../src/schema/condition.js";
import type { Value } from "../../src/schema/kind.js";
import type { DataRow, Table } from "../../src/schema/table.js";
import { ReportingError } from "../../src/errors/reporting-error.js";
import type { Condition } from "../../src/schema/project.js";

describe("conditions", () => {
  const cases: { name: string; condition: Condition; values: Record<string, string | number | boolean | null>; want: boolean }[] = [
    { name: "equals matches the canonical key", condition: { field: "status", equals: "dropped" }, values: { status: "dropped" }, want: true },
    { name: "equals ignores case and spaces of free text", condition: { field: "event_type", equals: "TIE session" }, values: { event_type: " tie SESSION " }, want: true },
    { name: "equals refuses another value", condition: { field: "status", equals: "dropped" }, values: { status: "active" }, want: false },
    { name: "equals never matches a blank", condition: { field: "status", equals: "" }, values: { status: null }, want: false },
    { name: "equals compares a number with its text", condition: { field: "age", equals: 17 }, values: { age: 17 }, want: true },
    { name: "equals compares a boolean", condition: { field: "flag", equals: true }, values: { flag: true }, want: true },
    { name: "in matches one of the list", condition: { field: "employment", in: ["wage", "self"] }, values: { employment: "self" }, want: true },
    { name: "in refuses what is not listed", condition: { field: "employment", in: ["wage", "self"] }, values: { employment: "none" }, want: false },
    { name: "in refuses a blank", condition: { field: "employment", in: ["wage", "self"] }, values: { employment: null }, want: false },
    { name: "not_in accepts what is not listed", condition: { field: "employment", not_in: ["none"] }, values: { employment: "wage" }, want: true },
    { name: "not_in refuses what is listed", condition: { field: "employment", not_in: ["none"] }, values: { employment: "none" }, want: false },
    { name: "not_in counts a blank as not in", condition: { field: "employment", not_in: ["none"] }, values: { employment: null }, want: true },
    { name: "not_in counts a missing field as not in", condition: { field: "employment", not_in: ["none"] }, values: {}, want: true },
    { name: "present accepts a value", condition: { field: "tna_date", present: true }, values: { tna_date: "2021-01-01" }, want: true },
    { name: "present refuses null", condition: { field: "tna_date", present: true }, values: { tna_date: null }, want: false },
    { name: "present refuses empty text", condition: { field: "tna_date", present: true }, values: { tna_date: "" }, want: false },
    { name: "present: false accepts a blank", condition: { field: "tna_date", present: false }, values: { tna_date: null }, want: true },
    { name: "present: false refuses a value", condition: { field: "tna_date", present: false }, values: { tna_date: "2021-01-01" }, want: false },
    { name: "present accepts zero", condition: { field: "n", present: true }, values: { n: 0 }, want: true },
    { name: "matches ignores case", condition: { field: "event_type", matches: "^tie" }, values: { event_type: "TIE session" }, want: true },
    { name: "matches refuses a non-match", condition: { field: "event_type", matches: "^tie" }, values: { event_type: "POT show" }, want: false },
    { name: "matches tests a blank as empty text", condition: { field: "event_type", matches: "^$" }, values: { event_type: null }, want: true },
  ];
  it.each(cases)("$name", ({ condition, values, want }) => {
    expect(compileCondition(condition, "where[0]")(values)).toBe(want);
  });

  it("requires every condition of a where list", () => {
    const where = compileWhere([{ field: "status", equals: "dropped" }, { field: "sex", in: ["female"] }], "where");
    expect(where({ status: "dropped", sex: "female" })).toBe(true);
    expect(where({ status: "dropped", sex: "male" })).toBe(false);
    expect(where({ status: "active", sex: "female" })).toBe(false);
  });

  it("accepts every row when there are no conditions", () => {
    expect(compileWhere([], "where")({})).toBe(true);
  });

  it("refuses a regular expression that does not compile, naming the path", () => {
    expect(() => compileCondition({ field: "x", matches: "(" }, "logframe.outcomes[0].indicators[1].compute.where[0]")).toThrow(ReportingError);
    expect(() => compileCondition({ field: "x", matches: "(" }, "logframe.outcomes[0].indicators[1].compute.where[0]")).toThrow(/indicators\[1\]\.compute\.where\[0\]\.matches/);
  });

  it("describes why a row was selected with its own values", () => {
    const text = describeConditions(
      [{ field: "status", equals: "dropped" }, { field: "tna_date", present: true }, { field: "employment", not_in: ["none"] }],
      { status: "dropped", tna_date: "2021-02-01", employment: null },
    );
    expect(text).toBe("status = dropped; tna_date present (2021-02-01); employment = blank (not none)");
  });

  it.each([
    { name: "a where list reads the fields of its conditions, each once", where: [{ field: "status", equals: "dropped" }, { field: "sex", in: ["female"] }, { field: "status", present: true }], fields: ["status", "sex"] },
    { name: "an empty where list reads no field", where: [], fields: [] },
    { name: "a matches condition reads its field", where: [{ field: "event_type", matches: "^tie" }], fields: ["event_type"] },
  ] as { name: string; where: Condition[]; fields: string[] }[])("$name", ({ where, fields }) => {
    expect(compileWhere(where, "where").fields).toEqual(fields);
  });

  it("testBatch gives each row of a batch the answer the predicate gives the row's values, for every kind of condition", () => {
    const table: Table = {
      file: "r.csv",
      sheet: "r",
      kind: "survivor-register",
      partner: "RJ",
      headerRows: [1],
      columns: ["survivor_id", "status", "age", "union", "tna_date"].map((field, i) => ({ field, letter: String.fromCharCode(65 + i), label: field })),
    };
    const text = fc.constantFrom<Value>("active", " Active ", "dropped", "", null, "TIE session");
    const row = fc.record({ status: text, union: text, age: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(null)), tna_date: fc.constantFrom<Value>("2021-01-01", null, "") });
    const condition = fc.oneof(
      fc.record({ field: fc.constantFrom("status", "union", "age"), equals: fc.constantFrom<string | number>("active", "dropped", 17) }),
      fc.record({ field: fc.constantFrom("status", "union"), in: fc.constant(["active", "tie session"]) }),
      fc.record({ field: fc.constantFrom("status", "age"), not_in: fc.constant(["dropped", "17"]) }),
      fc.record({ field: fc.constantFrom("tna_date", "age", "status"), present: fc.boolean() }),
      fc.record({ field: fc.constantFrom("status", "union", "age"), matches: fc.constantFrom("^act", "ses", "^$", "1") }),
    ) as fc.Arbitrary<Condition>;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.array(condition, { maxLength: 3 }), (values, where) => {
        const names = ["survivor_id", "sex", "age", "union", "upazila", "district", "enrolment_date", "referred_by", "status", "tna_date"];
        const rows: DataRow[] = values.map((v, i) => ({ table, row: i + 2, values: { ...Object.fromEntries(names.map((n) => [n, null])), survivor_id: `S-${i}`, ...v } }));
        const pred = compileWhere(where, "where");
        const batch = batchOfRows(table, rows);
        const got = [...testBatch(pred, batch, new Uint8Array(rows.length))];
        expect(got).toEqual(rows.map((r) => (pred(batch.row(r.row - 2).values) ? 1 : 0)));
        expect(got).toEqual(rows.map((r) => (pred(r.values) ? 1 : 0)));
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
