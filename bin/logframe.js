#!/usr/bin/env node
// The executable: the compiled CLI does everything; only it decides the exit code. It runs the CLI's
// bundle (scripts/bundle-cli.mjs: a few files instead of ~400 modules, for start-up time).
import { main, startShortRun } from "../dist/bundle/main.js";

// Without V8's optimising compiler until the inputs turn out large (src/cli/tiering.ts).
startShortRun();

// Output piped into `head` or a closed pager is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

// Exit once the output is flushed: letting the process wind down by itself also tears down the
// heap and the xlsx reader's idle worker threads first, ~50 ms of a 1 s run (performance issue:
// start-up). main resolves only when the command has finished, files written included.
main(process.argv).then((code) => {
  process.exitCode = code;
  let streams = 2;
  const flushed = () => {
    if (--streams === 0) process.exit(code);
  };
  process.stdout.write("", flushed);
  process.stderr.write("", flushed);
});
