/**
 * Provenance accumulates, never overwrites: a fact re-stated by another article keeps both supports (each
 * sentence with its article), in Neo4j, the inspector and the exports; re-ingesting a support changes nothing;
 * data in the older layout (one `article` for all the evidence) is migrated.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NodeDetailsResponse } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, keyOf } from "./support/api.ts";
import { connectWithSeed, runCli } from "./support/database.ts";

const SEED_QUOTE_PART = "“通武廊”劳模和工匠人才创新工作室联盟成立";
const SECOND_QUOTE = "三地工会商定，联盟今年在通州区举办首届职工技能交流周。";

const secondArticle = {
  format: "guanxi-dataset",
  version: 1,
  nodes: [
    {
      label: "Article",
      id: "article:test-second-story",
      name: "通武廊联盟举办技能交流周",
      title: "通武廊联盟举办技能交流周",
      text: `据悉，${SECOND_QUOTE}`,
    },
  ],
  relationships: [
    {
      type: "SPANS",
      start: "alliance:tongwulang",
      end: "region:tongzhou",
      evidence: [SECOND_QUOTE],
      article: "article:test-second-story",
    },
  ],
};

async function spans(db: GraphDb) {
  const { rows } = await db.read(
    `MATCH (:Alliance {id: 'alliance:tongwulang'})-[r:SPANS]->(:Region {id: 'region:tongzhou'})
     RETURN r.evidence AS evidence, r.articles AS articles, r.article AS article, count(*) AS n`,
  );
  return rows;
}

describe("provenance", () => {
  let db: GraphDb;
  const dir = mkdtempSync(join(tmpdir(), "guanxi-provenance-"));
  const file = join(dir, "second.json");

  beforeAll(async () => {
    ({ db } = await connectWithSeed());
    writeFileSync(file, JSON.stringify(secondArticle, null, 2));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the seed's support and adds the second article's beside it", async () => {
    const before = await spans(db);
    expect(before).toHaveLength(1);
    expect((before[0]!.evidence as string[])[0]).toContain(SEED_QUOTE_PART);
    expect(before[0]!.articles).toEqual(
      (before[0]!.evidence as string[]).map(() => "article:tongzhou-innovation-studios"),
    );

    const result = await runCli(["ingest", file]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Relationships: +0 created, 1 updated, 0 unchanged/);
    const after = await spans(db);
    expect(after).toHaveLength(1); // one fact, not two relationships
    expect(after[0]!.evidence).toEqual([...(before[0]!.evidence as string[]), SECOND_QUOTE]);
    expect(after[0]!.articles).toEqual([...(before[0]!.articles as string[]), "article:test-second-story"]);
  });

  it("changes nothing when the same support is ingested again, or the seed once more", async () => {
    const again = await runCli(["ingest", file]);
    expect(again.stdout).toMatch(/Nothing changed/);
    const seed = await runCli(["ingest"]);
    expect(seed.stdout).toMatch(/Nothing changed/);
    expect((await spans(db))[0]!.evidence as string[]).toHaveLength(3); // the seed's two, the second's one
  });

  it("shows both supports in the inspector, each with its article", async () => {
    const app = buildServer({ db });
    try {
      const key = await keyOf(db, "alliance:tongwulang");
      const { body } = await injectJson<NodeDetailsResponse>(
        app,
        "GET",
        `/api/nodes/${encodeURIComponent(key)}`,
      );
      const fact = body.evidence.find((e) => e.edge.type === "SPANS" && e.other.id === "region:tongzhou")!;
      expect(fact.supports.map((s) => s.article?.title)).toEqual([
        "通州区9家区级职工创新工作室揭牌",
        "通州区9家区级职工创新工作室揭牌",
        "通武廊联盟举办技能交流周",
      ]);
      expect(fact.supports[0]!.quote).toContain(SEED_QUOTE_PART);
      expect(fact.supports[2]!.quote).toBe(SECOND_QUOTE);
    } finally {
      await app.close();
    }
  });

  it("is carried by the exports: GraphML lists both articles", async () => {
    const out = join(dir, "spans.graphml");
    const exported = await runCli([
      "export",
      "--query",
      "MATCH p = (:Alliance {id: 'alliance:tongwulang'})-[:SPANS]->(:Region {id: 'region:tongzhou'}) RETURN p",
      "--format",
      "graphml",
      "-o",
      out,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("article:test-second-story");
    expect(text).toContain("article:tongzhou-innovation-studios");
    expect(text).toContain(SECOND_QUOTE);
  });

  it("migrates relationships in the older layout (one article for all the evidence) at the next ingest", async () => {
    await db.runAutoCommit(
      `MATCH (:Alliance {id: 'alliance:tongwulang'})-[r:SPANS]->(:Region {id: 'region:tongzhou'})
       SET r.evidence = ['旧的一句。', '旧的两句。'], r.article = 'article:tongzhou-innovation-studios'
       REMOVE r.articles`,
    );
    const result = await runCli(["ingest", file]);
    expect(result.code, result.stderr).toBe(0);
    const [row] = await spans(db);
    expect(row!.article).toBeNull();
    expect(row!.evidence).toEqual(["旧的一句。", "旧的两句。", SECOND_QUOTE]);
    expect(row!.articles).toEqual([
      "article:tongzhou-innovation-studios",
      "article:tongzhou-innovation-studios",
      "article:test-second-story",
    ]);
  });

  it("merges two records of one fact in one input, and refuses two that disagree on a property", async () => {
    const twice = {
      ...secondArticle,
      relationships: [
        { ...secondArticle.relationships[0]!, evidence: [SECOND_QUOTE] },
        {
          type: "SPANS",
          start: "alliance:tongwulang",
          end: "region:tongzhou",
          articles: ["article:tongzhou-innovation-studios"],
          evidence: ["另一句。"],
        },
      ],
    };
    const both = join(dir, "twice.json");
    writeFileSync(both, JSON.stringify(twice, null, 2));
    expect((await runCli(["ingest", both])).code).toBe(0);
    expect((await spans(db))[0]!.evidence).toContain("另一句。");

    const conflict = {
      ...secondArticle,
      relationships: [
        {
          type: "DESIGNATED",
          start: "org:linyi-federation-of-trade-unions",
          end: "org:linyi-transport-authority",
          year: 2024,
          evidence: ["甲。"],
          article: "article:test-second-story",
        },
        {
          type: "DESIGNATED",
          start: "org:linyi-federation-of-trade-unions",
          end: "org:linyi-transport-authority",
          year: 2025,
          evidence: ["乙。"],
          article: "article:test-second-story",
        },
      ],
    };
    const bad = join(dir, "conflict.json");
    writeFileSync(bad, JSON.stringify(conflict, null, 2));
    const refused = await runCli(["ingest", bad]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /duplicate relationship .*DESIGNATED.* with different properties .*evidence of one fact may differ/,
    );
  });
});
