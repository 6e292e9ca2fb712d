import { readFileSync } from "node:fs";
import { Command } from "commander";
import { describe, expect, it, vi } from "vitest";
import { register } from "../../src/cli/commands/checks.js";
import { CATALOG } from "../../src/errors/catalog.js";
import { CHECKS } from "../../src/validate/checks/index.js";

describe("the checks catalogue", () => {
  it.each(CHECKS.map((c) => ({ code: c.code })))("$code has a catalogue entry with a description and an example", ({ code }) => {
    const entry = CATALOG[code];
    expect(entry.description.length).toBeGreaterThan(40);
    expect(entry.example.length).toBeGreaterThan(10);
  });

  it("every check is its own module, named after its code", async () => {
    for (const c of CHECKS) {
      const mod = (await import(`../../src/validate/checks/${c.code}.ts`)) as Record<string, unknown>;
      expect(Object.values(mod)).toContain(c);
    }
  });

  it("docs/checks.md is what `logframe checks --format markdown` prints", async () => {
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    try {
      const program = new Command().exitOverride();
      register(program);
      await program.parseAsync(["node", "logframe", "checks", "--format", "markdown"]);
    } finally {
      spy.mockRestore();
    }
    expect(readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8")).toBe(out);
    // The README carries the same table between its markers.
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const start = readme.indexOf("\n", readme.indexOf("<!-- checks:start")) + 1;
    expect(readme.slice(start, readme.indexOf("<!-- checks:end -->"))).toBe(out);
  });
});
