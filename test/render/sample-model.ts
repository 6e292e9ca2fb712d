/**
 * A hand-made ReportModel for the renderer tests: a small Ashshash-like project with a register, training
 * batches, events and budget rows. Figures are computed here by a reference implementation of
 * `/work/notes/compute.md` (sum/unique counting only), so the model is consistent with its data.
 */
import { SOURCE_KINDS, type SourceKindName } from "../../src/schema/kinds/index.js";
import type { Compute, Condition } from "../../src/schema/project.js";
import type { SexSplit } from "../../src/schema/sex.js";
import { dataFields } from "../../src/render/collect-data.js";
import type { ReportDataRow, ReportDataSheet, ReportIndicator, ReportModel, ReportType } from "../../src/render/model.js";

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

// ── Reference computation (compute.md: selection, measures, sum/unique counting) ─────────────────

function holds(c: Condition, v: unknown): boolean {
  const blank = v === null || v === undefined || v === "";
  if ("equals" in c) return v === c.equals;
  if ("in" in c) return !blank && (c.in as unknown[]).includes(v);
  if ("not_in" in c) return blank || !(c.not_in as unknown[]).includes(v);
  if ("present" in c) return c.present ? !blank : blank;
  return !blank && new RegExp(c.matches, "i").test(String(v));
}

function select(compute: Compute, from: string, to: string): Row[] {
  const kinds = Array.isArray(compute.from) ? compute.from : [compute.from];
  const partners = compute.partner === undefined ? undefined : Array.isArray(compute.partner) ? compute.partner : [compute.partner];
  return kinds
    .flatMap((k) => ROWS[k])
    .filter((r) => !partners || partners.includes(r.partner))
    .filter((r) => compute.where.every((c) => holds(c, r[c.field])))
    .filter((r) => typeof r[compute.date] === "string" && (r[compute.date] as string) >= from && (r[compute.date] as string) <= to);
}

function split(): SexSplit {
  return { female: 0, male: 0, other: 0, unknown: 0, total: 0 };
}

function measure(compute: Compute, rows: Row[]): SexSplit {
  const s = split();
  const add = (sex: string, n: number) => {
    s[sex as keyof SexSplit] += n;
    s.total += n;
  };
  if (compute.measure === "count-rows") rows.forEach((r) => add(String(r.sex ?? "unknown"), 1));
  if (compute.measure === "sum") rows.forEach((r) => add(String(r.sex ?? "unknown"), Number(r[compute.field!] ?? 0)));
  if (compute.measure === "sum-sexes") {
    for (const r of rows) {
      s.female += Number(r.female ?? 0);
      s.male += Number(r.male ?? 0);
      s.other += Number(r.other ?? 0);
      s.total += Number(r.total ?? 0);
    }
  }
  if (compute.measure === "count-persons") {
    const first = new Map<string, Row>();
    const order = [...rows].sort((a, b) => String(a[compute.date]).localeCompare(String(b[compute.date])));
    for (const r of order) if (!first.has(String(r.survivor_id))) first.set(String(r.survivor_id), r);
    for (const r of first.values()) add(String(r.sex ?? "unknown"), 1);
  }
  return s;
}

interface Spec {
  code: string;
  title: string;
  unit: ReportIndicator["unit"];
  outcome: string;
  output?: string;
  compute?: Compute;
  formula?: string;
  target?: ReportIndicator["target"];
  baseline?: ReportIndicator["baseline"];
  headline?: boolean;
  phrase?: string;
  reference?: string;
}

const c = (x: Partial<Compute> & Pick<Compute, "from" | "date" | "measure">): Compute => ({ where: [], ...x });

