/**
 * Transpile `src/` and `bench/` to plain JavaScript in `.bench/js/` (esbuild, the transpiler tsx
 * itself uses; a second or less), so the jobs run as the built CLI would: no loader transpiling
 * modules at start-up or inside worker threads, and profiles that name real lines.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".as.ts")) out.push(full);
  }
  return out;
}

/** Build into `<root>/.bench/js`; resolves to that directory, or undefined (with why) when esbuild is not there or fails. */
export async function buildJs(root: string): Promise<{ dir?: string; why?: string }> {
  try {
    const { build } = await import("esbuild");
    const outdir = path.join(root, ".bench", "js");
    await build({
      entryPoints: [...tsFiles(path.join(root, "src")), ...tsFiles(path.join(root, "bench"))],
      outdir,
      outbase: root,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: false,
      logLevel: "silent",
    });
    return { dir: outdir };
  } catch (err) {
    return { why: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
}
