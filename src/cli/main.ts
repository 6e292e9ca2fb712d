import { Command, CommanderError } from "commander";
import { EXIT, printFailure, takeExitCode } from "./failure.js";

export { startShortRun } from "./tiering.js";

/**
 * Every sub-command lives in `commands/<name>.ts` and exports `register(program)`. Heavy modules
 * (exceljs, docx, the engine) are imported inside the action handlers, so `logframe --help` stays fast.
 */
const COMMANDS = ["validate", "aggregate", "trace", "report", "checks", "schema"] as const;
/** The commands that read partner spreadsheets. */
const READERS = new Set(["validate", "aggregate", "trace", "report"]);

/** Build the commander program (exported for tests). */
export async function buildProgram(): Promise<Command> {
  const program = new Command()
    .name("logframe")
    .description("Turn partner spreadsheets into logframe indicator figures and donor reports, traced to the cell.")
    .version(await version(), "-V, --version")
    .option("--debug", "print stack traces for unexpected errors")
    .option("--pseudonymise", `replace survivor ids in every output by keyed pseudonyms (key from $LOGFRAME_PSEUDONYM_KEY)`)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .addHelpText(
      "after",
      `
Exit codes: 0 success (warnings allowed), 1 the input has error findings, 2 the command could not run.

Examples:
  $ logframe validate fixtures/ashshash
  $ logframe aggregate fixtures/ashshash --period FY2021-22 --by partner
  $ logframe report fixtures/ashshash --type closeout --period phase --out out/`,
    );
  program.hook("preAction", async (_program, command) => {
    // The xlsx reader's worker boots on the other core while the library loads and the project
    // file is parsed (~150 ms), instead of when the first xlsx is read (performance issue: start-up).
    if (READERS.has(command.name())) (await import("../read/xlsx-pool.js")).prewarmXlsxReader();
    const { setPseudonymise } = await import("./project-files.js");
    setPseudonymise(Boolean(program.opts<{ pseudonymise?: boolean }>().pseudonymise));
  });
  for (const name of COMMANDS) {
    const mod = (await import(`./commands/${name}.js`)) as { register(p: Command): void };
    mod.register(program);
  }
  return program;
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const program = await buildProgram();
    await program.parseAsync([...argv]);
    return takeExitCode();
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    printFailure(e, debug);
    return EXIT.failure;
  }
}

async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
