import { describe, expect, it } from "vitest";
import type { FieldSpec } from "../../src/schema/kind.js";
import type { RawValue } from "../../src/schema/table.js";
import { CellProblem, makeCoercer, mergeSexAliases, parseNumberText, roundNoise, type DateContext } from "../../src/normalize/values.js";

/** What a cell gives: its value, or `[code, value kept]` for a problem. */
function read(spec: FieldSpec, raw: RawValue, order: DateContext["order"] = "dmy", opts = {}) {
  const r = makeCoercer("field", spec, opts, { order })(raw);
  return r instanceof CellProblem ? [r.code, r.value] : r;
}

const integer: FieldSpec = { type: "integer", aliases: [], persons: true };
const age: FieldSpec = { type: "integer", aliases: [] };
const amount: FieldSpec = { type: "number", aliases: [] };
const date: FieldSpec = { type: "date", aliases: [] };
const sex: FieldSpec = { type: "sex", aliases: [] };
const id: FieldSpec = { type: "id", aliases: [] };
const status: FieldSpec = { type: "category", aliases: [], values: { active: ["active", "ongoing"], dropped: ["drop out", "dropped"] } };
const employment: FieldSpec = { type: "category", aliases: [], values: { self: ["self employment"], none: ["none", "-"] } };

describe("numbers", () => {
  it.each([
    { name: "a number cell", raw: 12, want: 12 },
    { name: "thousands separators", raw: "1,978", want: 1978 },
    { name: "Indian grouping", raw: "12,34,567", want: 1234567 },
    { name: "Bengali digits", raw: "১,৯৭৮", want: 1978 },
    { name: "spaces", raw: " 1 978 ", want: 1978 },
    { name: "a trailing .0", raw: "45.0", want: 45 },
    { name: "a dash", raw: "-", want: null },
    { name: "blank text", raw: "  ", want: null },
    { name: "a blank cell", raw: null, want: null },
    { name: "a negative count, kept for negative-count", raw: -3, want: -3 },
    { name: "a fractional count of persons, kept for non-integer-count", raw: 12.5, want: 12.5 },
    { name: "a word", raw: "twenty", want: ["type-error", null] },
    { name: "an error value", raw: { error: "#REF!" }, want: ["cell-error", null] },
  ])("integer: $name", ({ raw, want }) => {
    expect(read(integer, raw)).toEqual(want);
  });

  it("says what it expected and what it got", () => {
    const r = makeCoercer("female", integer, {}, { order: "dmy" })("twenty");
    expect(r).toMatchObject({ code: "type-error", message: 'expected a whole number, got "twenty"' });
  });

  it.each([
    { name: "money with Tk and /-", raw: "Tk. 5,000/-", want: 5000 },
    { name: "taka sign", raw: "৳1,250.50", want: 1250.5 },
    { name: "float noise is rounded", raw: 274.65999999, want: 274.66 },
    { name: "long float noise is rounded", raw: 0.1 + 0.2, want: 0.3 },
    { name: "a whole number in a non-count integer is fine", raw: "25", want: 25 },
  ])("number: $name", ({ raw, want }) => {
    expect(read(raw === "25" ? age : amount, raw)).toEqual(want);
  });

  it("rounds float noise only when asked", () => {
    expect([read(amount, 274.65999999, "dmy", { roundNoise: false }), roundNoise(1e12 + 0.5), roundNoise(7)]).toEqual([274.65999999, 1e12, 7]);
  });

  it("a fraction in a whole-number field that is not a count of persons is a type error", () => {
    expect(read(age, 25.5)).toEqual(["type-error", null]);
  });

  it.each(["1e3", "+4", ".5"])("parseNumberText reads %s", (t) => {
    expect(parseNumberText(t)).toBe(Number(t));
  });
});

