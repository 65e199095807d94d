/**
 * Layouts and time, end to end in Chromium over the real API and Neo4j, on one page: the layout
 * chooser opens from the keyboard (Shift+L); the hierarchical layout of the seed's region tree puts
 * 北京市 above 通州区 on screen, leaves a pinned node where it is, and is one undoable step; the
 * timeline's 2023 bar keeps the alliance's founding and hides what is dated 2024 only (found from
 * the data and the schema's time properties, not from ids), and the period survives a reload.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

let session: ExplorerSession;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ page, errors } = session);
}, 240_000);

afterAll(() => session?.close());

async function settled(): Promise<void> {
  await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
}

async function layoutIdle(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('button[data-action="layout"]')?.getAttribute("aria-pressed") !== "true",
    null,
    { timeout: 60_000 },
  );
}

/** Graph coordinates of every node, by key. */
const positions = () =>
  page.evaluate(() => {
    const out: Record<string, { x: number; y: number }> = {};
    window.__guanxi!.graph.forEachNode((key, a) => (out[key] = { x: a.x, y: a.y }));
    return out;
  });

/** A node's key and its position on the page (CSS pixels), by name. */
async function onScreen(name: string): Promise<{ key: string; x: number; y: number }> {
  await settled();
  return page.evaluate((wanted) => {
    const { graph, sigma } = window.__guanxi!;
    const key = graph.findNode((_k, a) => a.name === wanted)!;
    const { x, y } = sigma.graphToViewport(graph.getNodeAttributes(key));
    const box = sigma.getContainer().getBoundingClientRect();
    return { key, x: box.left + x, y: box.top + y };
  }, name);
}

const undoLabel = () => page.locator('button[data-action="undo"]').getAttribute("aria-label");

