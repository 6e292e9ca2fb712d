import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { InputFile } from "../../src/index.js";

/** The shared robustness corpus, beside the repository (`../shared/corpus`); CI keeps a copy at the same place. */
export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");

/** What MANIFEST.tsv says a file should do. */
export type Expect = "load" | "error" | "guard" | "either" | "n/a";

/** One data file of the corpus. */
export interface CorpusEntry {
  file: string;
  expect: Expect;
  bytes: number;
  note: string;
}

/** The manifest's rows for data files (the csv-spectrum `.json` expectations are left out). */
export function corpusEntries(): CorpusEntry[] {
  const manifest = path.join(CORPUS_DIR, "MANIFEST.tsv");
  if (!existsSync(manifest)) throw new Error(`the robustness corpus is missing: expected ${manifest} (a copy of shared/corpus beside the repository)`);
  return readFileSync(manifest, "utf8")
    .split("\n")
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t"))
    .map(([file, expect, bytes, , , , , , note]) => ({ file: file!, expect: expect as Expect, bytes: Number(bytes), note: note ?? "" }))
    .filter((e) => e.expect !== "n/a");
}

/** An InputFile over a corpus file, as the CLI would open it. */
export function corpusFile(rel: string): InputFile {
  const abs = path.join(CORPUS_DIR, rel);
  const file: InputFile = {
    path: rel,
    size: -1,
    async readAll() {
      const b = readFileSync(abs);
      file.size = b.length;
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    },
    async *open() {
      file.size = statSync(abs).size;
      for await (const chunk of createReadStream(abs, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
    },
  };
  return file;
}
