import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProject, resolveSources } from "../../src/cli/project-files.js";
import { createEngine, createNumberFormatter, ingestSources, parsePeriod, type AggregateResult } from "../../src/index.js";
import { headlineSentence } from "../../src/render/headline.js";
import { TRACKING_FIRST_ROW, trackingColumn } from "../../src/render/xlsx/tracking-sheet.js";
import { documentText, unzipText } from "../render/docx/extract.js";
import { workbookJson } from "../render/workbook-json.js";

const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;
const fixture = new URL("../../fixtures/ashshash", import.meta.url).pathname;
const env = { ...process.env, CI: "1" };

function run(args: string[]) {
  return spawnSync("node", [bin, "report", ...args], { encoding: "utf8", env, timeout: 180_000 });
}

async function aggregate(periodId: string): Promise<AggregateResult> {
  const loaded = await loadProject(fixture);
  const sources = await resolveSources(loaded);
  const engine = createEngine(loaded.project, { period: parsePeriod(periodId, loaded.project), by: ["partner", "district"], now: "2023-01-07" });
  for await (const e of ingestSources(sources, loaded.project)) engine.add(e);
  return engine.finish();
}

describe("logframe report on the Ashshash fixture", () => {
  const out = mkdtempSync(path.join(tmpdir(), "logframe-report-"));
  let first: ReturnType<typeof run>;
  beforeAll(() => {
    first = run([fixture, "--type", "closeout", "--period", "phase", "--out", out, "--date", "2023-01-07"]);
  }, 180_000);

  it("writes the docx and xlsx named after the project and says so on its last line", () => {
    expect(first.stderr).not.toMatch(/\n\s+at /);
    // The claims sheet carries the close-out report's own arithmetic faults: written, and exit 1 to say so.
    expect(first.status).toBe(1);
    expect(first.stderr).toContain("12 error findings");
    expect(readdirSync(out).sort()).toEqual(["ashshash-closeout-phase.docx", "ashshash-closeout-phase.xlsx"]);
    expect(first.stdout.trim().split("\n").at(-1)).toMatch(/^Wrote .*ashshash-closeout-phase\.docx and .*ashshash-closeout-phase\.xlsx$/);
  });

  it("puts every headline figure with its sex split in the docx, as the aggregate gives it", async () => {
    const result = await aggregate("phase");
    const loaded = await loadProject(fixture);
    const fmt = createNumberFormatter(loaded.project.project.locale, loaded.project.project.number_grouping);
    const text = documentText((await unzipText(readFileSync(path.join(out, "ashshash-closeout-phase.docx")))).get("word/document.xml")!);
    const headlines = loaded.project.logframe.outcomes.flatMap((o) => [...o.indicators, ...o.outputs.flatMap((op) => op.indicators)]).filter((i) => i.headline);
    expect(headlines.length).toBeGreaterThan(0);
    for (const h of headlines) {
      const r = result.indicators.find((i) => i.code === h.code)!;
      const sentence = headlineSentence({ ...r, headline: true, phrase: h.phrase, targetBasis: "phase" }, fmt);
      expect(sentence).toContain(`${fmt.number(r.actual!.total)} `);
      expect(sentence).toContain(`(${fmt.number(r.actual!.female)} female, ${fmt.number(r.actual!.male)} male`);
      expect(text).toContain(`${sentence}.`);
    }
  });

  it("caches the aggregate's figures in the workbook's achievement cells", async () => {
    const result = await aggregate("phase");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, "ashshash-closeout-phase.xlsx"));
    const ws = wb.getWorksheet("Indicator Tracking")!;
    const model = { type: "closeout", period: result.period, project: { phase: { start: "2019-11-07", end: "2022-12-31" } } } as never;
    result.indicators.forEach((ind, i) => {
      expect(ws.getCell(TRACKING_FIRST_ROW + i, 1).value).toBe(ind.code);
      if (!ind.actual) return;
      const cell = ws.getCell(TRACKING_FIRST_ROW + i, trackingColumn(model, "period", "total"));
      const cached = cell.formula ? (cell as unknown as { result?: number }).result : cell.value;
      expect(cached, ind.code).toBeCloseTo(ind.actual.total, 6);
    });
  });

  it("gives the same content when run again with the same inputs and date, replacing the files", async () => {
    const docx = path.join(out, "ashshash-closeout-phase.docx");
    const xlsx = path.join(out, "ashshash-closeout-phase.xlsx");
    const before = { docx: readFileSync(docx), xlsx: readFileSync(xlsx) };
    const second = run([fixture, "--type", "closeout", "--period", "phase", "--out", out, "--date", "2023-01-07"]);
    expect(second.status).toBe(first.status);
    expect(readdirSync(out).sort()).toEqual(["ashshash-closeout-phase.docx", "ashshash-closeout-phase.xlsx"]);
    const text = async (bytes: Uint8Array) => documentText((await unzipText(bytes)).get("word/document.xml")!);
    expect(await text(readFileSync(docx))).toEqual(await text(before.docx));
    expect(await workbookJson(readFileSync(xlsx))).toEqual(await workbookJson(before.xlsx));
    // Byte for byte too: zip entry times are the report's date, so a donor can compare files by hash.
    expect(readFileSync(docx).equals(before.docx)).toBe(true);
    expect(readFileSync(xlsx).equals(before.xlsx)).toBe(true);
  }, 180_000);
});

