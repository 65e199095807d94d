/**
 * The explorer built once per test run, not once per end-to-end file: the first file that needs it
 * builds dist/web and leaves a marker with the run's id; the files after it (they run one after
 * another) find the marker and skip the build. A build by something else (npm pack) empties dist/web,
 * marker included, so the next file builds again.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";
import { inject } from "vitest";
import { WEB_DIST } from "../../server/serve.ts";
import { REPO_ROOT } from "./database.ts";

export async function ensureWebBuilt(): Promise<void> {
  const marker = join(WEB_DIST, `.built-for-test-run-${inject("runId")}`);
  if (existsSync(marker)) return;
  await build({ configFile: `${REPO_ROOT}/vite.config.ts`, logLevel: "warn" });
  writeFileSync(marker, "");
}
