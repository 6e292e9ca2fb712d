/**
 * Read the whole robustness corpus (`../shared/corpus`) through `readWorkbook` and report what each
 * file gave.
 *
 *   npx tsx test/corpus/outcomes.ts --json            # JSON on stdout (the corpus test runs this in a child process)
 *   npx tsx test/corpus/outcomes.ts --markdown FILE   # regenerate docs/corpus.md
 *   npx tsx test/corpus/outcomes.ts [substring]       # a quick table in the terminal
 */
import { writeFileSync } from "node:fs";
import { CORPUS_LIMITS, walkCorpus, type Outcome } from "./walk.js";
import { verdict } from "./verdict.js";

const args = process.argv.slice(2);
const mdAt = args.indexOf("--markdown");
const only = args.find((a, i) => !a.startsWith("--") && i !== mdAt + 1);
const outcomes = await walkCorpus(only);
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);

if (args.includes("--json")) {
  process.stdout.write(JSON.stringify({ peakMb, outcomes }) + "\n");
} else if (mdAt !== -1) {
  writeFileSync(args[mdAt + 1]!, markdown(outcomes));
} else {
  for (const o of outcomes) console.log(`${verdict(o).ok ? "ok  " : "FAIL"} ${o.expect.padEnd(6)} ${o.file.padEnd(64)} ${result(o)}`);
  console.log(`peak RSS ${peakMb} MB`);
}
process.exit(0);

function result(o: Outcome): string {
  if (o.failure) return `**reader failure**: ${o.failure}`;
  const errors = o.findings.filter((f) => f.severity === "error");
  const warnings = o.findings.filter((f) => f.severity !== "error");
  const loaded = `${o.sheets} sheet${o.sheets === 1 ? "" : "s"}, ${o.rows.toLocaleString("en-US")} row${o.rows === 1 ? "" : "s"}`;
  const show = (f: Outcome["findings"][number]) => `\`${f.code}\` ${f.message.replace(/\|/g, "\\|").replace(/\s+/g, " ")}`;
  // How far a timed-out read got depends on the machine: leave it out so the page is reproducible.
  if (errors.length) return `${show(errors[0]!)}${o.rows && errors[0]!.code !== "read-timeout" ? ` (after ${loaded})` : ""}`;
  return `loaded ${loaded}${warnings.length ? `; ${warnings.map(show).join("; ")}` : ""}`;
}

function markdown(outcomes: Outcome[]): string {
  const byExpect = new Map<string, { n: number; met: number }>();
  for (const o of outcomes) {
    const s = byExpect.get(o.expect) ?? { n: 0, met: 0 };
    s.n++;
    if (verdict(o).ok) s.met++;
    byExpect.set(o.expect, s);
  }
  const lines = [
    "# The robustness corpus through logframe's reader",
    "",
    "Every data file of the shared corpus (`../shared/corpus`, described in its README and MANIFEST.tsv) read by",
    "`readWorkbook` with every row consumed, under the project's default `limits` except `seconds_per_file: 10`.",
    "The corpus test (`test/corpus/corpus.test.ts`) checks the same outcomes against the manifest's `expect`",
    "column; this page is generated, do not edit it by hand. Regenerate it with:",
    "",
    "```",
    "npx tsx test/corpus/outcomes.ts --markdown docs/corpus.md",
    "```",
    "",
    "## Summary",
    "",
    "| expect | files | met |",
    "| --- | ---: | ---: |",
    ...[...byExpect].map(([k, s]) => `| ${k} | ${s.n} | ${s.met} |`),
    "",
    `${outcomes.length} files. Timings and memory vary by machine, so they are not on this page: the corpus test runs the walk`,
    "in a child process with a 1 GB heap and checks it stays under 1.5 GB resident (it peaks near 250-300 MB on a 2-core box,",
    "in about 20-30 s, most of it the 10 s time budget spent on `hostile/bomb_sheet_cells.xlsx`).",
    `Limits: ${JSON.stringify(CORPUS_LIMITS)} over the defaults (max_file_mb 200, max_rows 2,000,000, max_columns 500,`,
    "max_unzipped_mb 500, max_entry_mb 300); xlsx files are read in a worker thread with a 512 MB heap.",
    "",
    "What the outcomes mean:",
    "- `load`: the file loaded with no error finding and at least one row. The exceptions are workbooks that hold no",
    "  value at all (BASELINE.md's independent count finds 0 value cells in each): they list their sheets and give",
    "  `file-empty`, because an empty partner file is something a coordinator must hear about.",
    "  `csv/spectrum/location_coordinates.csv` is refused for its bare quotes, which the corpus README accepts.",
    "- `error`: the file was refused with the specific finding shown (the test pins each file's code).",
    "- `guard`: the file loaded within the limits, or a limit or a safety check refused it.",
    "- `either`: anything but a reader failure.",
    "",
    "## Per file",
    "",
    "| file | expect | outcome |",
    "| --- | --- | --- |",
    ...outcomes.map((o) => `| ${o.file} | ${o.expect} | ${verdict(o).ok ? "" : "**NOT MET** "}${result(o)} |`),
    "",
  ];
  return lines.join("\n");
}
