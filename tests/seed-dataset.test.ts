/**
 * The curated seed data set: faithful to the article (every quote verbatim), valid against the model
 * and its published JSON Schema, and — ingested into the real Neo4j — the network the article states.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanArticleText } from "../core/article-text.ts";
import { datasetJsonSchemaText } from "../core/dataset-schema.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { SEED_DATASET } from "../ingest/ingest.ts";
import { readJsonDataset } from "../ingest/read-json.ts";
import { validateRecords } from "../ingest/validate.ts";
import { REPO_ROOT, connectWithSeed, type CliResult } from "./support/database.ts";

const seedText = readFileSync(SEED_DATASET, "utf8");
const seed = JSON.parse(seedText) as {
  nodes: Record<string, unknown>[];
  relationships: { type: string; start: string; end: string; evidence: string[]; article: string }[];
};
const article = cleanArticleText(readFileSync(join(REPO_ROOT, "data", "seed-article.txt"), "utf8"));

describe("the seed data set, as a file", () => {
  it("quotes every piece of evidence verbatim from the article", () => {
    const quotes = seed.relationships.flatMap((r) => r.evidence);
    expect(quotes.length).toBeGreaterThan(100);
    const notInArticle = quotes.filter((q) => !article.includes(q));
    expect(notInArticle).toEqual([]);
  });

  it("quotes each relationship's evidence from the story it names as its article", () => {
    const stories = seed.nodes.filter((n) => n.label === "Article");
    expect(stories).toHaveLength(6);
    for (const story of stories)
      expect(article.replace(/\n/g, "")).toContain(String(story.text).replace(/\n/g, ""));
    // A quote comes from the story's headline or its text.
    const quotable = new Map(stories.map((n) => [n.id, `${String(n.title)}\n${String(n.text)}`]));
    const misplaced = seed.relationships.filter((r) =>
      r.evidence.some((q) => !quotable.get(r.article)?.includes(q)),
    );
    expect(misplaced).toEqual([]);
  });

  it("validates against the model with no problems", async () => {
    const { problems } = await validateRecords(readJsonDataset("seed.json", seedText).records);
    expect(problems).toEqual([]);
  });

  it("validates against the published JSON Schema, which is current with the model", () => {
    const published = readFileSync(join(REPO_ROOT, "schema", "guanxi-dataset.schema.json"), "utf8");
    expect(published).toBe(datasetJsonSchemaText()); // run `npm run schema` after changing core/model.ts
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(
      JSON.parse(readFileSync(join(REPO_ROOT, "schema", "guanxi-schema.schema.json"), "utf8")) as object,
    );
    const validate = ajv.compile(JSON.parse(published) as object);
    expect(validate(seed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const broken = structuredClone(seed);
    broken.relationships[0]!.evidence = [];
    expect(validate(broken)).toBe(false);
  });
});

describe("the seed data set, ingested into Neo4j", () => {
  let db: GraphDb;

  beforeAll(async () => {
    let run: CliResult;
    ({ db, ingest: run } = await connectWithSeed());
    // Not a terminal: progress comes as plain lines on stderr, ending at 100 %.
    expect(run.stderr).toMatch(/^242\/242 rows \(100%, [\d,]+\/s\)$/m);
    expect(run.stdout).toMatch(new RegExp(`Nodes: +${seed.nodes.length} created, 0 updated, 0 unchanged`));
  });
  afterAll(async () => db?.close());

  const names = async (cypher: string, params = {}) =>
    (await db.read(cypher, params)).rows.map((r) => String(r.name)).sort();

  it("holds every node and relationship of the file", async () => {
    const { rows } = await db.read(
      "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships",
    );
    expect(rows[0]).toEqual({ nodes: seed.nodes.length, relationships: seed.relationships.length });
  });

  it("has the 通武廊 alliance spanning 通州区, 武清区 and 廊坊市", async () => {
    const spanned = await names(
      "MATCH (a:Alliance)-[:SPANS]->(r:Region) WHERE a.name CONTAINS '通武廊' RETURN r.name AS name",
    );
    expect(spanned).toEqual(["廊坊市", "武清区", "通州区"].sort());
    const parents = await names(
      "MATCH (:Alliance)-[:SPANS]->(r:Region)-[:PART_OF]->(p:Region) RETURN p.name + '>' + r.name AS name",
    );
    expect(parents).toEqual(["北京市>通州区", "天津市>武清区", "河北省>廊坊市"]);
  });

  it("has the ten 2024 首都工匠学院 designated by 北京市总工会", async () => {
    const colleges = await names(
      `MATCH (:Organisation {name: '北京市总工会'})-[d:DESIGNATED]->(c:Organisation)
       WHERE d.year = 2024 AND d.title = '首都工匠学院' RETURN c.name AS name`,
    );
    expect(colleges).toHaveLength(10);
    expect(colleges).toEqual(
      expect.arrayContaining([
        "北京工业职业技术学院",
        "昌平劳模工匠学院",
        "北京市大兴区第一职业学校",
        "北京联通黄村培训基地",
      ]),
    );
  });

  it("links each reporter to the story they wrote", async () => {
    const bylines = await names(
      "MATCH (p:Person)-[:REPORTED]->(a:Article) RETURN p.name + ':' + a.title AS name",
    );
    expect(bylines).toEqual(
      [
        "张晶:本市今年新增10家首都工匠学院",
        "周美玉:市交通运输工会暖“新”行动呵护职工身心健康",
        "宗晓畅:通州区9家区级职工创新工作室揭牌",
        "马超:徒步活动收获快乐",
        "盛丽:北京保障房中心工会举办单身职工联谊会",
      ].sort(),
    );
  });

  it("gives every relationship evidence quoted verbatim from the article it names", async () => {
    const { rows } = await db.read(
      `MATCH ()-[r]->()
       RETURN r.evidence AS evidence, r.articles AS articles,
              [id IN r.articles | COLLECT { MATCH (a:Article {id: id}) RETURN a.title + '\n' + a.text }[0]] AS texts`,
    );
    expect(rows).toHaveLength(seed.relationships.length);
    for (const row of rows) {
      const evidence = row.evidence as string[];
      const texts = row.texts as string[];
      expect(evidence.length).toBeGreaterThan(0);
      expect((row.articles as string[]).length).toBe(evidence.length);
      evidence.forEach((quote, i) => {
        expect(article).toContain(quote);
        expect(String(texts[i])).toContain(quote);
      });
    }
  });

  it("has every Article mention each entity its relationships draw on", async () => {
    const { rows } = await db.read(
      `MATCH (x)-[r]->(y) WHERE type(r) <> 'MENTIONS' AND NOT x:Article AND NOT y:Article
       MATCH (a:Article) WHERE a.id IN r.articles
         AND (NOT (a)-[:MENTIONS]->(x) OR NOT (a)-[:MENTIONS]->(y))
       RETURN a.id + ' ' + type(r) + ' ' + x.id + ' ' + y.id AS name`,
    );
    expect(rows).toEqual([]);
  });

  it("stores typed properties: integers as integers, names in Chinese with English beside", async () => {
    const { rows } = await db.read(
      `MATCH (a:Alliance) RETURN a.foundedYear AS year, valueType(a.foundedYear) AS type, a.nameEn AS en, a.aliases AS aliases`,
    );
    expect(rows[0]).toMatchObject({ year: 2023, type: "INTEGER NOT NULL" });
    expect(String(rows[0]!.en)).toMatch(/Alliance/);
    expect(rows[0]!.aliases).toContain("通武廊");
  });

  it("finds Chinese substrings, English names and aliases through the full-text index", async () => {
    const search = (q: string) =>
      names("CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.name AS name", {
        q,
      });
    expect(await search("通武廊")).toContain("“通武廊”劳模和工匠人才创新工作室联盟");
    expect(await search("Tongzhou")).toContain("通州区");
    expect(await search("城市副中心")).toContain("通州区"); // an alias
    expect(await search("市总工会")).toContain("北京市总工会");
  });
});