describe("dates", () => {
  it.each([
    { name: "a Date cell", raw: new Date(Date.UTC(2021, 2, 7)) as RawValue, want: "2021-03-07" },
    { name: "an Excel serial", raw: 43776, want: "2019-11-07" },
    { name: "an Excel serial as text", raw: "43776", want: "2019-11-07" },
    { name: "text, day first", raw: "07/11/2019", want: "2019-11-07" },
    { name: "Bengali digits", raw: "০৭/১১/২০১৯", want: "2019-11-07" },
    { name: "an impossible date", raw: "31/02/2021", want: ["bad-date", null] },
    { name: "a count in a date column", raw: 12, want: ["bad-date", null] },
    { name: "a word", raw: "soon", want: ["bad-date", null] },
    { name: "blank", raw: "", want: null },
    { name: "ISO on a leap day", raw: "2020-02-29", want: "2020-02-29" },
    { name: "ISO on a leap day of a common year", raw: "2021-02-29", want: ["bad-date", null] },
    { name: "ISO in 2000, a leap year", raw: "2000-02-29", want: "2000-02-29" },
    { name: "ISO in 1900, not a leap year", raw: "1900-02-29", want: ["bad-date", null] },
    { name: "ISO month 13", raw: "2021-13-01", want: ["bad-date", null] },
    { name: "ISO 31 April", raw: "2021-04-31", want: ["bad-date", null] },
  ])("$name", ({ raw, want }) => {
    expect(read(date, raw)).toEqual(want);
  });

  it("in auto mode without evidence, a date that reads two ways is ambiguous, never guessed", () => {
    const r = makeCoercer("date", date, {}, { order: undefined })("03/04/2021");
    expect(r).toMatchObject({ code: "ambiguous-date", value: null });
  });

  it("follows the sheet's order once it is settled, even for text already seen", () => {
    const ctx: DateContext = { order: undefined };
    const coerce = makeCoercer("date", date, {}, ctx);
    const before = coerce("03/04/2021");
    ctx.order = "mdy";
    expect([before instanceof CellProblem ? before.code : before, coerce("03/04/2021")]).toEqual(["ambiguous-date", "2021-03-04"]);
  });
});

describe("sex", () => {
  it.each([
    { raw: "F", want: "female" },
    { raw: "Female", want: "female" },
    { raw: "girls", want: "female" },
    { raw: "মহিলা", want: "female" },
    { raw: "M", want: "male" },
    { raw: "boys", want: "male" },
    { raw: "পুরুষ", want: "male" },
    { raw: "hijra", want: "other" },
    { raw: "Third Gender", want: "other" },
    { raw: null, want: ["unknown-sex", "unknown"] },
    { raw: "unknown", want: ["unknown-sex", "unknown"] },
    { raw: "fmale", want: ["unknown-category", "unknown"] },
    { raw: "F.", want: "female" },
    { raw: "(M)", want: "male" },
  ])("$raw → $want", ({ raw, want }) => {
    expect(read(sex, raw)).toEqual(want);
  });

  it("takes the project's own spellings on top of the built-in ones", () => {
    const opts = { sexAliases: mergeSexAliases({ female: ["Mohilla"] }) };
    expect([read(sex, "mohilla", "dmy", opts), read(sex, "F", "dmy", opts)]).toEqual(["female", "female"]);
  });

  it("names the allowed values when a spelling is unknown", () => {
    const r = makeCoercer("sex", sex, {}, { order: "dmy" })("fmale");
    expect(r).toMatchObject({ message: 'sex "fmale" is not one of female, male, other; counted as unknown' });
  });
});

describe("categories, ids and text", () => {
  it.each([
    { spec: status, raw: "Active", want: "active" },
    { spec: status, raw: "  Drop   Out ", want: "dropped" },
    { spec: status, raw: "drop-out", want: "dropped" },
    { spec: status, raw: "paused", want: ["unknown-category", null] },
    { spec: employment, raw: "-", want: "none" },
    { spec: employment, raw: "Self-Employment", want: "self" },
    { spec: id, raw: 412, want: "412" },
    { spec: id, raw: " RJ-0412 ", want: "RJ-0412" },
    { spec: id, raw: new Date(Date.UTC(2021, 0, 1)) as RawValue, want: "2021-01-01" },
    { spec: id, raw: "", want: null },
  ])("$raw → $want", ({ spec, raw, want }) => {
    expect(read(spec, raw)).toEqual(want);
  });

  it("names the allowed values of a category", () => {
    const r = makeCoercer("status", status, {}, { order: "dmy" })("paused");
    expect(r).toMatchObject({ message: 'status "paused" is not one of active, dropped' });
  });
});
