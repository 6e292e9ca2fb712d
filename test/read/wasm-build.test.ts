import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("the WebAssembly kernels", () => {
  it("are committed as their AssemblyScript sources compile them (npm run build:wasm --check)", async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, "scripts/build-wasm.mjs"), "--check"], { cwd: root });
    expect(stderr).toBe("");
    expect(stdout).toBe("");
  }, 60_000);
});
