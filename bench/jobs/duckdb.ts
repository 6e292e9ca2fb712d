/**
 * The benchmark job in DuckDB (`@duckdb/node-api`, native, multi-threaded): the fastest thing a
 * data person could reach for. Usage: `node --import tsx bench/jobs/duckdb.ts events.csv START END`.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { SexSums } from "../synth.js";
import { emit, markStart } from "./job-output.js";

const [file, start, end] = process.argv.slice(2) as [string, string, string];
const t0 = markStart();
const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
const src = `read_csv('${file.replace(/'/g, "''")}', header = true)`;
await con.run(`CREATE TEMP VIEW ev AS SELECT "Date" AS d, "Event Type" AS t, coalesce("Female", 0) AS f, coalesce("Male", 0) AS m, coalesce("Other", 0) AS o, coalesce("Total", 0) AS tot FROM ${src}`);
// One scan for the checks and the grouped sums: GROUPING SETS would do, but two plain queries
// over a view re-read the file, so the checks ride along as conditional sums on the groups.
const reader = await con.runAndReadAll(`
  SELECT t,
         CASE WHEN d BETWEEN DATE '${start}' AND DATE '${end}' THEN year(d) * 10 + quarter(d) ELSE 0 END AS q,
         count(*) AS n,
         sum(CASE WHEN f + m + o <> tot THEN 1 ELSE 0 END) AS sexsum,
         sum(CASE WHEN f < 0 OR m < 0 OR o < 0 OR tot < 0 THEN 1 ELSE 0 END) AS negative,
         sum(f) AS f, sum(m) AS m, sum(o) AS o, sum(tot) AS tot
  FROM ev GROUP BY ALL`);
const checks = { sexSum: 0, outOfPhase: 0, negative: 0 };
const sums: Record<string, Record<string, SexSums>> = {};
let rows = 0;
for (const r of reader.getRowObjectsJS()) {
  const n = Number(r.n);
  rows += n;
  checks.sexSum += Number(r.sexsum);
  checks.negative += Number(r.negative);
  const q = Number(r.q);
  if (q === 0) {
    checks.outOfPhase += n;
    continue;
  }
  (sums[String(r.t)] ??= {})[`${Math.floor(q / 10)}Q${q % 10}`] = [Number(r.f), Number(r.m), Number(r.o), Number(r.tot)];
}
emit({ rows, seconds: (performance.now() - t0) / 1000, checks, sums });
