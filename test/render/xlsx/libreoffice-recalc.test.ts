/**
 * Extra check, only where LibreOffice is installed: open the workbook in LibreOffice with "always
 * recalculate on load", save it, and compare every formula's recalculated value with logframe's cached one.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderXlsx } from "../../../src/render/xlsx/render-xlsx.js";
import { sampleModel } from "../sample-model.js";

const soffice = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).stdout.trim();

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`;

async function formulaResults(bytes: Buffer): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out = new Map<string, unknown>();
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (c.formula) out.set(`${ws.name}!${c.address}`, (c as unknown as { result?: unknown }).result ?? null);
      }),
    );
  }
  return out;
}

describe.runIf(soffice !== "")("LibreOffice recalculation", () => {
  it.each(["closeout", "progress"] as const)("recalculates the %s workbook to logframe's figures", async (type) => {
    const dir = mkdtempSync(path.join(tmpdir(), "logframe-lo-"));
    try {
      mkdirSync(path.join(dir, "profile", "user"), { recursive: true });
      writeFileSync(path.join(dir, "profile", "user", "registrymodifications.xcu"), RECALC_ALWAYS);
      const bytes = Buffer.from(await renderXlsx(await sampleModel(type)));
      writeFileSync(path.join(dir, "in.xlsx"), bytes);
      mkdirSync(path.join(dir, "out"));
      execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", "xlsx", "--outdir", path.join(dir, "out"), path.join(dir, "in.xlsx")], { stdio: "ignore", timeout: 120_000 });
      const ours = await formulaResults(bytes);
      const theirs = await formulaResults(readFileSync(path.join(dir, "out", "in.xlsx")));
      expect(ours.size).toBeGreaterThan(200);
      const norm = (v: unknown) => (v === "" || v === undefined ? null : typeof v === "number" ? Math.round(v * 1e9) / 1e9 : v);
      const diffs = [...ours].filter(([k, v]) => norm(v) !== norm(theirs.get(k))).map(([k, v]) => `${k}: ${String(v)} vs ${String(theirs.get(k))}`);
      expect(diffs).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
