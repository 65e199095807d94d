/**
 * Add article → review → ingest, end to end: real Chromium on the built app, the real API with ingest
 * turned on (as under guanxi start), the real Neo4j with the seed. A story about organisations the seed
 * knows plus new ones: the known ones linked, the new ones proposed, reviewed by keyboard (one proposal
 * merged into an existing node, one renamed), previewed on the graph, saved and reopened, ingested, and
 * the new node found by search with its evidence. An ambiguous 市总工会 is never linked without review.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Draft } from "../core/draft.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { screenshot } from "./support/browser.ts";
import { REPO_ROOT } from "./support/database.ts";
import { openSeededExplorer, type ExplorerSession } from "./support/explorer-app.ts";
import { startServer, WEB_DIST } from "../server/serve.ts";

const fixture = (name: string) => readFileSync(join(REPO_ROOT, "tests/fixtures/extract", name), "utf8");
const CENTRE = "通州区永顺镇职工服务中心";
const RENAMED = "永顺镇职工服务中心";

let db: GraphDb;
let session: ExplorerSession;
let page: Page;
let errors: string[];

beforeAll(async () => {
  session = await openSeededExplorer(async () => {}, { allowDraftIngest: true });
  ({ db, page, errors } = session);
}, 180_000);

afterAll(() => session?.close());

const draft = () => page.evaluate(() => window.__guanxi!.reviewDraft()) as Promise<Draft | null>;
const stateOf = async (name: string) => (await draft())!.nodes.find((n) => n.name === name)?.review.state;
const draftKeys = () =>
  page.evaluate(() => {
    const { graph } = window.__guanxi!;
    return graph.filterNodes((_k, a) => (a as { draft?: boolean }).draft === true);
  });

async function addArticle(text: string): Promise<void> {
  await page.keyboard.press("Escape");
  await page.locator("#graph").focus();
  await page.keyboard.press("a");
  const dialog = page.locator("dialog.add-article");
  await dialog.waitFor({ state: "visible" });
  await dialog.locator("textarea").fill(text);
  await dialog.getByRole("button", { name: "Read article" }).click();
  await page.locator(".review-panel").waitFor({ state: "visible", timeout: 30_000 });
  await dialog.waitFor({ state: "hidden" });
}

/** The review row of the entity named exactly `name`. */
const itemRow = (name: string) =>
  page
    .locator(".review-item")
    .filter({ has: page.locator(".review-name", { hasText: new RegExp(`^${name}$`, "u") }) });

