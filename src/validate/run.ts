import { CATALOG } from "../errors/catalog.js";
import { buildReport, type Report } from "../errors/report.js";
import { ReportingError } from "../errors/reporting-error.js";
import { walkIndicators, type IndicatorPlace } from "../schema/parse-project.js";
import type { ProjectFile } from "../schema/project.js";
import type { AggregateResult, Period } from "../schema/result.js";
import { eventRows, type DataRow, type IngestEvent, type RowBatch, type Sink } from "../schema/table.js";
import { CHECKS } from "./checks/index.js";
import { createClaimsCollector } from "./claims.js";
import { createCollector } from "./collector.js";
import type { CheckContext, CheckRun, EndContext } from "./context.js";
import { computedFigures, type FigureSet } from "./figures.js";
import type { ReportedFinding } from "./locate.js";
import { numberFormatter } from "./numbers.js";
import { createPolicy } from "./policy.js";
import { createTally } from "./select.js";

/**
 * How validation gets computed figures. Validation comes before aggregation in the pipeline, so the
 * caller hands it the engine (`createEngine`) and the period parser (`parsePeriod`) rather than
 * validation importing them.
 */
export interface FigureHooks {
  /** Resolve a period id or a claims sheet's period text (`phase`, `2022Q4`, `FY2021-22`); throws when it cannot. */
  period(text: string): Period;
  /** A fresh engine for a period, breaking figures down by partner. */
  engine(period: Period): Sink<AggregateResult>;
}

/** Options of a validation run. */
export interface ValidateOptions {
  /** The run's date (date-in-future); a Date or `YYYY-MM-DD`. */
  now: Date | string;
  /**
   * Keep at most this many findings in the report: the first by severity, then in the report's order
   * (see `createCollector`), whatever order they were found in; the counts stay exact. Default 1000;
   * `Infinity` keeps all.
   */
  maxFindings?: number;
  /** Run only these checks: codes or scopes (`sex-sum`, `row`, `logframe`). */
  only?: readonly string[];
  /** Leave out these checks: codes or scopes. */
  skip?: readonly string[];
  /** Warnings make the report invalid (`--strict`). */
  strict?: boolean;
  /** The engine and period parser, for the checks on figures (funnel, breakdowns, rules, claims). */
  figures?: FigureHooks;
  /** Periods the claims sheets name, besides `phase` (see `scanClaims`), so their figures are computed in the same pass. */
  periods?: readonly string[];
  /**
   * Codes (or references) the claims sheets name (see `scanClaims`): only their rows are counted for
   * claim-mismatch's "computed from N rows of …". Default: every computed indicator.
   */
  claimed?: readonly string[];
}

/** The default cap on listed findings (as Frictionless' `limit_errors`). */
export const DEFAULT_MAX_FINDINGS = 1000;

/**
 * A validator: a sink of the ingest stream that runs every check as rows arrive, the engine-based
 * checks at the end, and gives a Report. Never stops at the first finding. Memory: what each table
 * check keeps (keys, per-type numbers), the engine's groups, and at most `maxFindings` findings.
 * Throws `ReportingError` at creation for a bad option or rule expression.
 * @example
 * const validator = createValidator(project, { now: "2023-01-07" });
 * for await (const e of ingestSources(sources, project)) validator.add(e);
 * const report = validator.finish();
 */
export function createValidator(project: ProjectFile, opts: ValidateOptions): Sink<Report> {
  const now = typeof opts.now === "string" ? opts.now.slice(0, 10) : opts.now.toISOString().slice(0, 10);
  const selected = selectCodes(opts.only, opts.skip);
  const policy = createPolicy(project.checks);
  const collector = createCollector(opts.maxFindings ?? DEFAULT_MAX_FINDINGS);
  const indicators = indexIndicators(project);

  const report = (f: ReportedFinding): void => {
    if (!selected(f.code)) return;
    const out = policy(f);
    if (out.suppressed) collector.suppress(out.suppressed.check, out.suppressed.reason);
    else collector.add(out.finding);
  };
  const ctx: CheckContext = { project, now, indicators, formatNumber: numberFormatter(project), report };
  const runs: CheckRun[] = CHECKS.filter((c) => selected(c.code)).map((c) => c.start(ctx));
  const rowRuns = runs.filter((r) => r.row);
  // A batch goes to each row check whole, or row by row to a check that only reads rows.
  const batchRuns = rowRuns.map((r): ((b: RowBatch) => void) => (r.batch ? (b) => r.batch!(b) : (b) => eachRow(b, r.row!)));
  const totalRuns = runs.filter((r) => r.total);
  const tableRuns = runs.filter((r) => r.table);

  // ── Computed figures: one engine per period, fed in the same pass ──
  const periods = new Map<string, Period>();
  if (opts.figures) {
    for (const text of ["phase", ...(opts.periods ?? [])]) {
      const p = tryPeriod(opts.figures, text);
      if (p && !periods.has(p.id)) periods.set(p.id, p);
    }
  }
  const engines = [...periods.values()].map((p) => ({ period: p, sink: opts.figures!.engine(p) }));
  // Rows behind computed figures, for claim-mismatch messages: only with figures, only for what is claimed.
  const claimed = opts.claimed ? new Set(opts.claimed.map((c) => indicators.get(c)?.indicator.code)) : undefined;
  const tallied = periods.size ? walkIndicators(project).map((p) => p.indicator).filter((i) => !claimed || claimed.has(i.code)) : [];
  const tally = createTally(tallied, [...periods.values()]);
  const claims = createClaimsCollector(indicators);

  let files = 0;
  let rows = 0;
  return {
    add(event: IngestEvent): void {
      for (const e of engines) e.sink.add(event);
      switch (event.type) {
        case "row":
          for (const r of rowRuns) r.row!(event.row);
          tally.add(event.row);
          claims.add(event.row);
          break;
        case "batch":
          for (const run of batchRuns) run(event.batch);
          tally.batch(event.batch);
          claims.batch(event.batch);
          break;
        case "total":
          for (const r of totalRuns) r.total!(event.total);
          break;
        case "table":
          for (const r of tableRuns) r.table!(event.table);
          break;
        case "finding":
          report(event.finding);
          break;
        case "file":
          files++;
          rows += event.rows;
          break;
      }
    },
    finish(): Report {
      const computed = new Map<string, FigureSet>(engines.map((e) => [e.period.id, computedFigures(e.sink.finish())]));
      const end: EndContext = {
        computed,
        claimed: claims.sets(),
        tally,
        periodOf: (text) => (opts.figures ? tryPeriod(opts.figures, text)?.id : undefined),
      };
      for (const r of runs) r.finish?.(end);
      const reportOpts = {
        files,
        rows,
        suppressed: collector.suppressedCount(),
        suppressions: collector.suppressions(),
        counts: collector.counts(),
        byCode: collector.byCode(),
        truncated: collector.truncated(),
        ...(opts.strict ? { strict: true } : {}),
      };
      return buildReport(collector.findings(), reportOpts);
    },
  };
}

