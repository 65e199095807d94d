/**
 * The Cypher workbench end to end: real headless Chromium on the built explorer, served by the real API
 * over the real Neo4j with the seed. Screenshots of each scenario go to tests/artifacts/ (git-ignored).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { screenshot } from "./support/browser.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";
import { snapshot } from "./support/database.ts";

let db: GraphDb;
let session: ExplorerSession;
let page: Page;
let errors: string[];
let seedOrder: number;
/** Where every node was when the Replace below removed them (the layout at rest). */
let beforeReplace: Record<string, [number, number]>;

/** Every node's position, by key. */
const positions = () =>
  page.evaluate(() => {
    const out: Record<string, [number, number]> = {};
    window.__guanxi!.graph.forEachNode((key, a) => (out[key] = [a.x, a.y]));
    return out;
  });

const order = () => page.evaluate(() => window.__guanxi!.graph.order);
const size = () => page.evaluate(() => window.__guanxi!.graph.size);
const graphNames = () =>
  page.evaluate(() => {
    const { graph } = window.__guanxi!;
    return graph.mapNodes((_k, a) => (a as { name: string }).name).sort();
  });
const editorText = () =>
  page.$$eval(".query-editor .cm-line", (lines) =>
    lines.map((l) => (l.querySelector(".cm-placeholder") ? "" : (l.textContent ?? ""))).join("\n"),
  );
const column = (index: number) =>
  page.$$eval(`.result-table tbody tr td:nth-child(${index})`, (cells) =>
    cells.map((c) => c.textContent ?? ""),
  );
const status = () => page.locator(".query-status").textContent();

/** Replaces the editor's text (typed as one insertion: no auto-closed brackets). */
async function setQuery(text: string): Promise<void> {
  await page.locator(".query-editor .cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  expect(await editorText()).toBe(text);
}

/** Runs the editor's query with Ctrl+Enter and waits for its outcome. */
async function runQuery(): Promise<void> {
  const before = await page.evaluate(() => document.querySelector(".query-status")?.textContent ?? "");
  await page.locator(".query-editor .cm-content").click();
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

async function setMode(mode: "add" | "replace"): Promise<void> {
  await page.locator(`.segment[data-mode="${mode}"]`).click();
  expect(await page.locator(`.segment[data-mode="${mode}"]`).getAttribute("aria-pressed")).toBe("true");
}

beforeAll(async () => {
  session = await openSeededExplorer();
  ({ db, page, errors } = session);
  await page
    .context()
    .grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.url });
  seedOrder = await order();
}, 180_000);

afterAll(() => session?.close());

