/**
 * The explorer as the end-to-end tests use it: the built app served by the real API over the test
 * database with the seed ingested, open in Chromium and ready (first view loaded, laid out, framed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { WEB_DIST, startServer, type RunningServer } from "../../server/serve.ts";
import { launchBrowser, openPage } from "./browser.ts";
import { connectWithSeed } from "./database.ts";
import { ensureWebBuilt } from "./web-build.ts";

export interface ExplorerSession {
  db: GraphDb;
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Page errors, console errors and dialogs seen so far. */
  errors: string[];
  /** The server's saved views (a temporary folder, removed on close). */
  viewsDir: string;
  close(): Promise<void>;
}

/**
 * `prepare` changes the seeded database before the page loads (e.g. adds a test node);
 * `allowDraftIngest` turns on the explorer's one write (POST /api/drafts/ingest), as `guanxi start` does;
 * `aggregateAbove`: the server's aggregation threshold (ServerOptions.aggregateAbove; default never).
 */
export async function openSeededExplorer(
  prepare: (db: GraphDb) => Promise<unknown> = async () => {},
  options: { allowDraftIngest?: boolean; aggregateAbove?: number } = {},
): Promise<ExplorerSession> {
  const { db } = await connectWithSeed();
  await prepare(db);
  await ensureWebBuilt();
  const viewsDir = mkdtempSync(join(tmpdir(), "guanxi-e2e-views-"));
  const server = await startServer({
    db,
    port: 0,
    staticDir: WEB_DIST,
    viewsDir,
    ...(options.allowDraftIngest ? { allowDraftIngest: true } : {}),
    // Unless a test sets it, the explorer's first view is never aggregated (whatever the environment).
    aggregateAbove: options.aggregateAbove ?? Infinity,
  });
  const browser = await launchBrowser();
  const { page, errors } = await openPage(browser, server.url);
  await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 30_000 });
  await page.evaluate(() => window.__guanxi!.ready);
  return {
    db,
    server,
    browser,
    page,
    errors,
    viewsDir,
    close: async () => {
      await browser.close();
      await server.close();
      await db.close();
      rmSync(viewsDir, { recursive: true, force: true });
    },
  };
}
