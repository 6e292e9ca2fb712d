import { describe, expect, it } from "vitest";
import { cells, makeProject, memoryFile, validateFiles, xlsxFile } from "../helpers.js";

const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const events = makeProject({ sources: [{ path: "events.csv", kind: "event-attendance", partner: "RJ" }] });

describe("non-integer-count", () => {
  it.each([
    { name: "non-integer-count: half a person fires at the cell", line: "2021-03-01,TIE,School A,12.5,10,0,22.5", expected: [["D2", "non-integer-count"], ["G2", "non-integer-count"]] },
    { name: "non-integer-count: whole numbers written with decimals are whole", line: "2021-03-01,TIE,School A,12.0,10,0,22", expected: [] },
  ])("$name", async ({ line, expected }) => {
    const report = await validateFiles(events, { 0: [memoryFile("events.csv", `${HEADER}\n${line}\n`)] }, { only: ["non-integer-count"] });
    expect(cells(report)).toEqual(expected);
  });

  it("non-integer-count: a claimed count of persons must be whole, a claimed amount of money need not", async () => {
    const p = makeProject({
      sources: [{ path: "claims.xlsx", kind: "spp-target-achievement", partner: "RJ" }],
      logframe: {
        goal: { title: "G" },
        outcomes: [
          {
            code: "1",
            title: "O",
            indicators: [
              { code: "1.1.enrolled", title: "Enrolled", unit: "persons" },
              { code: "2.2.budget", title: "Budget", unit: "BDT" },
            ],
          },
        ],
      },
    });
    const file = await xlsxFile("claims.xlsx", {
      Claims: [
        ["Code", "Period", "Achievement female", "Achievement male", "Achievement total"],
        ["1.1.enrolled", "phase", 534.5, 396, 930.5],
        ["2.2.budget", "phase", null, null, 11469.05],
      ],
    });
    const report = await validateFiles(p, { 0: [file] }, { only: ["non-integer-count"] });
    expect(cells(report)).toEqual([["C2", "non-integer-count"], ["E2", "non-integer-count"]]);
  });
});
