import type { FindingCode } from "../errors/catalog.js";
import type { IndicatorPlace } from "../schema/parse-project.js";
import type { ProjectFile } from "../schema/project.js";
import type { DataRow, RowBatch, Table, TotalRow } from "../schema/table.js";
import type { ClaimedSet } from "./claims.js";
import type { ReportedFinding } from "./locate.js";
import type { FigureSet } from "./figures.js";
import type { Tally } from "./select.js";

/** What every check can see: the project, the run's date, the logframe's indicators, and where to report. */
export interface CheckContext {
  project: ProjectFile;
  /** The run's date as `YYYY-MM-DD` (injected, never read from the clock inside a check). */
  now: string;
  /** Indicators by code, and by reference (a claims sheet may use either). */
  indicators: ReadonlyMap<string, IndicatorPlace>;
  /** Format a figure for a message, as the project writes numbers (4,000 or 4,00,000). */
  formatNumber(n: number): string;
  /** Hand a finding to the run (policy, counting and capping happen there; its message is made only if it is kept). */
  report: (finding: ReportedFinding) => void;
}

/** What a check sees once every row has passed: the figures to check the logframe's arithmetic on. */
export interface EndContext {
  /** Figures computed from the raw sheets, by period id (`phase` first); empty when no engine was given. */
  computed: ReadonlyMap<string, FigureSet>;
  /** Each partner's claimed figures, one set per period written in its claims sheet. */
  claimed: readonly ClaimedSet[];
  /** The period id a claims sheet's period text stands for, or undefined when it cannot be read. */
  periodOf(text: string): string | undefined;
  /** Rows and files behind each computed figure, for "computed from N rows of …". */
  tally: Tally;
}

/** The sets funnel, breakdown and rule checks run on: computed phase figures, then every claimed set. */
export function checkedSets(end: EndContext): FigureSet[] {
  const phase = end.computed.get("phase");
  return [...(phase ? [phase] : []), ...end.claimed];
}

/**
 * One check's run over the ingest stream. Row checks implement `row`; table checks keep only what they
 * need between `row` calls and report in `finish`; logframe checks work in `finish` on the figures.
 * A check that implements `row` may implement `batch` too: it must do exactly what `row` on each of the
 * batch's rows in order would (the same findings in the same order, the same state), typically by a
 * cheap pass over the columns that hands only the rows that may give a finding to `row`
 * (`batch.row(i)`). A run with `row` and no `batch` gets every row of a batch through `row`.
 */
export interface CheckRun {
  table?(table: Table): void;
  row?(row: DataRow): void;
  batch?(batch: RowBatch): void;
  total?(total: TotalRow): void;
  finish?(end: EndContext): void;
}

/** A check: a stable code (the catalogue entry) and a function that starts a run of it. */
export interface Check {
  code: FindingCode;
  /** May throw `ReportingError` (`project-invalid`) when the project file's declarations cannot be checked. */
  start(ctx: CheckContext): CheckRun;
}
