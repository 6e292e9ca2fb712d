import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON file lets .ci/run print the plain "Tests: N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
