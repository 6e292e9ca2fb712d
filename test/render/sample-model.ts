/**
 * A hand-made ReportModel for the renderer tests: a small Ashshash-like project with a register, training
 * batches, events and budget rows, aggregated by the real engine so figures and data agree.
 */
import { aggregateIndicators, parsePeriod } from "../../src/aggregate/index.js";
import { buildReport } from "../../src/errors/report.js";
import type { Finding } from "../../src/errors/finding.js";
import { buildReportModel } from "../../src/render/build-model.js";
import { createDataCollector } from "../../src/render/collect-data.js";
import type { ReportModel, ReportType } from "../../src/render/model.js";
import type { SourceKindName } from "../../src/schema/kinds/index.js";
import { ProjectFileSchema, type ProjectFile, type ProjectFileInput } from "../../src/schema/project.js";
import type { IngestEvent, Table } from "../../src/schema/table.js";

type Row = Record<string, string | number | boolean | null> & { partner: string; file: string; sheet: string; row: number };

const SEX = ["female", "male", "female", "female", "male", "other", "female", "male"] as const;
const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

function registerRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const partner = i < 25 ? "RJ" : "DAM";
    const n = i < 25 ? i + 1 : i - 24;
    const enrol = day("2019-11-10", i * 26);
    rows.push({
      partner,
      file: partner === "RJ" ? "partners/rj/register.xlsx" : "partners/dam/register.csv",
      sheet: partner === "RJ" ? "Register" : "register",
      row: n + 1,
      survivor_id: `${partner}-${String(n).padStart(3, "0")}`,
      sex: i === 13 ? "unknown" : SEX[i % SEX.length]!,
      age: 18 + (i % 20),
      union: ["Rohita", "Khedapara", "Sagordari"][i % 3]!,
      upazila: i % 2 ? "Monirampur" : "Keshabpur",
      district: "Jashore",
      enrolment_date: enrol,
      referred_by: i % 4 === 0 ? "=HYPERLINK(\"http://evil.example\",\"click\")" : i % 4 === 1 ? "CTIP activist" : null,
      status: i % 5 === 0 ? "dropped" : "active",
      dropout_date: i % 5 === 0 ? day(enrol, 90) : null,
      counselling_date: i % 7 === 6 ? null : day(enrol, 10),
      family_counselling_date: i % 3 === 0 ? day(enrol, 20) : null,
      ready_to_go_date: i % 4 === 3 ? null : day(enrol, 60),
      tna_date: i % 4 === 3 ? null : day(enrol, 75),
      tna_by: i % 4 === 3 ? null : i % 6 === 0 ? "SPP" : "TSP",
    });
  }
  return rows;
}

function batchRows(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 22; i++) {
    // RJ-002 is trained twice (skill, then EDT): a person counted once.
    const who = i === 21 ? 1 : i;
    const partner = who < 25 ? "RJ" : "DAM";
    const id = `${partner}-${String(who + 1).padStart(3, "0")}`;
    const start = day("2020-06-01", i * 40);
    const completed = i % 6 !== 5;
    rows.push({
      partner: "RRF",
      file: "partners/rrf/batches.xlsx",
      sheet: "Batches",
      row: i + 3,
      batch_id: `B${Math.floor(i / 5) + 1}`,
      trade: ["Tailoring", "Driving", "Beauty care"][i % 3]!,
      training_type: i === 21 ? "edt" : (["skill", "edt", "both", "skill"] as const)[i % 4]!,
      survivor_id: id,
      sex: who === 13 ? "unknown" : SEX[who % SEX.length]!,
      start_date: start,
      end_date: day(start, 60),
      outcome: completed ? "completed" : "dropped",
      employment: !completed ? null : i % 3 === 0 ? "self" : i % 3 === 1 ? "wage" : "none",
      placement_date: completed && i % 3 !== 2 ? day(start, 90) : null,
    });
  }
  return rows;
}

function eventRows(): Row[] {
  const types = ["TIE session", "POT show", "TIE session", "CTC orientation"];
  return Array.from({ length: 10 }, (_, i) => {
    const female = 20 + i * 7;
    const male = 15 + i * 5;
    const other = i === 4 ? 2 : 0;
    return {
      partner: i < 7 ? "RJ" : "DAM",
      file: i < 7 ? "partners/rj/events.xlsx" : "partners/dam/events.xlsx",
      sheet: "Events",
      row: (i < 7 ? i : i - 7) + 2,
      event_id: `E${i + 1}`,
      date: day("2020-02-01", i * 95),
      event_type: types[i % types.length]!,
      union: "Rohita",
      upazila: "Monirampur",
      district: "Jashore",
      venue: i === 2 ? "@SUM(1+1)" : `School ${i + 1}`,
      female,
      male,
      other,
      total: female + male + other,
      facilitator: null,
    };
  });
}

