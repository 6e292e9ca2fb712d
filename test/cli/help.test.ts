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

  it("exits only once its output is flushed: a reader that waits before reading still gets all of it (more than a pipe holds), and the exit code", () => {
    const fixture = new URL("../../fixtures/ashshash", import.meta.url).pathname;
    const whole = execFileSync("node", [bin, "trace", "1.1.enrolled", fixture], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(whole.length).toBeGreaterThan(65_536);
    // A shell pipe holds 64 KiB, so the CLI is left writing until the reader wakes. (A paused Node
    // stream is no slow reader: it buffers another 64 KiB, and resumes itself when the child exits.)
    const script = 'node "$0" trace 1.1.enrolled "$1" 2>/dev/null | { sleep 0.5; cat; }';
    const r = spawnSync("bash", ["-o", "pipefail", "-c", script, bin, fixture], { encoding: "utf8", maxBuffer: 1 << 24 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(whole);
  });
});
