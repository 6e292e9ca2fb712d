import type { Command } from "commander";

interface TraceFlags {
  period: string;
  cumulative?: boolean;
  sex?: string;
  partner?: string;
  format: string;
}

const SEX_OPTIONS = ["female", "male", "other", "unknown"] as const;

/** `logframe trace <indicator> [project]`: every source row behind a figure, with its cell. */
export function register(program: Command): void {
  program
    .command("trace")
    .argument("<indicator>", "the indicator code (or its reference, e.g. F02)")
    .argument("[project]", "the project directory or its logframe.yaml", ".")
    .description("list the source rows that make an indicator's figure: file, sheet, cell, value, and why each counted")
    .option("-p, --period <id>", "phase, 2022Q4, 2022-03, 2021, PQ3, PY2, FY2021-22 or 2021-01-01..2021-06-30", "phase")
    .option("--cumulative", "the figure from the phase start to the period's end")
    .option("--sex <sex>", `only this sex's figure: ${SEX_OPTIONS.join(", ")}`)
    .option("--partner <code>", "only this partner's share of the figure")
    .option("-f, --format <format>", "output: table, json, csv", "table")
    .addHelpText(
      "after",
      `
The last line adds up the counted rows: it equals the figure \`logframe aggregate\` reports.

Examples:
  $ logframe trace 1.1.enrolled fixtures/ashshash --sex female
  $ logframe trace F13 fixtures/ashshash --period FY2021-22 --partner RRF
  $ logframe trace 1.2.placed fixtures/ashshash --cumulative --period 2022Q2 --format csv > placed.csv`,
    )
    .action(async (indicator: string, projectArg: string, flags: TraceFlags) => {
      const lib = await import("../../index.js");
      const { openProject, noteFindings, parseFormat } = await import("./aggregate.js");
      const format = parseFormat(lib, flags.format);
      if (flags.sex !== undefined && !(SEX_OPTIONS as readonly string[]).includes(flags.sex)) {
        throw new lib.ReportingError("bad-option", `--sex ${flags.sex}: expected one of ${SEX_OPTIONS.join(", ")}`);
      }
      const { project, events, tally } = await openProject(projectArg);
      const trace = await lib.traceIndicator(events, project, {
        indicator,
        period: lib.parsePeriod(flags.period, project),
        cumulative: flags.cumulative ?? false,
        ...(flags.sex ? { sex: flags.sex as (typeof SEX_OPTIONS)[number] } : {}),
        ...(flags.partner ? { partner: flags.partner } : {}),
      });
      await noteFindings(tally, projectArg);
      if (format === "json") {
        process.stdout.write(JSON.stringify(trace, null, 2) + "\n");
      } else if (format === "csv") {
        const { formatTraceCsv } = await import("../format/trace.js");
        process.stdout.write(formatTraceCsv(trace));
      } else {
        const [{ formatTraceText }, { default: chalk }] = await Promise.all([import("../format/trace.js"), import("chalk")]);
        process.stdout.write(formatTraceText(trace, { grouping: project.project.number_grouping, heading: chalk.bold, dim: chalk.dim, sumLine: lib.traceSumLine }));
      }
    });
}
