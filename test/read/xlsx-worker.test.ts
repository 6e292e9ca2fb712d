import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src");

/**
 * The modules a source file loads at run time, followed transitively: each file is transpiled as
 * tsc would (type-only imports vanish) and what the output still imports is followed.
 */
function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const js = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    for (const { fileName: spec } of ts.preProcessFile(js, true, true).importedFiles) {
      if (spec.startsWith(".")) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(path.join(SRC, entry));
  return { files: [...files].map((f) => path.relative(SRC, f).split(path.sep).join("/")).sort(), packages: [...packages].sort() };
}

describe("the xlsx reader worker's module graph", () => {
  // Every file read starts a worker that loads these modules before it can parse anything, so they stay
  // few: zod and the project schema cost the worker ~90 ms of start-up (performance issue: start-up).
  it("xlsx-worker: loads only the reader, the catalogue and yauzl, not zod or the schemas", () => {
    const { files, packages } = runtimeGraph("read/xlsx-worker.ts");
    expect(packages.filter((p) => !p.startsWith("node:"))).toEqual(["yauzl"]);
    expect(files.filter((f) => !f.startsWith("read/"))).toEqual(["errors/catalog.ts", "schema/table.ts"]);
  });
});

describe("the xlsx reader's worker pool module", () => {
  // The CLI loads it before the library to start a worker early (performance issue: start-up).
  it("xlsx-pool: loads nothing but Node's own modules", () => {
    const { files, packages } = runtimeGraph("read/xlsx-pool.ts");
    expect(packages.filter((p) => !p.startsWith("node:"))).toEqual([]);
    expect(files).toEqual(["read/xlsx-pool.ts"]);
  });
});
