/**
 * Saved queries (cypher/queries/*.cypher) and GET /api/queries, on the real Neo4j with the seed: every
 * file parses, runs read-only through POST /api/query with its defaults, and returns the facts of the
 * seed data set (read from data/seed.json, not written down here). Bad headers name file and line.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryResponse, SavedQueriesResponse, SavedQuery } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { parameterNames } from "../core/cypher-params.ts";
import { SAVED_QUERIES_DIR, SavedQueryError, parseSavedQuery } from "../core/node/saved-queries.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, seededApi } from "./support/api.ts";
import { REPO_ROOT, snapshot } from "./support/database.ts";

interface SeedNode {
  id: string;
  name: string;
  label: string;
  aliases?: string[];
}
interface SeedRel {
  type: string;
  start: string;
  end: string;
  evidence: string[];
  year?: number;
  title?: string;
  role?: string;
}
const seed = JSON.parse(readFileSync(join(REPO_ROOT, "data", "seed.json"), "utf8")) as {
  nodes: SeedNode[];
  relationships: SeedRel[];
};
const byId = new Map(seed.nodes.map((n) => [n.id, n]));
const nameOf = (id: string) => byId.get(id)!.name;
const rels = (type: string) => seed.relationships.filter((r) => r.type === type);

let db: GraphDb;
let app: FastifyInstance;
let close: () => Promise<void>;
let saved: SavedQuery[];

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
  const { status, body } = await injectJson<SavedQueriesResponse>(app, "GET", "/api/queries");
  expect(status).toBe(200);
  saved = body.queries;
});
afterAll(async () => close?.());

/** Runs saved query `name` through POST /api/query, with its defaults overridden by `params`. */
async function run(name: string, params: Record<string, unknown> = {}): Promise<QueryResponse> {
  const query = saved.find((q) => q.name === name);
  if (!query) throw new Error(`no saved query ${name}`);
  const defaults = Object.fromEntries(query.params.map((p) => [p.name, p.default]));
  const { status, body } = await injectJson<QueryResponse>(app, "POST", "/api/query", {
    cypher: query.cypher,
    params: { ...defaults, ...params },
  });
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.queryType).toBe("r");
  return body;
}

