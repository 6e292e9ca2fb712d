import type { Command } from "commander";
import type * as Lib from "../../index.js";
import type { Dimension, IngestEvent, ProjectFile } from "../../index.js";

const FORMATS = ["table", "json", "csv"] as const;
type Format = (typeof FORMATS)[number];

interface AggregateFlags {
  period: string;
  cumulative?: boolean;
  by?: string;
  indicator?: string;
  format: string;
  now?: string;
}

/** `logframe aggregate [project]`: the logframe's indicator figures for a period. */
export function register(program: Command): void {
  program
    .command("aggregate")
    .argument("[project]", "the project directory or its logframe.yaml", ".")
    .description("compute the indicator figures for a period, by sex, with targets and achievement")
    .option("-p, --period <id>", "phase, 2022Q4, 2022-03, 2021, PQ3, PY2, FY2021-22 or 2021-01-01..2021-06-30", "phase")
    .option("--cumulative", "figures from the phase start to the period's end")
    .option("--by <dimensions>", "break figures down: partner, district, upazila, union, training_type, event_type, age_band, trade (comma-separated)")
    .option("-i, --indicator <codes>", "only these indicators (comma-separated; 1.2 selects every 1.2.* code)")
    .option("-f, --format <format>", `output: ${FORMATS.join(", ")}`, "table")
    .option("--now <date>", "today as YYYY-MM-DD (default: the clock), to note periods that have not ended")
    .addHelpText(
      "after",
      `
Findings of the input are not listed (run \`logframe validate\`); their count is printed on stderr.

Examples:
  $ logframe aggregate fixtures/ashshash
  $ logframe aggregate fixtures/ashshash --period FY2021-22 --by partner
  $ logframe aggregate fixtures/ashshash --period 2022Q4 --cumulative --indicator 1.2
  $ logframe aggregate fixtures/ashshash --format json > indicators.json
  $ logframe aggregate fixtures/ashshash --by partner,age_band --format csv > indicators.csv`,
    )
    .action(async (projectArg: string, flags: AggregateFlags) => {
      const lib = await import("../../index.js");
      const format = parseFormat(lib, flags.format);
      const by = parseBy(lib, flags.by);
      const now = parseNow(lib, flags.now);
      const { project, events, tally } = await openProject(projectArg);
      const result = await lib.aggregateIndicators(events, project, {
        period: lib.parsePeriod(flags.period, project),
        cumulative: flags.cumulative ?? false,
        by,
        ...(flags.indicator ? { indicators: list(flags.indicator) } : {}),
        now,
      });
      await noteFindings(tally, projectArg);
      if (format === "json") {
        process.stdout.write(JSON.stringify(result, null, 2) + "\n");
      } else if (format === "csv") {
        const { formatAggregateCsv } = await import("../format/aggregate.js");
        process.stdout.write(formatAggregateCsv(result));
      } else {
        const [{ formatAggregateTable }, { default: chalk }] = await Promise.all([import("../format/aggregate.js"), import("chalk")]);
        process.stdout.write(formatAggregateTable(result, { grouping: project.project.number_grouping, width: terminalWidth(), heading: chalk.bold, dim: chalk.dim }));
      }
    });
}

/** Findings seen while the stream was read. */
export interface FindingTally {
  total: number;
  errors: number;
}

/**
 * Load the project and open its ingest stream, counting findings on the way (aggregate and trace do
 * not list them, but must not hide them).
 */
export async function openProject(projectArg: string | undefined): Promise<{ project: ProjectFile; events: AsyncIterable<IngestEvent>; tally: FindingTally }> {
  const [lib, files] = await Promise.all([import("../../index.js"), import("../project-files.js")]);
  const loaded = await files.loadProject(projectArg);
  const sources = await files.resolveSources(loaded);
  const tally: FindingTally = { total: 0, errors: 0 };
  async function* counted(): AsyncGenerator<IngestEvent> {
    for await (const e of lib.ingestSources(sources, loaded.project, loaded.ingest)) {
      if (e.type === "finding") {
        tally.total++;
        if (e.finding.severity === "error") tally.errors++;
      }
      yield e;
    }
  }
  return { project: loaded.project, events: counted(), tally };
}

/** One line on stderr when reading found problems: errors may make figures wrong, so they are never silent. */
export async function noteFindings(tally: FindingTally, projectArg: string | undefined): Promise<void> {
  if (tally.total === 0) return;
  const { default: chalk } = await import("chalk");
  const n = (k: number, what: string) => `${k.toLocaleString("en-GB")} ${what}${k === 1 ? "" : "s"}`;
  const target = projectArg && projectArg !== "." ? ` ${projectArg}` : "";
  const line =
    tally.errors > 0
      ? chalk.yellow(`logframe: ${n(tally.total, "finding")}, ${n(tally.errors, "error")} that may make figures wrong; run logframe validate${target}`)
      : chalk.dim(`logframe: ${n(tally.total, "finding")}; run logframe validate${target}`);
  process.stderr.write(line + "\n");
}

/** `--format`: table, json or csv. */
export function parseFormat(lib: typeof Lib, s: string): Format {
  if ((FORMATS as readonly string[]).includes(s)) return s as Format;
  throw new lib.ReportingError("bad-option", `--format ${s}: expected one of ${FORMATS.join(", ")}`);
}

function parseBy(lib: typeof Lib, s: string | undefined): Dimension[] {
  if (s === undefined) return [];
  const dims = list(s);
  for (const d of dims) if (!lib.isDimension(d)) throw new lib.ReportingError("bad-option", `--by ${d}: not a dimension (${lib.DIMENSIONS.join(", ")})`);
  return [...new Set(dims)] as Dimension[];
}

/** `--now`: an ISO date, default today. */
export function parseNow(lib: typeof Lib, s: string | undefined): string {
  if (s === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) throw new lib.ReportingError("bad-option", `--now ${s}: expected a date as YYYY-MM-DD`);
  return s;
}

/** A comma-separated option as a list. */
export function list(s: string): string[] {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The width to lay tables out in: the terminal's, or 80 when output is piped. */
export function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : 80;
}
