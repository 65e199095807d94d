/**
 * Export from the explorer, end to end in Chromium: the dialog (Ctrl+S), each scope and format, the
 * downloaded files read back — GEXF by graphology-gexf with the screen's positions, JSON against the
 * on-screen selection, CSV as the neo4j-admin pair, SVG by xmllint with every node and the legend,
 * PNG with the graph and the legend drawn, GraphML of a query result, and a Cypher script that
 * rebuilds the seed in an emptied database.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Graph from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import type { Download, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { ARTIFACTS, screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";
import { clearDatabase, runCli, snapshot } from "./support/database.ts";
import { xmllint } from "./support/export-readers.ts";

let db: GraphDb;
let session: ExplorerSession;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ db, page, errors } = session);
}, 180_000);

afterAll(() => session?.close());

/** Opens the dialog, picks scope and format, exports; resolves with the downloads, saved to artifacts. */
async function exportAs(scope: string, format: string, files = 1): Promise<{ name: string; path: string }[]> {
  await page.keyboard.press("Control+s");
  const dialog = page.locator("dialog.export-dialog");
  await dialog.waitFor({ state: "visible" });
  await dialog.locator(`input[name="export-scope"][value="${scope}"]`).check();
  await dialog.locator(`input[name="export-format"][value="${format}"]`).check();
  const downloads: Download[] = [];
  const all = new Promise<void>((resolve) => {
    page.on("download", function onDownload(d) {
      downloads.push(d);
      if (downloads.length === files) {
        page.off("download", onDownload);
        resolve();
      }
    });
  });
  await dialog.locator('[data-testid="export-run"]').click();
  await all;
  await dialog.waitFor({ state: "hidden" });
  return Promise.all(
    downloads.map(async (d) => {
      const path = join(ARTIFACTS, "exports", d.suggestedFilename());
      await d.saveAs(path);
      return { name: d.suggestedFilename(), path };
    }),
  );
}

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

