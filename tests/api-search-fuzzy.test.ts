/**
 * Search that forgives, through the API on the real Neo4j: typos in pinyin and Latin names find the
 * right node, ranked below exact hits; a single pinyin syllable does not flood the list. On the seed,
 * on a fixture of Latin names, homonyms and pinyin-only names (tests/fixtures/search/), and without
 * the full-text index (the bounded scan).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchResponse } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, seededApi } from "./support/api.ts";
import { REPO_ROOT, runCli } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;
let close: () => Promise<void>;

async function search(q: string, limit = 12): Promise<SearchResponse> {
  const { status, body } = await injectJson<SearchResponse>(
    app,
    "GET",
    `/api/search?q=${encodeURIComponent(q)}&limit=${limit}`,
  );
  expect(status, q).toBe(200);
  return body;
}
const ids = async (q: string, limit?: number) => (await search(q, limit)).hits.map((h) => h.node.id);

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
  const ingest = await runCli(["ingest", `${REPO_ROOT}/tests/fixtures/search/latin-names.json`]);
  if (ingest.code !== 0) throw new Error(ingest.stderr);
}, 120_000);

afterAll(() => close?.());

describe("search forgives typos (full-text index)", () => {
  it.each([
    ["tongzou", "region:tongzhou"],
    ["beijng", "region:beijing"],
    ["biejing", "region:beijing"],
    ["tongwulagn", "alliance:tongwulang"],
  ])("%s finds %s first on the seed", async (q, id) => {
    expect((await ids(q))[0]).toBe(id);
  });

  it.each([
    ["rotterdma", "region:rotterdam"],
    ["marsielle", "region:marseille"],
    ["schroder", "person:schroeder"],
    ["xizhimenwia", "region:xizhimenwai"], // pinyin only: no English name to lean on
    ["zhimenwia", "region:xizhimenwai"], // a later syllable
  ])("%s finds %s first on the Latin-name fixture", async (q, id) => {
    expect((await ids(q))[0]).toBe(id);
  });

  it("ranks exact hits above fuzzy ones", async () => {
    const hits = await ids("rotterdam");
    expect(hits.slice(0, 2).sort()).toEqual(["org:port-of-rotterdam", "region:rotterdam"]);
    expect((await ids("beijing"))[0]).toBe("region:beijing");
    // Both homonyms, by the name they share.
    expect((await ids("cambrigde")).slice(0, 2).sort()).toEqual([
      "region:cambridge-ma",
      "region:cambridge-uk",
    ]);
  });

  it.each([
    "a".repeat(32),
    "beijingshizonggonghuitongzhouqu",
    "x".repeat(200),
    "tongzou beijng rotterdma marsielle",
  ])("long and many fuzzy words never fail: %s", async (q) => {
    expect(Array.isArray((await search(q)).hits)).toBe(true);
  });

  it("a word that is close to nothing finds nothing", async () => {
    expect(await ids("qwertyuiop")).toEqual([]);
  });

  it("a single pinyin syllable: names that begin with it first, a few that have it later", async () => {
    const names = (await search("tong", 20)).hits.map((h) => h.node.name);
    const later = ["大同煤矿集团", "系统工程研究所", "胡同文化俱乐部", "民通银行", "共同发展基金会"];
    const laterShown = names.filter((n) => later.includes(n));
    expect(laterShown.length, names.join(" ")).toBeLessThanOrEqual(3);
    const firstLater = Math.min(...laterShown.map((n) => names.indexOf(n)));
    for (const first of ["同仁医院", "同济大学", "通化钢铁集团", "通州区"]) {
      expect(names.indexOf(first), `${first} in ${names.join(" ")}`).toBeGreaterThanOrEqual(0);
      expect(names.indexOf(first), `${first} in ${names.join(" ")}`).toBeLessThan(firstLater);
    }
    expect((await search("bei")).hits[0]?.node.name).toMatch(/^北/);
  });
});

describe("search forgives typos without the full-text index (bounded scan)", () => {
  let scanApp: FastifyInstance;
  beforeAll(async () => {
    await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
    scanApp = buildServer({ db });
  });
  afterAll(async () => {
    await scanApp?.close();
    const index = await runCli(["index"]);
    if (index.code !== 0) throw new Error(index.stderr);
  });

  const scan = async (q: string) => {
    const { status, body } = await injectJson<SearchResponse>(
      scanApp,
      "GET",
      `/api/search?q=${encodeURIComponent(q)}`,
    );
    expect(status).toBe(200);
    expect(body.mode).toBe("scan");
    return body.hits.map((h) => h.node.id);
  };

  it("finds Latin names with a typo, exact hits first, and not what merely shares a piece", async () => {
    expect((await scan("rotterdma"))[0]).toBe("region:rotterdam");
    expect(await scan("marsielle")).toEqual(
      expect.arrayContaining(["region:marseille", "org:port-of-marseille"]),
    );
    expect((await scan("Beijng"))[0]).toBe("region:beijing");
    const exact = await scan("Rotterdam");
    expect(exact.slice(0, 2).sort()).toEqual(["org:port-of-rotterdam", "region:rotterdam"]);
    expect(await scan("qwertyuiop")).toEqual([]);
  });
});
