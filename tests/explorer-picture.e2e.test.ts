/**
 * "A picture that is right", end to end in real headless Chromium on the built explorer over the real
 * Neo4j (the seed and a Chengdu–Chongqing fixture of our own): relationships between nodes on screen are
 * always drawn, a relationship is clicked and inspected with its evidence marked in its article, paths
 * respect what is hidden and the types the analyst allows, and Replace with no node in the result keeps
 * the view. Screenshots go to tests/artifacts/ (git-ignored).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THEME } from "../core/appearance.ts";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";
import { createPathFixture } from "./support/picture-fixture.ts";

let session: ExplorerSession;
let page: Page;
let errors: string[];

const order = () => page.evaluate(() => window.__guanxi!.graph.order);
const size = () => page.evaluate(() => window.__guanxi!.graph.size);

/** "START_ID TYPE END_ID" of every relationship on screen. */
const facts = () =>
  page.evaluate(() => {
    const { graph } = window.__guanxi!;
    return graph.mapEdges((_k, a, s, t) => {
      const id = (key: string) => (graph.getNodeAttributes(key) as { id?: string }).id;
      return `${id(s)} ${(a as { relType: string }).relType} ${id(t)}`;
    });
  });

const keyOf = (id: string) =>
  page.evaluate((wanted) => {
    const { graph } = window.__guanxi!;
    const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted);
    if (!key) throw new Error(`node ${wanted} is not on screen`);
    return key;
  }, id);

async function settled(): Promise<void> {
  await expect
    .poll(() => page.locator(".statusbar").textContent(), { timeout: 30_000 })
    .toContain("Layout idle");
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
}

/** The node's position in page pixels. */
async function nodePosition(id: string): Promise<{ x: number; y: number }> {
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
  return page.evaluate((wanted) => {
    const { graph, sigma } = window.__guanxi!;
    const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted)!;
    const { x, y } = sigma.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
    const box = sigma.getContainer().getBoundingClientRect();
    return { x: box.left + x, y: box.top + y };
  }, id);
}

async function selectById(id: string, { shift = false } = {}): Promise<void> {
  const at = await nodePosition(id);
  if (shift) await page.keyboard.down("Shift");
  await page.mouse.click(at.x, at.y);
  if (shift) await page.keyboard.up("Shift");
  await page.waitForFunction(
    (wanted) => {
      const { graph, sigma } = window.__guanxi!;
      const key = graph.findNode((_k, a) => (a as { id?: string }).id === wanted);
      return key !== undefined && Boolean((sigma.getNodeDisplayData(key) as { ringSize?: number })?.ringSize);
    },
    id,
    { timeout: 10_000 },
  );
}

/** How sigma draws the relationship now (after the reducers). */
const edgeLook = (key: string) =>
  page.evaluate((k) => {
    const data = window.__guanxi!.sigma.getEdgeDisplayData(k);
    return { color: data?.color, size: data?.size };
  }, key);

/**
 * Moves the pointer onto the relationship from `source` to `target` (on its line, away from the
 * nodes), until sigma reports it hovered; returns the point.
 */
async function hoverEdge(edge: string): Promise<{ x: number; y: number }> {
  const [a, b] = await page.evaluate((k) => {
    const { graph, sigma } = window.__guanxi!;
    const box = sigma.getContainer().getBoundingClientRect();
    return graph.extremities(k).map((n) => {
      const p = sigma.graphToViewport(graph.getNodeAttributes(n) as { x: number; y: number });
      return { x: box.left + p.x, y: box.top + p.y };
    });
  }, edge);
  const length = Math.hypot(b!.x - a!.x, b!.y - a!.y);
  const normal = { x: -(b!.y - a!.y) / length, y: (b!.x - a!.x) / length };
  for (const t of [0.5, 0.42, 0.58, 0.35, 0.65])
    for (const offset of [0, 0.7, -0.7, 1.4, -1.4]) {
      const at = {
        x: a!.x + (b!.x - a!.x) * t + normal.x * offset,
        y: a!.y + (b!.y - a!.y) * t + normal.y * offset,
      };
      await page.mouse.move(at.x, at.y);
      await page.waitForTimeout(60);
      if ((await edgeLook(edge)).size === 2.5) return at;
    }
  throw new Error(`could not hover the relationship ${edge}`);
}

