/**
 * The synthetic data of the benchmark: event-attendance rows and survivor-register rows, drawn
 * from a seeded generator so every run (and pandas, DuckDB, logframe) sees the same bytes, plus the
 * exact figures those rows must give (the generator's own tally is the reference).
 */

/** The project phase the benchmark projects use; quarters are calendar quarters inside it. */
export const PHASE = { start: "2019-07-01", end: "2023-06-30" } as const;

/** The checks the pandas and DuckDB jobs make, by their codes in logframe: the job. */
export const PANDAS_CHECKS = "sex-sum,negative-count,non-integer-count,date-out-of-period";

/** Event types: one indicator each (sum-sexes where event_type equals the type). */
export const EVENT_TYPES = [
  "Courtyard meeting",
  "School awareness session",
  "Union coordination meeting",
  "Community dialogue",
  "Theatre show",
  "Video show",
] as const;

/** The header of the event CSV, in the partner's own words (matched by the kind's aliases). */
export const EVENT_HEADER = ["Event ID", "Date", "Event Type", "Union", "Upazila", "District", "Venue", "Female", "Male", "Other", "Total", "Facilitator"];

const UNIONS = ["Jhikargachha", "Gangananda", "Shimulia", "Panisara", "Lakshmipur", "Nabharan", "Bagachra", "Chowgachha", "Sharsha", "Benapole"];
const UPAZILAS = ["Jashore Sadar", "Jhikargachha", "Sharsha", "Chowgachha", "Manirampur"];
const VENUES = [
  "Kayemkola Govt. Primary School, Jhikargachha",
  "Union Parishad hall",
  "Shimulia High School",
  "Panisara Bazar, near the mosque",
  "Lakshmipur community clinic",
  "Nabharan Degree College",
  "Bagachra Girls' School, Sharsha",
  "Benapole port club",
  "Chowgachha Upazila auditorium",
  "Courtyard of the UP member",
];
const FACILITATORS = ["Rahima Khatun", "Md. Shafiqul Islam", "Nasrin Akter", 'Md. Abdul "Babu" Karim', "Shirin Sultana", "Kamrul Hasan", "Farida Yasmin", "Anwar Hossain"];

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same project. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One event row as the generator draws it (`other` may be blank). */
export interface EventRow {
  id: string;
  date: string;
  type: string;
  union: string;
  upazila: string;
  district: string;
  venue: string;
  female: number;
  male: number;
  other: number | null;
  total: number;
  facilitator: string;
}

/** `[female, male, other, total]` sums of one event type in one quarter. */
export type SexSums = [number, number, number, number];

/** The figures a correct job must give: checks over every row, and sums by event type × quarter. */
export interface EventFigures {
  rows: number;
  checks: { sexSum: number; outOfPhase: number };
  /** event type → quarter (`2021Q3`) → [female, male, other, total]; only rows dated within the phase. */
  sums: Record<string, Record<string, SexSums>>;
}

const DAY_MS = 86_400_000;

