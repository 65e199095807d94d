/**
 * Signing in to a team server in Chromium: the explorer asks for a token, says when it is wrong,
 * opens once it is right (the session cookie is HttpOnly: the page cannot read it), and signs out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST, startServer, type RunningServer } from "../server/serve.ts";
import { perAnalystConnection } from "../core/node/connection.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { TokenStore } from "../server/team/tokens.ts";
import { launchBrowser, openPage, screenshot } from "./support/browser.ts";
import { connectWithSeed, testConnection } from "./support/database.ts";
import { ensureWebBuilt } from "./support/web-build.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-sign-in-"));
const tokens = new TokenStore(join(dir, "tokens.json"));
let db: GraphDb;
let server: RunningServer;
let browser: Browser;
let token: string;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  token = tokens.create("ana");
  await ensureWebBuilt();
  server = await startServer({ db, port: 0, staticDir: WEB_DIST, team: { auth: "tokens", tokens } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("signing in to a team server", () => {
  it("asks for a token, refuses a wrong one, opens the explorer with the right one, and signs out", async () => {
    const { page, errors } = await openPage(browser, server.url);
    const field = page.getByLabel("Token");
    await field.waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => window.__guanxi)).toBeUndefined();

    await field.fill("gx_wrong");
    await page.keyboard.press("Enter");
    await page.getByText("That token is not valid").waitFor({ timeout: 10_000 });
    await screenshot(page, "team-sign-in-refused");

    await field.fill(token);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 30_000 });
    await page.evaluate(() => window.__guanxi!.ready);
    expect(await page.evaluate(() => window.__guanxi!.graph.order)).toBeGreaterThan(10);
    expect(await page.evaluate(() => document.cookie)).toBe(""); // HttpOnly: not readable by scripts
    await page.getByTestId("sign-out").waitFor();
    expect(await page.getByTestId("sign-out").textContent()).toBe("Sign out ana");
    await screenshot(page, "team-signed-in");

    await page.getByTestId("sign-out").click();
    await page.getByLabel("Token").waitFor({ timeout: 30_000 });
    // The 401 of the wrong token is the only console error a browser logs here.
    expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
  }, 120_000);
});

describe("signing in with a Neo4j account", () => {
  it("asks for the Neo4j user and password, and opens the explorer as that analyst", async () => {
    const system = await GraphDb.connect({ ...testConnection(), database: "system" });
    await system.runAutoCommit(
      "CREATE OR REPLACE USER analyst_e2e SET PLAINTEXT PASSWORD 'e2e-password-1' CHANGE NOT REQUIRED",
    );
    const perAnalyst = await GraphDb.connect(perAnalystConnection({ NEO4J_URI: testConnection().uri }));
    const accounts = await startServer({
      db: perAnalyst,
      port: 0,
      staticDir: WEB_DIST,
      team: { auth: "neo4j" },
    });
    try {
      const { page, errors } = await openPage(browser, accounts.url);
      await page.getByLabel("Neo4j user").waitFor({ timeout: 30_000 });
      await page.getByLabel("Neo4j user").fill("analyst_e2e");
      await page.getByLabel("Password").fill("wrong-password");
      await page.keyboard.press("Enter");
      await page.getByText("Neo4j refused that user name and password").waitFor({ timeout: 10_000 });
      await page.getByLabel("Password").fill("e2e-password-1");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 30_000 });
      await page.evaluate(() => window.__guanxi!.ready);
      expect(await page.evaluate(() => window.__guanxi!.graph.order)).toBeGreaterThan(10);
      expect(await page.getByTestId("sign-out").textContent()).toBe("Sign out analyst_e2e");
      await screenshot(page, "team-neo4j-signed-in");
      expect(errors.filter((e) => !/401/.test(e))).toEqual([]);
    } finally {
      await accounts.close();
      await perAnalyst.close();
      await system.runAutoCommit("DROP USER analyst_e2e IF EXISTS");
      await system.close();
    }
  }, 120_000);
});
