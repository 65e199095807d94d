/**
 * `guanxi extract` and drafts in `guanxi ingest`, against the real Neo4j: each seed story extracted against
 * the graph of the other five; an ambiguous alias never linked without review; bad inputs each refused with
 * their message and nothing written; draft → ingest round trips with `--accept linked` and with a
 * hand-reviewed draft (a proposal merged into an existing node); and the review screen's API.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiErrorResponse,
  DraftIngestResponse,
  ExtractResponse,
  SearchResponse,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { knownFromDatabase } from "../extract/db/known-entities.ts";
import type { Draft } from "../core/draft.ts";
import { knownWithout, scoreArticle, type GoldDataset } from "../extract/eval/seed-gold.ts";
import { extractStories } from "../extract/extract.ts";
import { splitStories } from "../extract/split.ts";
import { ingestFiles } from "../ingest/ingest.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import {
  clearDatabase,
  cliEnv,
  connectTestDb,
  connectWithSeed,
  REPO_ROOT,
  runCli,
  snapshot,
} from "./support/database.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-extract-"));
const FIXTURES = join(REPO_ROOT, "tests", "fixtures", "extract");
const fixture = (name: string) => join(FIXTURES, name);
const gold = JSON.parse(readFileSync(join(REPO_ROOT, "data", "seed.json"), "utf8")) as GoldDataset & {
  format: string;
  version: number;
};
const articlesOf = (r: { article?: string; articles?: string[] }) =>
  r.articles ?? (r.article ? [r.article] : []);

async function extractCli(file: string, out: string): Promise<Draft> {
  const run = await runCli(["extract", file, "-o", out]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toMatch(
    /Read .*: 1 story\nLinking against \d+ known entities \(neo4j\)\n {2}\[1\/1\] /u,
  );
  return JSON.parse(readFileSync(out, "utf8")) as Draft;
}

async function articleText(db: GraphDb, id: string): Promise<string> {
  const { rows } = await db.read("MATCH (a:Article {id: $id}) RETURN a.text AS text", { id });
  return String(rows[0]?.text);
}

async function mentions(db: GraphDb, article: string): Promise<{ id: string; evidence: string[] }[]> {
  const { rows } = await db.read(
    "MATCH (:Article {id: $article})-[r:MENTIONS]->(n) RETURN n.id AS id, r.evidence AS evidence ORDER BY id",
    { article },
  );
  return rows.map((r) => ({ id: String(r.id), evidence: r.evidence as string[] }));
}

describe("each seed story against the graph of the other five (in Neo4j)", () => {
  let db: GraphDb;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => db?.close());

  const page = readFileSync(join(REPO_ROOT, "data", "seed-article.txt"), "utf8");
  const stories = splitStories(page);
  const totals = { right: 0, gold: 0 };
  const articles = gold.nodes.filter((n) => n.label === "Article").map((a) => [a.id, a] as const);

  it.each(articles)(
    "%s: links only what the others know, every mention and quote verbatim",
    async (id, article) => {
      await clearDatabase(db);
      const others = gold.relationships.filter((r) => !articlesOf(r).includes(id));
      const ids = new Set(others.flatMap((r) => [r.start, r.end]));
      const file = join(dir, `without-${id.replace(/\W/gu, "-")}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          format: gold.format,
          version: gold.version,
          nodes: gold.nodes.filter((n) => ids.has(n.id)),
          relationships: others,
        }),
      );
      await ingestFiles(db, [file]);
      const known = await knownFromDatabase(db, DEFAULT_SCHEMA);
      expect(known.map((k) => k.id).sort()).toEqual(
        knownWithout(gold, id)
          .map((k) => k.id)
          .sort(),
      );
      const story = stories.find((s) => s.text === article.text);
      expect(story, `the page's story "${String(article.title)}"`).toBeDefined();
      const { draft } = extractStories([story!], { known, articleId: id });
      const score = scoreArticle(gold, id, draft, known);
      // An exact link is never wrong.
      expect(score.links.tp, `${id}: wrong links`).toBe(score.links.predicted);
      expect(score.evidence.verbatim).toBe(score.evidence.total);
      totals.right += score.links.tp;
      totals.gold += score.links.gold;
      // Extracting proposes; it decides nothing.
      expect(draft.nodes.every((n) => n.review.kind === "article" || n.review.state === "proposed")).toBe(
        true,
      );
    },
    180_000,
  );

  it("links most of what the other stories know (recall over the six)", () => {
    expect(totals.gold).toBeGreaterThan(0);
    expect(totals.right / totals.gold).toBeGreaterThanOrEqual(0.8);
  });
});

describe("guanxi extract → review → guanxi ingest", () => {
  let db: GraphDb;
  let seeded: string;
  beforeAll(async () => {
    ({ db } = await connectWithSeed());
    seeded = await snapshot(db);
  });
  afterAll(async () => db?.close());

  it("refuses an unreviewed draft, naming each item with file, line and JSON path, and writes nothing", async () => {
    const out = join(dir, "traditional.draft.json");
    await extractCli(fixture("traditional.txt"), out);
    const run = await runCli(["ingest", out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /traditional\.draft\.json:\d+, record \d+, field "review\.state": nodes\[\d+\] \(Organisation 北京城建集團工會 \(org:[\w-]+\)\) is still proposed: accept, reject or merge it/u,
    );
    expect(run.stderr).toMatch(
      /relationships\[\d+\] \(org:[\w-]+ -PART_OF-> org:[\w-]+\) is still proposed/u,
    );
    expect(await snapshot(db)).toBe(seeded);
  });

  it("--accept linked writes the article, its exact links and their MENTIONS, quoting the original verbatim", async () => {
    const out = join(dir, "traditional.draft.json");
    const draft = JSON.parse(readFileSync(out, "utf8")) as Draft;
    const article = draft.nodes.find((n) => n.review.kind === "article")!;
    const run = await runCli(["ingest", "--accept", "linked", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Draft: +\d+ unreviewed items left out \(--accept linked\):\n {2}nodes\[\d+\] Organisation 北京城建集團工會/u,
    );
    const text = await articleText(db, article.id);
    expect(text).toContain("北京市總工會在朝陽區舉辦首屆職工籃球聯賽");
    const found = await mentions(db, article.id);
    expect(found.map((m) => m.id)).toEqual(["org:beijing-federation-of-trade-unions", "region:beijing"]);
    // Quoted from the headline or the text, in the original's traditional characters.
    for (const m of found)
      for (const e of m.evidence) expect(`${String(article.title)}\n${text}`).toContain(e);
    const { rows } = await db.read(
      "MATCH (n) WHERE n.name IN ['北京城建集團工會', '陳嘉欣'] RETURN count(n) AS n",
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("never links an ambiguous alias without review: 市总工会 in an article about Tianjin", async () => {
    const out = join(dir, "tianjin.draft.json");
    const draft = await extractCli(fixture("tianjin-shanghai.txt"), out);
    const bftu = draft.nodes.find((n) => n.id === "org:beijing-federation-of-trade-unions")!;
    expect(bftu.review).toMatchObject({ kind: "link", ambiguous: true, state: "proposed" });
    const run = await runCli(["ingest", "--accept", "linked", out]);
    expect(run.code, run.stderr).toBe(0);
    const article = draft.nodes.find((n) => n.review.kind === "article")!.id;
    expect((await mentions(db, article)).map((m) => m.id)).toEqual(["region:tianjin"]);
  });

  it("writes a hand-reviewed draft: accepted, rejected and a proposal merged into an existing node", async () => {
    const out = join(dir, "bphc.draft.json");
    const draft = await extractCli(fixture("bphc-followup.txt"), out);
    const union = draft.nodes.find((n) => n.name === "北京保障房中心有限公司工会")!;
    const company = draft.nodes.find((n) => n.name === "北京保障房中心有限公司")!;
    const reporter = draft.nodes.find((n) => n.name === "赵敏")!;
    expect([union, company, reporter].every((n) => n.review.kind === "new")).toBe(true);
    for (const n of draft.nodes) {
      if (n.review.kind === "link") n.review.state = n.review.ambiguous ? "rejected" : "accepted";
      if (n.review.kind !== "new") continue;
      n.review.state =
        n === union || n === reporter
          ? "accepted"
          : n === company
            ? "merged-into:org:beijing-public-housing-center"
            : "rejected";
    }
    for (const r of draft.relationships) {
      if (r.review.kind === "mention") continue; // MENTIONS follow their entity
      r.review.state =
        (r.type === "PART_OF" && r.start === union.id) || r.type === "REPORTED" ? "accepted" : "rejected";
    }
    const reviewed = join(dir, "bphc.reviewed.json");
    writeFileSync(reviewed, JSON.stringify(draft, null, 2));
    const run = await runCli(["ingest", reviewed]);
    expect(run.code, run.stderr).toBe(0);
    const article = draft.nodes.find((n) => n.review.kind === "article")!.id;
    const text = await articleText(db, article);
    const { rows } = await db.read(
      `MATCH (u:Organisation {id: $union})-[r:PART_OF]->(c:Organisation)
       RETURN c.id AS company, c.aliases AS aliases, r.evidence AS evidence`,
      { union: union.id },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.company).toBe("org:beijing-public-housing-center");
    expect(rows[0]!.aliases).toEqual(expect.arrayContaining(["保障房中心", "北京保障房中心有限公司"]));
    const title = String(draft.nodes.find((n) => n.review.kind === "article")!.title);
    for (const e of rows[0]!.evidence as string[]) expect(`${title}\n${text}`).toContain(e);
    const mentioned = (await mentions(db, article)).map((m) => m.id);
    expect(mentioned).toEqual(
      expect.arrayContaining(["org:beijing-public-housing-center", union.id, reporter.id]),
    );
    expect(mentioned).not.toContain(company.id);
    const gone = await db.read("MATCH (n) WHERE n.id = $id OR n.name = '丰台区' RETURN count(n) AS n", {
      id: company.id,
    });
    expect(gone.rows[0]!.n).toBe(0);
    // Found by search, with the evidence of its relationships.
    const app = buildServer({ db });
    try {
      const search = await injectJson<SearchResponse>(
        app,
        "GET",
        `/api/search?q=${encodeURIComponent("北京保障房中心有限公司工会")}`,
      );
      expect(search.body.hits[0]?.node.id).toBe(union.id);
    } finally {
      await app.close();
    }
  });

  it("reads an article from standard input with -", async () => {
    const out = join(dir, "stdin.draft.json");
    const text = readFileSync(join(REPO_ROOT, "tests", "fixtures", "extract", "tianjin-shanghai.txt"));
    const run = await runCli(["extract", "-", "-o", out], cliEnv(), text);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Read <stdin>/u);
    const draft = JSON.parse(readFileSync(out, "utf8")) as Draft;
    expect(draft.nodes.some((n) => n.review.kind === "article")).toBe(true);
  });

  it("refuses bad inputs, each with its message, and writes nothing", async () => {
    const before = await snapshot(db);
    const bad = (name: string, bytes: Uint8Array | string) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    const cases: [string[], RegExp][] = [
      [[bad("empty.txt", "")], /empty\.txt: the file is empty/u],
      [
        [bad("binary.txt", Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]))],
        /binary\.txt: holds (NUL bytes|control characters): this looks like a binary file, not an article/u,
      ],
      [[bad("huge.txt", "新".repeat(800_000))], /huge\.txt: is 2400000 bytes, over the 2097152-byte limit/u],
      [
        [
          bad(
            "latin1.txt",
            Uint8Array.from([0x55, 0x6e, 0x69, 0xf3, 0x6e, 0x20, 0x64, 0x65, 0x20, 0x74, 0x72, 0x61]),
          ),
        ],
        /latin1\.txt:.*is not UTF-8: byte 4 \(0xf3\).*--encoding latin1/u,
      ],
      [[join(dir, "missing.txt")], /missing\.txt: no such file/u],
      [[fixture("homonym.txt"), join(dir, "missing.txt")], /missing\.txt: no such file/u],
    ];
    for (const [files, message] of cases) {
      const out = join(dir, "never-written.json");
      const run = await runCli(["extract", ...files, "-o", out]);
      expect(run.code, files.join(" ")).toBe(3);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    const nowhere = await runCli([
      "extract",
      fixture("homonym.txt"),
      "-o",
      join(dir, "no-such-dir", "d.json"),
    ]);
    expect(nowhere.code).toBe(3);
    expect(nowhere.stderr).toMatch(/cannot write the draft: .*no-such-dir is not a directory/u);
    expect(await snapshot(db)).toBe(before);
  });
});

describe("the review screen's API", () => {
  let db: GraphDb;
  let readOnly: FastifyInstance;
  let local: FastifyInstance;
  beforeAll(async () => {
    ({ db } = await connectWithSeed());
    readOnly = buildServer({ db });
    local = buildServer({ db, allowDraftIngest: true });
  });
  afterAll(async () => {
    await readOnly?.close();
    await local?.close();
    await db?.close();
  });

  const homonym = () => readFileSync(fixture("homonym.txt"), "utf8");

  it("POST /api/extract turns text into a draft linked against the database", async () => {
    const res = await injectJson<ExtractResponse>(readOnly, "POST", "/api/extract", {
      text: homonym(),
      source: "pasted",
    });
    expect(res.status).toBe(200);
    expect(res.body.known).toBeGreaterThan(50);
    const person = res.body.draft.nodes.find((n) => n.id === "person:zhang-jing")!;
    expect(person.review).toMatchObject({ kind: "link", ambiguous: true });
    expect(res.body.draft.nodes[0]).toMatchObject({
      label: "Article",
      source: "pasted",
      title: "青年工程师张晶获评“杭州工匠”",
    });
  });

  it("takes JSON only, and refuses empty text with a message", async () => {
    const plain = await readOnly.inject({
      method: "POST",
      url: "/api/extract",
      headers: { "content-type": "text/plain" },
      payload: homonym(),
    });
    expect(plain.statusCode).toBe(415);
    expect((plain.json() as ApiErrorResponse).error.message).toBe(
      "Requests that change state must send JSON (Content-Type: application/json).",
    );
    const form = await local.inject({
      method: "POST",
      url: "/api/drafts/ingest",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "draft=x",
    });
    expect(form.statusCode).toBe(415);
    const empty = await injectJson<ApiErrorResponse>(readOnly, "POST", "/api/extract", { text: "。，！ \n" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/no letters or characters/u);
    const unknown = await injectJson<ApiErrorResponse>(readOnly, "POST", "/api/extract", {
      text: "x",
      html: true,
    });
    expect(unknown.body.error.message).toMatch(/unknown field 'html'/u);
  });

  it("POST /api/drafts/ingest is off unless the server runs for one local analyst, and then writes all or nothing", async () => {
    const { body } = await injectJson<ExtractResponse>(local, "POST", "/api/extract", {
      text: homonym(),
      articleId: "article:hangzhou-craftsman",
    });
    const before = await snapshot(db);
    const off = await injectJson<ApiErrorResponse>(readOnly, "POST", "/api/drafts/ingest", {
      draft: body.draft,
      accept: "linked",
    });
    expect(off.status).toBe(403);
    expect(off.body.error).toMatchObject({
      code: "ingest-disabled",
      message: expect.stringMatching(/guanxi serve --allow-ingest/u),
    });
    const status = await injectJson<{ ingest: boolean }>(readOnly, "GET", "/api/extract");
    expect(status.body.ingest).toBe(false);

    const unreviewed = await injectJson<ApiErrorResponse>(local, "POST", "/api/drafts/ingest", {
      draft: body.draft,
    });
    expect(unreviewed.status).toBe(422);
    expect(unreviewed.body.error.code).toBe("invalid-draft");
    expect(unreviewed.body.error.problems?.[0]).toMatchObject({
      field: "review.state",
      message: expect.stringMatching(/^nodes\[\d+\] .* is still proposed/u),
    });

    const badState = structuredClone(body.draft);
    badState.nodes[1]!.review.state = "maybe" as "proposed";
    const invalid = await injectJson<ApiErrorResponse>(local, "POST", "/api/drafts/ingest", {
      draft: badState,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/body\/draft\/nodes\/1\/review\/state must match pattern/u);
    expect(await snapshot(db)).toBe(before);

    const ok = await injectJson<DraftIngestResponse>(local, "POST", "/api/drafts/ingest", {
      draft: body.draft,
      accept: "linked",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.nodes.created).toBe(1); // the article; the ambiguous 张晶 and every proposal left out
    expect(ok.body.ids).toContain("article:hangzhou-craftsman");
    expect(ok.body.skipped.some((s) => s.includes("person:zhang-jing"))).toBe(true);
    expect(await mentions(db, "article:hangzhou-craftsman")).toEqual([]);
  });
});
