import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEventsProject } from "../../bench/generate.js";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createEngine, ingestSources, parsePeriod, validateProject } from "../../src/index.js";
import { READ_AHEAD_BYTES } from "../../src/read/xlsx.js";
import { memoryFile } from "../read/helpers.js";

// The CLI reads a workbook larger than the read-ahead size in place from disk (never whole in
// memory); this run of the real CLI on a generated 30,000-row xlsx checks its report is the one
// the library gives reading the same bytes from memory.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "bin", "logframe.js");
let dir: string;
let data: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "logframe-xlsx-disk-"));
  data = (await generateEventsProject(dir, 30_000, "xlsx")).data;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the CLI on a large xlsx, read in place from disk", () => {
  it("validate --format json: the same report as the library reading the file from memory", async () => {
    expect(statSync(data).size).toBeGreaterThan(READ_AHEAD_BYTES);
    const r = spawnSync(process.execPath, [BIN, "validate", dir, "--format", "json", "--now", "2025-01-01", "--max-findings", "100000"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
    const loaded = await loadProject(dir);
    const project = loaded.project;
    // The same sources, each file handed over as bytes in memory (no diskPath).
    const sources = (await resolveSources(loaded)).map((sf) => ({ ...sf, files: sf.files.map((f) => memoryFile(f.path, new Uint8Array(readFileSync(path.join(dir, f.path))))) }));
    const figures = { period: (t: string) => parsePeriod(t, project), engine: (period: ReturnType<typeof parsePeriod>) => createEngine(project, { period, by: ["partner"], now: "2025-01-01" }) };
    const report = await validateProject(ingestSources(sources, project), project, { now: "2025-01-01", maxFindings: 100_000, figures, periods: [], claimed: [] });
    expect(r.status).toBe(1);
    const got = JSON.parse(r.stdout) as typeof report;
    expect(got).toEqual(JSON.parse(JSON.stringify(report)));
    expect(got.summary.rows).toBe(30_000);
    expect(got.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["sex-sum", "date-out-of-period"]));
    expect(got.findings.filter((f) => f.severity === "error" && /read|zip/.test(f.code))).toEqual([]);
  }, 120_000);
});
