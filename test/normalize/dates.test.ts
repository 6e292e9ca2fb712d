import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOrderEvidence, dateToIso, parseDateText, serialToIso } from "../../src/normalize/dates.js";

describe("parseDateText", () => {
  it.each([
    { name: "ISO", text: "2019-11-07", order: "dmy", want: "2019-11-07" },
    { name: "ISO with a time", text: "2019-11-07T00:00:00", order: "dmy", want: "2019-11-07" },
    { name: "slashes, day first", text: "07/11/2019", order: "dmy", want: "2019-11-07" },
    { name: "slashes, month first", text: "07/11/2019", order: "mdy", want: "2019-07-11" },
    { name: "dots without leading zeros", text: "7.11.2019", order: "dmy", want: "2019-11-07" },
    { name: "dashes", text: "07-11-2019", order: "dmy", want: "2019-11-07" },
    { name: "two-digit year", text: "07/11/19", order: "dmy", want: "2019-11-07" },
    { name: "a time after the date", text: "07/11/2019 10:30 AM", order: "dmy", want: "2019-11-07" },
    { name: "short month name, two-digit year", text: "7-Nov-19", order: "dmy", want: "2019-11-07" },
    { name: "day month year", text: "7 Nov 2019", order: "mdy", want: "2019-11-07" },
    { name: "month day, year", text: "Nov 7, 2019", order: "dmy", want: "2019-11-07" },
    { name: "zero-padded with dashes", text: "07-Nov-2019", order: "dmy", want: "2019-11-07" },
    { name: "long month name and ordinal", text: "7th November 2019", order: "dmy", want: "2019-11-07" },
    { name: "Sept", text: "3 Sept 2020", order: "dmy", want: "2020-09-03" },
    { name: "upper case", text: "07-NOV-2019", order: "dmy", want: "2019-11-07" },
    { name: "compact", text: "20191107", order: "dmy", want: "2019-11-07" },
    { name: "year first with slashes", text: "2019/11/07", order: "mdy", want: "2019-11-07" },
    { name: "a day that only reads one way, auto", text: "25/03/2021", order: undefined, want: "2021-03-25" },
    { name: "the same day and month, auto", text: "03/03/2021", order: undefined, want: "2021-03-03" },
  ] as const)("$name: $text → $want", ({ text, order, want }) => {
    expect(parseDateText(text, order)).toEqual({ iso: want });
  });

  it.each([
    { name: "31 February", text: "31/02/2021", order: "dmy", fail: "bad-date" },
    { name: "month 13", text: "13/13/2020", order: "dmy", fail: "bad-date" },
    { name: "month-first date read day-first", text: "11/25/2019", order: "dmy", fail: "bad-date" },
    { name: "29 February of a common year", text: "29-Feb-2021", order: "dmy", fail: "bad-date" },
    { name: "words", text: "last week", order: "dmy", fail: "bad-date" },
    { name: "a month without a day", text: "Nov 2019", order: "dmy", fail: "bad-date" },
    { name: "three-digit year", text: "07/11/201", order: "dmy", fail: "bad-date" },
    { name: "a date that reads two ways, auto", text: "03/04/2021", order: undefined, fail: "ambiguous-date" },
  ] as const)("$name: $text → $fail", ({ text, order, fail }) => {
    expect(parseDateText(text, order)).toEqual({ fail });
  });
});

describe("serialToIso", () => {
  it.each([
    { serial: 43776, want: "2019-11-07" },
    { serial: 43776.75, want: "2019-11-07" },
    { serial: 32874, want: "1990-01-01" },
    { serial: 44255, want: "2021-02-28" },
  ])("Excel serial $serial is $want", ({ serial, want }) => {
    expect(serialToIso(serial)).toBe(want);
  });

  it("keeps Excel's 1900 leap-year bug: serial 61 is 1 March 1900 and 60 is no day", () => {
    const wide = { from: "1900-01-01", to: "2100-12-31" };
    expect([serialToIso(1, wide), serialToIso(59, wide), serialToIso(60, wide), serialToIso(61, wide)]).toEqual(["1900-01-01", "1900-02-28", undefined, "1900-03-01"]);
  });

  it.each([12, 0, -5, 200_000, Number.NaN])("a number outside the plausible window (%s) is not a date", (serial) => {
    expect(serialToIso(serial)).toBeUndefined();
  });
});

describe("dateToIso and dateOrderEvidence", () => {
  it("reads an xlsx date cell as its UTC day, and a zero formatted as a date as no date", () => {
    expect([dateToIso(new Date(Date.UTC(2021, 2, 7))), dateToIso(new Date(Date.UTC(1899, 11, 30)))]).toEqual(["2021-03-07", undefined]);
  });

  it("gives any date-time's UTC day, the same the first time and every time after, also once its memory of days is full", () => {
    const when = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(fc.array(when, { minLength: 1, maxLength: 50 }), (times) => {
        for (const t of [...times, ...times]) {
          const want = new Date(t).toISOString().slice(0, 10);
          expect(dateToIso(new Date(t))).toBe(want >= "1900-01-01" ? want : undefined);
        }
      }),
      { seed: 5, numRuns: 200 },
    );
    expect(dateToIso(new Date(Number.NaN))).toBeUndefined();
  });

  it.each([
    { text: "25/03/2021", want: "dmy" },
    { text: "03/25/2021", want: "mdy" },
    { text: "03/04/2021", want: undefined },
    { text: "2021-03-25", want: undefined },
    { text: "7 Nov 2019", want: undefined },
  ])("$text says the order is $want", ({ text, want }) => {
    expect(dateOrderEvidence(text)).toBe(want);
  });
});
