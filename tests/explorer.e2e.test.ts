/**
 * The explorer end to end: real headless Chromium (Debian's chromium, WebGL through SwiftShader) on
 * the built app served by the real API over the real Neo4j with the seed ingested. Screenshots of
 * each scenario go to tests/artifacts/ (git-ignored).
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

const XSS = "<img src=x onerror=alert(1)>";

let db: GraphDb;
let session: ExplorerSession;
let page: Page;
let errors: string[];

/** The screen position of the node with Guanxi id `id`, in page pixels. */
async function nodePosition(id: string): Promise<{ x: number; y: number }> {
  // Not while the camera moves (fit, focus): the position would be stale by the time of the click.
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
  return page.evaluate((wanted) => {
    const { graph, sigma } = window.__guanxi!;
    const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted);
    if (!key) throw new Error(`node ${wanted} is not on screen`);
    const { x, y } = sigma.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
    const box = sigma.getContainer().getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
}

const order = () => page.evaluate(() => window.__guanxi!.graph.order);
const hiddenCount = () =>
  page.evaluate(() => {
    const { graph, sigma } = window.__guanxi!;
    return graph.filterNodes((key) => sigma.getNodeDisplayData(key)?.hidden === true).length;
  });

async function search(text: string): Promise<string[]> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await page.fill("#search", text);
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, {
    timeout: 10_000,
  });
  return page.$$eval("#search-results li", (items) => items.map((li) => li.textContent ?? ""));
}

beforeAll(async () => {
  session = await openSeededExplorer((db) =>
    // A node whose name is markup, linked to the alliance: it must show as text and run nothing.
    db.runAutoCommit(
      `MATCH (a:Alliance {id: 'alliance:tongwulang'})
       CREATE (x:Organisation {id: 'org:markup', name: $name, nameEn: 'Markup', kind: 'other'})-[:MEMBER_OF {evidence: ['x'], article: 'article:none'}]->(a)`,
      { name: XSS },
    ),
  );
  ({ db, page, errors } = session);
}, 180_000);

afterAll(() => session?.close());

