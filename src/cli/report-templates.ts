import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TEMPLATE_NAMES, type TemplateSources } from "../index.js";

/** The built-in templates directory (`templates/` at the package root). */
export const BUILTIN_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../templates");

/**
 * Read a report type's narrative templates: for each name, `DIR/<type>/<name>.hbs`, else `DIR/<name>.hbs`
 * from `--templates DIR`, else the built-in one. A custom directory that does not exist is an error.
 */
export async function loadTemplates(type: string, custom: string | undefined, builtin = BUILTIN_TEMPLATES): Promise<TemplateSources> {
  const out = {} as TemplateSources;
  for (const name of TEMPLATE_NAMES) {
    const candidates = [...(custom ? [path.join(custom, type, `${name}.hbs`), path.join(custom, `${name}.hbs`)] : []), path.join(builtin, type, `${name}.hbs`)];
    for (const file of candidates) {
      const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "ENOTDIR") return undefined;
        throw e;
      });
      if (text !== undefined) {
        out[name] = { text, file: path.relative(process.cwd(), file) || file };
        break;
      }
    }
    if (!out[name]) throw new Error(`built-in template ${type}/${name}.hbs is missing from ${builtin}`);
  }
  return out;
}
