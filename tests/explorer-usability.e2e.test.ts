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
  // The first view's layout has finished (names are placed for still nodes).
  await page.waitForFunction(
    () => document.querySelector('button[data-action="layout"]')?.getAttribute("aria-pressed") !== "true",
    null,
    { timeout: 60_000 },
  );
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
    // The first view's layout is the same on every run (ForceAtlas2 from the deterministic spiral, run
    // to convergence in layout/converge.ts, not for a time budget). With the timeline bar under the
    // graph the canvas is ~90 px shorter and one name in the densest part finds all 14 of its places
    // taken (69 of 70 on every run at 1440×900); at most 3 are allowed, and the count is printed.
    console.log(`[labels] ${nodes.length - unnamed.length} of ${nodes.length} nodes of the first view named`);
    expect(unnamed.length).toBeLessThanOrEqual(3);
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

describe("a name cut short", () => {
  it("shows whole in the inspector, and on the canvas once selected", async () => {
    await settled();
    const cut = await page.evaluate(() => {
      const { graph, sigma, labelled } = window.__guanxi!;
      for (const key of labelled()) {
        const data = sigma.getNodeDisplayData(key) as { label?: string; fullLabel?: string } | undefined;
        if (data?.label?.endsWith("…")) {
          const at = sigma.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
          const box = sigma.getContainer().getBoundingClientRect();
          return { key, name: data.fullLabel!, x: box.left + at.x, y: box.top + at.y };
        }
      }
      return null;
    });
    expect(cut, "a node whose name is cut short on the first view").not.toBeNull();
    await page.mouse.click(cut!.x, cut!.y);
    const inspector = page.locator('aside[aria-label="Inspector"]');
    await inspector.locator(".inspector-name").waitFor({ timeout: 10_000 });
    expect(await inspector.locator(".inspector-name").textContent()).toBe(cut!.name);
    await page.waitForFunction(
      (key) =>
        (window.__guanxi!.sigma.getNodeDisplayData(key) as { label?: string }).label?.endsWith("…") === false,
      cut!.key,
    );
    await screenshot(page, "usability-05-cut-name-selected");
    await page.keyboard.press("Escape");
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
    // The labels and types of the database are known to the linter: no "not in the database" warning.
    await setQuery(valid[0]!);
    await lintErrors();
    expect(await page.locator(".query-editor .cm-lintRange-warning").count()).toBe(0);
    await setQuery("MATCH (x:NoSuchLabel) RETURN x");
    await page.locator(".query-editor .cm-lintRange-warning").first().waitFor({ timeout: 10_000 });
    await screenshot(page, "usability-03-cypher5-no-lint");
    await setQuery("MATCH (n:Region) RETRUN n");
    await page.locator(".query-editor .cm-lintRange-error").first().waitFor({ timeout: 10_000 });
    await screenshot(page, "usability-04-lint-error");
    expect(errors).toEqual([]);
  });
});

/** Controls that are displayed (not hidden, not inside a closed panel) whose box leaves the viewport. */
async function controlsOffScreen(scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = [];
    const { innerWidth: width, innerHeight: height } = window;
    for (const root of document.querySelectorAll(selector)) {
      for (const control of root.querySelectorAll<HTMLElement>("button, select, input, [role=tab]")) {
        if (control.getClientRects().length === 0) continue; // not displayed
        // Inside a scrolling box (a long list, a wide table) it is reached by scrolling that box:
        // then the box is what must be on screen.
        let reach: Element = control;
        for (let up = control.parentElement; up && up !== document.body; up = up.parentElement) {
          const { overflowX, overflowY } = getComputedStyle(up);
          if (/auto|scroll/.test(overflowX + overflowY)) {
            reach = up;
            break;
          }
        }
        const box = reach.getBoundingClientRect();
        if (box.left < 0 || box.top < 0 || box.right > width + 0.5 || box.bottom > height + 0.5)
          out.push(
            `${control.getAttribute("aria-label") ?? control.textContent?.trim() ?? control.tagName} at ${Math.round(box.left)},${Math.round(box.top)}–${Math.round(box.right)},${Math.round(box.bottom)}`,
          );
      }
    }
    return out;
  }, scope);
}

async function panelOpen(): Promise<boolean> {
  return page.evaluate(() => !document.querySelector<HTMLElement>(".query-panel")!.hidden);
}