const SPECS: Spec[] = [
  { code: "1.enrolled-active", title: "Survivors enrolled and still active", unit: "persons", outcome: "1", compute: c({ from: "survivor-register", where: [{ field: "status", equals: "active" }], date: "enrolment_date", measure: "count-persons" }), target: { female: 20, male: 10, total: 30 } },
  { code: "1.1.enrolled", reference: "1.1a", title: "Survivors identified and enrolled", unit: "persons", outcome: "1", output: "1.1", compute: c({ from: "survivor-register", date: "enrolment_date", measure: "count-persons" }), target: { female: 25, male: 15, total: 40 }, baseline: { total: 0 }, headline: true, phrase: "survivors enrolled" },
  { code: "1.1.counselled", title: "Survivors counselled individually", unit: "persons", outcome: "1", output: "1.1", compute: c({ from: "survivor-register", date: "counselling_date", measure: "count-persons" }), target: { female: 22, male: 12, total: 34 }, headline: true, phrase: "survivors counselled" },
  { code: "1.1.families", title: "Families included in family counselling", unit: "families", outcome: "1", output: "1.1", compute: c({ from: "survivor-register", where: [{ field: "family_counselling_date", present: true }], date: "family_counselling_date", measure: "count-rows", sexed: false }), target: { total: 12 } },
  { code: "1.1.rj-tna-tsp", title: "RJ survivors with a TNA by the TSP", unit: "persons", outcome: "1", output: "1.1", compute: c({ from: "survivor-register", partner: "RJ", where: [{ field: "tna_by", in: ["TSP"] }], date: "tna_date", measure: "count-persons" }), target: { total: 15 } },
  { code: "1.2.graduated", title: "Survivors who graduated from training", unit: "persons", outcome: "1", output: "1.2", compute: c({ from: "tsp-batch-status", where: [{ field: "outcome", equals: "completed" }], date: "end_date", measure: "count-persons" }), target: { female: 14, male: 6, total: 20 }, headline: true, phrase: "survivors graduated from training" },
  { code: "1.2.placed", title: "Survivors placed in employment", unit: "persons", outcome: "1", output: "1.2", compute: c({ from: "tsp-batch-status", where: [{ field: "employment", in: ["wage", "self"] }], date: "placement_date", measure: "count-persons" }), target: { female: 12, male: 6, total: 18 }, headline: true, phrase: "survivors placed in employment" },
  { code: "1.2.placement-rate", title: "Graduates placed in employment", unit: "percent", outcome: "1", output: "1.2", formula: "100 * {1.2.placed} / {1.2.graduated}", target: { total: 70 } },
  { code: "2.1.tie", title: "Students reached by TIE sessions", unit: "persons", outcome: "2", output: "2.1", compute: c({ from: "event-attendance", where: [{ field: "event_type", equals: "TIE session" }], date: "date", measure: "sum-sexes" }), target: { female: 200, male: 150, total: 350 }, headline: true, phrase: "students reached by theatre-in-education sessions" },
  { code: "2.1.events", title: "Awareness events held", unit: "events", outcome: "2", output: "2.1", compute: c({ from: "event-attendance", where: [{ field: "event_type", matches: "^(tie|pot)" }], date: "date", measure: "count-rows", sexed: false }), target: { total: 10 } },
  { code: "2.2.budget", title: "Union Parishad budget allocated to counter-trafficking (BDT)", unit: "BDT", outcome: "2", output: "2.2", compute: c({ from: "budget-allocation", date: "date", measure: "sum", field: "amount", sexed: false }), target: { total: 1234567 } },
];

function figures(spec: Spec, from: string, to: string, done: Map<string, SexSplit>): SexSplit | null {
  if (spec.compute) return measure(spec.compute, select(spec.compute, from, to));
  const [a, b] = [...spec.formula!.matchAll(/\{([^}]+)\}/g)].map((m) => done.get(m[1]!)!);
  const s = split();
  for (const k of ["female", "male", "other", "unknown", "total"] as const) s[k] = b![k] === 0 ? (null as unknown as number) : (100 * a![k]) / b![k];
  return s;
}

function byPartner(spec: Spec, from: string, to: string): Record<string, SexSplit> {
  if (!spec.compute) return {};
  const out: Record<string, SexSplit> = {};
  for (const p of ["RJ", "DAM", "RRF"]) {
    const rows = select(spec.compute, from, to).filter((r) => r.partner === p);
    if (rows.length) out[p] = measure(spec.compute, rows);
  }
  return out;
}

