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

describe("the query editor and Cypher 5", () => {
  const editorText = () => page.locator(".query-editor .cm-content").innerText();
  async function setQuery(text: string): Promise<void> {
    await page.locator(".query-editor .cm-content").click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(text);
    expect((await editorText()).replace(/\n/g, " ")).toBe(text.replace(/\n/g, " "));
  }
  /** Lint errors marked after the linter has had its time (its delay, and the worker's parse). */
  async function lintErrors(): Promise<number> {
    await page.waitForTimeout(2_500);
    return page.locator(".query-editor .cm-lintRange-error").count();
  }

  it("underlines a real syntax error, and none of the README's query, COUNT {}, CALL () {}, quantified paths", async () => {
    await page.keyboard.press("Escape");
    await page.locator("#graph").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("q");
    await page.locator(".query-editor .cm-content").waitFor({ timeout: 30_000 });
    // First an error, so the linter is known to be loaded and answering.
    await setQuery("MATCH (n RETURN n");
    await page.locator(".query-editor .cm-lintRange-error").first().waitFor({ timeout: 30_000 });
    const valid = [
      "MATCH p = (:Alliance {id: 'alliance:tongwulang'})-[*1..2]-(:Organisation) RETURN p",
      "MATCH (n:Organisation) RETURN n.name, COUNT { (n)--() } AS degree ORDER BY degree DESC",
      "CALL () { MATCH (r:Region) RETURN r } RETURN r.name",
      "MATCH (o:Organisation) CALL (o) { MATCH (o)--(x) RETURN count(x) AS c } RETURN o.name, c",
      "MATCH ((a:Region)-[:PART_OF]->(b:Region)){1,3} RETURN a, b",
      "MATCH (a:Organisation)-[:LOCATED_IN]->{1,2}(r:Region) RETURN a.name, r.name",
      "MATCH (r:Region) WHERE r.name = $region RETURN r",
    ];
    const underlined: string[] = [];
    for (const query of valid) {
      await setQuery(query);
      if ((await lintErrors()) > 0) underlined.push(query);
    }
    expect(underlined).toEqual([]);
    await screenshot(page, "usability-03-cypher5-no-lint");
    await setQuery("MATCH (n:Region) RETRUN n");
    await page.locator(".query-editor .cm-lintRange-error").first().waitFor({ timeout: 10_000 });
    await screenshot(page, "usability-04-lint-error");
    expect(errors).toEqual([]);
  });
});
