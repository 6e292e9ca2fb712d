import type { Command } from "commander";
import type { FigureHooks, Report } from "../../index.js";
import type * as Library from "../../index.js";

const FORMATS = ["text", "json", "junit", "github"] as const;
type Format = (typeof FORMATS)[number];

interface ValidateFlags {
  format: string;
  strict?: boolean;
  maxFindings?: string;
  only?: string;
  skip?: string;
  now?: string;
}

/** `logframe validate [project]`: check every source and the logframe's arithmetic; exit 0, 1 or 2. */
export function register(program: Command): void {
  program
    .command("validate")
    .argument("[project]", "the project directory or its logframe.yaml", ".")
    .description("check every partner sheet and the logframe's arithmetic; print the findings")
    .option("--format <format>", `output: ${FORMATS.join(", ")}`, "text")
    .option("--strict", "warnings fail validation too (exit 1)")
    .option("--max-findings <n>", "list at most n findings (the counts stay exact)", "1000")
    .option("--only <codes>", "run only these checks: comma-separated codes or scopes (row, cell, logframe...)")
    .option("--skip <codes>", "leave out these checks: comma-separated codes or scopes")
    .option("--now <date>", "the run's date as YYYY-MM-DD (default: today), for reproducible runs")
    .addHelpText(
      "after",
      `
Exit codes: 0 no errors (warnings allowed), 1 error findings (or warnings with --strict), 2 could not run.

Examples:
  $ logframe validate fixtures/ashshash
  $ logframe validate --format json > report.json
  $ logframe validate --format github --strict
  $ logframe validate --only sex-sum,claim-mismatch --max-findings 50`,
    )
    .action(async (projectArg: string, flags: ValidateFlags) => {
      const [lib, files, failure] = await Promise.all([import("../../index.js"), import("../project-files.js"), import("../failure.js")]);
      const bad = (message: string) => new lib.ReportingError("bad-option", message);
      const format = parseFormat(flags.format, bad);
      const maxFindings = parseMax(flags.maxFindings, bad);
      const now = parseNow(flags.now, bad);
      const only = list(flags.only);
      const skip = list(flags.skip);

      const loaded = await files.loadProject(projectArg);
      const project = loaded.project;
      const sources = await files.resolveSources(loaded);
      const figures: FigureHooks = {
        period: (text) => lib.parsePeriod(text, project),
        engine: (period) => lib.createEngine(project, { period, by: ["partner"], now }),
      };
      // A small first pass over the claims sheets, so the periods they name are computed in the main pass.
      const claimSources = sources.filter((s) => s.source.kind === "spp-target-achievement");
      // Both streams made before either is read: the reader reads the main pass's first workbook
      // while the claims are scanned (see ingestSources).
      const claimEvents = claimSources.length ? lib.ingestSources(claimSources, project, loaded.ingest) : undefined;
      const events = lib.ingestSources(sources, project, loaded.ingest);
      const { periods, claimed } = claimEvents ? await lib.scanClaims(claimEvents) : { periods: [], claimed: [] };
      const report = await lib.validateProject(events, project, {
        now,
        maxFindings,
        ...(only ? { only } : {}),
        ...(skip ? { skip } : {}),
        ...(flags.strict ? { strict: true } : {}),
        figures,
        periods,
        claimed,
      });

      process.stdout.write(render(lib, format, report, {
        color: useColor(),
        files: sources.flatMap((s) => s.files.map((f) => f.path)),
        checks: lib.CHECKS.map((c) => c.code).filter(lib.selectCodes(only, skip)),
        strict: Boolean(flags.strict),
        pathPrefix: relativeDir(loaded.dir),
      }));
      failure.setExitCode(report.valid ? failure.EXIT.ok : failure.EXIT.findings);
    });
}

type Lib = typeof Library;

function render(lib: Lib, format: Format, report: Report, o: { color: boolean; files: string[]; checks: string[]; strict: boolean; pathPrefix: string }): string {
  switch (format) {
    case "json":
      return lib.renderJson(report);
    case "junit":
      return lib.renderJunit(report, { files: o.files, checks: o.checks, strict: o.strict });
    case "github":
      return lib.renderGithub(report, { pathPrefix: o.pathPrefix });
    default:
      return lib.renderText(report, { color: o.color });
  }
}

/** Makes the usage error (exit 2) for a bad option value. */
type BadOption = (message: string) => Error;

function parseFormat(s: string, bad: BadOption): Format {
  if ((FORMATS as readonly string[]).includes(s)) return s as Format;
  throw bad(`--format ${s}: expected one of ${FORMATS.join(", ")}`);
}

function parseMax(s: string | undefined, bad: BadOption): number {
  if (s === undefined) return 1000;
  if (!/^\d+$/.test(s.trim())) throw bad(`--max-findings ${s}: expected a whole number`);
  return Number(s);
}

function parseNow(s: string | undefined, bad: BadOption): string {
  if (s === undefined) return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) throw bad(`--now ${s}: expected a date as YYYY-MM-DD`);
  return s;
}

function list(s: string | undefined): string[] | undefined {
  if (s === undefined) return undefined;
  const items = s.split(",").map((x) => x.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** Colour only on a terminal, never with NO_COLOR set (https://no-color.org), always with FORCE_COLOR. */
function useColor(): boolean {
  if (process.env["NO_COLOR"]) return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

/** The project directory relative to the working directory, for GitHub annotation paths. */
function relativeDir(dir: string): string {
  const rel = dir.startsWith(process.cwd()) ? dir.slice(process.cwd().length).replace(/^[\\/]+/, "") : dir;
  return rel.split("\\").join("/") || ".";
}