describe("the Cypher workbench in Chromium", () => {
  it("loads the editor only when the panel opens, from the toolbar or Q", async () => {
    expect(await page.locator(".query-editor .cm-editor").count()).toBe(0);
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((n) => n.includes("cypher-editor")),
    );
    expect(scripts).toEqual([]);
    await page.locator("#graph").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("q");
    await page.locator(".query-editor .cm-editor").waitFor({ timeout: 20_000 });
    expect(await page.locator('button[data-action="query"]').getAttribute("aria-pressed")).toBe("true");
    // Escape in the editor closes the panel; the shortcut is in the help; Q opens the panel again.
    await page.keyboard.press("Escape");
    expect(await page.locator(".query-panel").isHidden()).toBe(true);
    await page.keyboard.press("?");
    expect(await page.locator(".help").textContent()).toContain("Open the Cypher query panel");
    await page.keyboard.press("Escape");
    await page.keyboard.press("q");
    await page.locator(".query-editor .cm-editor").waitFor({ state: "visible" });
  });

  it("highlights Cypher and completes labels from the database", async () => {
    await setQuery("");
    await page.keyboard.type("MATCH (a:");
    const completion = page.locator(".cm-tooltip-autocomplete");
    await completion.waitFor({ timeout: 10_000 });
    const options = await completion.locator("li").allTextContents();
    expect(options.some((o) => o.includes("Alliance"))).toBe(true); // a label of the seed, from /api/schema
    await screenshot(page, "workbench-01-autocomplete");
    await page.keyboard.press("Escape");
    await setQuery(
      "MATCH p = (a:Alliance)-[:SPANS]->(region:Region)\nRETURN a.name AS alliance, region.name AS region, p",
    );
    expect(await page.locator(".query-editor .cm-keyword").count()).toBeGreaterThan(0);
  });

  it("Ctrl+Enter runs: replace shows only the result, in the graph and in a table", async () => {
    await setMode("replace");
    await expect
      .poll(() => page.locator(".statusbar").textContent(), { timeout: 30_000 })
      .toContain("Layout idle");
    beforeReplace = await positions();
    await runQuery();
    expect(await order()).toBe(4);
    // The result's 3 SPANS and, connected as Neo4j Browser does, the regions' 3 ESTABLISHED of the alliance.
    expect(await size()).toBe(6);
    expect(await graphNames()).toEqual(
      ["“通武廊”劳模和工匠人才创新工作室联盟", "廊坊市", "武清区", "通州区"].sort(),
    );
    expect((await column(2)).sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    expect(await status()).toMatch(/^3 rows · [\d,]+ ms · 4 nodes, 3 relationships in the graph/);
    await screenshot(page, "workbench-02-replace");
  });

  it("add puts the result beside what is on screen, and undo takes each query away", async () => {
    await setMode("add");
    await setQuery("MATCH (p:Person)-[r:REPORTED]->(a:Article)\nRETURN p, r, a");
    await runQuery();
    expect(await order()).toBe(14);
    expect(await column(1)).toHaveLength(5);
    expect(await page.locator(".result-table .node-cell .label-chip").first().textContent()).toBe("Person");
    await screenshot(page, "workbench-03-add");
    // A node in the table selects it in the graph and opens it in the inspector.
    const cell = page.locator(".result-table td:nth-child(1) .node-cell").first();
    const name = (await cell.locator("span").last().textContent())!;
    await cell.click();
    await page.locator(".inspector-name", { hasText: name }).waitFor({ timeout: 10_000 });
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction(() => window.__guanxi!.graph.order === 4);
    await page.locator('button[data-action="undo"]').click();
    await page.waitForFunction((n) => window.__guanxi!.graph.order === n, seedOrder);
    expect(await size()).toBeGreaterThan(100);
    // Undoing the Replace put every node back where it was (no layout run on them).
    await page.waitForTimeout(1000);
    expect(await positions()).toEqual(beforeReplace);
  });

  it("sorts a column by clicking its header, and by keyboard", async () => {
    await setQuery(
      "MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region)\nRETURN r.name AS region, count(o) AS organisations",
    );
    await runQuery();
    const header = page.locator(".result-table th", { hasText: "organisations" });
    await header.locator("button").click();
    expect(await header.getAttribute("aria-sort")).toBe("ascending");
    const ascending = (await column(2)).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.keyboard.press("Enter"); // the header button keeps the focus
    expect(
      await page.locator(".result-table th", { hasText: "organisations" }).getAttribute("aria-sort"),
    ).toBe("descending");
    expect((await column(1))[0]).toBe("北京市");
    expect((await column(2))[0]).toBe("13");
    await screenshot(page, "workbench-04-sorted");
    await page.locator('[data-testid="copy-csv"]').click();
    const csv = await page.evaluate(() => navigator.clipboard.readText());
    expect(csv.split("\r\n")[0]).toBe("region,organisations");
    expect(csv.split("\r\n")[1]).toBe("北京市,13");
  });

  it("runs a saved query with a parameter", async () => {
    await page.locator('.library-tab[data-tab="saved"]').click();
    const entry = page.locator('.library-item[data-name="organisations-by-region"] .library-entry');
    await entry.click();
    expect(await editorText()).toContain("$region");
    const input = page.locator("#param-region");
    expect(await input.inputValue()).toBe("北京市");
    await input.fill("临沂");
    await runQuery();
    const organisations = await column(1);
    expect(organisations).toHaveLength(5);
    expect(organisations).toContain("临沂市总工会");
    await screenshot(page, "workbench-05-saved-query");
    // The saved query's own run button uses its defaults.
    await page.locator('.library-item[data-name="colleges-2024"] .entry-run').click();
    await page.waitForFunction(
      () => document.querySelectorAll(".result-table tbody tr").length === 10,
      null,
      {
        timeout: 20_000,
      },
    );
  });

  it("shows Neo4j's syntax error with its line and column, and marks it in the editor", async () => {
    await setQuery("MATCH (n:Organisation)\nWHERE n.name = '北京市总工会'\nRETURN n LIMT 5");
    await runQuery();
    const notice = page.locator(".query-notice.error");
    expect(await notice.locator("strong").textContent()).toMatch(/^Cypher error at line 3, column \d+$/);
    expect(await notice.textContent()).toMatch(/Invalid input 'LIMT'/);
    await page.locator(".query-editor .cm-server-error").first().waitFor({ timeout: 10_000 });
    expect(await page.locator(".query-editor .cm-server-error").first().textContent()).toBe("LIMT");
    await screenshot(page, "workbench-06-syntax-error");
  });

  it("refuses CREATE with a clear message and changes nothing", async () => {
    const before = await snapshot(db);
    const onScreen = await order();
    await setQuery("CREATE (n) RETURN n");
    await runQuery();
    const notice = page.locator(".query-notice.error");
    expect(await notice.textContent()).toMatch(/Refused.*writes to the database.*nothing was changed/);
    expect(await snapshot(db)).toBe(before);
    expect(await order()).toBe(onScreen);
    await screenshot(page, "workbench-07-refused");
  });

  it("says when the row cap cut the result, and how to narrow it", async () => {
    await setQuery("UNWIND range(1, 5000) AS i RETURN i");
    await runQuery();
    expect(await page.locator(".query-notice.warn").textContent()).toMatch(
      /Only the first 1,000 rows.*LIMIT/,
    );
    expect(await page.locator(".result-table tbody tr").count()).toBe(1000);
  });

  it("keeps a history, most recent first, to recall by click", async () => {
    await page.locator('.library-tab[data-tab="history"]').click();
    const entries = await page.locator(".library-entry .entry-cypher").allTextContents();
    expect(entries[0]).toBe("UNWIND range(1, 5000) AS i RETURN i");
    expect(entries[1]).toBe("CREATE (n) RETURN n");
    await page.locator(".library-entry", { hasText: "MATCH (p:Person)" }).click();
    expect(await editorText()).toBe("MATCH (p:Person)-[r:REPORTED]->(a:Article)\nRETURN p, r, a");
    await screenshot(page, "workbench-08-history");
    // The refused and the failed query are answered 403 and 400: Chromium logs those responses itself.
    const expected = /Failed to load resource: the server responded with a status of 40[03]/;
    expect(errors.filter((e) => !expected.test(e))).toEqual([]);
  });
});
