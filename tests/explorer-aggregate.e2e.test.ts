/**
 * The aggregated first view, end to end in Chromium over the real API and Neo4j: with the server's
 * threshold below the seed's size the explorer draws one meta-node per label; clicking one opens it
 * into that label's nodes (notice "showing …"), and undo puts the meta-node back.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

let session: ExplorerSession;
let page: Page;

beforeAll(async () => {
  session = await openSeededExplorer(async () => {}, { aggregateAbove: 10 });
  ({ page } = session);
}, 240_000);

afterAll(() => session?.close());

const graphKeys = () => page.evaluate(() => window.__guanxi!.graph.nodes());

describe("an aggregated first view", () => {
  it("draws meta-nodes and opens one on click, undoably", async () => {
    const keys = await graphKeys();
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.every((k) => k.startsWith("meta:"))).toBe(true);
    await page.getByTestId("aggregate-note").waitFor({ timeout: 10_000 });
    // The largest group (the first): where it is on the page, once the camera is still.
    await page.waitForFunction(() => !window.__guanxi!.sigma.getCamera().isAnimated());
    const { key, x, y } = await page.evaluate(() => {
      const { graph, sigma } = window.__guanxi!;
      const key = graph
        .nodes()
        .sort(
          (a, b) =>
            Number(graph.getNodeAttribute(b, "properties").count) -
            Number(graph.getNodeAttribute(a, "properties").count),
        )[0]!;
      const at = sigma.graphToViewport(graph.getNodeAttributes(key) as { x: number; y: number });
      const box = sigma.getContainer().getBoundingClientRect();
      return { key, x: box.left + at.x, y: box.top + at.y };
    });
    const label = key.slice("meta:".length);
    const count = await page.evaluate(
      (k) => Number(window.__guanxi!.graph.getNodeAttribute(k, "properties").count),
      key,
    );
    await page.mouse.click(x, y);
    await page.waitForFunction((k) => !window.__guanxi!.graph.hasNode(k), key, { timeout: 20_000 });
    const opened = await page.evaluate(
      (l) => window.__guanxi!.graph.filterNodes((_k, a) => (a as { labels: string[] }).labels.includes(l)),
      label,
    );
    expect(opened.filter((k) => !k.startsWith("meta:"))).toHaveLength(Math.min(count, 1_000));
    await page.locator(".toast", { hasText: `${label}: showing` }).waitFor({ timeout: 10_000 });
    await page.keyboard.press("Control+z");
    await page.waitForFunction((k) => window.__guanxi!.graph.hasNode(k), key, { timeout: 10_000 });
    expect((await graphKeys()).every((k) => k.startsWith("meta:"))).toBe(true);
    expect(session.errors).toEqual([]);
  });
});
