import { execFileSync, spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../../bin/logframe.js", import.meta.url).pathname;

describe("logframe CLI", () => {
  it("prints help listing its commands and exits 0", () => {
    const out = execFileSync("node", [bin, "--help"], { encoding: "utf8" });
    expect(out).toContain("Usage: logframe");
    expect(out).toContain("schema");
  });

  it("exits 2 with a one-line message on an unknown command", () => {
    const r = spawnSync("node", [bin, "frobnicate"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints a JSON Schema of the project file that names its top-level keys", () => {
    const schema = JSON.parse(execFileSync("node", [bin, "schema"], { encoding: "utf8" })) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["project", "partners", "sources", "logframe"]));
  });
});
