import { DateTime } from "luxon";
import { ReportingError } from "../errors/reporting-error.js";
import type { ProjectFile } from "../schema/project.js";
import type { Period } from "../schema/result.js";

/** The forms `--period` accepts, for messages and `--help`. */
export const PERIOD_FORMS = [
  "phase",
  "2022Q4 (calendar quarter)",
  "2022-03 (month)",
  "2021 (calendar year)",
  "PQ3 (project quarter)",
  "PY2 (project year)",
  "FY2021-22 (fiscal year)",
  "2021-01-01..2021-06-30 (range)",
] as const;

/** How a period can be cut into parts for a progress table. */
export const SPLIT_UNITS = ["quarter", "month", "project-year", "fiscal-year"] as const;
export type SplitUnit = (typeof SPLIT_UNITS)[number];

type Phase = ProjectFile["project"]["phase"];
type ProjectInfo = Pick<ProjectFile["project"], "phase" | "fiscal_year_start_month">;

/** A period before clipping: its natural bounds and how it is named. */
interface NaturalPeriod {
  id: string;
  kind: Period["kind"];
  from: string;
  to: string;
  /** The name without clipping, e.g. `FY2021-22`. */
  name: string;
  /** Project periods name their dates in the label, since the name alone says nothing. */
  showDates: boolean;
  /** Shown after the name when the period is not clipped: `2022Q4 (Oct–Dec 2022)`. */
  detail?: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * Read a `--period` value into inclusive ISO dates, clipped to the project phase.
 * Throws `ReportingError("bad-period")` listing the accepted forms, or when the period lies outside the phase.
 * @example parsePeriod("FY2021-22", project) // { id: "FY2021-22", kind: "fiscal-year", from: "2021-07-01", to: "2022-06-30", ... }
 */
export function parsePeriod(spec: string, project: ProjectFile | { project: ProjectInfo }): Period {
  const info = project.project;
  const natural = naturalPeriod(spec.trim(), info);
  return clip(natural, info.phase.start, info.phase.end, info.phase);
}

/**
 * Cut a period into calendar quarters, months, project years or fiscal years, each clipped to the
 * period (the first and last part may be shorter, and say so in their label).
 * @example splitPeriod(parsePeriod("2021", p), "quarter", p).map((q) => q.id) // ["2021Q1", "2021Q2", "2021Q3", "2021Q4"]
 */
export function splitPeriod(period: Period, unit: SplitUnit, project: ProjectFile | { project: ProjectInfo }): Period[] {
  const info = project.project;
  const parts: Period[] = [];
  let cursor = period.from;
  // Each part starts the day after the previous part's natural end, so parts never overlap or leave gaps.
  while (cursor <= period.to) {
    const natural = containing(cursor, unit, info);
    parts.push(clip(natural, period.from, period.to, info.phase));
    cursor = addDays(natural.to, 1);
  }
  return parts;
}

/**
 * A period as a reader sees it in a heading: its label, or "cumulative to …" for cumulative figures.
 * @example periodLabel(fy, { cumulative: true }) // "cumulative to 30 Jun 2022 (FY2021-22)"
 */
export function periodLabel(period: Period, options: { cumulative?: boolean } = {}): string {
  if (!options.cumulative || period.kind === "phase") return period.label;
  return `cumulative to ${formatDate(period.to)} (${period.label})`;
}

/** `7 Nov 2019` from `2019-11-07`; locale-independent. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** The calendar quarter id of an ISO date: `2021-05-03` → `2021Q2`. Cheap: no date parsing. */
export function quarterOf(iso: string): string {
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  return `${iso.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

// ── Parsing ───────────────────────────────────────────────────────────────────────────────────

function naturalPeriod(spec: string, info: ProjectInfo): NaturalPeriod {
  const upper = spec.toUpperCase();
  if (upper === "PHASE") return { id: "phase", kind: "phase", from: info.phase.start, to: info.phase.end, name: "Phase", showDates: true };

  let m = /^(\d{4})Q([1-4])$/.exec(upper);
  if (m) return calendarQuarter(Number(m[1]), Number(m[2]));

  m = /^(\d{4})-(\d{2})$/.exec(upper);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return calendarMonth(Number(m[1]), Number(m[2]));

  m = /^(\d{4})$/.exec(upper);
  if (m) return calendarYear(Number(m[1]));

  m = /^P([QY])(\d{1,3})$/.exec(upper);
  if (m && Number(m[2]) >= 1) return projectPeriod(m[1] === "Q" ? "project-quarter" : "project-year", Number(m[2]), info.phase.start);

  m = /^FY(\d{4})(?:-(\d{2}|\d{4}))?$/.exec(upper);
  if (m) {
    const start = Number(m[1]);
    const fyStart = info.fiscal_year_start_month;
    const second = m[2];
    const spansTwo = fyStart !== 1;
    const secondOk = second === undefined ? !spansTwo : spansTwo && (second.length === 2 ? Number(second) === (start + 1) % 100 : Number(second) === start + 1);
    if (secondOk) return fiscalYear(start, fyStart);
    throw badPeriod(spec, spansTwo ? `a fiscal year starting in ${MONTH_NAMES[fyStart - 1]} is written FY${start}-${String((start + 1) % 100).padStart(2, "0")}` : `a fiscal year starting in January is written FY${start}`);
  }

  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(upper);
  if (m) {
    const [from, to] = [m[1]!, m[2]!];
    for (const d of [from, to]) if (!isRealDate(d)) throw badPeriod(spec, `${d} is not a date`);
    if (to < from) throw badPeriod(spec, `the range ends (${to}) before it starts (${from})`);
    return { id: `${from}..${to}`, kind: "range", from, to, name: `${formatDate(from)} – ${formatDate(to)}`, showDates: false };
  }
  throw badPeriod(spec);
}

function badPeriod(spec: string, why?: string): ReportingError {
  return new ReportingError(
    "bad-period",
    `--period ${JSON.stringify(spec)}: ${why ?? "not a period logframe understands"}`,
    `Accepted forms: ${PERIOD_FORMS.join(", ")}.`,
  );
}

// ── Natural periods ───────────────────────────────────────────────────────────────────────────

function calendarQuarter(year: number, q: number): NaturalPeriod {
  const first = DateTime.utc(year, (q - 1) * 3 + 1, 1);
  const last = first.plus({ months: 3 }).minus({ days: 1 });
  return { id: `${year}Q${q}`, kind: "quarter", from: iso(first), to: iso(last), name: `${year}Q${q}`, showDates: false, detail: `${MONTHS[(q - 1) * 3]}–${MONTHS[q * 3 - 1]} ${year}` };
}

function calendarMonth(year: number, month: number): NaturalPeriod {
  const first = DateTime.utc(year, month, 1);
  const id = `${year}-${String(month).padStart(2, "0")}`;
  return { id, kind: "month", from: iso(first), to: iso(first.endOf("month")), name: `${MONTH_NAMES[month - 1]} ${year}`, showDates: false };
}

function calendarYear(year: number): NaturalPeriod {
  return { id: String(year), kind: "year", from: `${year}-01-01`, to: `${year}-12-31`, name: String(year), showDates: false };
}

function projectPeriod(kind: "project-quarter" | "project-year", n: number, phaseStart: string): NaturalPeriod {
  const months = kind === "project-quarter" ? 3 : 12;
  const start = DateTime.fromISO(phaseStart, { zone: "utc" });
  // Both ends are counted from the phase start (not from the previous end) so that month-end
  // starts (31 Jan) do not drift: PQn ends the day before PQ(n+1) starts.
  const from = start.plus({ months: months * (n - 1) });
  const to = start.plus({ months: months * n }).minus({ days: 1 });
  const id = `${kind === "project-quarter" ? "PQ" : "PY"}${n}`;
  return { id, kind, from: iso(from), to: iso(to), name: id, showDates: true };
}

function fiscalYear(startYear: number, startMonth: number): NaturalPeriod {
  const first = DateTime.utc(startYear, startMonth, 1);
  const last = first.plus({ years: 1 }).minus({ days: 1 });
  const id = startMonth === 1 ? `FY${startYear}` : `FY${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;
  return { id, kind: "fiscal-year", from: iso(first), to: iso(last), name: id, showDates: false };
}

/** The natural period of a unit that contains a date. */
function containing(date: string, unit: SplitUnit, info: ProjectInfo): NaturalPeriod {
  const d = DateTime.fromISO(date, { zone: "utc" });
  switch (unit) {
    case "quarter":
      return calendarQuarter(d.year, Math.floor((d.month - 1) / 3) + 1);
    case "month":
      return calendarMonth(d.year, d.month);
    case "fiscal-year": {
      const startYear = d.month >= info.fiscal_year_start_month ? d.year : d.year - 1;
      return fiscalYear(startYear, info.fiscal_year_start_month);
    }
    case "project-year": {
      const start = DateTime.fromISO(info.phase.start, { zone: "utc" });
      let n = Math.max(1, Math.floor(d.diff(start, "months").months / 12) + 1);
      // diff in months can be off by one around month ends; settle on the year whose bounds hold the date.
      while (n > 1 && projectPeriod("project-year", n, info.phase.start).from > date) n--;
      while (projectPeriod("project-year", n, info.phase.start).to < date) n++;
      return projectPeriod("project-year", n, info.phase.start);
    }
  }
}

// ── Clipping and labels ───────────────────────────────────────────────────────────────────────

function clip(p: NaturalPeriod, lower: string, upper: string, phase: Phase): Period {
  const from = p.from < lower ? lower : p.from;
  const to = p.to > upper ? upper : p.to;
  if (from > to) {
    throw new ReportingError(
      "bad-period",
      `--period ${p.id} (${formatDate(p.from)} – ${formatDate(p.to)}) is outside the project phase (${formatDate(phase.start)} – ${formatDate(phase.end)})`,
      "Choose a period within the phase, or check project.phase in the project file.",
    );
  }
  const clippedFrom = from !== p.from;
  const clippedTo = to !== p.to;
  let label: string;
  if (p.showDates) {
    label = `${p.name} (${formatDate(from)} – ${formatDate(to)}${clippedFrom || clippedTo ? ", clipped to the phase" : ""})`;
  } else if (clippedFrom && clippedTo) {
    label = `${p.name} (${formatDate(from)} – ${formatDate(to)})`;
  } else if (clippedFrom) {
    label = `${p.name} (from ${formatDate(from)})`;
  } else if (clippedTo) {
    label = `${p.name} (to ${formatDate(to)})`;
  } else {
    label = p.detail ? `${p.name} (${p.detail})` : p.name;
  }
  return { id: p.id, kind: p.kind, label, from, to };
}

function iso(d: DateTime): string {
  return d.toISODate()!;
}

function addDays(date: string, days: number): string {
  return iso(DateTime.fromISO(date, { zone: "utc" }).plus({ days }));
}

function isRealDate(d: string): boolean {
  return DateTime.fromISO(d, { zone: "utc" }).isValid;
}