/**
 * Validate a project's ingest stream: `createValidator` fed with every event.
 * @example const report = await validateProject(ingestSources(sources, project), project, { now: new Date() });
 */
export async function validateProject(events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>, project: ProjectFile, opts: ValidateOptions): Promise<Report> {
  const validator = createValidator(project, opts);
  for await (const e of events) validator.add(e);
  return validator.finish();
}

/**
 * What the claims sheets name: the periods (their `period` column) and the indicator codes, so a
 * validation pass can compute those periods and count those indicators' rows in the same pass. Feed
 * it the ingest stream of the spp-target-achievement sources alone (small sheets) before the run.
 * @example const { periods, claimed } = await scanClaims(ingestSources(claimSources, project));
 */
export async function scanClaims(events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>): Promise<{ periods: string[]; claimed: string[] }> {
  const periods = new Set<string>();
  const claimed = new Set<string>();
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
  for await (const e of events) {
    // A batch of another kind is passed over without making its rows.
    const rows = e.type === "row" ? [e.row] : e.type === "batch" && e.batch.table.kind === "spp-target-achievement" ? eventRows(e) : [];
    for (const row of rows) {
      if (row.table.kind !== "spp-target-achievement") continue;
      if (text(row.values["period"])) periods.add(text(row.values["period"]));
      if (text(row.values["code"])) claimed.add(text(row.values["code"]));
    }
  }
  return { periods: [...periods], claimed: [...claimed] };
}

/** The periods the claims sheets name (`scanClaims(events).periods`). */
export async function claimPeriods(events: AsyncIterable<IngestEvent> | Iterable<IngestEvent>): Promise<string[]> {
  return (await scanClaims(events)).periods;
}

/** Hand each row of a batch to a check that reads rows only. */
function eachRow(batch: RowBatch, row: (r: DataRow) => void): void {
  for (let i = 0; i < batch.size; i++) row(batch.row(i));
}

function tryPeriod(hooks: FigureHooks, text: string): Period | undefined {
  try {
    return hooks.period(text);
  } catch (e) {
    if (e instanceof ReportingError) return undefined;
    throw e;
  }
}

/** Indicators by code, and by reference where one is given (a claims sheet may use either). */
export function indexIndicators(project: ProjectFile): Map<string, IndicatorPlace> {
  const out = new Map<string, IndicatorPlace>();
  const places = walkIndicators(project);
  for (const p of places) out.set(p.indicator.code, p);
  for (const p of places) if (p.indicator.reference && !out.has(p.indicator.reference)) out.set(p.indicator.reference, p);
  return out;
}

/**
 * Which codes a run reports, from `--only` and `--skip` (codes or scopes, as Frictionless' pick/skip
 * errors). Throws `bad-option` for a name that is neither.
 */
export function selectCodes(only: readonly string[] | undefined, skip: readonly string[] | undefined): (code: string) => boolean {
  const scopes = new Set(Object.values(CATALOG).map((e) => e.scope as string));
  const check = (names: readonly string[] | undefined, flag: string) => {
    for (const n of names ?? []) {
      if (!(n in CATALOG) && !scopes.has(n)) {
        throw new ReportingError("bad-option", `${flag} ${n}: not a check code or scope`, "Run `logframe checks` for the codes; scopes are file, sheet, header, row, cell, logframe.");
      }
    }
  };
  check(only, "--only");
  check(skip, "--skip");
  const matches = (names: readonly string[], code: string) => names.includes(code) || names.includes((CATALOG as Record<string, { scope: string }>)[code]?.scope ?? "");
  return (code) => (!only?.length || matches(only, code)) && !(skip?.length && matches(skip, code));
}
