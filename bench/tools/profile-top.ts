/**
 * Summarise a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time,
 * and the source files with the most, so a profile can be read in a terminal.
 * Usage: `npx tsx bench/tools/profile-top.ts FILE.cpuprofile... [--top N]` (several files, e.g. the
 * main thread's and a worker's, are added up).
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => !a.startsWith("--") && i !== topAt + 1);
const fnTime = new Map<string, number>();
const fileTime = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  for (const [id, us] of self) add(byId.get(id)!.callFrame, us);
}

function add(cf: Node["callFrame"], us: number): void {
  total += us;
  const where = cf.url.replace(/^.*\/work\/main\//, "").replace(/^file:\/\//, "");
  const key = `${cf.functionName || "(anonymous)"}  ${where}:${cf.lineNumber + 1}`;
  fnTime.set(key, (fnTime.get(key) ?? 0) + us);
  const f = where || cf.functionName;
  fileTime.set(f, (fileTime.get(f) ?? 0) + us);
}

const show = (m: Map<string, number>, k: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`).join("\n");
console.log(`total ${(total / 1000).toFixed(0)} ms\n\nby function (self time)\n${show(fnTime, top)}\n\nby file\n${show(fileTime, 15)}`);