describe("GET /api/queries", () => {
  it("serves every file of cypher/queries, parsed, with no problems", async () => {
    const { body } = await injectJson<SavedQueriesResponse>(app, "GET", "/api/queries");
    const files = readdirSync(SAVED_QUERIES_DIR).filter((f) => f.endsWith(".cypher"));
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(body.problems).toEqual([]);
    expect(body.queries.map((q) => `${q.name}.cypher`).sort()).toEqual(files.sort());
    for (const q of body.queries) {
      expect(q.title.length).toBeGreaterThan(0);
      expect(q.cypher).not.toMatch(/^\/\//);
      expect(parameterNames(q.cypher).sort()).toEqual(q.params.map((p) => p.name).sort());
      // On the seed every query has what it needs; each label or type it names appears in its Cypher.
      expect(q.missing).toBeUndefined();
      for (const name of q.needs ?? []) expect(q.cypher).toContain(`:${name}`);
    }
  });

  it("lists a bad file as a problem naming file and line, and still serves the good ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guanxi-queries-"));
    try {
      writeFileSync(join(dir, "good.cypher"), "// title: Good\nRETURN 1 AS one\n");
      writeFileSync(join(dir, "bad.cypher"), "// title: Bad\n// param: n = not json\nRETURN $n\n");
      const server = buildServer({ db, savedQueriesDir: dir });
      try {
        const { status, body } = await injectJson<SavedQueriesResponse>(server, "GET", "/api/queries");
        expect(status).toBe(200);
        expect(body.queries.map((q) => q.name)).toEqual(["good"]);
        expect(body.problems).toEqual([
          {
            file: `${dir}/bad.cypher`,
            line: 2,
            message: expect.stringMatching(/default of "n" is not JSON/),
          },
        ]);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the saved queries on the seed", () => {
  it("every one runs read-only with its defaults and changes nothing", async () => {
    const before = await snapshot(db);
    for (const q of saved) {
      const body = await run(q.name);
      expect(body.rows.length, q.name).toBeGreaterThan(0);
      expect(body.subgraph.nodes.length, q.name).toBeGreaterThan(0);
    }
    expect(await snapshot(db)).toBe(before);
  });

  it("the alliance spans 通州区, 武清区 and 廊坊市, each within its province or municipality", async () => {
    const body = await run("alliance-spans");
    const expected = rels("SPANS").filter((r) => r.start === "alliance:tongwulang");
    expect(body.rows.map((r) => r.region).sort()).toEqual(expected.map((r) => nameOf(r.end)).sort());
    expect(body.rows.map((r) => r.region).sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    const parentOf = (id: string) => nameOf(rels("PART_OF").find((r) => r.start === id)!.end);
    for (const r of expected)
      expect(body.rows.find((row) => row.region === nameOf(r.end))!.within).toBe(parentOf(r.end));
    // Found by any of its names, and by id.
    expect((await run("alliance-spans", { alliance: "alliance:tongwulang" })).rows).toHaveLength(3);
    expect((await run("alliance-spans", { alliance: "nothing" })).rows).toHaveLength(0);
  });

  it("says who reported which story", async () => {
    const body = await run("reporters");
    const expected = rels("REPORTED").map((r) => `${nameOf(r.start)} ${r.role} ${nameOf(r.end)}`);
    expect(body.rows.map((r) => `${r.reporter} ${r.role} ${r.story}`).sort()).toEqual(expected.sort());
    expect(body.rows.some((r) => r.reporter === "马超" && r.role === "photographer")).toBe(true);
  });

  it("lists the organisations of a region and of its districts", async () => {
    const inside = (region: string) =>
      new Set([
        region,
        ...rels("PART_OF")
          .filter((r) => r.end === region)
          .map((r) => r.start),
      ]);
    const located = (region: string) =>
      rels("LOCATED_IN")
        .filter((r) => byId.get(r.start)!.label === "Organisation" && inside(region).has(r.end))
        .map((r) => nameOf(r.start))
        .sort();
    const beijing = await run("organisations-by-region");
    expect(beijing.rows.map((r) => r.organisation).sort()).toEqual(located("region:beijing"));
    expect(beijing.rows.map((r) => r.organisation)).toContain("通州区总工会"); // through 通州区 PART_OF 北京市
    const linyi = await run("organisations-by-region", { region: "临沂" });
    expect(linyi.rows.map((r) => r.organisation).sort()).toEqual(located("region:linyi"));
  });

  it("finds the ten colleges designated 首都工匠学院 in 2024", async () => {
    const body = await run("colleges-2024");
    const expected = rels("DESIGNATED")
      .filter((r) => r.year === 2024 && r.title === "首都工匠学院")
      .map((r) => nameOf(r.end));
    expect(expected).toHaveLength(10);
    expect(body.rows.map((r) => r.college).sort()).toEqual(expected.sort());
    expect(new Set(body.rows.map((r) => r.designatedBy))).toEqual(new Set(["北京市总工会"]));
    expect(body.rows.find((r) => r.college === "北京市大兴区第一职业学校")!.region).toBe("大兴区");
    expect((await run("colleges-2024", { year: 2023 })).rows).toHaveLength(0);
  });

  it("quotes all the evidence behind one relationship, with its article", async () => {
    const body = await run("evidence");
    const ends = new Set(["alliance:tongwulang", "region:tongzhou"]);
    const between = seed.relationships.filter((r) => ends.has(r.start) && ends.has(r.end));
    expect(between.map((r) => r.type)).toContain("SPANS");
    expect(body.rows.map((r) => r.quote).sort()).toEqual(between.flatMap((r) => r.evidence).sort());
    expect(new Set(body.rows.map((r) => r.relationship))).toEqual(new Set(between.map((r) => r.type)));
    expect(new Set(body.rows.map((r) => r.article))).toEqual(new Set(["通州区9家区级职工创新工作室揭牌"]));
    expect(body.subgraph.edges).toHaveLength(between.length);
  });

  it("finds the shortest path between two organisations, as short as the seed allows", async () => {
    const body = await run("shortest-path");
    const skip = new Set(["MENTIONS", "REPORTED", "REPUBLISHED_FROM"]);
    const from = "org:langfang-model-worker-craftsman-innovation-studios";
    const to = "org:beijing-federation-of-trade-unions";
    // Breadth-first search over the seed itself.
    const distance = new Map([[from, 0]]);
    for (const queue = [from]; queue.length;) {
      const at = queue.shift()!;
      for (const r of seed.relationships) {
        if (skip.has(r.type)) continue;
        const next = r.start === at ? r.end : r.end === at ? r.start : null;
        if (next && !distance.has(next)) {
          distance.set(next, distance.get(at)! + 1);
          queue.push(next);
        }
      }
    }
    expect(body.rows).toHaveLength(1);
    const row = body.rows[0]!;
    expect(row.steps).toBe(distance.get(to));
    const route = row.route as string[];
    expect(route[0]).toBe(nameOf(from));
    expect(route[route.length - 1]).toBe(nameOf(to));
    const idOf = (name: string) => seed.nodes.find((n) => n.name === name)!.id;
    for (let i = 1; i < route.length; i++) {
      const [a, b] = [idOf(route[i - 1]!), idOf(route[i]!)];
      const linked = seed.relationships.some(
        (r) => !skip.has(r.type) && ((r.start === a && r.end === b) || (r.start === b && r.end === a)),
      );
      expect(linked, `${route[i - 1]} – ${route[i]}`).toBe(true);
    }
    expect(body.subgraph.edges).toHaveLength(distance.get(to)!);
  });
});

describe("saved query headers", () => {
  const parse = (text: string) => parseSavedQuery("cypher/queries/x.cypher", text);
  const error = (text: string): string => {
    try {
      parse(text);
    } catch (e) {
      expect(e).toBeInstanceOf(SavedQueryError);
      return (e as Error).message;
    }
    throw new Error("parsed a bad file");
  };

  it("reads title, description lines, parameters with JSON defaults, and the statement", () => {
    const q = parse(
      '// title: T\n// description: one\n// description: two\n// param: name = "通武廊"\n// param: n = 3\n\nMATCH (a {name: $name}) RETURN a LIMIT $n;\n',
    );
    expect(q).toEqual({
      name: "x",
      title: "T",
      description: "one two",
      params: [
        { name: "name", default: "通武廊" },
        { name: "n", default: 3 },
      ],
      cypher: "MATCH (a {name: $name}) RETURN a LIMIT $n",
    });
  });

  it.each([
    ["RETURN 1", "cypher/queries/x.cypher:1: no title"],
    ["// titel: T\nRETURN 1", 'cypher/queries/x.cypher:1: expected a header line "// title: …"'],
    ["// title: T\n// title: U\nRETURN 1", "cypher/queries/x.cypher:2: a second title"],
    [
      "// title: T\n\n// param: n = 2x\nRETURN $n",
      'cypher/queries/x.cypher:3: the default of "n" is not JSON',
    ],
    ["// title: T\n// param: n\nRETURN $n", 'cypher/queries/x.cypher:2: expected "// param: name = value"'],
    ["// title: T\nRETURN $n", "cypher/queries/x.cypher:2: the statement uses $n"],
    ["// title: T\n// param: m = 1\nRETURN 1", 'cypher/queries/x.cypher:1: parameter "m" is declared but'],
    ["// title: T\n", "cypher/queries/x.cypher:3: no Cypher statement"],
  ])("refuses %j with a message naming file and line", (text, message) => {
    expect(error(text)).toContain(message);
  });

  it("does not take $ in strings and comments for parameters", () => {
    expect(parameterNames("RETURN '$a', \"$b\" // $c\n, $d /* $e */, $d")).toEqual(["d"]);
  });
});