describe("the explorer in Chromium", () => {
  it("draws the seed network on the canvas", async () => {
    expect(await order()).toBe(71);
    const png = PNG.sync.read(readFileSync(await screenshot(page, "01-first-view")));
    const box = await page.$eval(
      "#graph",
      (el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
    );
    let coloured = 0;
    for (let y = Math.floor(box.y); y < box.y + box.height; y += 2) {
      for (let x = Math.floor(box.x); x < box.x + box.width; x += 2) {
        const i = (y * png.width + x) * 4;
        const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++; // node colours, not the grey canvas
      }
    }
    expect(coloured).toBeGreaterThan(500);
  });

  it("names the alliance in the first view, without hovering it", async () => {
    const named = await page.evaluate(() => {
      const { graph, labelled } = window.__guanxi!;
      return labelled().map((key) => graph.getNodeAttribute(key, "id") as string | undefined);
    });
    expect(named).toContain("alliance:tongwulang");
    expect(named.length).toBeGreaterThan(20);
  });

  it("finds the alliance by Chinese and by pinyin", async () => {
    expect((await search("通武廊"))[0]).toContain("“通武廊”劳模和工匠人才创新工作室联盟");
    expect((await search("tongwulang"))[0]).toContain("“通武廊”劳模和工匠人才创新工作室联盟");
    await screenshot(page, "02-search-pinyin");
  });

  it("opens the inspector on the alliance: its three regions and the evidence", async () => {
    await page.keyboard.press("Enter");
    const inspector = page.locator('aside[aria-label="Inspector"]');
    await inspector.locator(".inspector-name").filter({ hasText: "通武廊" }).waitFor({ timeout: 10_000 });
    await inspector.locator(".neighbour-name", { hasText: "通州区" }).first().waitFor({ timeout: 10_000 });
    const neighbours = await inspector.locator(".neighbour-name").allTextContents();
    expect(neighbours).toEqual(expect.arrayContaining(["通州区", "武清区", "廊坊市"]));
    const quotes = await inspector.locator("blockquote").allTextContents();
    expect(quotes.some((q) => q.includes("“通武廊”劳模和工匠人才创新工作室联盟成立"))).toBe(true);
    await screenshot(page, "03-inspector");
  });

  it("adds nodes on double-click expansion, and undo takes them away again", async () => {
    await db.runAutoCommit(
      `MATCH (a:Alliance {id: 'alliance:tongwulang'})
       UNWIND range(1, 3) AS i
       CREATE (:Organisation {id: 'org:new-member-' + i, name: '新成员' + i, nameEn: 'New member ' + i, kind: 'studio'})-[:MEMBER_OF {evidence: ['x'], article: 'article:none'}]->(a)`,
    );
    const before = await order();
    const at = await nodePosition("alliance:tongwulang");
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction((n) => window.__guanxi!.graph.order > n, before, { timeout: 15_000 });
    expect(await order()).toBe(before + 3);
    await screenshot(page, "04-expanded");
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n, before, { timeout: 10_000 });
  });

  it("hides a label with its filter, and undo shows it again", async () => {
    expect(await hiddenCount()).toBe(0);
    await page.locator(".legend-name", { hasText: "Region" }).click();
    await page.waitForFunction(() => {
      const { graph, sigma } = window.__guanxi!;
      return graph.filterNodes((k) => sigma.getNodeDisplayData(k)?.hidden === true).length > 0;
    });
    expect(await hiddenCount()).toBe(11);
    await screenshot(page, "05-filtered");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => {
      const { graph, sigma } = window.__guanxi!;
      return graph.filterNodes((k) => sigma.getNodeDisplayData(k)?.hidden === true).length === 0;
    });
  });

  it("shows a name that is markup as text and runs nothing", async () => {
    const hits = await search("Markup");
    expect(hits[0]).toContain(XSS);
    expect(await page.locator("#search-results img").count()).toBe(0);
    await page.keyboard.press("Enter");
    await page.locator(".inspector-name", { hasText: XSS }).waitFor({ timeout: 10_000 });
    expect(await page.locator("aside img").count()).toBe(0);
    await screenshot(page, "06-markup-as-text");
    expect(errors).toEqual([]); // no alert dialog, no page error
  });

  it("moves a node by dragging, and undo puts it back", async () => {
    await page.keyboard.press("Escape");
    await fitAll();
    const before = await graphPosition("region:wuqing");
    const at = await nodePosition("region:wuqing");
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(at.x + 15 * i, at.y + 10 * i);
    await page.mouse.up();
    const moved = await graphPosition("region:wuqing");
    expect(Math.hypot(moved.x - before.x, moved.y - before.y)).toBeGreaterThan(0);
    expect(await page.locator('button[data-action="undo"]').getAttribute("aria-label")).toContain(
      "Move 武清区",
    );
    await page.keyboard.press("Control+z");
    const back = await graphPosition("region:wuqing");
    expect(back.x).toBeCloseTo(before.x, 6);
    expect(back.y).toBeCloseTo(before.y, 6);
  });

  it("finds the shortest path between two selected nodes", async () => {
    await selectById("region:langfang");
    await selectById("org:tongzhou-federation-of-trade-unions", { shift: true });
    const toast = page.locator(".toast", { hasText: "Path:" });
    await page.keyboard.press("p");
    await toast.waitFor({ timeout: 10_000 });
    const text = (await toast.textContent()) ?? "";
    expect(text).toContain("廊坊市");
    await screenshot(page, "07-path");
    await page.keyboard.press("Escape");
  });

  it("hides and removes the selection; undo brings both back", async () => {
    await fitAll();
    const before = await order();
    await selectById("region:tianjin");
    await page.keyboard.press("h");
    await page.waitForFunction(() => {
      const { graph, sigma } = window.__guanxi!;
      return graph.filterNodes((k) => sigma.getNodeDisplayData(k)?.hidden === true).length === 1;
    });
    await expect.poll(() => page.locator(".statusbar").textContent()).toContain("1 hidden");
    await selectById("region:wuqing");
    await page.keyboard.press("Delete");
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n - 1, before);
    await page.keyboard.press("Control+z");
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n, before);
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => {
      const { graph, sigma } = window.__guanxi!;
      return graph.filterNodes((k) => sigma.getNodeDisplayData(k)?.hidden === true).length === 0;
    });
  });

  it("adds the 1-hop neighbourhood of a node", async () => {
    await db.runAutoCommit(
      `MATCH (r:Region {id: 'region:tianjin'})
       CREATE (:Organisation {id: 'org:tianjin-near', name: '天津近邻', nameEn: 'Tianjin neighbour', kind: 'other'})-[:LOCATED_IN {evidence: ['x'], article: 'article:none'}]->(r)`,
    );
    await fitAll();
    const before = await order();
    await selectById("region:tianjin");
    await page.keyboard.press("1");
    await page.keyboard.press("n");
    await page.locator(".toast", { hasText: "within 1 hop" }).waitFor({ timeout: 10_000 });
    expect(await order()).toBe(before + 1);
    expect(await page.evaluate(() => window.__guanxi!.graph.someNode((_k, a) => a.name === "天津近邻"))).toBe(
      true,
    );
  });

  it("expands a hub page by page with load more, and keeps the database totals current", async () => {
    await db.runAutoCommit(
      `CREATE (hub:Organisation {id: 'org:e2e-hub', name: '枢纽工会', nameEn: 'Hub union', kind: 'union'})
       WITH hub UNWIND range(1, 30) AS i
       CREATE (:Organisation {id: 'org:e2e-member-' + i, name: '成员' + i, nameEn: 'Member ' + i, kind: 'studio'})-[:MEMBER_OF {evidence: ['x'], article: 'article:none'}]->(hub)`,
    );
    expect((await search("Hub union"))[0]).toContain("枢纽工会");
    await page.keyboard.press("Enter");
    await page.locator(".inspector-name", { hasText: "枢纽工会" }).waitFor({ timeout: 10_000 });
    const before = await order();
    await page.locator(".expand button", { hasText: "Expand neighbours" }).click();
    // A page is 20 per relationship type and direction (EXPAND_PAGE in the explorer).
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n + 20, before, { timeout: 15_000 });
    const partial = page.locator(".expand .count", { hasText: "showing 20 of 30" });
    await partial.waitFor({ timeout: 10_000 });
    await screenshot(page, "08-load-more");
    await page.locator(".expand button", { hasText: "load 10 more" }).click();
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n + 30, before, { timeout: 15_000 });
    await page.locator(".expand .count", { hasText: "showing 30 of 30" }).waitFor({ timeout: 10_000 });
    // The status bar's "of N" follows the database, which has grown since the first view.
    const { rows } = await db.read("MATCH (n) RETURN count(n) AS n");
    const inDb = Number(rows[0]!.n);
    await expect
      .poll(() => page.locator('[data-testid="counts"]').textContent(), { timeout: 10_000 })
      .toContain(`of ${inDb} nodes`);
    expect(errors).toEqual([]);
  });
});

/** Clicks the node with Guanxi id `id` (shift-click adds it to the selection). */
async function selectById(id: string, { shift = false } = {}): Promise<void> {
  const at = await nodePosition(id);
  if (shift) await page.keyboard.down("Shift");
  await page.mouse.click(at.x, at.y);
  if (shift) await page.keyboard.up("Shift");
  await page.waitForFunction(
    (wanted) => {
      const { graph, sigma } = window.__guanxi!;
      const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted);
      // Selected nodes are drawn with a ring (see reduceNode).
      return key !== undefined && Boolean((sigma.getNodeDisplayData(key) as { ringSize?: number })?.ringSize);
    },
    id,
    { timeout: 10_000 },
  );
}

/** The whole graph in view, selection kept. */
async function fitAll(): Promise<void> {
  await page.locator("#search").blur();
  await page.keyboard.press("f");
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
}

/** A node's position in graph coordinates. */
function graphPosition(id: string): Promise<{ x: number; y: number }> {
  return page.evaluate((wanted) => {
    const { graph } = window.__guanxi!;
    const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted);
    if (!key) throw new Error(`node ${wanted} is not on screen`);
    return { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") };
  }, id);
}
