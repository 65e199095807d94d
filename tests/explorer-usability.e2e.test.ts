/**
 * "A picture that is right", end to end in Chromium on the seed: every name of the first view drawn
 * and none over another, search that forgives typos and an Enter typed before the hits arrive, a
 * query editor that does not underline valid Cypher 5, and a layout that fits 1280×720, 1024×768
 * and 800×600. Screenshots go to tests/artifacts/ (git-ignored).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

let session: ExplorerSession;
let page: Page;
let errors: string[];

interface Box {
  key: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlap = (a: Box, b: Box) =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/** Waits for the camera and the layout to stand still, then for a frame with its labels. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated(), null, {
    timeout: 15_000,
  });
  await page.waitForFunction(() => !document.body.textContent?.includes("Placing new nodes"), null, {
    timeout: 20_000,
  });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ page, errors } = session);
}, 240_000);

afterAll(() => session?.close());

describe("every name readable", () => {
  it("names every node of the seed's first view, people and events included, none over another", async () => {
    await settled();
    const { nodes, boxes, categories } = await page.evaluate(() => {
      const { graph, sigma, labelBoxes } = window.__guanxi!;
      const shown = graph.filterNodes((key) => sigma.getNodeDisplayData(key)?.hidden !== true);
      return {
        nodes: shown,
        boxes: labelBoxes(),
        categories: [...new Set(shown.map((key) => graph.getNodeAttribute(key, "category") as string))],
      };
    });
    await screenshot(page, "usability-01-every-name");
    expect(categories).toEqual(expect.arrayContaining(["Person", "Event", "Organisation", "Region"]));
    const labelled = new Set(boxes.map((b) => b.key));
    const unnamed = nodes.filter((key) => !labelled.has(key));
    expect(unnamed).toEqual([]);
    const clashes: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i]!, boxes[j]!)) clashes.push(`${boxes[i]!.key} × ${boxes[j]!.key}`);
    expect(clashes).toEqual([]);
    const { width, height } = await page.evaluate(() => window.__guanxi!.sigma.getDimensions());
    for (const b of boxes) {
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.top).toBeGreaterThanOrEqual(0);
      expect(b.right).toBeLessThanOrEqual(width);
      expect(b.bottom).toBeLessThanOrEqual(height);
    }
    expect(errors).toEqual([]);
  });
});

describe("search forgives", () => {
  it("opens the first hit of a typo when Enter was pressed before the hits arrived", async () => {
    // Slow answers: Enter lands well before them.
    await page.route("**/api/search?**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    try {
      await page.keyboard.press("Escape");
      await page.keyboard.press("/");
      await page.fill("#search", "beijng");
      await page.keyboard.press("Enter");
      expect(await page.locator("#search-results li").count()).toBe(0); // nothing there yet
      const inspector = page.locator('aside[aria-label="Inspector"]');
      await inspector.locator(".inspector-name", { hasText: /^北京市$/ }).waitFor({ timeout: 10_000 });
      await screenshot(page, "usability-02-enter-before-hits");
    } finally {
      await page.unroute("**/api/search?**");
    }
  });

  it("Enter for changed text waits for that text's hits, not the old ones", async () => {
    await page.keyboard.press("Escape");
    await page.keyboard.press("/");
    await page.fill("#search", "langfang");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
    await page.route("**/api/search?**", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    try {
      await page.fill("#search", "tongzou");
      await page.keyboard.press("Enter");
      const inspector = page.locator('aside[aria-label="Inspector"]');
      await inspector.locator(".inspector-name", { hasText: /^通州区$/ }).waitFor({ timeout: 10_000 });
    } finally {
      await page.unroute("**/api/search?**");
    }
  });
});