/** Moves the review cursor (↓, from the top) to the row named exactly `text`. */
async function moveTo(text: string): Promise<void> {
  await page.locator(".review-list").focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowUp");
  for (let i = 0; i < 40; i++) {
    const current = await page.locator(".review-item.is-current .review-name").textContent();
    if (current === text) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no review item names ${text}`);
}

describe("Add article → review → ingest", () => {
  it("reads a pasted story: known organisations linked, new ones proposed, each with its rule and score", async () => {
    await addArticle(fixture("tongzhou-review.txt"));
    const linked = await page.locator(".review-text mark.is-linked").allTextContents();
    expect(linked).toEqual(expect.arrayContaining(["通州区总工会", "北京市总工会", "通州区"]));
    // A new name holding a known one: the known one marked inside it.
    const proposed = await page.locator(".review-text mark.is-new").allTextContents();
    expect(proposed).toContain(CENTRE);
    expect(await page.locator(".review-text mark.is-new mark.is-linked").first().textContent()).toBe(
      "通州区",
    );
    const row = itemRow(CENTRE);
    await expect(row.locator(".badge.is-new").textContent()).resolves.toBe("new");
    await expect(row.locator(".review-method").textContent()).resolves.toBe("suffix:中心");
    const known = itemRow("通州区总工会");
    await expect(known.locator(".review-method").textContent()).resolves.toBe("name:通州区总工会");
    // Every mention in the text is the article's own characters, in order.
    const text = await page.locator(".review-article-text").textContent();
    expect(fixture("tongzhou-review.txt")).toContain(text!.trim().slice(0, 40));
  });

  it("reviews by keyboard, previews accepted items as drafts, merges one proposal into an existing node", async () => {
    await moveTo("通州区总工会");
    await page.keyboard.press("a");
    await moveTo("北京市总工会");
    await page.keyboard.press("a");
    await moveTo(CENTRE);
    // Selecting an item marks its mention in the text.
    expect(await page.locator(".review-text mark.is-current").first().textContent()).toBe(CENTRE);
    await page.keyboard.press("e");
    const name = page.locator(".review-edit-name");
    await name.waitFor();
    await name.fill(RENAMED);
    await page.keyboard.press("Enter");
    await page.locator(".review-edit-name").waitFor({ state: "detached" });
    expect(await stateOf(RENAMED)).toBe("accepted");
    // The accepted proposal is on the graph as a draft, nothing written yet.
    expect(await draftKeys()).toEqual([expect.stringMatching(/^draft:org:/u)]);
    const { rows } = await db.read("MATCH (n {name: $name}) RETURN count(n) AS n", { name: RENAMED });
    expect(rows[0]!.n).toBe(0);

    await moveTo("星宇车科技有限公司工会");
    await page.keyboard.press("m");
    const merge = page.locator(".review-merge-search");
    await merge.waitFor();
    await merge.fill("北京星宇车科技有限公司工会");
    await page.locator(".review-merge-hits li").first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    expect(await stateOf("星宇车科技有限公司工会")).toBe(
      "merged-into:org:beijing-xingyuche-technology-trade-union",
    );
    await moveTo("星宇车科技有限公司");
    await page.keyboard.press("r");
    expect(await stateOf("星宇车科技有限公司")).toBe("rejected");
    await moveTo(`${RENAMED} → 通州区`);
    await page.keyboard.press("a");
    const shot = await screenshot(page, "review-01-screen");
    expect(shot).toMatch(/review-01-screen/u);
  });

  it("keeps the review for another sitting: closing takes the preview off, pasting again reopens it", async () => {
    await page.locator(".review-list").focus();
    await page.keyboard.press("Escape");
    await page.locator(".review-panel").waitFor({ state: "hidden" });
    expect(await draftKeys()).toEqual([]);
    await addArticle(fixture("tongzhou-review.txt"));
    expect(await stateOf(RENAMED)).toBe("accepted");
    expect(await stateOf("星宇车科技有限公司")).toBe("rejected");
    expect(await draftKeys()).toHaveLength(1);
  });

  it("ingests the reviewed draft, shows the new node, and search finds it with its evidence", async () => {
    const article = (await draft())!.nodes.find((n) => n.review.kind === "article")!;
    await page.getByRole("button", { name: "Ingest", exact: true }).click();
    await page.locator(".review-panel").waitFor({ state: "hidden", timeout: 30_000 });
    await page.locator(".toast", { hasText: "Ingested" }).waitFor({ timeout: 10_000 });
    expect(await draftKeys()).toEqual([]);
    const onScreen = await page.evaluate(
      (name) => window.__guanxi!.graph.someNode((_k, a) => a.name === name),
      RENAMED,
    );
    expect(onScreen).toBe(true);
    // Written: the renamed proposal, located in 通州区; the merged name an alias; the rejected one absent.
    const located = await db.read(
      "MATCH (o:Organisation {name: $name})-[r:LOCATED_IN]->(:Region {id: 'region:tongzhou'}) RETURN r.evidence AS e",
      { name: RENAMED },
    );
    expect(located.rows).toHaveLength(1);
    const target = await db.read(
      "MATCH (o {id: 'org:beijing-xingyuche-technology-trade-union'}) RETURN o.aliases AS aliases",
    );
    expect(target.rows[0]!.aliases).toContain("星宇车科技有限公司工会");
    const absent = await db.read("MATCH (n {name: '星宇车科技有限公司'}) RETURN count(n) AS n");
    expect(absent.rows[0]!.n).toBe(0);
    const mentioned = await db.read(
      "MATCH (:Article {id: $id})-[:MENTIONS]->(n) RETURN collect(n.id) AS ids",
      {
        id: article.id,
      },
    );
    expect(mentioned.rows[0]!.ids).toEqual(
      expect.arrayContaining([
        "org:tongzhou-federation-of-trade-unions",
        "org:beijing-federation-of-trade-unions",
      ]),
    );

    await page.keyboard.press("Escape");
    await page.keyboard.press("/");
    await page.fill("#search", RENAMED);
    await page.locator("#search-results li", { hasText: RENAMED }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    const inspector = page.locator('aside[aria-label="Inspector"]');
    await inspector.locator(".inspector-name", { hasText: RENAMED }).waitFor({ timeout: 10_000 });
    await inspector.locator("blockquote").first().waitFor({ timeout: 10_000 });
    const quotes = await inspector.locator("blockquote").allTextContents();
    expect(quotes.some((q) => q.includes(`${CENTRE}同日揭牌`))).toBe(true);
    await screenshot(page, "review-02-ingested");
  });

  it("never links an ambiguous 市总工会 without review: marked in the text, left out by accept all linked", async () => {
    await addArticle(fixture("tianjin-shanghai.txt"));
    const ambiguous = await page.locator(".review-text mark.is-ambiguous").allTextContents();
    expect(ambiguous).toContain("市总工会");
    await itemRow("北京市总工会").locator(".badge.is-ambiguous").waitFor();
    await page.getByRole("button", { name: "Accept all linked" }).click();
    expect(await stateOf("北京市总工会")).toBe("proposed");
    expect(await stateOf("天津市")).toBe("accepted");
    await screenshot(page, "review-03-ambiguous");
    const article = (await draft())!.nodes.find((n) => n.review.kind === "article")!;
    await page.getByRole("button", { name: "Ingest", exact: true }).click();
    await page.locator(".review-panel").waitFor({ state: "hidden", timeout: 30_000 });
    const mentioned = await db.read(
      "MATCH (:Article {id: $id})-[:MENTIONS]->(n) RETURN collect(n.id) AS ids",
      {
        id: article.id,
      },
    );
    expect(mentioned.rows[0]!.ids).toContain("region:tianjin");
    expect(mentioned.rows[0]!.ids).not.toContain("org:beijing-federation-of-trade-unions");
  });

  it("says why Ingest is off on a server that does not write", async () => {
    const readOnly = await startServer({ db, port: 0, staticDir: WEB_DIST });
    const other = await session.browser.newPage();
    try {
      await other.goto(readOnly.url);
      await other.waitForFunction(() => window.__guanxi !== undefined);
      await other.evaluate(() => window.__guanxi!.ready);
      await other.locator("#graph").focus();
      await other.keyboard.press("a");
      await other.locator("dialog.add-article textarea").fill(fixture("tongzhou-review.txt"));
      await other.getByRole("button", { name: "Read article" }).click();
      const button = other.getByRole("button", { name: "Ingest", exact: true });
      await other.locator(".review-off", { hasText: "--allow-ingest" }).waitFor({ timeout: 30_000 });
      expect(await button.isDisabled()).toBe(true);
      expect(await other.locator(".review-off").textContent()).toMatch(/guanxi serve --allow-ingest/u);
    } finally {
      await other.close();
      await readOnly.close();
    }
  });

  it("ran without page errors", () => {
    expect(errors).toEqual([]);
  });
});