describe("export from the explorer", () => {
  it("offers every scope and format; the selection and query scopes say why they are not available", async () => {
    await page.keyboard.press("Control+s");
    const dialog = page.locator("dialog.export-dialog");
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.locator('input[name="export-format"]').count()).toBe(7);
    await expect
      .poll(() => dialog.locator("label", { hasText: "Current view" }).textContent())
      .toContain("70 nodes, 172 relationships");
    expect(await dialog.locator('input[value="selection"]').isDisabled()).toBe(true);
    expect(await dialog.locator("label", { hasText: "Selection" }).textContent()).toContain(
      "nothing selected",
    );
    await screenshot(page, "20-export-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("exports the current view as GEXF that graphology reads back with the screen's positions", async () => {
    const [file] = await exportAs("view", "gexf");
    expect(file!.name).toMatch(/^guanxi-view-.*\.gexf$/);
    const gexf = parseGexf(Graph, readFileSync(file!.path, "utf8"));
    expect(gexf.order).toBe(70);
    expect(gexf.size).toBe(172);
    const onScreen = await page.evaluate(() => {
      const { graph } = window.__guanxi!;
      const key = graph.findNode((_k, a) => (a as { id?: string }).id === "alliance:tongwulang")!;
      return graph.getNodeAttributes(key) as { x: number; y: number; name: string };
    });
    const alliance = gexf.findNode((_k, a) => a.label === onScreen.name);
    expect(alliance).toBeDefined();
    const attrs = gexf.getNodeAttributes(alliance!);
    expect(attrs.x).toBeCloseTo(onScreen.x, 3);
    expect(attrs.y).toBeCloseTo(onScreen.y, 3);
    expect(attrs.color).toMatch(/^(#|rgb)/);
  });

  it("exports the selection as JSON and CSV: only the selected nodes and the relationships among them", async () => {
    const alliance = await nodePosition("alliance:tongwulang");
    await page.mouse.click(alliance.x, alliance.y);
    const tongzhou = await nodePosition("region:tongzhou");
    await page.keyboard.down("Shift");
    await page.mouse.click(tongzhou.x, tongzhou.y);
    await page.keyboard.up("Shift");
    const [json] = await exportAs("selection", "json");
    const envelope = JSON.parse(readFileSync(json!.path, "utf8")) as {
      graph: { nodes: { attributes: { name: string } }[]; edges: { attributes: Record<string, unknown> }[] };
    };
    expect(envelope.graph.nodes.map((n) => n.attributes.name).sort()).toEqual(
      ["“通武廊”劳模和工匠人才创新工作室联盟", "通州区"].sort(),
    );
    // 通州区 established the alliance, which spans it: two relationships (seed.json).
    const types = envelope.graph.edges.map((e) => JSON.stringify(e).match(/"(SPANS|ESTABLISHED)"/)?.[1]);
    expect(types.sort()).toEqual(["ESTABLISHED", "SPANS"]);

    const csv = await exportAs("selection", "csv", 2);
    const byName = Object.fromEntries(
      csv.map((f) => [f.name.replace(/^.*?(nodes|relationships)\.csv$/, "$1"), f]),
    );
    expect(readFileSync(byName.nodes!.path, "utf8").split("\n")[0]).toContain(":ID");
    const rels = readFileSync(byName.relationships!.path, "utf8").trim().split("\n");
    expect(rels[0]).toContain(":START_ID");
    expect(rels).toHaveLength(3);
    expect(rels.filter((r) => /,(SPANS|ESTABLISHED)(,|$)/.test(r))).toHaveLength(2);
  });

  it("exports the canvas as SVG with every visible node, its labels and the legend", async () => {
    await page.keyboard.press("Escape");
    const [file] = await exportAs("view", "svg");
    expect(await xmllint(file!.path)).toBe("");
    const svg = readFileSync(file!.path, "utf8");
    const nodesGroup = svg.match(/<g class="nodes">(.*?)<\/g>/s)?.[1] ?? "";
    expect(nodesGroup.match(/<circle /g)).toHaveLength(70);
    expect(svg).toContain("通武廊");
    for (const label of ["Organisation", "Region", "Alliance"]) expect(svg).toContain(`>${label}</text>`);
  });

  it("exports the canvas as PNG with the graph and the legend drawn", async () => {
    const [file] = await exportAs("view", "png");
    const png = PNG.sync.read(readFileSync(file!.path));
    const canvasWidth = await page.evaluate(() => window.__guanxi!.sigma.getDimensions().width);
    const ratio = png.width / (canvasWidth + 190);
    expect(ratio).toBeGreaterThan(0.9);
    const coloured = (x0: number, x1: number) => {
      let count = 0;
      for (let y = 0; y < png.height; y += 2)
        for (let x = Math.floor(x0); x < x1; x += 2) {
          const i = (y * png.width + x) * 4;
          const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
          if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
        }
      return count;
    };
    expect(coloured(0, canvasWidth * ratio)).toBeGreaterThan(500); // node discs
    expect(coloured(canvasWidth * ratio, png.width)).toBeGreaterThan(20); // legend dots
  });

  it("exports the last query result as GraphML with the query's nodes and relationships", async () => {
    await page.keyboard.press("q");
    const editor = page.locator(".query-editor .cm-content");
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("MATCH p = (:Alliance)-[:SPANS]->(:Region) RETURN p");
    await page.keyboard.press("Control+Enter");
    await page.locator(".result-table tbody tr").nth(2).waitFor({ timeout: 20_000 });
    const [file] = await exportAs("query", "graphml");
    expect(file!.name).toMatch(/^guanxi-query-.*\.graphml$/);
    expect(await xmllint(file!.path)).toBe("");
    const graphml = readFileSync(file!.path, "utf8");
    expect(graphml.match(/<node /g)).toHaveLength(4);
    expect(graphml.match(/<edge /g)).toHaveLength(3);
    for (const name of ["通州区", "武清区", "廊坊市", "通武廊"]) expect(graphml).toContain(name);
    await screenshot(page, "21-export-query");
  });

  it("exports the view as a Cypher script that rebuilds the same graph in an empty database", async () => {
    expect(await page.evaluate(() => window.__guanxi!.graph.order)).toBe(70); // the query added to the view
    const before = await snapshot(db);
    const [file] = await exportAs("view", "cypher");
    expect(file!.name).toMatch(/\.cypher$/);
    const script = readFileSync(file!.path, "utf8");
    expect(script.indexOf("CREATE CONSTRAINT")).toBeLessThan(script.indexOf("MERGE"));
    await clearDatabase(db);
    const run = await runCli(["run-script", file!.path]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Articles' full text too, although the explorer's bulk views leave it out.
    expect(await snapshot(db)).toBe(before);
    expect(errors).toEqual([]);
  });
});
