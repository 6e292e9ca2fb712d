import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { Command, CommanderError } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { register } from "../../src/cli/commands/validate.js";
import { EXIT, printFailure, takeExitCode } from "../../src/cli/failure.js";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { claimPeriods, createEngine, ingestSources, parsePeriod, validateProject, type Report } from "../../src/index.js";

/**
 * Run the command in-process as `main` does (the same register, exit-code and failure handling;
 * `main`'s own dynamic import of the command modules is exercised by test/cli/help.test.ts).
 */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    const program = new Command().name("logframe").exitOverride();
    register(program);
    try {
      await program.parseAsync(["node", "logframe", ...args]);
      return { code: takeExitCode(), out, err };
    } catch (x) {
      if (x instanceof CommanderError) return { code: x.exitCode === 0 ? EXIT.ok : EXIT.failure, out, err };
      printFailure(x, false);
      return { code: EXIT.failure, out, err };
    }
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const YAML = (extra = "") => `project: { name: CLI test, phase: { start: 2019-11-07, end: 2022-12-31 } }
partners: [{ code: RJ, name: Rights Jessore, type: SPP }]
sources:
  - { path: "events/*.csv", kind: event-attendance, partner: RJ }
logframe:
  goal: { title: Goal }
  outcomes:
    - code: "2"
      title: Awareness
      indicators:
        - { code: 2.1.tie, title: TIE participants, unit: persons, compute: { from: event-attendance, date: date, measure: sum-sexes } }
${extra}`;
const HEADER = "Date,Event type,Venue,Female,Male,Other,Total";
const CLEAN = `${HEADER}\n2021-03-01,TIE session,School A,50,60,0,110\n2021-03-02,TIE session,School B,5,6,0,11\n`;
const ERRORS = `${HEADER}\n2021-03-01,TIE session,School A,50,60,0,120\n2021-03-02,TIE session,School B,-5,6,0,1\n2021-03-03,TIE session,"School, ""C""",5,6,0,12\n`;

