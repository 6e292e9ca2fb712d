#!/usr/bin/env node
// The executable: the compiled CLI does everything; only it decides the exit code.
import { main } from "../dist/cli/main.js";

main(process.argv).then((code) => {
  process.exitCode = code;
});
