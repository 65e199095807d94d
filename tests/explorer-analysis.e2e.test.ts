/**
 * The analysis panel end to end, in Chromium over the real API and Neo4j (seed view): Louvain run in
 * the worker colours the view by community (one undoable step), betweenness fills the top-N table and
 * a row selects its node, Cancel stops a run and changes nothing, size by PageRank changes the sizes,
 * a GEXF export from the UI is handed the graph with its scores, and a reload of the page address
 * brings the scores and the style rules back.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Download, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATEGORY_PALETTE, NODE_SIZE_RANGE } from "../core/style-rules.ts";
import { LEGEND_WIDTH } from "../web/src/features/export/report-layout.ts";
import { viewFromHash } from "../web/src/features/views/view-state.ts";
import { ARTIFACTS, screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";

let session: ExplorerSession;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ page, errors } = session);
}, 240_000);

afterAll(() => session?.close());

const panel = () => page.locator('[data-testid="analysis-panel"]');

/** Picks a metric and runs it; resolves once the run is done (or refused/failed). */
async function run(metric: string, styleResult = true): Promise<string> {
  await panel().locator('[data-testid="analysis-metric"]').selectOption(metric);
  const box = panel().locator('[data-testid="analysis-style-result"]');
  if ((await box.isChecked()) !== styleResult) await box.click();
  await panel().locator('[data-testid="analysis-run"]').click();
  await page.waitForFunction(
    () => {
      const stage = document.querySelector('[data-testid="analysis-status"]')?.getAttribute("data-stage");
      return stage === "done" || stage === "refused" || stage === "failed";
    },
    null,
    { timeout: 30_000 },
  );
  return (await panel().locator('[data-testid="analysis-status"]').textContent()) ?? "";
}

/** Per node on screen: its scores, and the colour and size sigma draws it with. */
function drawn(p: Page = page) {
  return p.evaluate(() => {
    const { graph, sigma } = window.__guanxi!;
    return graph.mapNodes((key, a) => {
      const attrs = a as { id?: string; category: string; scores?: Record<string, number> };
      const data = sigma.getNodeDisplayData(key)!;
      return {
        key,
        id: attrs.id ?? key,
        category: attrs.category,
        scores: attrs.scores ?? {},
        color: data.color,
        size: data.size,
        hidden: data.hidden,
      };
    });
  });
}

/** Exports the view as a picture from the dialog; resolves with the saved file's path. */
async function exportPicture(format: "svg" | "png"): Promise<string> {
  await page.keyboard.press("Control+s");
  const dialog = page.locator("dialog.export-dialog");
  await dialog.waitFor({ state: "visible" });
  await dialog.locator('input[name="export-scope"][value="view"]').check();
  await dialog.locator(`input[name="export-format"][value="${format}"]`).check();
  const download = new Promise<Download>((resolve) => page.once("download", resolve));
  await dialog.locator('[data-testid="export-run"]').click();
  const file = await download;
  const path = join(ARTIFACTS, "exports", `analysis-${file.suggestedFilename()}`);
  await file.saveAs(path);
  await dialog.waitFor({ state: "hidden" });
  return path;
}

