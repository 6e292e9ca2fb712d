import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellColumn, cellColumnAt, isDateFormat, parseCellRef, parseIsoDate, parseRowNumber, rowNumberAt, serialToDate, unescapeOoxml, wholeNumberAt } from "../../src/read/xlsx-values.js";

const day = (y: number, m: number, d: number, h = 0, min = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min));

describe("xlsx values", () => {
  it.each([
    ["A1", { col: 0, row: 1 }],
    ["b7", { col: 1, row: 7 }],
    ["XFD1048576", { col: 16383, row: 1048576 }],
    ["AA10", { col: 26, row: 10 }],
    ["XFE2", undefined],
    ["A0", undefined],
    ["A1048577", undefined],
    ["A01", undefined],
    ["$B$7", undefined],
    ["7A", undefined],
    ["", undefined],
    ["A-5", undefined],
  ])("xlsx values: cell reference %s", (ref, want) => {
    expect(parseCellRef(ref)).toEqual(want);
    // The per-cell reader takes the column alone, and refuses exactly what parseCellRef refuses.
    expect(cellColumn(ref)).toBe(want?.col ?? -1);
  });

  it.each([
    ["1", 1],
    ["1048576", 1048576],
    ["0", undefined],
    ["-5", undefined],
    ["2000000000", undefined],
    ["12a", undefined],
  ])("xlsx values: row number %s", (r, want) => {
    expect(parseRowNumber(r)).toBe(want);
  });

  it.each([
    [1, false, day(1900, 1, 1)],
    [59, false, day(1900, 2, 28)],
    [61, false, day(1900, 3, 1)],
    [44259, false, day(2021, 3, 4)],
    [43776.5, false, day(2019, 11, 7, 12)],
    [0, true, day(1904, 1, 1)],
    [42797, true, day(2021, 3, 4)],
  ])("xlsx values: serial %s (1904: %s) is a UTC date", (serial, date1904, want) => {
    expect(serialToDate(serial, date1904)).toEqual(want);
  });

  it("xlsx values: serials outside Excel's calendar are not dates", () => {
    expect(serialToDate(-1, false)).toBeUndefined();
    expect(serialToDate(3_000_000, false)).toBeUndefined();
  });

  it.each([
    [14, undefined, true],
    [22, undefined, true],
    [0, undefined, false],
    [18, undefined, false],
    [164, "dd/mm/yyyy", true],
    [164, "[$-409]mmmm d, yyyy;@", true],
    [164, "mmm", true],
    [164, "h:mm:ss", false],
    [164, "[h]:mm", false],
    [164, '#,##0 "days"', false],
    [164, "0.00%", false],
    [164, "[Red]#,##0;[Blue]-#,##0", false],
    [164, "General", false],
  ])("xlsx values: number format %s %j is a date: %s", (id, code, want) => {
    expect(isDateFormat(id, code)).toBe(want);
  });

  it("xlsx values: _xHHHH_ escapes are undone, an escaped underscore stays literal", () => {
    expect(unescapeOoxml("a_x000D_b")).toBe("a\rb");
    expect(unescapeOoxml("_x005F_x0041_")).toBe("_x0041_");
  });

  it.each([
    ["2021-03-04", day(2021, 3, 4)],
    ["2021-03-04T10:30:00", day(2021, 3, 4, 10, 30)],
    ["2021-03-04T10:30:00+06:00", day(2021, 3, 4, 4, 30)],
    ["2021-03-04T10:30:00Z", day(2021, 3, 4, 10, 30)],
    ["not a date", undefined],
  ])("xlsx values: ISO date %s", (s, want) => {
    expect(parseIsoDate(s)).toEqual(want);
  });

  it("xlsx values: a whole number read from bytes is what Number() makes of the same text, and NaN for any text that is not an optional minus and 1 to 15 digits", () => {
    const text = fc.oneof(fc.stringMatching(/^-?[0-9]{1,15}$/), fc.string({ maxLength: 20 }), fc.stringMatching(/^[-+ .e0-9]{0,18}$/));
    fc.assert(
      fc.property(text, (t) => {
        const b = new TextEncoder().encode(`<${t}>`);
        const got = wholeNumberAt(b, 1, b.length - 1);
        if (/^-?[0-9]{1,15}$/.test(t)) expect(Object.is(got, Number(t))).toBe(true);
        else expect(got).toBeNaN();
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it("xlsx values: a reference or row number read from a stretch of bytes reads only that stretch, as the same text alone would", () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z]{1,4}[0-9]{1,8}$/), fc.string({ maxLength: 10 })), (ref) => {
        const b = new TextEncoder().encode(` ${ref} `);
        expect(cellColumnAt(b, 1, b.length - 1)).toBe(cellColumn(ref));
        expect(rowNumberAt(b, 1, b.length - 1)).toBe(parseRowNumber(ref));
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});