describe("layouts", () => {
  it("the hierarchy puts 北京市 above 通州区, leaves the pinned node, and is undone in one step", async () => {
    await layoutIdle();
    // Pin the alliance where it is: select it, U.
    const alliance = await onScreen("“通武廊”劳模和工匠人才创新工作室联盟");
    await page.mouse.click(alliance.x, alliance.y);
    await page.keyboard.press("u");
    await page.waitForFunction((k) => window.__guanxi!.pinned().includes(k), alliance.key);
    const before = await positions();

    // Shift+L opens the chooser, focused; PART_OF and LOCATED_IN (the schema's hierarchies) ticked.
    await page.locator("#graph").focus();
    await page.keyboard.press("Shift+L");
    const menu = page.locator('[data-testid="layout-menu"]');
    await menu.waitFor({ state: "visible" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-layout"))).toBe(
      "forceatlas2",
    );
    expect(await page.locator('[data-testid="hierarchy-type-PART_OF"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="hierarchy-type-LOCATED_IN"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="hierarchy-type-MENTIONS"]').isChecked()).toBe(false);
    await page.locator('[data-layout="hierarchy"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('button[data-action="undo"]')?.getAttribute("aria-label") ===
        "Undo: Layout: Hierarchy",
      null,
      { timeout: 30_000 },
    );
    expect(await menu.isVisible()).toBe(false);
    const beijing = await onScreen("北京市");
    const tongzhou = await onScreen("通州区");
    console.log(`hierarchy: 北京市 at y=${beijing.y.toFixed(0)}px, 通州区 at y=${tongzhou.y.toFixed(0)}px`);
    expect(beijing.y).toBeLessThan(tongzhou.y - 10);
    const after = await positions();
    expect(after[alliance.key]).toEqual(before[alliance.key]);
    const moved = Object.keys(before).filter(
      (k) => before[k]!.x !== after[k]!.x || before[k]!.y !== after[k]!.y,
    );
    expect(moved.length).toBeGreaterThan(20);
    await screenshot(page, "layouts-01-hierarchy");

    // One undo puts every node back.
    await page.keyboard.press("Control+z");
    await page.waitForFunction(
      () =>
        document.querySelector('button[data-action="undo"]')?.getAttribute("aria-label") !==
        "Undo: Layout: Hierarchy",
    );
    expect(await positions()).toEqual(before);
    expect(await undoLabel()).toMatch(/^Undo: Pin /);
  });
});

/** Keys of the dated facts on screen falling wholly in `year`, by the schema's time properties. */
function factsOfYear(year: number) {
  return page.evaluate(async (wanted) => {
    const schema = (await (await fetch("/api/schema")).json()) as {
      schema: {
        time: {
          labels: Record<string, { key: string }[]>;
          relationshipTypes: Record<string, { key: string }[]>;
        };
      };
    };
    const { graph, sigma } = window.__guanxi!;
    const yearsOf = (props: Record<string, unknown>, specs: { key: string }[] = []) =>
      specs
        .map((s) => props[s.key])
        .map((v) => (typeof v === "number" ? v : typeof v === "string" ? Number(v.slice(0, 4)) : NaN))
        .filter((v) => !Number.isNaN(v));
    const only = (years: number[]) => years.length > 0 && years.every((y) => y === wanted);
    const nodes = graph.filterNodes((_k, a) =>
      only(yearsOf(a.properties, schema.schema.time.labels[a.category])),
    );
    const edges = graph.filterEdges((_k, a) =>
      only(yearsOf(a.properties, schema.schema.time.relationshipTypes[a.relType])),
    );
    return {
      nodes: nodes.map((k) => ({
        name: graph.getNodeAttribute(k, "name"),
        label: graph.getNodeAttribute(k, "category"),
        hidden: sigma.getNodeDisplayData(k)?.hidden === true,
      })),
      edges: edges.map((k) => ({
        type: graph.getEdgeAttribute(k, "relType"),
        hidden: sigma.getEdgeDisplayData(k)?.hidden === true,
      })),
    };
  }, year);
}

describe("the timeline", () => {
  it("the 2023 bar keeps the alliance's founding and hides what is dated 2024 only; a reload keeps it", async () => {
    const bar = page.locator('[data-testid="timeline"] [data-bucket="2023"]');
    await bar.waitFor();
    expect(Number(await bar.getAttribute("data-count"))).toBeGreaterThan(0);
    const hashBefore = await page.evaluate(() => window.location.hash);
    await bar.click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="timeline"] [data-bucket="2023"]')
          ?.getAttribute("aria-selected") === "true",
    );
    await page.waitForFunction(() => window.__guanxi!.sigma.getGraph().order > 0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const check = async () => {
      const of2023 = await factsOfYear(2023);
      const of2024 = await factsOfYear(2024);
      // The alliance (founded 2023-06) and the three ESTABLISHED of 2023 are shown.
      expect(of2023.nodes.filter((n) => n.label === "Alliance")).toEqual([
        expect.objectContaining({ hidden: false }),
      ]);
      expect(of2023.edges.filter((e) => e.type === "ESTABLISHED").length).toBeGreaterThanOrEqual(3);
      expect(of2023.edges.every((e) => !e.hidden)).toBe(true);
      // Everything dated 2024 only — the designations conferred at the 2024 ceremonies, the 2024 selection — is hidden.
      expect(of2024.edges.filter((e) => e.type === "DESIGNATED").length).toBeGreaterThanOrEqual(10);
      expect(of2024.edges.filter((e) => !e.hidden)).toEqual([]);
      expect(of2024.nodes.length).toBeGreaterThan(0);
      expect(of2024.nodes.filter((n) => !n.hidden)).toEqual([]);
      expect(await page.locator('[data-testid="timeline-label"]').textContent()).toMatch(
        /^2023: \d+ of \d+ dated facts/,
      );
    };
    await check();
    expect(await undoLabel()).toBe("Undo: Timeline: 2023");
    await screenshot(page, "timeline-01-2023");

    // The period is in the address: a reload opens the same view with the same period.
    await page.waitForFunction(
      (h) => window.location.hash !== h && window.location.hash.startsWith("#view="),
      hashBefore,
      {
        timeout: 10_000,
      },
    );
    await page.waitForTimeout(700);
    await page.reload();
    await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 30_000 });
    await page.evaluate(() => window.__guanxi!.ready);
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="timeline"] [data-bucket="2023"]')
          ?.getAttribute("aria-selected") === "true",
      null,
      { timeout: 30_000 },
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await check();

    // Clear shows all of time again.
    await page.locator('[data-testid="timeline-clear"]').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="timeline"] [aria-selected="true"]').length === 0,
    );
    expect((await factsOfYear(2024)).edges.filter((e) => e.hidden)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
