/**
 * `npm run dev`: Vite serves web/ from source and proxies /api to the API server (vite.config.ts,
 * GUANXI_API_PORT). The explorer must come up through the proxy exactly as it does when built.
 */
import type { Browser } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaResponse } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { startServer, type RunningServer } from "../server/serve.ts";
import { launchBrowser, openPage } from "./support/browser.ts";
import { REPO_ROOT, connectWithSeed } from "./support/database.ts";

let db: GraphDb;
let api: RunningServer;
let vite: ViteDevServer;
let devUrl: string;
let browser: Browser | undefined;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  api = await startServer({ db, port: 0, staticDir: `${REPO_ROOT}/no-static-files` });
  process.env.GUANXI_API_PORT = new URL(api.url).port;
  vite = await createServer({
    configFile: `${REPO_ROOT}/vite.config.ts`,
    server: { port: 0, strictPort: false },
    logLevel: "warn",
  });
  await vite.listen();
  devUrl = vite.resolvedUrls!.local[0]!;
}, 120_000);

afterAll(async () => {
  delete process.env.GUANXI_API_PORT;
  await browser?.close();
  await vite?.close();
  await api?.close();
  await db?.close();
});

describe("npm run dev", () => {
  it("proxies the API to the Guanxi server", async () => {
    const response = await fetch(new URL("api/schema", devUrl));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SchemaResponse;
    expect(body.totals).toEqual({ nodes: 70, relationships: 172 });
    const bad = await fetch(new URL("api/search?q=", devUrl));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/q/);
  });

  it("serves the explorer from source, which loads the seed network through the proxy", async () => {
    browser = await launchBrowser();
    const { page, errors } = await openPage(browser, devUrl);
    await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.__guanxi!.ready);
    expect(await page.evaluate(() => window.__guanxi!.graph.order)).toBe(70);
    expect(errors).toEqual([]);
  }, 120_000);
});
