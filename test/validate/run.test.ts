import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/errors/finding.js";
import type { IngestEvent, Table } from "../../src/schema/table.js";
import { createCollector } from "../../src/validate/collector.js";
import { batchOfRows } from "../../src/normalize/batch.js";
import { createValidator, scanClaims, selectCodes, validateProject } from "../../src/validate/run.js";
import { makeProject } from "./helpers.js";

const table: Table = {
  file: "events.csv",
  sheet: "events",
  kind: "event-attendance",
  partner: "RJ",
  headerRows: [1],
  columns: ["date", "event_type", "venue", "female", "male", "other", "total"].map((field, i) => ({ field, letter: "ABCDEFG"[i]!, label: field })),
};
const row = (n: number, values: Record<string, string | number | null>): IngestEvent => ({ type: "row", row: { table, row: n, values: { date: "2021-03-01", event_type: "TIE", venue: `V${n}`, female: 1, male: 1, other: 0, total: 2, ...values } } });
const project = makeProject();

describe("createValidator", () => {
  it("never stops at the first finding and counts files and rows from the stream", async () => {
    const events: IngestEvent[] = [{ type: "table", table }, row(2, { total: 3 }), row(3, { female: -1, total: 0 }), row(4, {}), { type: "file", file: "events.csv", rows: 3 }];
    const report = await validateProject(events, project, { now: "2023-01-07" });
    expect(report.findings.map((f) => [f.cell, f.code])).toEqual([["G2", "sex-sum"], ["D3", "negative-count"]]);
    expect(report.summary).toMatchObject({ errors: 2, warnings: 0, files: 1, rows: 3, truncated: false });
    expect(report.valid).toBe(false);
  });

  it("passes the ingest's own findings through, under the same policy and selection", async () => {
    const f: Finding = { code: "type-error", severity: "error", message: 'expected a whole number, got "twenty"', file: "events.csv", sheet: "events", cell: "G5", row: 5 };
    expect((await validateProject([{ type: "finding", finding: f }], project, { now: "2023-01-07" })).findings).toEqual([f]);
    expect((await validateProject([{ type: "finding", finding: f }], project, { now: "2023-01-07", skip: ["cell"] })).findings).toEqual([]);
  });

  it("--only and --skip take codes or scopes, and refuse anything else", () => {
    expect(selectCodes(["row"], undefined)("sex-sum")).toBe(true);
    expect(selectCodes(["row"], undefined)("negative-count")).toBe(false);
    expect(selectCodes(undefined, ["sex-sum"])("sex-sum")).toBe(false);
    expect(selectCodes(["logframe"], ["rule-failed"])("breakdown-sum")).toBe(true);
    expect(() => selectCodes(["sex-summ"], undefined)).toThrow("--only sex-summ: not a check code or scope");
  });

  it("--strict makes warnings invalid", async () => {
    const outlierless = [{ type: "table", table } as IngestEvent];
    const f: Finding = { code: "unknown-sex", severity: "warning", message: "sex is blank" };
    expect((await validateProject([...outlierless, { type: "finding", finding: f }], project, { now: "2023-01-07" })).valid).toBe(true);
    expect((await validateProject([...outlierless, { type: "finding", finding: f }], project, { now: "2023-01-07", strict: true })).valid).toBe(false);
  });

  it("a bad rule stops the run before any row is read", () => {
    const bad = makeProject({ rules: [{ left: "1.1.a +", operator: "==", right: "1" }] });
    expect(() => createValidator(bad, { now: "2023-01-07" })).toThrow("rules[0].left: unexpected end of expression at column 8");
  });
});

describe("scanClaims", () => {
  const claims: Table = { ...table, file: "claims.csv", kind: "spp-target-achievement", columns: ["code", "period", "achieved_total"].map((field, i) => ({ field, letter: "ABC"[i]!, label: field })) };
  const rows = [
    { code: "F02", period: "phase" },
    { code: " 1.2.placed ", period: "2021Q3" },
  ].map((v, i) => ({ table: claims, row: i + 2, values: { code: v.code, title: null, period: v.period, target_female: null, target_male: null, target_total: null, achieved_female: null, achieved_male: null, achieved_other: null, achieved_total: 1, remarks: null } }));

  it("scanClaims reads the periods and codes of claims batches as of claims rows, and passes over batches of other kinds", async () => {
    const events = batchOfRows(table, [{ table, row: 2, values: { date: "2021-03-01", event_type: "TIE", venue: "V", female: 1, male: 1, other: 0, total: 2 } }]);
    const want = await scanClaims(rows.map((row): IngestEvent => ({ type: "row", row })));
    expect(want).toEqual({ periods: ["phase", "2021Q3"], claimed: ["F02", "1.2.placed"] });
    expect(await scanClaims([{ type: "batch", batch: events }, { type: "batch", batch: batchOfRows(claims, rows) }])).toEqual(want);
  });
});

describe("the finding collector", () => {
  const f = (severity: Finding["severity"], i: number): Finding => ({ code: "x", severity, message: String(i) });

  it("keeps at most max findings and counts every one exactly", () => {
    const c = createCollector(3);
    for (let i = 0; i < 10; i++) c.add(f("warning", i));
    expect(c.findings().length).toBe(3);
    expect(c.counts()).toEqual({ errors: 0, warnings: 10, infos: 0 });
    expect(c.truncated()).toBe(true);
  });

  it("does not let warnings crowd out a later error", () => {
    const c = createCollector(2);
    c.add(f("warning", 1));
    c.add(f("info", 2));
    c.add(f("error", 3));
    c.add(f("error", 4));
    expect(c.findings().map((x) => x.severity)).toEqual(["error", "error"]);
    expect(c.counts()).toEqual({ errors: 2, warnings: 1, infos: 1 });
  });
});