/** Query panel helpers, as the workbench test drives it. */
async function runQuery(cypher: string, mode: "add" | "replace"): Promise<void> {
  if (!(await page.locator(".query-editor .cm-editor").count())) {
    await page.locator('button[data-action="query"]').click();
    await page.locator(".query-editor .cm-editor").waitFor({ timeout: 20_000 });
  }
  await page.locator(`.segment[data-mode="${mode}"]`).click();
  await page.locator(".query-editor .cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(cypher);
  const before = await page.evaluate(() => document.querySelector(".query-status")?.textContent ?? "");
  await page.keyboard.press("Control+Enter");
  await page.waitForFunction(
    (old) => {
      const panel = document.querySelector(".query-panel")!;
      const text = document.querySelector(".query-status")?.textContent ?? "";
      return !panel.hasAttribute("aria-busy") && text !== "Running…" && text !== old;
    },
    before,
    { timeout: 20_000 },
  );
}

const toast = () => page.locator(".toast .toast-text span").last().textContent();

beforeAll(async () => {
  session = await openSeededExplorer(createPathFixture);
  ({ page, errors } = session);
}, 180_000);

afterAll(() => session?.close());

describe("a picture that is right, in Chromium", () => {
  it("expanding the alliance draws the article's MENTIONS of the regions on screen, in one undoable step", async () => {
    await runQuery("MATCH (a:Alliance {id: 'alliance:tongwulang'}) RETURN a", "replace");
    expect(await order()).toBe(1);
    await settled();
    const at = await nodePosition("alliance:tongwulang");
    await page.mouse.dblclick(at.x, at.y);
    await page.waitForFunction(() => window.__guanxi!.graph.order === 6, null, { timeout: 15_000 });
    await expect
      .poll(facts, { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          "article:tongzhou-innovation-studios MENTIONS region:tongzhou",
          "article:tongzhou-innovation-studios MENTIONS region:wuqing",
          "article:tongzhou-innovation-studios MENTIONS region:langfang",
          "article:tongzhou-innovation-studios MENTIONS event:tongzhou-innovation-studio-ceremony-and-tongwulang-symposium",
          "article:tongzhou-innovation-studios MENTIONS alliance:tongwulang",
        ]),
      );
    // Every relationship among the six nodes: the alliance's 8 and the article's 4 others.
    expect(await size()).toBe(12);
    await settled();
    await screenshot(page, "picture-01-expand-connected");
    // One step: a single undo takes the nodes and the connecting relationships away together.
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction(() => window.__guanxi!.graph.order === 1);
    expect(await size()).toBe(0);
    await page.locator('button[data-action="redo"]').click();
    await page.waitForFunction(() => window.__guanxi!.graph.size === 12);
  });

  it("hovering a relationship highlights it; clicking it inspects type, direction, evidence and the marked passage", async () => {
    await settled();
    const article = await keyOf("article:tongzhou-innovation-studios");
    const wuqing = await keyOf("region:wuqing");
    const edge = await page.evaluate(
      ([s, t]) => window.__guanxi!.graph.edges(s!, t!).find(() => true)!,
      [article, wuqing],
    );
    const normal = await edgeLook(edge);
    expect(normal.color).toBe(THEME.edge);
    const at = await hoverEdge(edge);
    expect(await edgeLook(edge)).toEqual({ color: THEME.edgeStrong, size: 2.5 });
    await page.mouse.click(at.x, at.y);
    const inspector = page.locator('aside[aria-label="Inspector"]');
    await inspector.locator(".inspector-name", { hasText: "MENTIONS" }).waitFor({ timeout: 10_000 });
    expect(await edgeLook(edge)).toEqual({ color: THEME.selection, size: 3.5 });
    const direction = await inspector.locator(".edge-direction").textContent();
    expect(direction).toMatch(/ → 武清区$/);
    expect(await inspector.locator('.edge-end[data-role="start"] .neighbour-name').textContent()).toBe(
      direction!.split(" → ")[0],
    );
    const quote = (await inspector.locator(".quote blockquote").first().textContent())!;
    expect(quote).toContain("武清");
    expect(await inspector.locator(".quote cite").first().textContent()).toMatch(/^《.+》$/);
    const mark = (await inspector.locator(".quote .passage mark").first().textContent())!;
    expect(mark.replace(/\s/g, "")).toBe(quote.replace(/\s/g, ""));
    const passage = (await inspector.locator(".quote .passage").first().textContent())!;
    expect(passage.length).toBeGreaterThan(mark.length);
    await screenshot(page, "picture-02-edge-inspector");
    // Escape deselects: the inspector closes and the relationship is drawn as the others.
    await page.locator("#graph").focus();
    await page.keyboard.press("Escape");
    await expect.poll(() => inspector.isHidden()).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => edgeLook(edge)).toEqual(normal);

    // From a node's evidence, a relationship on screen is one click away.
    await selectById("region:wuqing");
    const fact = inspector.locator("button.fact", { hasText: "SPANS" }).first();
    await fact.waitFor({ timeout: 10_000 });
    await fact.click();
    await inspector.locator(".inspector-name", { hasText: "SPANS" }).waitFor({ timeout: 10_000 });
    expect(await inspector.locator(".edge-direction").textContent()).toBe(
      "“通武廊”劳模和工匠人才创新工作室联盟 → 武清区",
    );
    await page.keyboard.press("Escape");
  });

  it("a path avoids hidden MENTIONS, and goes only through the types left ticked", async () => {
    await runQuery(
      "MATCH (p {id: 'test:person:zhou-ming'}), (c {id: 'test:region:chongqing'}) RETURN p, c",
      "replace",
    );
    expect(await order()).toBe(2);
    await settled();
    await selectById("test:person:zhou-ming");
    await selectById("test:region:chongqing", { shift: true });
    const options = page.locator(".path-options");
    await options.waitFor({ timeout: 10_000 });
    expect(await options.locator('input[value="MENTIONS"]').isChecked()).toBe(true);
    // Nothing hidden: the shortest way is through the article's two MENTIONS.
    await options.locator('button[data-action="find-path"]').click();
    await expect.poll(toast, { timeout: 10_000 }).toBe("Path: 2 hops: 周明 → 川渝报道 → 重庆市");
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction(() => window.__guanxi!.graph.order === 2);

    // MENTIONS hidden in the type filter: unticked in the path options, and no path through it.
    await page.locator(".filter-row", { hasText: "MENTIONS" }).click();
    expect(await page.locator(".filter-row", { hasText: "MENTIONS" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    await selectById("test:person:zhou-ming");
    await selectById("test:region:chongqing", { shift: true });
    expect(await options.locator('input[value="MENTIONS"]').isChecked()).toBe(false);
    await page.locator("#graph").focus();
    await page.keyboard.press("p");
    await expect.poll(toast, { timeout: 10_000 }).toBe("Path: 3 hops: 周明 → 成都工会 → 成都市 → 重庆市");
    expect((await facts()).some((f) => f.includes("MENTIONS"))).toBe(false);
    await screenshot(page, "picture-03-path-without-mentions");

    // 成都市 hidden by hand (H): the path goes around it, by the forum.
    await settled();
    await selectById("test:region:chengdu");
    await page.keyboard.press("h");
    await selectById("test:person:zhou-ming");
    await selectById("test:region:chongqing", { shift: true });
    expect(await options.textContent()).toContain("around 1 hidden node");
    await page.keyboard.press("p");
    await expect
      .poll(toast, { timeout: 10_000 })
      .toBe("Path: 4 hops: 周明 → 川渝论坛 → 绵阳市 → 四川省 → 重庆市");
    for (let i = 0; i < 3; i++) await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction(() => window.__guanxi!.graph.order === 2);

    // A type restriction of the analyst's: without MEMBER_OF the path goes by the forum.
    await selectById("test:person:zhou-ming");
    await selectById("test:region:chongqing", { shift: true });
    await options.locator('input[value="MEMBER_OF"]').uncheck();
    expect(await options.locator('input[value="MEMBER_OF"]').isChecked()).toBe(false);
    await options.locator('button[data-action="find-path"]').click();
    await expect
      .poll(toast, { timeout: 10_000 })
      .toBe("Path: 4 hops: 周明 → 川渝论坛 → 绵阳市 → 四川省 → 重庆市");
    await settled();
    await screenshot(page, "picture-04-path-types");
    await page.locator(".filter-row", { hasText: "MENTIONS" }).click();
  });

  it("Replace with a result that holds no node keeps the canvas and says why", async () => {
    const before = await page.evaluate(() => window.__guanxi!.graph.nodes().sort());
    expect(before.length).toBeGreaterThan(2);
    await runQuery("MATCH (n) RETURN count(n) AS nodes", "replace");
    expect(await page.evaluate(() => window.__guanxi!.graph.nodes().sort())).toEqual(before);
    const notices = await page.locator(".query-notice").allTextContents();
    expect(notices.join(" ")).toContain("The result holds no nodes; the view is unchanged.");
    await screenshot(page, "picture-05-replace-scalars");
    expect(errors).toEqual([]);
  });
});
