import type { Command } from "commander";

/** `logframe checks`: the catalogue of finding codes. */
export function register(program: Command): void {
  program
    .command("checks")
    .description("list every finding code: its scope, default severity and what it means")
    .option("--format <format>", "text, json or markdown", "text")
    .addHelpText("after", "\nExamples:\n  $ logframe checks\n  $ logframe checks --format markdown > docs/checks.md")
    .action(async (opts: { format: string }) => {
      const { CATALOG } = await import("../../index.js");
      const entries = Object.entries(CATALOG);
      if (opts.format === "json") {
        process.stdout.write(JSON.stringify(entries.map(([code, e]) => ({ code, ...e })), null, 2) + "\n");
      } else if (opts.format === "markdown") {
        const rows = entries.map(([code, e]) => `| \`${code}\` | ${e.scope} | ${e.severity} | ${e.description} | ${e.example.replace(/\|/g, "\\|")} |`);
        process.stdout.write(["| code | scope | severity | what it means | example |", "| --- | --- | --- | --- | --- |", ...rows].join("\n") + "\n");
      } else {
        const { default: chalk } = await import("chalk");
        for (const [code, e] of entries) {
          process.stdout.write(`${chalk.bold(code)} ${chalk.dim(`(${e.scope}, ${e.severity})`)}\n  ${e.description}\n  ${chalk.dim("e.g. " + e.example)}\n`);
        }
      }
    });
}
