import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue "Robustness": every corpus file, as a source of a project, through `logframe validate`:
// exit 1 with a finding naming the file, never a stack trace, a hang or a silent success.
const corpus = new URL("../../../shared/corpus", import.meta.url).pathname;
const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return dataFiles(p);
    const notData = ["README.md", "BASELINE.md", "MANIFEST.tsv", "make_hostile.py"].includes(name) || (name.endsWith(".json") && dir.endsWith("spectrum"));
    return notData ? [] : [p];
  });
}

describe("logframe validate on the robustness corpus", () => {
  it("names every corpus file in a finding and exits 1, without a stack trace, within the time budget", () => {
    expect(existsSync(corpus), `the corpus is expected beside the repository at ${corpus}`).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), "logframe-corpus-"));
    symlinkSync(corpus, path.join(dir, "corpus"));
    writeFileSync(
      path.join(dir, "logframe.yaml"),
      `project: { name: Corpus, phase: { start: 2019-01-01, end: 2022-12-31 } }
partners: [{ code: X, name: Anyone, type: SPP }]
sources:
  - { path: "corpus/**/*", kind: event-attendance, partner: X }
logframe:
  goal: { title: Robustness }
  outcomes: [{ code: "1", title: All, indicators: [{ code: e, title: Participants, unit: persons, compute: { from: event-attendance, date: date, measure: sum-sexes } }] }]
limits: { seconds_per_file: 10 }
`,
    );
    const r = spawnSync("node", [bin, "validate", dir, "--format", "json", "--max-findings", "100000"], { encoding: "utf8", timeout: 240_000, maxBuffer: 64 << 20 });
    expect(r.signal, "the run must end by itself").toBeNull();
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { file?: string; message: string }[] };
    const named = new Set(report.findings.map((f) => f.file));
    const files = dataFiles(corpus).map((p) => `corpus/${path.relative(corpus, p)}`);
    expect(files.length).toBeGreaterThan(180);
    // None of them is an event-attendance sheet, so each must be explained: refused, or no such header.
    expect(files.filter((f) => !named.has(f))).toEqual([]);
    for (const f of report.findings) expect(f.message.length).toBeGreaterThan(10);
  }, 300_000);
});
