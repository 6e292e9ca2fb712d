import { describe, expect, it } from "vitest";
import { cells, makeProject, validateFiles, xlsxFile } from "./helpers.js";

/**
 * A partner's own event sheet, not the fixture's: a title block above the header, its own column
 * order and labels, date cells. Every planted fault must be found at its cell with its code, and no
 * clean row may give a finding.
 */
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
type Ev = [id: number, venue: string, type: string, date: Date, women: number, men: number, other: number | null, total: number, facilitator: string];

const clean: Ev[] = [
  [1, "Rohita High School", "TIE session", d("2020-02-10"), 110, 90, 0, 200, "Asma"],
  [2, "Khedapara College", "TIE session", d("2020-03-11"), 100, 110, null, 210, "Asma"],
  [3, "Monohorpur Madrasa", "TIE session", d("2020-09-15"), 95, 95, 0, 190, "Rafiq"],
  [4, "Kashimnagar School", "TIE session", d("2021-01-20"), 120, 100, 0, 220, "Rafiq"],
  [5, "Horihornagar School", "TIE session", d("2021-02-18"), 105, 100, 0, 205, "Asma"],
  [6, "Rohita Bazar", "POT/Puppet show", d("2021-03-05"), 200, 250, 0, 450, "Troupe"],
  [7, "Khedapara Bazar", "POT/Puppet show", d("2021-04-06"), 210, 230, 0, 440, "Troupe"],
  [8, "Sagordari Bazar", "POT/Puppet show", d("2021-05-07"), 190, 270, 0, 460, "Troupe"],
  [9, "Mongolcoat Bazar", "POT/Puppet show", d("2021-06-08"), 205, 225, 0, 430, "Troupe"],
  [10, "Monirampur Bazar", "POT/Puppet show", d("2021-07-09"), 220, 235, 0, 455, "Troupe"],
];
const planted: Array<{ ev: Ev; faults: Array<[col: string, code: string]> }> = [
  { ev: [11, "Rohita UP", "TIE session", d("2021-08-10"), 100, 90, 0, 210, "Asma"], faults: [["H", "sex-sum"]] },
  { ev: [12, "Kashimnagar UP", "TIE session", d("2021-08-11"), -2, 197, 0, 195, "Asma"], faults: [["E", "negative-count"]] },
  { ev: [13, "Rohita School", "TIE session", d("2021-08-12"), 100.5, 99.5, 0, 200, "Asma"], faults: [["E", "non-integer-count"], ["F", "non-integer-count"]] },
  { ev: [14, "Sagordari School", "TIE session", d("2019-01-15"), 100, 100, 0, 200, "Rafiq"], faults: [["D", "date-out-of-period"]] },
  { ev: [15, "Mongolcoat School", "TIE session", d("2031-05-05"), 100, 100, 0, 200, "Rafiq"], faults: [["D", "date-in-future"]] },
  { ev: [16, "Monirampur Stadium", "TIE session", d("2022-03-08"), 2000, 2000, 0, 4000, "Rafiq"], faults: [["H", "outlier"]] },
];
// The duplicate repeats clean row 2 in full (its Sl too), the way a pasted row does.
const duplicate: Ev = [...clean[1]!] as Ev;

const TITLE = [["Rights Jessore - Ashshash project"], ["Awareness events, November 2019 - December 2022"], []];
const HEADER = ["Sl", "Venue", "Type of event", "Held on", "Women", "Men", "Third gender", "Total participants", "Facilitator"];
const FIRST = TITLE.length + 2; // header on row 4, data from row 5

describe("planted faults in a partner's own event sheet", () => {
  it("finds every planted fault at its cell with its code, and nothing on clean rows", async () => {
    const rows: Ev[] = [...clean, ...planted.map((p) => p.ev), duplicate];
    const sum = (i: number) => rows.reduce((a, r) => a + ((r[i] as number | null) ?? 0), 0);
    const totalsRow = ["Total", null, null, null, sum(4), sum(5), sum(6), sum(7) + 100, null];
    const file = await xlsxFile("partners/rj/awareness.xlsx", { "Awareness 2019-22": [...TITLE, HEADER, ...rows, totalsRow] });
    const project = makeProject({ sources: [{ path: "partners/rj/awareness.xlsx", kind: "event-attendance", partner: "RJ" }] });

    const report = await validateFiles(project, { 0: [file] }, { now: "2023-01-07" });

    const expected: Array<[string, string]> = [];
    planted.forEach((p, i) => p.faults.forEach(([col, code]) => expected.push([`${col}${FIRST + clean.length + i}`, code])));
    expected.push([`row ${FIRST + rows.length - 1}`, "duplicate-row"]);
    expected.push([`H${FIRST + rows.length}`, "total-row-mismatch"]);
    const found = cells(report).filter(([, code]) => code !== "unknown-column");
    expect(found.sort()).toEqual(expected.sort());
    expect(report.findings.every((f) => f.file === "partners/rj/awareness.xlsx" && f.sheet === "Awareness 2019-22")).toBe(true);
    // Clean rows: no finding of any kind on rows 5-14.
    expect(report.findings.filter((f) => f.row !== undefined && f.row >= FIRST && f.row < FIRST + clean.length)).toEqual([]);
  });
});
