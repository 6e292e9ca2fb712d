import { describe, expect, it } from "vitest";
import { formatTraceCsv, formatTraceText } from "../../../src/cli/format/trace.js";
import type { Trace } from "../../../src/index.js";

const period = { id: "phase", kind: "phase" as const, label: "Phase", from: "2019-11-07", to: "2022-12-31", cumulative: false };
const trace: Trace = {
  indicator: "1.1.enrolled",
  title: "Survivors enrolled",
  period,
  sex: "female",
  figure: 1,
  sum: 1,
  notes: [],
  rows: [
    { file: "register.xlsx", sheet: "Register", row: 40, partner: "RJ", cell: "B40", value: 1, counted: true, reason: "survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31" },
    { file: "register-2022.csv", sheet: "register-2022", row: 7, partner: "RJ", cell: "A7", value: 1, counted: false, reason: "RJ-0412 already counted at register.xlsx Register!row 40" },
  ],
};

describe("trace output", () => {
  it("lists rows with a mark, the cell, the value and the reason, then the sum line", () => {
    const text = formatTraceText(trace, { sumLine: () => "= 1, the figure reported for 1.1.enrolled (female), phase" });
    expect(text.split("\n")).toEqual([
      "1.1.enrolled  Survivors enrolled (female) · Phase",
      "✓ register.xlsx Register!B40          1  survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31",
      "· register-2022.csv register-2022!A7  1  RJ-0412 already counted at register.xlsx Register!row 40",
      "= 1, the figure reported for 1.1.enrolled (female), phase",
      "",
    ]);
  });

  it("lists a trace of 300,000 rows, aligned (widths folded over the rows, not spread into a call)", () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({ ...trace.rows[0]!, row: i + 2, cell: `B${i + 2}`, value: i % 7 }));
    const lines = formatTraceText({ ...trace, rows }, { sumLine: () => "=" }).split("\n");
    expect(lines).toHaveLength(300_003);
    expect(lines[1]).toBe("✓ register.xlsx Register!B2       0  survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31");
    // The value column is right-aligned to the widest cell: every reason starts in the same column.
    const at = (line: string) => line.indexOf("survivor-register");
    expect(at(lines[300_000]!)).toBe(at(lines[1]!));
    expect(lines[300_000]).toMatch(/^✓ register\.xlsx Register!B300001 {2}\d {2}survivor/);
  });

  it("lists a formula's components before its own line", () => {
    const formula: Trace = { ...trace, indicator: "rate", title: "Rate", figure: 100, sum: null, rows: [], formula: "100 * {a} / {b}", components: [trace, trace] };
    const text = formatTraceText(formula, { sumLine: (t) => `= ${t.indicator}` });
    expect(text).toContain("formula: 100 * {a} / {b}");
    expect(text.trimEnd().split("\n").at(-1)).toBe("= rate");
    expect(text.match(/= 1\.1\.enrolled/g)).toHaveLength(2);
  });

  it("writes CSV with counted yes/no, neutralising text", () => {
    expect(formatTraceCsv(trace).split("\r\n")).toEqual([
      "indicator,file,sheet,row,cell,value,counted,reason",
      "1.1.enrolled,register.xlsx,Register,40,B40,1,yes,survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31".replace("survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31", '"survivor-register, enrolment_date 2020-03-04 within 2019-11-07..2022-12-31"'),
      "1.1.enrolled,register-2022.csv,register-2022,7,A7,1,no,RJ-0412 already counted at register.xlsx Register!row 40",
      "",
    ]);
  });
});
