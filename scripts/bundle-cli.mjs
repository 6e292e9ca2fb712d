/**
 * `npm run build`'s second step: bundle the compiled CLI (`dist/cli/main.js`) and every worker
 * thread's module (`<name>-worker.js` anywhere in `dist/`, such as the xlsx reader's) with
 * esbuild into `dist/bundle/`, which `bin/logframe.js` runs.
 *
 * Why: unbundled, a command loads some 400 modules (zod alone ~100 files, yaml 72, logframe ~130)
 * and Node resolves, reads and links each one; as a few files the CLI starts ~0.1 s sooner
 * (performance issue: start-up). The bundle is made from tsc's output, so it is the same code; the
 * library (`dist/index.js`) stays unbundled for programs that import it.
 *
 * The output is flat (entries and chunks side by side, two levels below the package root), so the
 * paths the code builds from `import.meta.url` hold as in `dist/cli/`: `../../package.json`,
 * `../../templates`, and `./<name>-worker.js` next to the code that starts the worker (so a worker
 * module must be named `*-worker.ts`, and two may not share a name; test/cli/bundle.test.ts checks). Dynamic imports stay lazy chunks
 * (each command, the Word and Excel renderers). Left outside: docx, exceljs and the chart
 * rasteriser (big, loaded only by `report`, native code or font files found by path) and
 * handlebars (required at run time).
 */
import { build } from "esbuild";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist/bundle");

const workers = readdirSync(path.join(root, "dist"), { recursive: true })
  .map((f) => String(f).split(path.sep).join("/"))
  .filter((f) => f.endsWith("-worker.js") && !f.startsWith("bundle/"));
const entryPoints = { main: "dist/cli/main.js" };
for (const f of workers) {
  const name = path.posix.basename(f, ".js");
  if (name in entryPoints) throw new Error(`two worker modules are named ${name}.js (${entryPoints[name]}, dist/${f}): the bundle needs one name each`);
  entryPoints[name] = `dist/${f}`;
}

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  external: ["docx", "exceljs", "@resvg/resvg-js", "dejavu-fonts-ttf", "handlebars"],
  // CommonJS packages bundled into ES modules (yaml, yauzl, commander...) call require() for Node's
  // own modules: give every output file a real one.
  banner: { js: 'import { createRequire as __logframeRequire } from "node:module";\nconst require = __logframeRequire(import.meta.url);' },
  logLevel: "warning",
});

// esbuild escapes non-ASCII text in strings but leaves it in comments and regular expressions (the
// parser's quote and dash lists, the Bengali labels, luxon's docs). Node decodes module source as
// UTF-8, and one non-ASCII character makes the whole module a two-byte string: escaped, the core
// chunk imports ~7 ms sooner (30 interleaved cold imports, 115 -> 108 ms). A \uXXXX escape means
// the same character in a string, a regular expression (a surrogate pair too) and a comment, but not
// after a backslash (a regular expression's `\’`): the build stops there rather than guess.
for (const f of readdirSync(outdir)) {
  const file = path.join(outdir, f);
  const text = readFileSync(file, "utf8");
  const escaped = /\\[\u0080-\uffff]/.exec(text);
  if (escaped) throw new Error(`${file}: a backslash before the non-ASCII character at offset ${escaped.index + 1}: write it as \\uXXXX in the source`);
  const ascii = text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (ascii !== text) writeFileSync(file, ascii);
}