function budgetRows(): Row[] {
  return ["Rohita", "Khedapara", "Sagordari"].map((u, i) => ({
    partner: "RJ",
    file: "partners/rj/budget.csv",
    sheet: "budget",
    row: i + 2,
    institution: `${u} UP`,
    upazila: "Monirampur",
    district: "Jashore",
    fiscal_year: "2021-22",
    date: day("2021-08-01", i * 30),
    amount: 30000 + i * 2500.5,
    purpose: "counter-trafficking",
  }));
}

const ROWS: Record<SourceKindName, Row[]> = {
  "survivor-register": registerRows(),
  "tsp-batch-status": batchRows(),
  "event-attendance": eventRows(),
  "budget-allocation": budgetRows(),
  "spp-target-achievement": [],
};

import type { Compute } from "../../src/schema/project.js";

const c = (x: Partial<Compute> & Pick<Compute, "from" | "date" | "measure">): Compute => ({ where: [], ...x });

/** The sample project file. */
export const SAMPLE_PROJECT: ProjectFileInput = {
  project: { name: "Ashshash: For Men & Women Who Have Escaped Trafficking", organisation: "Rights Jessore", donor: "Swiss Agency for Development and Cooperation (SDC)", phase: { start: "2019-11-07", end: "2022-12-31" }, locale: "en-GB", number_grouping: "indian" },
  partners: [
    { code: "RJ", name: "Rights Jessore", type: "SPP", district: "Jashore" },
    { code: "DAM", name: "Dhaka Ahsania Mission", type: "SPP", district: "Jashore" },
    { code: "RRF", name: "Rural Reconstruction Foundation", type: "TSP", district: "Jashore" },
  ],
  sources: [
    { path: "partners/rj/register.xlsx", kind: "survivor-register", partner: "RJ" },
    { path: "partners/dam/register.csv", kind: "survivor-register", partner: "DAM" },
    { path: "partners/rrf/batches.xlsx", kind: "tsp-batch-status", partner: "RRF" },
    { path: "partners/*/events.xlsx", kind: "event-attendance", partner: "RJ" },
    { path: "partners/rj/budget.csv", kind: "budget-allocation", partner: "RJ" },
  ],
  logframe: {
    goal: { title: "Restoring dignity, well-being and self-sufficiency for men and women who have escaped trafficking." },
    outcomes: [
      {
        code: "1",
        title: "Men and women who have escaped trafficking improve their social and economic well-being by using services for reintegration",
        indicators: [{ code: "1.enrolled-active", title: "Survivors enrolled and still active", unit: "persons", counting: "unique", compute: c({ from: "survivor-register", where: [{ field: "status", equals: "active" }], date: "enrolment_date", measure: "count-persons" }), targets: { female: 20, male: 10, total: 30 } }],
        outputs: [
          {
            code: "1.1",
            title: "Men and women (and their families) who have escaped trafficking are counselled psychosocially",
            indicators: [
              { code: "1.1.enrolled", reference: "1.1a", title: "Survivors identified and enrolled", unit: "persons", counting: "unique", headline: true, phrase: "survivors enrolled", compute: c({ from: "survivor-register", date: "enrolment_date", measure: "count-persons" }), baseline: { total: 0 }, targets: { female: 25, male: 15, total: 40 } },
              { code: "1.1.counselled", title: "Survivors counselled individually", unit: "persons", counting: "unique", headline: true, phrase: "survivors counselled", compute: c({ from: "survivor-register", date: "counselling_date", measure: "count-persons" }), targets: { female: 22, male: 12, total: 34 } },
              { code: "1.1.families", title: "Families included in family counselling", unit: "families", compute: c({ from: "survivor-register", where: [{ field: "family_counselling_date", present: true }], date: "family_counselling_date", measure: "count-rows", sexed: false }), targets: { total: 12 } },
              { code: "1.1.rj-tna-tsp", title: "RJ survivors with a TNA by the TSP (counted each quarter)", unit: "persons", counting: "sum", compute: c({ from: "survivor-register", partner: "RJ", where: [{ field: "tna_by", in: ["TSP"] }], date: "tna_date", measure: "count-persons" }), targets: { total: 15 } },
            ],
          },
          {
            code: "1.2",
            title: "Men and women who have escaped trafficking graduate from technical/entrepreneurial trainings",
            indicators: [
              { code: "1.2.graduated", title: "Survivors who graduated from training", unit: "persons", counting: "unique", headline: true, phrase: "survivors graduated from training", compute: c({ from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }], date: "end_date", measure: "count-persons" }), targets: { female: 14, male: 6, total: 20 } },
              { code: "1.2.placed", title: "Survivors placed in employment", unit: "persons", counting: "unique", headline: true, phrase: "survivors placed in employment", compute: c({ from: "tsp-batch-status", where: [{ field: "employment", in: ["wage", "self"] }], date: "placement_date", measure: "count-persons" }), targets: { female: 12, male: 6, total: 18 } },
              { code: "1.2.placement-rate", title: "Graduates placed in employment", unit: "percent", formula: "100 * {1.2.placed} / {1.2.graduated}", targets: { total: 70 } },
            ],
          },
        ],
      },
      {
        code: "2",
        title: "Institutions are more accountable and effective in providing services to men and women who have escaped trafficking",
        outputs: [
          {
            code: "2.1",
            title: "Communities are aware of trafficking and irregular migration",
            indicators: [
              { code: "2.1.tie", title: "Students reached by TIE sessions", unit: "persons", headline: true, phrase: "students reached by theatre-in-education sessions", compute: c({ from: "event-attendance", where: [{ field: "event_type", equals: "TIE session" }], date: "date", measure: "sum-sexes" }), targets: { female: 200, male: 150, total: 350 } },
              { code: "2.1.events", title: "Awareness events held", unit: "events", compute: c({ from: "event-attendance", where: [{ field: "event_type", matches: "^(tie|pot)" }], date: "date", measure: "count-rows", sexed: false }), targets: { total: 10 } },
            ],
          },
          {
            code: "2.2",
            title: "Institutions provide support to men and women who have escaped trafficking",
            indicators: [{ code: "2.2.budget", title: "Union Parishad budget allocated to counter-trafficking (BDT)", unit: "BDT", compute: c({ from: "budget-allocation", date: "date", measure: "sum", field: "amount", sexed: false }), targets: { total: 1234567 } }],
          },
        ],
      },
    ],
  },
};

