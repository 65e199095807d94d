/**
 * Evidence as a way in, end to end in Chromium over the real API and Neo4j with the seed: the Articles
 * list filters the view to one article's facts (the rest hidden, not removed — checked against what
 * Neo4j says the article supports), the filter survives a reload of the permalink, "Show all" and undo
 * clear it; the inspector of an article says which articles support its facts and opens the
 * correlation view, whose derived SHARES_ENTITIES links go away with one undo.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

let db: GraphDb;
let session: ExplorerSession;
let page: Page;
let errors: string[];

const TONGZHOU = "article:tongzhou-innovation-studios";
const COLLEGES = "article:capital-craftsman-colleges-2024";

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ db, page, errors } = session);
}, 240_000);

afterAll(() => session?.close());

/** Guanxi ids of the nodes drawn (sigma's display data says hidden or not), and how many are in the graph. */
async function shown(): Promise<{ visible: string[]; order: number }> {
  return page.evaluate(() => {
    const { graph, sigma } = window.__guanxi!;
    sigma.refresh();
    const visible = graph.filterNodes((key) => sigma.getNodeDisplayData(key)?.hidden === false);
    return {
      visible: visible.map((key) => graph.getNodeAttributes(key).id ?? key).sort(),
      order: graph.order,
    };
  });
}

/** What Neo4j says the article supports: the ends of the relationships citing it, and the article. */
async function supportedBy(id: string): Promise<string[]> {
  const { rows } = await db.read(
    `MATCH (a)-[r]->(b) WHERE $id IN coalesce(r.articles, [r.article])
     UNWIND [a.id, b.id] AS node RETURN collect(DISTINCT node) + [$id] AS ids`,
    { id },
  );
  return [...new Set(rows[0]!.ids as string[])].sort();
}

async function waitVisibleCount(count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const { graph, sigma } = window.__guanxi!;
      return graph.filterNodes((key) => sigma.getNodeDisplayData(key)?.hidden === false).length === n;
    },
    count,
    { timeout: 10_000 },
  );
}

describe("filtering the view to one article's facts", () => {
  it("lists the articles behind the screen with counts, and hides what the chosen one does not support", async () => {
    const all = await shown();
    expect(all.visible).toHaveLength(all.order);
    const rows = page.locator('[data-testid="articles-panel"] button[data-article]');
    expect(await rows.count()).toBe(6);
    const tongzhou = page.locator(`[data-testid="articles-panel"] button[data-article="${TONGZHOU}"]`);
    expect(Number(await tongzhou.locator(".count").textContent())).toBeGreaterThan(0);
    await tongzhou.click();
    const expected = await supportedBy(TONGZHOU);
    await waitVisibleCount(expected.length);
    const filtered = await shown();
    expect(filtered.visible).toEqual(expected);
    // Hidden, not deleted: every node is still in the graph; the Linyi story's facts are out of sight.
    expect(filtered.order).toBe(all.order);
    expect(filtered.visible).not.toContain("article:linyi-three-gathering-method");
    expect(await tongzhou.getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator('[data-testid="articles-note"]').textContent()).toContain("1 article");
    await screenshot(page, "evidence-01-one-article");
  });

  it("keeps the filter in the permalink: a reload shows the same facts", async () => {
    const expected = await supportedBy(TONGZHOU);
    await page.waitForFunction((id) => (window.__guanxi!.view().articles ?? []).includes(id), TONGZHOU, {
      timeout: 10_000,
    });
    await page.waitForFunction(() => window.location.hash.startsWith("#view="), null, { timeout: 10_000 });
    await page.reload();
    await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 30_000 });
    await page.evaluate(() => window.__guanxi!.ready);
    await waitVisibleCount(expected.length);
    expect((await shown()).visible).toEqual(expected);
  });

  it("clears with Show all, and undo brings the filter back", async () => {
    const { order } = await shown();
    await page.locator('[data-testid="articles-clear"]').click();
    await waitVisibleCount(order);
    await page.locator('button[data-action="undo"]').click();
    await waitVisibleCount((await supportedBy(TONGZHOU)).length);
    await page.locator('[data-testid="articles-clear"]').click();
    await waitVisibleCount(order);
  });
});

describe("the articles behind a fact, and the correlation view", () => {
  it("names the supporting articles in the inspector and adds SHARES_ENTITIES links in one undoable step", async () => {
    await page.keyboard.press("Escape");
    await page.keyboard.press("/");
    await page.fill("#search", "本市今年新增10家首都工匠学院");
    await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0);
    await page.keyboard.press("Enter");
    const supported = page.locator('[data-testid="supported-by"] li[data-article]');
    await supported.first().waitFor({ timeout: 10_000 });
    expect(
      await supported.evaluateAll((items) => items.map((li) => li.getAttribute("data-article"))),
    ).toContain(COLLEGES);
    expect(await supported.first().textContent()).toMatch(/\d+ quotes?/);
    const virtualEdges = () =>
      page.evaluate(() => {
        const { graph } = window.__guanxi!;
        return graph
          .filterEdges((_key, attrs) => attrs.relType === "SHARES_ENTITIES")
          .map((key) => graph.getEdgeAttributes(key).properties.count);
      });
    expect(await virtualEdges()).toEqual([]);
    await page.locator('[data-testid="article-correlate"]').click();
    // The five Beijing stories all share 北京市: ten links, each counting one entity.
    await page.waitForFunction(
      () => window.__guanxi!.graph.filterEdges((_k, a) => a.relType === "SHARES_ENTITIES").length === 10,
      null,
      { timeout: 10_000 },
    );
    expect(await virtualEdges()).toEqual(Array(10).fill(1));
    await screenshot(page, "evidence-02-correlation");
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction(
      () => window.__guanxi!.graph.filterEdges((_k, a) => a.relType === "SHARES_ENTITIES").length === 0,
      null,
      { timeout: 10_000 },
    );
    expect(errors).toEqual([]);
  });
});
