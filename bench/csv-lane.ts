/**
 * `npm run bench:lane [-- --runs N]`
 *
 * The CSV parser alone (`CsvParser.push` over a file in 64 KB pieces, as the reader feeds it), with
 * its WebAssembly fast lane and without it (the parser's own loop for every record), on three shapes
 * of file made here: records of the bench's kind (some fields quoted, some with doubled quotes: the
 * lane reads them all); records the lane can never read (blanks around a quoted field: the worst
 * case, where it must cost next to nothing); and plain records alternating with ones that hold a line
 * break inside quotes (the lane reads one record at a time). Prints the median milliseconds of N
 * runs after a warm-up, and the records read (which must be equal with and without the lane).
 */
import { CsvParser } from "../src/read/csv-parser.js";
import { SpanWriter } from "../src/read/spans.js";
import { median } from "./measure.js";

const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 7;

function make(n: number, row: (i: number) => string): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(row(i));
  return Buffer.from(parts.join(""));
}

const SHAPES: [string, Buffer][] = [
  [
    "the bench's kind (all plain)",
    make(400_000, (i) => `EV-${i},2021-01-16,School awareness session,Sharsha,Jashore,${i % 3 === 0 ? '"Bagachra Girls\' School, Sharsha"' : "Union Parishad hall"},${i % 50},7,1,58,${i % 8 === 0 ? '"Md. Abdul ""Babu"" Karim"' : "Shirin Sultana"}\n`),
  ],
  ["never plain (blanks around quotes)", make(400_000, (i) => `EV-${i}, "Bagachra ""x"" School" ,${i % 50},7,1,58,"Md. Abdul Karim"\n`)],
  ["every other record multi-line", make(400_000, (i) => (i % 2 ? `EV-${i},"a note\nover two lines",3\n` : `EV-${i},plain,3\n`))],
];

function parse(bytes: Buffer, fastLane: boolean): number {
  const parser = new CsvParser(",", 1, fastLane);
  const writer = new SpanWriter();
  let records = 0;
  const take = (buf: Uint8Array) => {
    records += writer.take(buf).count;
  };
  for (let at = 0; at < bytes.length; at += 65536) take(parser.push(bytes.subarray(at, at + 65536), writer, take));
  take(parser.end(writer));
  return records;
}

console.log(`CSV parser alone, median of ${RUNS} runs after a warm-up (ms)`);
console.log(["file", "MB", "with the lane", "without", "records"].join("\t"));
for (const [name, bytes] of SHAPES) {
  const times: Record<string, number[]> = { lane: [], loop: [] };
  const records = new Set<number>();
  for (let r = 0; r <= RUNS; r++) {
    for (const lane of r % 2 ? [true, false] : [false, true]) {
      const t = performance.now();
      records.add(parse(bytes, lane));
      if (r > 0) times[lane ? "lane" : "loop"]!.push(performance.now() - t);
    }
  }
  if (records.size !== 1) throw new Error(`${name}: the lane and the loop read different numbers of records: ${[...records].join(", ")}`);
  console.log([name, (bytes.length / 1e6).toFixed(1), median(times.lane!).toFixed(0), median(times.loop!).toFixed(0), [...records][0]].join("\t"));
}