const FINDINGS: Finding[] = [
  { code: "sex-sum", severity: "error", message: "total 120, but female 50 + male 60 + other 0 = 110", file: "partners/rj/events.xlsx", sheet: "Events", cell: "K14", row: 14, partner: "RJ" },
  { code: "unknown-sex", severity: "warning", message: "sex is blank", file: "partners/dam/register.csv", sheet: "register", cell: "D15", row: 15, partner: "DAM" },
  { code: "unknown-column", severity: "info", message: "=cmd|' /C calc'!A0 is not a known column", file: "partners/dam/register.csv", sheet: "register", cell: "Q1", row: 1, partner: "DAM" },
  { code: "breakdown-sum", severity: "error", message: "graduates: skill 318 + EDT 99 + both 22 = 439, but 449 graduated" },
];

/** The ingest events of the sample data: a table event per file and sheet, then its rows. */
export function sampleEvents(): IngestEvent[] {
  const events: IngestEvent[] = [];
  const tables = new Map<string, Table>();
  for (const [kind, rows] of Object.entries(ROWS) as [SourceKindName, Row[]][]) {
    for (const r of rows) {
      const key = `${r.file}\u0000${r.sheet}`;
      let table = tables.get(key);
      if (!table) {
        table = { file: r.file, sheet: r.sheet, kind, partner: r.partner, headerRows: [1], columns: [] };
        tables.set(key, table);
        events.push({ type: "table", table });
      }
      const { partner: _p, file: _f, sheet: _s, row, ...values } = r;
      events.push({ type: "row", row: { table, row, values } });
    }
  }
  return events;
}

/** The sample project, parsed. */
export function sampleProject(): ProjectFile {
  return ProjectFileSchema.parse(SAMPLE_PROJECT);
}

/** The sample project's model: close-out over the phase, or progress for 2021Q3. */
export async function sampleModel(type: ReportType = "closeout", periodId = type === "closeout" ? "phase" : "2021Q3"): Promise<ReportModel> {
  const project = sampleProject();
  const events = sampleEvents();
  const period = parsePeriod(periodId, project);
  const result = await aggregateIndicators(events, project, { period, by: ["partner", "district"] });
  const data = createDataCollector();
  events.forEach((e) => data.add(e));
  const files = [...new Set(events.flatMap((e) => (e.type === "table" ? [e.table] : [])).map((t) => `${t.file}|${t.kind}|${t.partner}`))];
  return buildReportModel({
    type,
    project,
    result,
    validation: buildReport(FINDINGS, { files: files.length, rows: events.filter((e) => e.type === "row").length }),
    date: "2023-01-07",
    sources: files.map((f, i) => {
      const [path, kind, partner] = f.split("|") as [string, SourceKindName, string];
      return { path, kind, partner, sha256: String.fromCharCode(97 + i).repeat(64), bytes: 1000 + i * 97, rows: events.filter((e) => e.type === "row" && e.row.table.file === path).length };
    }),
    projectFile: { path: "logframe.yaml", sha256: "0".repeat(64) },
    version: "0.1.0",
    command: `logframe report . --type ${type} --period ${periodId} --out out --date 2023-01-07`,
    data: data.finish(),
  });
}

/** The sample model's data rows of one kind, as objects (for assertions). */
export function sampleRows(kind: SourceKindName): Row[] {
  return ROWS[kind];
}