describe("logframe report --fail-on", () => {
  it("writes the reports and exits 0 with --fail-on never, still saying the data has error findings", () => {
    const out = mkdtempSync(path.join(tmpdir(), "logframe-failon-"));
    const r = run([fixture, "--out", out, "--date", "2023-01-07", "--fail-on", "never"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("error findings");
    expect(readdirSync(out).sort()).toEqual(["ashshash-closeout-phase.docx", "ashshash-closeout-phase.xlsx"]);
  }, 180_000);

  it("rejects an unknown --fail-on value with exit 2", () => {
    const r = run([fixture, "--out", tmpdir(), "--fail-on", "sometimes"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("sometimes");
  });
});

describe("logframe report on a project with more rows than the data sheets hold", () => {
  it("leaves out the largest kinds' data sheets, writes the same figures as values with a note, and says so", async () => {
    const full = mkdtempSync(path.join(tmpdir(), "logframe-rows-"));
    const capped = mkdtempSync(path.join(tmpdir(), "logframe-rows-"));
    const a = run([fixture, "--out", full, "--date", "2023-01-07", "--quiet"]);
    const b = run([fixture, "--out", capped, "--date", "2023-01-07", "--quiet", "--data-rows", "600"]);
    expect(b.status).toBe(a.status);
    expect(b.stderr).not.toMatch(/\n\s+at /);
    // The fixture: 930 register rows, 520 batch rows, 74 events, claims and budget: the two largest go.
    expect(b.stderr).toContain("logframe: the workbook has no data sheet for survivor-register (930 rows): its data sheets hold 600 rows in all, the largest kinds left out (logframe report --data-rows); its figures are written as values");
    expect(b.stderr).toContain("no data sheet for tsp-batch-status (520 rows)");
    expect(b.stderr).not.toContain("event-attendance");
    const load = async (dir: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, "ashshash-closeout-phase.xlsx"));
      return wb;
    };
    const [wa, wb] = await Promise.all([load(full), load(capped)]);
    expect(wa.worksheets.map((w) => w.name)).toContain("Data_register");
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("Data_"))).toEqual(wa.worksheets.map((w) => w.name).filter((n) => n.startsWith("Data_") && n !== "Data_register" && n !== "Data_batches"));
    // Every achievement cell caches the same figure; those over a left-out kind are values, noted.
    const result = await aggregate("phase");
    const model = { type: "closeout", period: result.period, project: { phase: { start: "2019-11-07", end: "2022-12-31" } } } as never;
    const ta = wa.getWorksheet("Indicator Tracking")!;
    const tb = wb.getWorksheet("Indicator Tracking")!;
    const cached = (c: ExcelJS.Cell) => (c.formula ? (c as unknown as { result?: unknown }).result : c.value);
    let asValues = 0;
    result.indicators.forEach((ind, i) => {
      for (const k of ["female", "male", "other", "total"] as const) {
        const col = trackingColumn(model, "period", k);
        const x = tb.getCell(TRACKING_FIRST_ROW + i, col);
        expect(cached(x), `${ind.code} ${k}`).toEqual(cached(ta.getCell(TRACKING_FIRST_ROW + i, col)));
        if (!x.formula && ta.getCell(TRACKING_FIRST_ROW + i, col).formula) asValues++;
      }
    });
    expect(asValues).toBeGreaterThan(0);
    const column = (ws: ExcelJS.Worksheet, c: number) => Array.from(ws.getColumn(c).values, (v) => String(v ?? ""));
    const notes = column(tb, tb.actualColumnCount).join("\n");
    expect(notes).toContain("logframe's figure, written as a value: the workbook has no data sheet for survivor-register (930 rows): its data sheets hold 600 rows in all, the largest kinds left out (logframe report --data-rows); logframe trace lists the rows");
    const sources = wb.getWorksheet("Sources")!;
    expect(column(sources, 1)).toContain("No data sheet for survivor-register");
    expect(column(sources, 2).find((v) => v.startsWith("logframe report"))).toContain("--data-rows 600");
  }, 180_000);

  it("exits 2 with one line on a --data-rows that is not a whole number", () => {
    const r = run([fixture, "--out", tmpdir(), "--data-rows", "lots"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("logframe: --data-rows lots: expected a whole number");
  });
});

describe("logframe report refuses unsafe output", () => {
  it("refuses (exit 2) an --out where the report would overwrite an input, and leaves it untouched", () => {
    const out = mkdtempSync(path.join(tmpdir(), "logframe-report-"));
    const input = path.join(fixture, "logframe.yaml");
    const before = readFileSync(input);
    symlinkSync(input, path.join(out, "ashshash-closeout-phase.docx"));
    const r = run([fixture, "--out", out, "--date", "2023-01-07"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("it is an input of the project");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(input)).toEqual(before);
    expect(existsSync(path.join(out, "ashshash-closeout-phase.xlsx"))).toBe(false);
  });

  it("exits 2 with one line on an unknown report type or a bad date", () => {
    const out = mkdtempSync(path.join(tmpdir(), "logframe-report-"));
    const a = run([fixture, "--type", "annual", "--out", out]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--type: expected closeout or progress, got "annual"');
    const b = run([fixture, "--date", "2023-02-30", "--out", out]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain("--date: expected a date as YYYY-MM-DD");
  });

  it("names the template file when a custom template is broken", () => {
    const out = mkdtempSync(path.join(tmpdir(), "logframe-report-"));
    const tpl = mkdtempSync(path.join(tmpdir(), "logframe-tpl-"));
    mkdirSync(path.join(tpl, "closeout"));
    writeFileSync(path.join(tpl, "closeout", "summary.hbs"), "{{#each headlines}}");
    const r = run([fixture, "--out", out, "--templates", tpl]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/summary\.hbs/);
    expect(readdirSync(out)).toEqual([]);
  });
});
