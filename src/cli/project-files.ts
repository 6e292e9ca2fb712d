import { createReadStream } from "node:fs";
import { open as openFile, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { CHUNK_BYTES, createPseudonymiser, parseProject, PSEUDONYM_KEY_ENV, ReportingError, type IngestOptions, type InputFile, type ProjectFile, type SourceFiles } from "../index.js";
import { inputsFound } from "./tiering.js";

/** A project loaded from disk: the parsed file and where it lives. */
export interface LoadedProject {
  project: ProjectFile;
  /** Absolute path of the project file. */
  file: string;
  /** Directory that source paths are relative to. */
  dir: string;
  /** The project file's bytes, for its hash in the reproducibility annex. */
  bytes: Buffer;
  /** Options every command passes to `ingestSources` (batches; pseudonymised ids with `--pseudonymise`). */
  ingest: IngestOptions;
}

let pseudonymiseIds = false;
/** Set by the global `--pseudonymise` flag before a command runs. */
export function setPseudonymise(on: boolean): void {
  pseudonymiseIds = on;
}

/**
 * Ingest options of every command: data rows in column form (`batches`: the library's sinks all take
 * them, and a large CSV reads several times faster), events used as they come (`transient`: every
 * command feeds them straight to the library's sinks, so a CSV is read through reused buffers), and,
 * with `--pseudonymise`, the pseudonymiser, whose key is read from the environment, never from the
 * project file.
 */
function ingestOptions(): IngestOptions {
  const fast: IngestOptions = { batches: true, transient: true };
  if (!pseudonymiseIds) return fast;
  const key = process.env[PSEUDONYM_KEY_ENV];
  if (!key || key.length < 16) {
    throw new ReportingError("bad-option", `--pseudonymise needs a secret key of at least 16 characters in the environment variable ${PSEUDONYM_KEY_ENV}`, `export ${PSEUDONYM_KEY_ENV}=... (keep it out of the project file and out of version control)`);
  }
  return { ...fast, pseudonymise: createPseudonymiser(key) };
}

/** The project file a `[project]` argument names: a file, or a directory holding `logframe.yaml`. */
export async function locateProject(arg: string | undefined): Promise<string> {
  const target = path.resolve(arg ?? ".");
  const s = await stat(target).catch(() => undefined);
  if (!s) throw new ReportingError("file-not-found", `${arg ?? "."}: no such file or directory`, "Give the project directory or its logframe.yaml.");
  if (!s.isDirectory()) return target;
  for (const name of ["logframe.yaml", "logframe.yml", "logframe.json"]) {
    const candidate = path.join(target, name);
    if (await stat(candidate).catch(() => undefined)) return candidate;
  }
  throw new ReportingError("file-not-found", `${arg ?? "."}: no logframe.yaml in this directory`, "Create one (see README: the project file), or name the project file.");
}

/** Read and validate the project file. */
export async function loadProject(arg: string | undefined): Promise<LoadedProject> {
  const file = await locateProject(arg);
  const bytes = await readFile(file);
  const project = parseProject(bytes.toString("utf8"), path.basename(file));
  return { project, file, dir: path.dirname(file), bytes, ingest: ingestOptions() };
}


/**
 * Expand each source's glob and open its files lazily. A glob that matches nothing gives no files.
 * Each file's size is known from the start (ingest opens small workbooks ahead by size).
 */
export async function resolveSources(loaded: LoadedProject): Promise<SourceFiles[]> {
  const out: SourceFiles[] = [];
  for (const [index, source] of loaded.project.sources.entries()) {
    const matches = await glob(source.path, { cwd: loaded.dir, onlyFiles: true, dot: false, expandDirectories: false });
    matches.sort();
    // A file that cannot be stat'ed now keeps an unknown size; opening it says what is wrong.
    const sizes = await Promise.all(matches.map((rel) => stat(path.join(loaded.dir, rel)).then((s) => s.size, () => -1)));
    out.push({ source, index, files: matches.map((rel, i) => inputFile(loaded.dir, rel, sizes[i])) });
  }
  // A large input turns V8's optimising compiler on now rather than later (see tiering.ts).
  inputsFound(out.reduce((sum, sf) => sum + sf.files.reduce((n, f) => n + Math.max(0, f.size), 0), 0));
  return out;
}

/** An InputFile backed by the file system; its size (-1: unknown) is read again when it is opened. */
export function inputFile(dir: string, rel: string, size = -1): InputFile {
  const abs = path.join(dir, rel);
  const file: InputFile = {
    path: rel.split(path.sep).join("/"),
    size,
    diskPath: abs,
    async readAll() {
      const buf = await readFile(abs);
      file.size = buf.length;
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    },
    async *open(buffers) {
      const s = await stat(abs);
      file.size = s.size;
      if (!buffers) {
        for await (const chunk of createReadStream(abs, { highWaterMark: CHUNK_BYTES })) yield chunk as Uint8Array;
        return;
      }
      const handle = await openFile(abs, "r");
      const read = (into: Uint8Array) => handle.read(into, 0, into.length, null).then(({ bytesRead }) => into.subarray(0, bytesRead));
      // One chunk read ahead: the next is read while this one is parsed (reads stay one at a time, in order).
      let next: Promise<Uint8Array> | undefined = read(buffers.take());
      try {
        for (;;) {
          const chunk = await next;
          next = undefined;
          if (chunk.length === 0) return;
          next = read(buffers.take());
          yield chunk;
        }
      } finally {
        // A read still in flight when the reader stops ends before the file is closed.
        await next?.catch(() => undefined);
        await handle.close();
      }
    },
  };
  return file;
}
