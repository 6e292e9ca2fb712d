import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { SOURCE_KINDS } from "../../../src/schema/kinds/index.js";
import type { ReportModel } from "../../../src/render/model.js";
import { renderXlsx } from "../../../src/render/xlsx/render-xlsx.js";
import { SPLIT_KEYS } from "../../../src/render/xlsx/indicator-cells.js";
import { TRACKING_FIRST_ROW, TRACKING_SHEET, trackingColumn, trackingSummaryColumns } from "../../../src/render/xlsx/tracking-sheet.js";
import { sampleModel } from "../sample-model.js";
import { ExcelEvaluator, matchesCriterion } from "./excel-eval.js";

async function load(model: ReportModel): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderXlsx(model)) as unknown as ArrayBuffer);
  return wb;
}

const cached = (c: ExcelJS.Cell) => (c.formula ? ((c as unknown as { result?: unknown }).result ?? null) : c.value);

describe.each(["closeout", "progress"] as const)("renderXlsx (%s)", (type) => {
  let model: ReportModel;
  beforeAll(async () => {
    model = await sampleModel(type);
  });
  const windows = type === "progress" ? (["period", "cumulative"] as const) : (["period"] as const);

  it("caches logframe's figure in every achievement cell", async () => {
    const ws = (await load(model)).getWorksheet(TRACKING_SHEET)!;
    model.indicators.forEach((ind, i) => {
      for (const w of windows) {
        const split = w === "period" ? ind.actual : ind.cumulative;
        for (const k of SPLIT_KEYS) {
          const want = split === null || (!ind.disaggregated && k !== "total") ? null : split[k];
          const got = cached(ws.getCell(TRACKING_FIRST_ROW + i, trackingColumn(model, w, k)));
          if (want === null) expect([null, ""], `${ind.code} ${w} ${k}`).toContain(got);
          else expect(got, `${ind.code} ${w} ${k}`).toBeCloseTo(want, 9);
        }
      }
    });
  });

  it("writes formulas that recalculate to the cached figures", async () => {
    const wb = await load(model);
    const ev = new ExcelEvaluator(wb);
    const ws = wb.getWorksheet(TRACKING_SHEET)!;
    const { pct, status } = trackingSummaryColumns(model);
    let formulas = 0;
    model.indicators.forEach((ind, i) => {
      const r = TRACKING_FIRST_ROW + i;
      for (const w of windows) {
        for (const k of SPLIT_KEYS) {
          const cell = ws.getCell(r, trackingColumn(model, w, k));
          if (!cell.formula) continue;
          formulas++;
          const got = ev.cell(TRACKING_SHEET, r, Number(cell.col));
          const want = cached(cell);
          if (want === null || want === "") expect([null, ""]).toContain(got);
          else expect(got, `${ind.code} ${w} ${k}: ${cell.formula}`).toBeCloseTo(want as number, 9);
        }
      }
      expect(ev.cell(TRACKING_SHEET, r, pct)).toEqual(ind.achievement_pct ?? "");
      expect(ev.cell(TRACKING_SHEET, r, status)).toEqual(ind.status ?? "");
    });
    expect(formulas).toBeGreaterThan(model.indicators.length * 2);
  });

  it("makes the helper columns on the data sheets recalculate to their cached values", async () => {
    const wb = await load(model);
    const ev = new ExcelEvaluator(wb);
    let checked = 0;
    for (const ws of wb.worksheets.filter((s) => s.name.startsWith("Data_"))) {
      ws.eachRow((row, r) => {
        if (r === 1) return;
        row.eachCell((cell) => {
          if (!cell.formula) return;
          checked++;
          expect(ev.cell(ws.name, r, Number(cell.col)), `${ws.name}!${cell.address}`).toBe(cached(cell));
        });
      });
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe("renderXlsx sheets", () => {
  it("has the tracking, data, findings and sources sheets", async () => {
    const wb = await load(await sampleModel());
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Indicator Tracking", "Data_register", "Data_batches", "Data_events", "Data_budget", "Findings", "Sources"]);
  });

  it("never writes an identifying column to a data sheet", async () => {
    const wb = await load(await sampleModel());
    const identifying = Object.values(SOURCE_KINDS).flatMap((k) => Object.entries(k.fields).filter(([, s]) => "identifying" in s && s.identifying).map(([n]) => n));
    for (const ws of wb.worksheets.filter((s) => s.name.startsWith("Data_"))) {
      const headers = (ws.getRow(1).values as unknown[]).filter(Boolean);
      expect(headers.filter((h) => identifying.includes(String(h)))).toEqual([]);
    }
  });

  it("neutralises partner text that starts like a formula: a HYPERLINK cell comes out as inert text", async () => {
    const wb = await load(await sampleModel());
    const ws = wb.getWorksheet("Data_register")!;
    const col = (ws.getRow(1).values as unknown[]).indexOf("referred_by");
    const cells = (ws.getColumn(col).values as unknown[]).filter((v) => typeof v === "string" && v.includes("HYPERLINK"));
    expect(cells.length).toBe(10);
    expect(new Set(cells)).toEqual(new Set([`'=HYPERLINK("http://evil.example","click")`]));
    ws.getColumn(col).eachCell((cell) => expect(cell.formula).toBeUndefined());
    const events = wb.getWorksheet("Data_events")!;
    const venue = (events.getRow(1).values as unknown[]).indexOf("venue");
    expect(events.getColumn(venue).values).toContain("'@SUM(1+1)");
    const findings = wb.getWorksheet("Findings")!;
    const messages: unknown[] = [];
    findings.eachRow((row) => messages.push(row.getCell(9).value));
    expect(messages).toContain("'=cmd|' /C calc'!A0 is not a known column");
  });

  it("lists every source file with its SHA-256 and the command that regenerates the report", async () => {
    const model = await sampleModel();
    const ws = (await load(model)).getWorksheet("Sources")!;
    const cells: unknown[] = [];
    ws.eachRow((row) => (row.values as unknown[]).forEach((v) => cells.push(v)));
    for (const s of model.sources) expect(cells).toContain(s.sha256);
    expect(cells).toContain(model.command);
    expect(cells).toContain(model.projectFile.sha256);
  });

  it("stamps created and modified with the report date", async () => {
    const wb = await load(await sampleModel());
    expect(wb.created.toISOString()).toBe("2023-01-07T00:00:00.000Z");
    expect(wb.modified.toISOString()).toBe("2023-01-07T00:00:00.000Z");
  });

  it("writes a figure it cannot reproduce as a value with a note, never a wrong formula", async () => {
    const model = await sampleModel();
    model.indicators = model.indicators.map((i) => (i.code === "1.1.enrolled" ? { ...i, actual: { ...i.actual!, female: i.actual!.female + 1, total: i.actual!.total + 1 } } : i));
    const ws = (await load(model)).getWorksheet(TRACKING_SHEET)!;
    const r = TRACKING_FIRST_ROW + model.indicators.findIndex((i) => i.code === "1.1.enrolled");
    const cell = ws.getCell(r, trackingColumn(model, "period", "female"));
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(model.indicators.find((i) => i.code === "1.1.enrolled")!.actual!.female);
    expect(String(ws.getCell(r, trackingSummaryColumns(model).note).value)).toContain("written as a value");
  });
});

describe("the test evaluator's criteria", () => {
  it.each([
    ["=female", "Female", true],
    ["=female", "females", false],
    ["=a~*b", "a*b", true],
    ["=a~*b", "axb", false],
    ["<>wage", null, true],
    ["<>", null, false],
    [">=43000", 43000, true],
    [">=43000", "43000x", false],
  ] as const)("criterion %s on %s is %s", (crit, cell, want) => {
    expect(matchesCriterion(cell, crit)).toBe(want);
  });
});
