import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { aggregateIndicators, createMultiEngine } from "../../src/aggregate/engine.js";
import { parsePeriod, splitPeriod } from "../../src/aggregate/periods.js";
import { traceIndicator } from "../../src/aggregate/trace.js";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { ingestSources } from "../../src/normalize/ingest.js";
import type { ProjectFile } from "../../src/schema/project.js";
import type { AggregateResult } from "../../src/schema/result.js";
import type { IngestEvent } from "../../src/schema/table.js";

// The real pipeline (read → normalize → aggregate) on the Ashshash fixture, checked against the figures
// raw data gives (expected.json) and, where the report got them right, the report itself (figures.csv).

const root = new URL("../../", import.meta.url).pathname;
const fixture = `${root}fixtures/ashshash`;

interface Expected {
  indicator: string;
  total: number;
  female: number | null;
  male: number | null;
  matches_report: boolean;
}
const expected = JSON.parse(readFileSync(`${fixture}/expected.json`, "utf8")) as Record<string, Expected>;
const report = new Map(
  (parse(readFileSync(`${fixture}/figures.csv`, "utf8"), { columns: true }) as Record<string, string>[]).map((r) => [r["ref"]!, r]),
);
const numberOrNull = (s: string | undefined): number | null => (s === undefined || s === "" ? null : Number(s));

let project: ProjectFile;
let events: IngestEvent[];
let phase: AggregateResult;

beforeAll(async () => {
  const loaded = await loadProject(fixture);
  project = loaded.project;
  events = [];
  for await (const e of ingestSources(await resolveSources(loaded), project)) events.push(e);
  phase = await aggregateIndicators(events, project, { period: parsePeriod("phase", project), by: ["partner"] });
});

describe("Ashshash: the figures raw data gives", () => {
  it.each(Object.entries(expected).map(([ref, e]) => ({ ref, ...e })))("$ref $indicator: $total (female $female, male $male)", ({ ref, indicator, total, female, male, matches_report }) => {
    const result = phase.indicators.find((i) => i.reference === ref)!;
    expect(result.code).toBe(indicator);
    expect(result.actual!.total).toBe(total);
    if (female !== null) expect(result.actual!.female).toBe(female);
    if (male !== null) expect(result.actual!.male).toBe(male);
    if (female === null && male === null && result.disaggregated) expect(result.actual!.female + result.actual!.male).toBe(total);
    // Where the report's own figure is right, the data agrees with the report as written.
    const written = report.get(ref)!;
    if (matches_report) {
      // A count of events is written in the `events` column (F27: "6 Bi Monthly Coordination Meeting").
      expect(result.actual!.total).toBe(numberOrNull(written["total"] || written["events"]));
      if (written["female"]) expect(result.actual!.female).toBe(numberOrNull(written["female"]));
      if (written["male"]) expect(result.actual!.male).toBe(numberOrNull(written["male"]));
    } else {
      expect([numberOrNull(written["total"]), numberOrNull(written["female"]), numberOrNull(written["male"])]).not.toEqual([total, female, male]);
    }
  });

  it("reports every indicator of the logframe, each for the phase", () => {
    expect(phase.indicators.length).toBeGreaterThanOrEqual(Object.keys(expected).length);
    expect(phase.period).toMatchObject({ id: "phase", from: "2019-11-07", to: "2022-12-31" });
  });

  it("splits each figure by partner into parts that add up to it (persons counted once, at their first partner)", () => {
    for (const i of phase.indicators) {
      if (!i.actual || i.unit === "percent") continue;
      const parts = Object.values(i.by["partner"] ?? {});
      expect(parts.reduce((s, p) => s + p.total, 0)).toBeCloseTo(i.actual.total, 6);
    }
  });

  it("adds fiscal years up to the phase for figures counted with sum", async () => {
    const fys = ["FY2019-20", "FY2020-21", "FY2021-22", "FY2022-23"].map((p) => parsePeriod(p, project));
    const results = await Promise.all(fys.map((period) => aggregateIndicators(events, project, { period })));
    for (const i of phase.indicators.filter((x) => x.counting === "sum" && x.actual && x.unit !== "percent")) {
      const sum = results.reduce((s, r) => s + r.indicators.find((x) => x.code === i.code)!.actual!.total, 0);
      expect(sum, i.code).toBeCloseTo(i.actual!.total, 6);
    }
  });
});

