import { defineConfig } from "vitest/config";

/**
 * The unit layer: pure modules tested in plain Node with hand-written graphs — no Neo4j, no Chromium,
 * no globalSetup. `npm run test:unit` runs in seconds; `npm test` runs these and everything else.
 */
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
  },
});