describe("the analysis panel", () => {
  it("runs Louvain in a worker and colours the view by community, as one undoable step", async () => {
    await page.locator("#graph").focus();
    await page.keyboard.press("Shift+A");
    await panel().waitFor({ state: "visible" });
    // MENTIONS (article → entity) is not counted by default on the news schema; the others are.
    const mentions = panel().locator('[data-testid="analysis-type-MENTIONS"]');
    if (await mentions.count()) expect(await mentions.isChecked()).toBe(false);
    const status = await run("louvain");
    expect(status).toMatch(/^Done: Community \(Louvain\) on \d+ nodes.*modularity/);
    const nodes = (await drawn()).filter((n) => !n.hidden);
    expect(nodes.length).toBeGreaterThan(10);
    expect(nodes.every((n) => typeof n.scores.louvain === "number")).toBe(true);
    // One colour per community (the largest twelve get the palette), different communities apart.
    const byCommunity = new Map<number, Set<string>>();
    for (const n of nodes)
      byCommunity.set(n.scores.louvain!, (byCommunity.get(n.scores.louvain!) ?? new Set()).add(n.color));
    expect(byCommunity.size).toBeGreaterThan(1);
    for (const [community, colours] of byCommunity)
      if (community < CATEGORY_PALETTE.length) expect(colours.size).toBe(1);
    expect(byCommunity.get(0)).toEqual(new Set([CATEGORY_PALETTE[0]]));
    expect(byCommunity.get(1)).toEqual(new Set([CATEGORY_PALETTE[1]]));
    const legend = page.locator('[data-testid="style-legend"]');
    await expect(legend.isVisible()).resolves.toBe(true);
    expect(await legend.textContent()).toContain("Colour: Community (Louvain)");
    expect(await panel().locator('[data-testid="analysis-groups"] li').count()).toBeGreaterThan(1);
    await screenshot(page, "analysis-panel-louvain");

    // Undo takes scores and colours away together; redo brings them back.
    await page.locator("#graph").focus();
    await page.keyboard.press("Control+z");
    const undone = await drawn();
    expect(undone.some((n) => n.scores.louvain !== undefined)).toBe(false);
    expect(await legend.isVisible()).toBe(false);
    await page.keyboard.press("Control+Shift+z");
    expect((await drawn()).filter((n) => n.scores.louvain !== undefined).length).toBe(nodes.length);

    // One community only: the others are hidden through the view, not removed; Clear shows them again.
    const order = (await drawn()).length;
    await panel().locator('[data-testid="analysis-groups"] button[data-group="1"]').click();
    const filtered = await drawn();
    expect(filtered.length).toBe(order);
    expect(filtered.filter((n) => !n.hidden).every((n) => n.scores.louvain === 1)).toBe(true);
    expect(filtered.filter((n) => !n.hidden).length).toBe(nodes.filter((n) => n.scores.louvain === 1).length);
    expect(await page.locator("footer.statusbar").textContent()).toContain("Only Community (Louvain) = 1");
    await panel().locator('[data-testid="analysis-filter-clear"]').click();
    expect((await drawn()).filter((n) => !n.hidden).length).toBe(nodes.length);
  });

  it("lists the top betweenness node first; clicking its row selects it", async () => {
    const status = await run("betweenness", false);
    expect(status).toMatch(/^Done: Betweenness/);
    const nodes = (await drawn()).filter((n) => !n.hidden);
    const top = nodes.reduce((best, n) =>
      (n.scores.betweenness ?? -1) > (best.scores.betweenness ?? -1) ? n : best,
    );
    const firstRow = panel().locator('[data-testid="analysis-table"] tbody tr').first();
    expect(await firstRow.getAttribute("data-key")).toBe(top.key);
    await firstRow.click();
    await page.waitForFunction((key) => window.__guanxi!.selection().join() === key, top.key);
    // Sorting by name reorders the rows; by rank again puts the top node back first.
    await panel().locator('[data-testid="analysis-sort-name"]').click();
    await panel().locator('[data-testid="analysis-sort-rank"]').click();
    expect(await firstRow.getAttribute("data-key")).toBe(top.key);
  });

  it("cancels a run: the worker is stopped and nothing is written", async () => {
    await panel().locator('[data-testid="analysis-metric"]').selectOption("closeness");
    // Run and Cancel in one task: the worker is terminated before it can answer.
    await page.evaluate(() => {
      (document.querySelector('[data-testid="analysis-run"]') as HTMLButtonElement).click();
      (document.querySelector('[data-testid="analysis-cancel"]') as HTMLButtonElement).click();
    });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="analysis-status"]')?.getAttribute("data-stage") === "cancelled",
    );
    expect(await panel().locator('[data-testid="analysis-status"]').textContent()).toMatch(
      /Cancelled .*nothing was changed/,
    );
    expect((await drawn()).some((n) => n.scores.closeness !== undefined)).toBe(false);
    expect(await panel().locator('[data-testid="analysis-run"]').isDisabled()).toBe(false);
  });

  it("sizes nodes by PageRank through a style rule", async () => {
    await run("pagerank", false);
    await page.evaluate(() => document.querySelector<HTMLElement>("#graph")!.focus());
    await page.keyboard.press("Escape"); // no selection ring on the sizes
    await page.keyboard.press("Escape");
    const before = await drawn();
    await panel().locator('[data-testid="style-size"]').selectOption("metric:pagerank");
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="style-legend"]')?.textContent?.includes("Size: PageRank"),
    );
    await panel().locator('[data-testid="style-size"]').scrollIntoViewIfNeeded();
    await screenshot(page, "analysis-panel-style");
    const after = (await drawn()).filter((n) => !n.hidden && n.scores.pagerank !== undefined);
    const ranks = after.map((n) => n.scores.pagerank!);
    const max = after.find((n) => n.scores.pagerank === Math.max(...ranks))!;
    const min = after.find((n) => n.scores.pagerank === Math.min(...ranks))!;
    expect(max.size).toBeCloseTo(NODE_SIZE_RANGE.max, 5);
    expect(min.size).toBeCloseTo(NODE_SIZE_RANGE.min, 5);
    // Sizes follow PageRank, not degree as before.
    const sizeBefore = new Map(before.map((n) => [n.key, n.size]));
    expect(after.some((n) => Math.abs(n.size - sizeBefore.get(n.key)!) > 0.5)).toBe(true);
    for (const a of after)
      for (const b of after)
        if (a.scores.pagerank! > b.scores.pagerank!) expect(a.size).toBeGreaterThanOrEqual(b.size);
  });

  it("exports a GEXF from the UI with the scores on the graph handed to the exporter", async () => {
    await page.keyboard.press("Control+s");
    const dialog = page.locator("dialog.export-dialog");
    await dialog.waitFor({ state: "visible" });
    await dialog.locator('input[name="export-scope"][value="view"]').check();
    await dialog.locator('input[name="export-format"][value="gexf"]').check();
    const download = new Promise<Download>((resolve) => page.once("download", resolve));
    await dialog.locator('[data-testid="export-run"]').click();
    const file = await download;
    const path = join(ARTIFACTS, "exports", `analysis-${file.suggestedFilename()}`);
    await file.saveAs(path);
    expect(readFileSync(path, "utf8")).toMatch(/<gexf[\s>]/);
    await dialog.waitFor({ state: "hidden" });
    // The exporter reads the explorer's graph (features/export/export-runner.ts fromGraphology):
    // every node exported carries its scores there. (What the GEXF writes of them is export/'s part.)
    const scored = await page.evaluate(() =>
      window.__guanxi!.graph.everyNode(
        (_k, a) => typeof (a as { scores?: Record<string, number> }).scores?.louvain === "number",
      ),
    );
    expect(scored).toBe(true);
  });

  it("exports SVG and PNG pictures drawn with the style rules, with a legend that says what they mean", async () => {
    const svg = readFileSync(await exportPicture("svg"), "utf8");
    expect(svg).toContain(">STYLE</text>");
    expect(svg).toContain("Colour: Community (Louvain)");
    expect(svg).toMatch(/Size: PageRank, [\d.e-]+ – [\d.e-]+/);
    // The nodes are drawn in their communities' colours, as on screen.
    const fills = [...svg.matchAll(/<circle cx="[^"]+" cy="[^"]+" r="[^"]+" fill="(#[0-9a-f]{6})"/g)].map(
      (m) => m[1],
    );
    expect(fills).toContain(CATEGORY_PALETTE[0]);
    expect(fills).toContain(CATEGORY_PALETTE[1]);
    // The PNG's legend column holds the communities' swatches.
    const png = PNG.sync.read(readFileSync(await exportPicture("png")));
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(CATEGORY_PALETTE[1].slice(i, i + 2), 16));
    let swatch = 0;
    for (let y = 0; y < png.height; y++)
      for (let x = png.width - LEGEND_WIDTH * 2; x < png.width; x++) {
        const at = (y * png.width + x) * 4;
        if (png.data[at] === r && png.data[at + 1] === g && png.data[at + 2] === b) swatch++;
      }
    expect(swatch).toBeGreaterThan(50);
  });

  it("keeps scores and style in the page address: a reload brings them back", async () => {
    const before = await drawn();
    // The address follows the screen shortly after the last change (and once the layout is idle).
    let doc = null as ReturnType<typeof viewFromHash>;
    for (let i = 0; i < 100 && !(doc?.style?.size && doc.style.colour); i++) {
      await page.waitForTimeout(200);
      doc = viewFromHash(new URL(page.url()).hash);
    }
    expect(doc?.style).toEqual({
      size: { by: "metric", key: "pagerank" },
      colour: { by: "metric", key: "louvain" },
    });
    expect(doc!.nodes.every((n) => typeof n.scores?.louvain === "number")).toBe(true);
    await page.reload();
    await page.waitForFunction(() => window.__guanxi !== undefined);
    await page.evaluate(() => window.__guanxi!.ready);
    const after = new Map((await drawn()).map((n) => [n.id, n]));
    for (const n of before) {
      const again = after.get(n.id)!;
      expect(again.scores).toEqual(n.scores);
      if (!n.hidden) expect(again.color).toBe(n.color);
    }
    expect(await page.locator('[data-testid="style-legend"]').textContent()).toContain("Size: PageRank");
    expect(errors).toEqual([]);
  });
});
