/**
 * The explorer in Chromium on a database Guanxi did not create: search scans and says so (never a driver
 * exception), finds a company by a word of its name, and the inspector shows its properties and neighbours.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";
import { createOwnDatabase, restoreGuanxiDatabase } from "./support/own-database.ts";

let session: ExplorerSession;
let page: Page;

beforeAll(async () => {
  session = await openSeededExplorer(createOwnDatabase);
  page = session.page;
});

afterAll(async () => {
  if (!session) return;
  await restoreGuanxiDatabase(session.db);
  await session.close();
});

describe("the explorer on someone else's database", () => {
  it("draws it and lists its labels", async () => {
    const nodes = await page.evaluate(() => window.__guanxi!.graph.order);
    expect(nodes).toBe(8);
    const legend = await page.locator(".legend-name").allTextContents();
    expect(legend).toEqual(expect.arrayContaining(["Company", "Officer", "City"]));
  });

  it("searches by a word of a caption and says that search is scanning and how to fix it", async () => {
    await page.keyboard.press("/");
    await page.fill("#search", "港务");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, {
      timeout: 10_000,
    });
    expect(await page.$$eval("#search-results li", (li) => li.map((x) => x.textContent ?? ""))).toEqual([
      expect.stringContaining("天津港务物流集团有限公司"),
    ]);
    const notice = await page.locator(".search-status.is-notice").textContent();
    expect(notice).toMatch(/no Guanxi search index.*npx guanxi index/);
  });

  it("opens the inspector with the node's properties and neighbours", async () => {
    await page.keyboard.press("Enter");
    const inspector = page.locator('aside[aria-label="Inspector"]');
    await inspector
      .locator(".inspector-name", { hasText: "天津港务物流集团有限公司" })
      .waitFor({ timeout: 10_000 });
    await inspector
      .locator(".neighbour-name", { hasText: "Harbour Holdings Ltd" })
      .first()
      .waitFor({ timeout: 10_000 });
    const text = (await inspector.textContent()) ?? "";
    expect(text).toContain("employees");
    expect(text).toContain("5200");
    expect(text).toContain("王伟");
    expect(session.errors).toEqual([]);
  });
});
