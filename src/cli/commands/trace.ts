import type { Command } from "commander";

/** `logframe trace`: not built yet; registered so that --help lists the whole tool. */
export function register(program: Command): void {
  void program;
}