let root: string;
const project = (name: string, files: Record<string, string>, extra = "") => {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, "events"), { recursive: true });
  writeFileSync(path.join(dir, "logframe.yaml"), YAML(extra));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "logframe-validate-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("logframe validate", () => {
  it("exits 0 on a clean project and says so in one line", async () => {
    const r = await run("validate", project("clean", { "events/a.csv": CLEAN }), "--now", "2023-01-07");
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("✔ no errors, 0 warnings in 1 file (2 rows)");
  });

  it("exits 1 on error findings, grouped by file in the text output", async () => {
    const r = await run("validate", project("errors", { "events/a.csv": ERRORS }), "--now", "2023-01-07");
    expect(r.code).toBe(1);
    expect(r.out).toContain("events/a.csv\n  a!G2  sex-sum");
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("✖ 3 errors, 0 warnings in 1 file (3 rows)");
  });

  it("exits 0 with warnings, and 1 with warnings under --strict", async () => {
    const dir = project("warnings", { "events/a.csv": CLEAN }, "checks:\n  severity: [{ check: '*', severity: warning, reason: test }]\n");
    writeFileSync(path.join(dir, "events/a.csv"), ERRORS);
    expect((await run("validate", dir, "--now", "2023-01-07")).code).toBe(0);
    expect((await run("validate", dir, "--now", "2023-01-07", "--strict")).code).toBe(1);
  });

  it("prints exactly the library Report with --format json", async () => {
    const dir = project("json", { "events/a.csv": ERRORS, "events/b.csv": CLEAN });
    const r = await run("validate", dir, "--format", "json", "--now", "2023-01-07");
    const loaded = await loadProject(dir);
    const sources = await resolveSources(loaded);
    const p = loaded.project;
    const library: Report = await validateProject(ingestSources(sources, p), p, {
      now: "2023-01-07",
      maxFindings: 1000,
      figures: { period: (t) => parsePeriod(t, p), engine: (period) => createEngine(p, { period, by: ["partner"] }) },
      periods: await claimPeriods([]),
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual(library);
    expect(library.findings.find((f) => f.code === "sex-sum")).toEqual({ code: "sex-sum", severity: "error", message: "total 120, but female 50 + male 60 + other 0 = 110", file: "events/a.csv", sheet: "a", cell: "G2", row: 2, column: "total", partner: "RJ", expected: 110, actual: 120 });
  });

  it("caps the list with --max-findings and keeps the counts exact, by severity and by check", async () => {
    const dir = project("capped", { "events/a.csv": ERRORS });
    const r = await run("validate", dir, "--format", "json", "--max-findings", "1", "--now", "2023-01-07");
    const report = JSON.parse(r.out) as Report;
    expect(report.findings).toHaveLength(1);
    expect(report.summary).toMatchObject({ errors: 3, truncated: true });
    const all = JSON.parse((await run("validate", dir, "--format", "json", "--now", "2023-01-07")).out) as Report;
    const byCode: Record<string, number> = {};
    for (const f of all.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    expect(report.summary.byCode).toEqual(byCode);
    expect(all.summary.byCode).toEqual(byCode);
    const text = await run("validate", dir, "--max-findings", "1", "--now", "2023-01-07");
    const counts = Object.entries(byCode).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, n]) => `${code} ${n}`).join(", ");
    expect(text.out).toContain(`(showing 1 of 3 findings: ${counts}; use --max-findings to see more)`);
  });

  it("writes well-formed JUnit XML", async () => {
    const r = await run("validate", project("junit", { "events/a.csv": ERRORS, "events/b.csv": CLEAN }), "--format", "junit", "--now", "2023-01-07");
    expect(XMLValidator.validate(r.out)).toBe(true);
    expect(r.out).toContain('<testsuite name="events/b.csv"');
    expect(r.out).toContain('<testcase name="sex-sum" classname="events/a.csv">');
  });

  it("writes GitHub workflow commands with paths from the working directory", async () => {
    const dir = project("github", { "events/a.csv": ERRORS });
    const r = await run("validate", dir, "--format", "github", "--now", "2023-01-07");
    const rel = path.relative(process.cwd(), dir).split(path.sep).join("/");
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toBe(`::error file=${rel.startsWith("..") ? dir : rel}/events/a.csv,line=2,col=7,title=sex-sum::a!G2: total 120, but female 50 + male 60 + other 0 = 110 (expected 110, got 120)`);
    expect(lines.slice(0, -1).every((l) => /^::(error|warning|notice) (file=[^,]+,line=\d+,(col=\d+,)?)?title=[a-z-]+::/.test(l))).toBe(true);
  });

  it("--only and --skip choose checks by code or scope", async () => {
    const dir = project("only", { "events/a.csv": ERRORS });
    const only = JSON.parse((await run("validate", dir, "--format", "json", "--only", "negative-count")).out) as Report;
    expect(only.findings.map((f) => f.code)).toEqual(["negative-count"]);
    const skip = JSON.parse((await run("validate", dir, "--format", "json", "--skip", "row,cell")).out) as Report;
    expect(skip.findings).toEqual([]);
  });

  it("validates ./logframe.yaml when no project is named", async () => {
    const dir = project("default", { "events/a.csv": CLEAN });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await run("validate")).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each([
    { name: "exits 2 when there is no project file", args: (dir: string) => [path.join(dir, "nowhere")], message: "no such file or directory" },
    { name: "exits 2 on an unknown format", args: (dir: string) => [dir, "--format", "xml"], message: "--format xml: expected one of text, json, junit, github" },
    { name: "exits 2 on a check code that does not exist", args: (dir: string) => [dir, "--only", "sex-summ"], message: "--only sex-summ: not a check code or scope" },
    { name: "exits 2 on a bad --max-findings", args: (dir: string) => [dir, "--max-findings", "lots"], message: "--max-findings lots: expected a whole number" },
  ])("$name", async ({ args, message }) => {
    const dir = project("bad-option", { "events/a.csv": CLEAN });
    const r = await run("validate", ...args(dir));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on a rule it cannot parse, naming the rule and the column", async () => {
    const dir = project("bad-rule", { "events/a.csv": CLEAN }, "rules:\n  - { left: 2.1.tie[female] <= (2.1.tie, operator: '<=', right: '1' }\n");
    writeFileSync(path.join(dir, "logframe.yaml"), YAML("rules:\n  - { left: '2.1.tie - 1)', operator: '<=', right: '1' }\n"));
    const r = await run("validate", dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rules[0].left: unexpected ")" at column 12');
  });
});
