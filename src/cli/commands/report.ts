import { Option, type Command } from "commander";
import type { ReportRunFlags } from "../report-run.js";

/** The default of `--data-rows` (`DEFAULT_DATA_SHEET_ROWS`, not imported: the library loads lazily). */
export const DATA_ROWS = 10_000;

/** What commander hands the action: the run's own flag type (a type-only import; the module loads lazily). */
type ReportFlags = ReportRunFlags & { failOn: NonNullable<ReportRunFlags["failOn"]> };

/** `logframe report [project]`: write the Word report and the Excel workbook of a period. */
export function register(program: Command): void {
  program
    .command("report")
    .argument("[project]", "the project directory or its logframe.yaml", ".")
    .description("write the donor report (Word) and the indicator workbook (Excel) for a period")
    .option("--type <type>", "closeout or progress", "closeout")
    .option("--period <id>", "phase, 2022Q4, 2022-03, PQ3, PY2, FY2021-22 or 2021-01-01..2021-06-30", "phase")
    .option("--out <dir>", "directory to write the report into", "./out")
    .option("--templates <dir>", "your organisation's narrative templates (falls back per file to the built-in ones)")
    .option("--date <YYYY-MM-DD>", "date of the report (default: SOURCE_DATE_EPOCH, else today)")
    .option("--by <dims>", "breakdowns for the partner annex: comma-separated dimensions", "partner,district")
    .option("--data-rows <n>", "most rows the workbook's data sheets hold together; past it the largest kinds get none, their figures written as values", String(DATA_ROWS))
    .option("--quiet", "no progress bar")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when the data has findings of this severity: error, warning, or never (the reports are written either way)")
        .choices(["error", "warning", "never"])
        .default("error"),
    )
    .addHelpText(
      "after",
      `
Writes <out>/<project>-<type>-<period>.docx and .xlsx, each replaced only by a complete new file.
Exit codes: 0 written, 1 written but the data has error findings (see the data-quality annex;
--fail-on never or warning changes which findings count), 2 could not run.

Examples:
  $ logframe report fixtures/ashshash --type closeout --period phase --out out/
  $ logframe report --type progress --period 2022Q4 --date 2023-01-15
  $ logframe report --templates ./our-templates --quiet
  $ logframe report fixtures/ashshash --fail-on never   # known faults, listed in the annex`,
    )
    .action(async (projectArg: string, flags: ReportFlags) => {
      const { runReport } = await import("../report-run.js");
      await runReport(projectArg, flags, program.opts<{ debug?: boolean }>());
    });
}