describe("a layout that fits the window", () => {
  afterAll(() => page.setViewportSize({ width: 1440, height: 900 }));

  it("Escape closes the query panel; Q toggles it", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    if (!(await panelOpen())) await page.keyboard.press("q");
    await page.locator(".query-editor .cm-content").click();
    expect(await panelOpen()).toBe(true);
    await page.keyboard.press("Escape"); // in the editor
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".query-panel")!.hidden);
    await page.keyboard.press("q");
    await page.waitForFunction(() => !document.querySelector<HTMLElement>(".query-panel")!.hidden);
    // Q again, from outside the editor, closes it.
    await page.locator("#graph").focus();
    await page.keyboard.press("q");
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".query-panel")!.hidden);
    // The toolbar button toggles too.
    await page.locator('button[data-action="query"]').click();
    await page.waitForFunction(() => !document.querySelector<HTMLElement>(".query-panel")!.hidden);
    await page.locator('button[data-action="query"]').click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".query-panel")!.hidden);
  });

  it.each([
    [1280, 720],
    [1024, 768],
    [800, 600],
  ])("at %i×%i every toolbar and panel control is on screen", async (width, height) => {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    expect(await controlsOffScreen(".topbar, .panel-toggles")).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const graph = await page.locator("#graph").boundingBox();
    expect(graph!.width).toBeGreaterThan(width * 0.45); // the graph keeps room
    if (width <= 800) {
      // The side panels give way to toggles, and each opens on screen.
      await expect.poll(() => page.locator(".left-panel").isVisible()).toBe(false);
      await expect.poll(() => page.locator(".inspector-column").isVisible()).toBe(false);
      for (const [toggle, panel] of [
        ['button[data-panel="left"]', ".left-panel"],
        ['button[data-panel="inspector"]', ".inspector-column"],
      ] as const) {
        await page.locator(toggle).click();
        await page.locator(panel).waitFor({ state: "visible" });
        expect(await controlsOffScreen(panel)).toEqual([]);
        await screenshot(page, `usability-layout-${width}x${height}-${panel.slice(1)}`);
        await page.locator(toggle).click();
        await page.locator(panel).waitFor({ state: "hidden" });
      }
      // A node clicked opens the inspector over the graph; Escape closes it.
      const at = await page.evaluate(() => {
        const { graph, sigma } = window.__guanxi!;
        const key = graph.findNode((_k, a) => (a as { id?: string }).id === "region:beijing")!;
        const p = sigma.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
        const box = sigma.getContainer().getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y };
      });
      await page.mouse.click(at.x, at.y);
      await page.locator(".inspector-column").waitFor({ state: "visible" });
      await page.locator('aside[aria-label="Inspector"] .inspector-name', { hasText: "北京市" }).waitFor();
      await screenshot(page, `usability-layout-${width}x${height}-selected`);
      await page.keyboard.press("Escape");
      await page.locator(".inspector-column").waitFor({ state: "hidden" });
      await page.keyboard.press("Escape");
      // "/" opens the search panel and puts the cursor in the box.
      await page.locator("#graph").focus();
      await page.keyboard.press("/");
      await page.locator("#search").waitFor({ state: "visible" });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("search");
      await page.keyboard.press("Escape");
      await page.locator('button[data-panel="left"]').click();
    } else {
      expect(await page.locator(".left-panel").isVisible()).toBe(true);
      expect(await page.locator(".inspector-column").isVisible()).toBe(true);
    }
    await page.locator('button[data-action="query"]').click();
    await page.locator(".query-editor .cm-content").waitFor();
    await page.waitForTimeout(300);
    expect(await controlsOffScreen(".query-panel")).toEqual([]);
    await screenshot(page, `usability-layout-${width}x${height}`);
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => document.querySelector<HTMLElement>(".query-panel")!.hidden);
  });

  it.each([
    [1024, 768],
    [800, 600],
  ])(
    "at %i×%i a wide result scrolls inside the table, the panel's controls stay in reach",
    async (width, height) => {
      await page.setViewportSize({ width, height });
      await page.keyboard.press("q");
      await page.locator(".query-editor .cm-content").click();
      await page.keyboard.press("Control+a");
      await page.keyboard.press("Delete");
      const columns = Array.from(
        { length: 24 },
        (_, i) => `n.name + ' — column ${i} of a wide result' AS c${i}`,
      );
      await page.keyboard.insertText(`MATCH (n:Organisation) RETURN ${columns.join(", ")}`);
      await page.keyboard.press("Control+Enter");
      await page.locator(".result-table tbody tr").first().waitFor({ timeout: 20_000 });
      const wrap = await page.$eval(".result-table-wrap", (el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
        right: el.getBoundingClientRect().right,
      }));
      expect(wrap.scrollWidth).toBeGreaterThan(wrap.clientWidth); // it scrolls, inside
      expect(wrap.right).toBeLessThanOrEqual(width);
      expect(await controlsOffScreen(".query-panel")).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await screenshot(page, `usability-wide-result-${width}x${height}`);
      await page.keyboard.press("Escape");
    },
  );
});
