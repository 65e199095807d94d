import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One real Neo4j for the whole run: started in globalSetup, shared by every file.
    globalSetup: ["tests/support/global-setup.ts"],
    // Files share that database, so they run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    hookTimeout: 240_000,
  },
});
