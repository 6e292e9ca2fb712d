import type { Command } from "commander";

/** `logframe schema`: the JSON Schema of the project file, for editor autocompletion. */
export function register(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of logframe.yaml (generated from the validating zod schema)")
    .addHelpText("after", "\nExamples:\n  $ logframe schema > logframe.schema.json\n  # then in logframe.yaml:  # yaml-language-server: $schema=./logframe.schema.json")
    .action(async () => {
      const { projectJsonSchema } = await import("../../index.js");
      process.stdout.write(JSON.stringify(projectJsonSchema(), null, 2) + "\n");
    });
}
