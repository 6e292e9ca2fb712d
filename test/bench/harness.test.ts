import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSums, type Sums } from "../../bench/compare.js";
import { generateEventsProject, type BenchProject } from "../../bench/generate.js";
import { measure } from "../../bench/measure.js";
import { PHASE } from "../../bench/synth.js";

// The benchmark's correctness comparison on 10k rows: every job must give the generator's own
// tally, cell for cell. No timing is asserted (this machine's load says nothing about the code).
// pandas is compared by `npm run bench` where it is installed; DuckDB is the independent check here.
const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = (script: string, ...args: string[]) => ["--import", "tsx", path.join("bench", "jobs", script), ...args];

describe("benchmark harness on 10k rows", () => {
  let dir: string;
  let project: BenchProject;
  let expected: { rows: number; checks: { sexSum: number; outOfPhase: number }; sums: Sums };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "logframe-bench-test-"));
    project = await generateEventsProject(dir, 10_000);
    expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as typeof expected;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("bench: the generated project has sex-sum errors and out-of-phase dates to find", () => {
    expect(expected.rows).toBe(10_000);
    expect(expected.checks.sexSum).toBeGreaterThan(0);
    expect(expected.checks.outOfPhase).toBeGreaterThan(0);
    expect(Object.keys(expected.sums)).toHaveLength(6);
  });

  it.each([
    { how: "one multi-period engine", flags: [] },
    { how: "one engine per quarter", flags: ["--engine-per-quarter"] },
    { how: "row by row, before batches", flags: ["--rows"] },
  ])("bench: logframe's figures by event type and quarter ($how) equal the generator's tally", async ({ flags }) => {
    const m = await measure(process.execPath, tsx("logframe.ts", dir, "events", ...flags), ROOT);
    expect(m.error).toBeUndefined();
    expect(m.output!.missing).toEqual([]);
    expect(m.output!.rows).toBe(10_000);
    expect(diffSums(m.output!.sums as Sums, expected.sums)).toEqual([]);
    expect(m.output!.checks!["sex-sum"]).toBe(expected.checks.sexSum);
    expect(m.output!.checks!["date-out-of-period"]).toBe(expected.checks.outOfPhase);
    expect(m.peakMb).toBeGreaterThan(0);
  });

  it("bench: DuckDB's figures equal the generator's tally", async () => {
    const m = await measure(process.execPath, tsx("duckdb.ts", project.data, PHASE.start, PHASE.end), ROOT);
    expect(m.error).toBeUndefined();
    expect(diffSums(m.output!.sums as Sums, expected.sums)).toEqual([]);
    expect(m.output!.checks).toMatchObject({ sexSum: expected.checks.sexSum, outOfPhase: expected.checks.outOfPhase });
  });

  it("bench: diffSums names the cell that differs and a quarter only one side has", () => {
    const a: Sums = { Theatre: { "2021Q1": [1, 2, 0, 3], "2021Q2": [1, 1, 0, 2] } };
    const b: Sums = { Theatre: { "2021Q1": [1, 2, 0, 4] } };
    expect(diffSums(a, b)).toEqual(["Theatre 2021Q1: 1/2/0/3 vs 1/2/0/4", "Theatre 2021Q2: 1/1/0/2 vs missing"]);
    expect(diffSums(a, a)).toEqual([]);
  });
});