describe("Ashshash: several periods in one pass", () => {
  it.each([
    { unit: "quarter" as const, cumulative: false },
    { unit: "quarter" as const, cumulative: true },
    { unit: "fiscal-year" as const, cumulative: false },
  ])("gives every indicator, for each $unit of the phase (cumulative: $cumulative), the figures of an engine per $unit", async ({ unit, cumulative }) => {
    const parts = splitPeriod(parsePeriod("phase", project), unit, project);
    const engine = createMultiEngine(project, { periods: parts, cumulative, by: ["partner"] });
    for (const e of events) engine.add(e);
    const results = engine.finish();
    expect(results.map((r) => r.period.id)).toEqual(parts.map((p) => p.id));
    for (const [i, period] of parts.entries()) {
      const alone = await aggregateIndicators(events, project, { period, cumulative, by: ["partner"] });
      expect(results[i]!.indicators.length).toBe(phase.indicators.length);
      expect(results[i]).toEqual(alone);
    }
  });
});

describe("Ashshash: trace", () => {
  it("lists rows whose counted values add up to every indicator's figure, total, by sex and by partner", async () => {
    const period = parsePeriod("phase", project);
    for (const i of phase.indicators) {
      for (const sex of i.disaggregated ? ([undefined, "female", "male"] as const) : [undefined]) {
        for (const partner of [undefined, ...project.partners.map((p) => p.code)]) {
          const t = await traceIndicator(events, project, { indicator: i.code, period, ...(sex ? { sex } : {}), ...(partner ? { partner } : {}) });
          const split = partner ? (i.by["partner"]![partner] ?? null) : i.actual;
          expect(t.figure, `${i.code} ${sex ?? "total"} ${partner ?? ""}`).toBe(i.actual === null ? null : (split?.[sex ?? "total"] ?? 0));
          if (t.sum !== null) expect(t.sum).toBe(t.figure);
        }
      }
    }
  });

  it("points each counted survivor at their register cell", async () => {
    const t = await traceIndicator(events, project, { indicator: "1.1.enrolled", period: parsePeriod("phase", project), sex: "female" });
    expect(t.sum).toBe(534);
    expect(t.rows.filter((r) => r.counted)).toHaveLength(534);
    expect(t.rows[0]).toMatchObject({ file: "partners/rj/register-2019-2021.xlsx", sheet: "Register", counted: true });
    expect(t.rows[0]!.cell).toMatch(/^[A-Z]+\d+$/);
  });
});

describe("Ashshash: the built CLI", () => {
  const bin = `${root}bin/logframe.js`;
  const built = existsSync(`${root}dist/bundle/main.js`);
  const run = (args: string[]) => spawnSync("node", [bin, ...args], { cwd: root, encoding: "utf8" });

  it("is built (npm ci runs the build; locally: npm run build)", () => {
    expect(built).toBe(true);
  });

  it("prints the same JSON as the library for aggregate --format json", () => {
    const r = run(["aggregate", "fixtures/ashshash", "--period", "phase", "--format", "json", "--by", "partner"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(phase);
  });

  it("prints a table that fits 80 columns", () => {
    const r = run(["aggregate", "fixtures/ashshash", "--by", "partner"]);
    expect(r.status, r.stderr).toBe(0);
    const table = r.stdout.split("\n").filter((l) => /^\S+\s{2,}|^\s{10,}\S/.test(l) && !l.startsWith("  "));
    expect(table.length).toBeGreaterThan(40);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/^1\.1\.enrolled\s+Survivors identifi.*\s534\s+396\s+0\s+930\s+550\s+169\.1$/m);
  });

  it("ends a trace with the figure's sum line", () => {
    const r = run(["trace", "1.1.enrolled", "fixtures/ashshash", "--sex", "female"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("= 534, the figure reported for 1.1.enrolled (female), phase");
  });

  it.each([
    { args: ["aggregate", "fixtures/ashshash", "--period", "2030Q1"], message: /outside the project phase/ },
    { args: ["aggregate", "fixtures/ashshash", "--period", "last year"], message: /not a period logframe understands/ },
    { args: ["aggregate", "fixtures/ashshash", "--indicator", "9.9"], message: /--indicator 9\.9: no indicator/ },
    { args: ["aggregate", "fixtures/ashshash", "--by", "colour"], message: /--by colour: not a dimension/ },
    { args: ["aggregate", "fixtures/ashshash", "--format", "xml"], message: /--format xml/ },
    { args: ["trace", "9.9", "fixtures/ashshash"], message: /9\.9: no indicator has this code/ },
    { args: ["trace", "1.1.enrolled", "fixtures/ashshash", "--sex", "woman"], message: /--sex woman/ },
  ])("exits 2 with a short message for $args", ({ args, message }) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toMatch(message);
    expect(r.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
