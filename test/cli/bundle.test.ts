import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sources = (readdirSync(path.join(ROOT, "src"), { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/")).filter((f) => f.endsWith(".ts"));

describe("the CLI bundle (scripts/bundle-cli.mjs)", () => {
  // The bundle is flat: a worker is found as ./<name>.js next to the code that starts it only if
  // scripts/bundle-cli.mjs made it an entry, which it does for every *-worker.ts (one name each).
  it("bundle: every worker thread the code starts is a *-worker module with a name of its own", () => {
    const started = sources.flatMap((f) => [...readFileSync(path.join(ROOT, "src", f), "utf8").matchAll(/new Worker\(new URL\("\.\/([^"]+)\.js"/g)].map((m) => ({ from: f, name: m[1]! })));
    expect(started.length).toBeGreaterThan(0);
    const workers = sources.filter((f) => f.endsWith("-worker.ts")).map((f) => path.posix.basename(f, ".ts"));
    expect(new Set(workers).size).toBe(workers.length);
    for (const { from, name } of started) {
      expect(name, from).toMatch(/-worker$/);
      expect(sources, from).toContain(path.posix.join(path.posix.dirname(from), `${name}.ts`));
    }
  });

  it.runIf(existsSync(path.join(ROOT, "dist/bundle/main.js")))("bundle: the built bundle has the CLI and each worker as entries side by side", () => {
    for (const f of sources.filter((f) => f.endsWith("-worker.ts"))) expect(existsSync(path.join(ROOT, "dist/bundle", `${path.posix.basename(f, ".ts")}.js`)), f).toBe(true);
  });

  it.runIf(existsSync(path.join(ROOT, "dist/bundle/main.js")))("bundle: every file of the built bundle is ASCII, so Node holds its source as one-byte text", () => {
    const files = readdirSync(path.join(ROOT, "dist/bundle"));
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) expect(/[\u0080-\uffff]/.exec(readFileSync(path.join(ROOT, "dist/bundle", f), "utf8"))?.[0], f).toBeUndefined();
  });
});