/** Calendar quarter id of an ISO date: `2021-08-14` → `2021Q3`. */
export function quarterOf(iso: string): string {
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  return `${iso.slice(0, 4)}Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * Draw event rows. About 1 % of rows have a total that is not female + male + other, 0.5 % are
 * dated outside the phase, 10 % leave `other` blank (it counts as zero).
 */
export function* eventRows(count: number, seed: number): Generator<EventRow> {
  const rnd = createRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const start = Date.parse(PHASE.start);
  const span = (Date.parse(PHASE.end) - start) / DAY_MS + 1;
  for (let i = 1; i <= count; i++) {
    const r = rnd();
    let day: number;
    if (r < 0.0025) day = -1 - Math.floor(rnd() * 400);
    else if (r < 0.005) day = span + Math.floor(rnd() * 400);
    else day = Math.floor(rnd() * span);
    const date = new Date(start + day * DAY_MS).toISOString().slice(0, 10);
    const typeIndex = Math.floor(rnd() * EVENT_TYPES.length);
    const scale = 10 + typeIndex * 8;
    const female = Math.floor(rnd() * scale * 2);
    const male = Math.floor(rnd() * scale * 2);
    const other = rnd() < 0.1 ? null : rnd() < 0.9 ? 0 : 1 + Math.floor(rnd() * 3);
    let total = female + male + (other ?? 0);
    if (rnd() < 0.01) total += 1 + Math.floor(rnd() * 5);
    yield {
      id: `EV-${String(i).padStart(7, "0")}`,
      date,
      type: EVENT_TYPES[typeIndex]!,
      union: pick(UNIONS),
      upazila: pick(UPAZILAS),
      district: "Jashore",
      venue: pick(VENUES),
      female,
      male,
      other,
      total,
      facilitator: pick(FACILITATORS),
    };
  }
}

/** Add one row to the expected figures (the independent reference every job is compared with). */
export function tallyEvent(figures: EventFigures, row: EventRow): void {
  figures.rows++;
  if (row.female + row.male + (row.other ?? 0) !== row.total) figures.checks.sexSum++;
  if (row.date < PHASE.start || row.date > PHASE.end) {
    figures.checks.outOfPhase++;
    return;
  }
  const byQuarter = (figures.sums[row.type] ??= {});
  const q = quarterOf(row.date);
  const s = (byQuarter[q] ??= [0, 0, 0, 0]);
  s[0] += row.female;
  s[1] += row.male;
  s[2] += row.other ?? 0;
  s[3] += row.total;
}

/** Empty figures to tally into. */
export function emptyFigures(): EventFigures {
  return { rows: 0, checks: { sexSum: 0, outOfPhase: 0 }, sums: {} };
}

/** A CSV field, quoted only when it must be (as Excel's "Save as CSV" does). */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One event row as a CSV line (without the line break). */
export function eventCsvLine(r: EventRow): string {
  return [r.id, r.date, r.type, r.union, r.upazila, r.district, r.venue, r.female, r.male, r.other, r.total, r.facilitator].map(csvField).join(",");
}

// ── Survivors ─────────────────────────────────────────────────────────────────────────────────────

/** The header of the survivor register CSV (Name and Phone are identifying: dropped at read). */
export const SURVIVOR_HEADER = ["Survivor ID", "Name", "Phone", "Sex", "Age", "Union", "Enrolment Date", "Status", "Counselling Date"];

const NAMES = ["Ayesha", "Rokeya", "Shahana", "Rafiq", "Jamal", "Mitu", "Selina", "Babul", "Hasina", "Nurul"];

/** Expected figures of the survivor project: distinct survivors counselled within the phase, by sex. */
export interface SurvivorFigures {
  rows: number;
  counselled: { female: number; male: number; other: number; total: number };
}

/**
 * Draw survivor rows: `count` distinct ids (1 % of rows repeat an earlier survivor with the same
 * sex and a later counselling date, so unique counting matters), 80 % counselled.
 */
export function* survivorRows(count: number, seed: number): Generator<string[]> {
  const rnd = createRandom(seed);
  const start = Date.parse(PHASE.start);
  const span = (Date.parse(PHASE.end) - start) / DAY_MS + 1;
  const sexes = ["F", "M", "F", "F", "M", "Other"];
  const iso = (day: number) => new Date(start + day * DAY_MS).toISOString().slice(0, 10);
  let made = 0;
  for (let i = 1; made < count; i++) {
    const repeat = i > 10 && rnd() < 0.01;
    const idNum = repeat ? 1 + Math.floor(rnd() * (i - 1)) : i;
    const sexRnd = createRandom(idNum * 7919)();
    const sex = sexes[Math.floor(sexRnd * sexes.length)]!;
    const enrol = Math.floor(rnd() * (span - 60));
    const counselled = rnd() < 0.8 ? iso(enrol + Math.floor(rnd() * 60)) : "";
    yield [`JS-${String(idNum).padStart(6, "0")}`, `${NAMES[i % NAMES.length]} ${i}`, `017${String(i).padStart(8, "0")}`, sex, String(16 + Math.floor(rnd() * 30)), "Sharsha", iso(enrol), rnd() < 0.05 ? "Dropped" : "Active", counselled];
    if (!repeat) made++;
  }
}