/** The sample project's model, closeout over the phase or progress for one quarter. */
export function sampleModel(type: ReportType = "closeout"): ReportModel {
  const phase = { start: "2019-11-07", end: "2022-12-31" };
  const period =
    type === "closeout"
      ? { id: "phase", kind: "phase" as const, label: "7 November 2019 to 31 December 2022", from: phase.start, to: phase.end, cumulative: false }
      : { id: "2021Q3", kind: "quarter" as const, label: "July to September 2021", from: "2021-07-01", to: "2021-09-30", cumulative: false };
  const actual = new Map<string, SexSplit>();
  const cumul = new Map<string, SexSplit>();
  const indicators: ReportIndicator[] = SPECS.map((spec) => {
    const a = figures(spec, period.from, period.to, actual)!;
    const cu = figures(spec, phase.start, period.to, cumul)!;
    actual.set(spec.code, a);
    cumul.set(spec.code, cu);
    const disaggregated = spec.unit === "persons" || (spec.formula !== undefined);
    const target = spec.target ?? null;
    const pct = target?.total ? Math.round((1000 * cu.total) / target.total) / 10 : null;
    return {
      code: spec.code,
      reference: spec.reference,
      title: spec.title,
      unit: spec.unit,
      counting: spec.compute?.measure === "count-persons" ? "unique" : "sum",
      outcome: spec.outcome,
      output: spec.output,
      disaggregated,
      unique: true,
      baseline: spec.baseline ?? null,
      target,
      actual: disaggregated ? a : { ...split(), total: a.total },
      cumulative: disaggregated ? cu : { ...split(), total: cu.total },
      achievement_pct: pct,
      status: pct === null ? null : pct >= 100 ? "exceeded" : pct >= 90 ? "on-track" : "behind",
      female_share_pct: disaggregated && cu.total ? Math.round((1000 * cu.female) / cu.total) / 10 : null,
      female_gap: disaggregated && target?.female !== undefined ? target.female - cu.female : null,
      by: { partner: byPartner(spec, period.from, period.to), district: (spec.compute ? { Jashore: a } : {}) as Record<string, SexSplit> },
      notes: spec.code === "1.1.families" ? ["Families are not split by sex."] : [],
      headline: spec.headline ?? false,
      phrase: spec.phrase,
      compute: spec.compute,
      formula: spec.formula,
    };
  });

  const data: ReportDataSheet[] = (Object.keys(ROWS) as SourceKindName[])
    .filter((k) => ROWS[k].length > 0)
    .map((kind) => {
      const fields = dataFields(kind);
      const rows: ReportDataRow[] = ROWS[kind].map((r) => ({ partner: r.partner, file: r.file, sheet: r.sheet, row: r.row, values: fields.map((f) => r[f] ?? null) }));
      return { kind, fields, rows };
    });

  return {
    type,
    project: { name: "Ashshash: For Men & Women Who Have Escaped Trafficking", slug: "ashshash-for-men-women-who-have-escaped-trafficking", organisation: "Rights Jessore", donor: "Swiss Agency for Development and Cooperation (SDC)", phase, locale: "en-GB", numberGrouping: "indian", currency: "BDT" },
    goal: { title: "Restoring dignity, well-being and self-sufficiency for men and women who have escaped trafficking." },
    period,
    date: "2023-01-07",
    outcomes: [
      { code: "1", title: "Men and women who have escaped trafficking improve their social and economic well-being by using services for reintegration", indicators: ["1.enrolled-active"], outputs: [
        { code: "1.1", title: "Men and women (and their families) who have escaped trafficking are counselled psychosocially", indicators: ["1.1.enrolled", "1.1.counselled", "1.1.families", "1.1.rj-tna-tsp"] },
        { code: "1.2", title: "Men and women who have escaped trafficking graduate from technical/entrepreneurial trainings", indicators: ["1.2.graduated", "1.2.placed", "1.2.placement-rate"] },
      ] },
      { code: "2", title: "Institutions are more accountable and effective in providing services to men and women who have escaped trafficking", indicators: [], outputs: [
        { code: "2.1", title: "Communities are aware of trafficking and irregular migration", indicators: ["2.1.tie", "2.1.events"] },
        { code: "2.2", title: "Institutions provide support to men and women who have escaped trafficking", indicators: ["2.2.budget"] },
      ] },
    ],
    indicators,
    status: { exceeded: 100, on_track: 90 },
    partners: [
      { code: "RJ", name: "Rights Jessore", type: "SPP", district: "Jashore" },
      { code: "DAM", name: "Dhaka Ahsania Mission", type: "SPP", district: "Jashore" },
      { code: "RRF", name: "Rural Reconstruction Foundation", type: "TSP", district: "Jashore" },
    ],
    by: ["district", "partner"],
    quality: {
      summary: { errors: 2, warnings: 1, infos: 1, suppressed: 0, files: 6, rows: 75, truncated: false },
      byCheck: [
        { code: "breakdown-sum", title: "Breakdown does not add up", errors: 1, warnings: 0, infos: 0 },
        { code: "sex-sum", title: "Sexes do not add up", errors: 1, warnings: 0, infos: 0 },
        { code: "unknown-sex", title: "Sex not recorded", errors: 0, warnings: 1, infos: 0 },
        { code: "unknown-column", title: "Column not used", errors: 0, warnings: 0, infos: 1 },
      ],
      byPartner: [
        { partner: "(all partners)", errors: 1, warnings: 0, infos: 0 },
        { partner: "DAM", errors: 0, warnings: 1, infos: 1 },
        { partner: "RJ", errors: 1, warnings: 0, infos: 0 },
      ],
      findings: [
        { code: "sex-sum", severity: "error", message: "total 120, but female 50 + male 60 + other 0 = 110", file: "partners/rj/events.xlsx", sheet: "Events", cell: "K14", row: 14, partner: "RJ" },
        { code: "unknown-sex", severity: "warning", message: "sex is blank", file: "partners/dam/register.csv", sheet: "register", cell: "D15", row: 15, partner: "DAM" },
        { code: "unknown-column", severity: "info", message: "=cmd|' /C calc'!A0 is not a known column", file: "partners/dam/register.csv", sheet: "register", cell: "Q1", row: 1, partner: "DAM" },
        { code: "breakdown-sum", severity: "error", message: "graduates: skill 318 + EDT 99 + both 22 = 439, but 449 graduated" },
      ],
    },
    sources: [
      { path: "partners/rj/register.xlsx", kind: "survivor-register", partner: "RJ", sha256: "a".repeat(64), bytes: 18234, rows: 25 },
      { path: "partners/dam/register.csv", kind: "survivor-register", partner: "DAM", sha256: "b".repeat(64), bytes: 2210, rows: 15 },
      { path: "partners/rrf/batches.xlsx", kind: "tsp-batch-status", partner: "RRF", sha256: "c".repeat(64), bytes: 9120, rows: 22 },
      { path: "partners/rj/events.xlsx", kind: "event-attendance", partner: "RJ", sha256: "d".repeat(64), bytes: 7001, rows: 7 },
      { path: "partners/dam/events.xlsx", kind: "event-attendance", partner: "DAM", sha256: "e".repeat(64), bytes: 6800, rows: 3 },
      { path: "partners/rj/budget.csv", kind: "budget-allocation", partner: "RJ", sha256: "f".repeat(64), bytes: 320, rows: 3 },
    ],
    projectFile: { path: "logframe.yaml", sha256: "0".repeat(64) },
    version: "0.1.0",
    command: `logframe report . --type ${type} --period ${period.id} --out out --date 2023-01-07`,
    data,
  };
}

/** The sample model's data rows of one kind, as objects (for assertions). */
export function sampleRows(kind: SourceKindName): Row[] {
  return ROWS[kind];
}
export { SOURCE_KINDS };
