/** cypher/schema.cypher on the real Neo4j: it covers the model, migrates an outdated index, and pinyin search works. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { NEWS_LABELS as NODE_LABELS } from "../core/schema/news-schema.ts";
import { pinyinKeys } from "../core/pinyin.ts";
import { SEED_DATASET, ingestFiles } from "../ingest/ingest.ts";
import { applySchema } from "../ingest/write.ts";
import { clearDatabase, connectTestDb } from "./support/database.ts";

describe("pinyin keys", () => {
  it("gives every syllable suffix of each Chinese name, toneless", () => {
    expect(pinyinKeys(["通州区", "城市副中心", "Tongzhou"])).toEqual([
      "tongzhouqu",
      "zhouqu",
      "qu",
      "chengshifuzhongxin",
      "shifuzhongxin",
      "fuzhongxin",
      "zhongxin",
      "xin",
    ]);
    expect(pinyinKeys(["“通武廊”联盟"])[0]).toBe("tongwulanglianmeng");
    expect(pinyinKeys(["Beijing"])).toEqual([]);
  });
});

describe("the schema", () => {
  let db: GraphDb;
  beforeAll(async () => {
    db = await connectTestDb();
    await clearDatabase(db);
  });
  afterAll(async () => db?.close());

  it("has a uniqueness constraint on id for every label of the model", async () => {
    await applySchema(db, DEFAULT_SCHEMA);
    const { rows } = await db.read(
      "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props",
    );
    for (const label of NODE_LABELS) expect(rows).toContainEqual({ label, props: ["id"] });
  });

  it("replaces a full-text index that covers other properties", async () => {
    await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
    await db.runAutoCommit("CREATE FULLTEXT INDEX entity_names FOR (n:Organisation) ON EACH [n.name]");
    await applySchema(db, DEFAULT_SCHEMA);
    const { rows } = await db.read(
      "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state WHERE name = 'entity_names' RETURN *",
    );
    expect(rows).toEqual([
      {
        name: "entity_names",
        labelsOrTypes: [...NODE_LABELS],
        properties: ["name", "nameEn", "aliases", "pinyin"],
        state: "ONLINE",
      },
    ]);
  });

  it("finds names by pinyin, from the start or from any syllable", async () => {
    await ingestFiles(db, [SEED_DATASET]);
    const search = async (q: string) =>
      (
        await db.read(
          "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.name AS name",
          { q },
        )
      ).rows.map((r) => r.name);
    expect(await search("tongwulang*")).toContain("“通武廊”劳模和工匠人才创新工作室联盟");
    expect(await search("tongzhou*")).toContain("通州区");
    expect(await search("gongjiangxueyuan*")).toContain("昌平劳模工匠学院");
  });

  it("refuses pinyin in the input: it is computed at ingest", async () => {
    const { validateRecords } = await import("../ingest/validate.ts");
    const { problems } = await validateRecords([
      {
        kind: "node",
        location: { file: "x.json", line: 3, record: 1 },
        fields: {
          label: "Region",
          id: "region:x",
          name: "某区",
          nameEn: "X",
          level: "district",
          pinyin: ["mouqu"],
        },
      },
    ]);
    expect(problems).toEqual([
      {
        file: "x.json",
        line: 3,
        record: 1,
        field: "pinyin",
        message: "is computed by Guanxi at ingest: remove it from the input",
      },
    ]);
  });
});
