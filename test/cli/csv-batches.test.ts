import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEventsProject } from "../../bench/generate.js";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createEngine, ingestSources, parsePeriod, validateProject } from "../../src/index.js";

// The CLI reads CSV sources in column form (batches); these runs of the real CLI on a generated
// 20,000-row event CSV, with odd rows added (a totals row, a note, bad cells, a blank line inside the
// data), check that its report and figures are those the library gives reading row by row.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "bin", "logframe.js");
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "logframe-csv-batches-"));
  const p = await generateEventsProject(dir, 20_000);
  appendFileSync(p.data, "\nEV-x,2021-02-30,Video show,Sharsha,Sharsha,Jashore,School,1,2,0,3,Rahima\nEV-y,2021-03-01,Video show,,,,School,one,2,0,3,\nNote: figures are provisional\nEV-z,2021-03-02,Video show,,,,School,1,2,0,3,\nTotal,,,,,,,100,200,0,300,\n");
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout };
}

async function rowByRow() {
  const loaded = await loadProject(dir);
  return { project: loaded.project, sources: await resolveSources(loaded) };
}

describe("the CLI on a CSV, read in batches, gives what reading row by row gives", () => {
  it("validate --format json: the same report", async () => {
    const r = cli("validate", dir, "--format", "json", "--now", "2025-01-01", "--max-findings", "100000");
    const { project, sources } = await rowByRow();
    const figures = { period: (t: string) => parsePeriod(t, project), engine: (period: ReturnType<typeof parsePeriod>) => createEngine(project, { period, by: ["partner"], now: "2025-01-01" }) };
    const report = await validateProject(ingestSources(sources, project, { batches: false }), project, { now: "2025-01-01", maxFindings: 100_000, figures, periods: [], claimed: [] });
    expect(r.code).toBe(1);
    const got = JSON.parse(r.out) as typeof report;
    expect(got).toEqual(JSON.parse(JSON.stringify(report)));
    expect(got.summary.rows).toBeGreaterThan(20_000);
    expect(got.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["bad-date", "type-error", "total-row-mismatch", "sex-sum", "blank-row"]));
  }, 60_000);

  it("aggregate --format json by partner and event type: the same figures", async () => {
    const r = cli("aggregate", dir, "--format", "json", "--period", "FY2021-22", "--by", "partner,event_type");
    const { project, sources } = await rowByRow();
    const engine = createEngine(project, { period: parsePeriod("FY2021-22", project), by: ["partner", "event_type"] });
    for await (const e of ingestSources(sources, project, { batches: false })) engine.add(e);
    const want = engine.finish();
    const got = JSON.parse(r.out) as { indicators: { code: string; actual: unknown; by: unknown }[] };
    expect(got.indicators.map((i) => [i.code, i.actual, i.by])).toEqual(want.indicators.map((i) => [i.code, i.actual, i.by]));
    expect(Object.keys((got.indicators.at(-1)!.by as { event_type: object }).event_type)).toHaveLength(6);
  }, 60_000);
});
