import { describe, expect, it } from "vitest";
import { makeProject, memoryFile, validateFiles } from "./helpers.js";

const ROWS = 50_000;

describe("a 50,000-row sheet", () => {
  it("validates with the findings list capped at --max-findings and every finding still counted", async () => {
    const lines = ["Date,Event type,Venue,Female,Male,Other,Total"];
    for (let i = 0; i < ROWS; i++) {
      // Every 10th row's total is one too many (sex-sum); every 1,000th row is negative too.
      const female = i % 1000 === 0 ? -1 : 10 + (i % 7);
      const male = 12 + (i % 5);
      const total = female + male + (i % 10 === 0 ? 1 : 0);
      lines.push(`2021-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},Session ${i % 3},Venue ${i},${female},${male},0,${total}`);
    }
    const project = makeProject({ sources: [{ path: "big.csv", kind: "event-attendance", partner: "RJ" }] });
    const report = await validateFiles(project, { 0: [memoryFile("big.csv", lines.join("\n") + "\n")] }, { maxFindings: 100 });

    expect(report.summary).toMatchObject({ rows: ROWS, files: 1, errors: ROWS / 10 + ROWS / 1000, truncated: true });
    expect(report.findings.length).toBe(100);
    expect(report.findings.every((f) => f.severity === "error")).toBe(true);
    expect(report.valid).toBe(false);
  });
});
