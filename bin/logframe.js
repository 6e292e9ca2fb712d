#!/usr/bin/env node
// The executable: the compiled CLI does everything; only it decides the exit code.
import { main } from "../dist/cli/main.js";

// Output piped into `head` or a closed pager is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
