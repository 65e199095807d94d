/**
 * `guanxi export` against the real Neo4j with the seed (plus one node whose name is hostile markup) and
 * round trips through the tools analysts open the files in: graphology-gexf and networkx for GEXF,
 * xmllint, networkx, igraph and graphology-graphml for GraphML, ajv + graphology for JSON, and back into
 * Neo4j for CSV (`guanxi ingest`) and the Cypher script (`guanxi run-script`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { MultiDirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import type { GraphExportEnvelope } from "../core/model.ts";
import { ingestFiles } from "../ingest/ingest.ts";
import { clearDatabase, connectWithSeed, REPO_ROOT, runCli, snapshot } from "./support/database.ts";
import { NETWORKX_GEXF_13, python, xmllint } from "./support/export-readers.ts";

/** Markup, both quotes, an ampersand, a line break, a control character and Chinese. */
const HOSTILE = `<img src=x onerror=alert(1)> "引号" & 'apos' \n第二行\u0007end`;
/** What XML formats can hold of it: XML 1.0 has no place for U+0007. */
const HOSTILE_XML = HOSTILE.replace("\u0007", "");
const WHOLE_GRAPH = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r";

let db: GraphDb;
let dir: string;
let seedSnapshot: string;
let counts: { nodes: number; relationships: number };

async function exportTo(format: string, name: string, ...extra: string[]): Promise<string> {
  const path = join(dir, name);
  const run = await runCli(["export", "--query", WHOLE_GRAPH, "--format", format, "-o", path, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`Exported ${counts.nodes} nodes and ${counts.relationships} relationships`);
  return path;
}

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  dir = mkdtempSync(join(tmpdir(), "guanxi-export-test-"));
  const hostile = join(dir, "hostile.json");
  writeFileSync(
    hostile,
    JSON.stringify({
      format: "guanxi-dataset",
      version: 1,
      nodes: [
        {
          label: "Organisation",
          id: "org:hostile",
          name: HOSTILE,
          nameEn: `Hostile & <b>"bold"</b>`,
          kind: "other",
          aliases: ["别名, with comma", 'say "hi"'],
          count: 3,
        },
      ],
      relationships: [
        {
          type: "COOPERATES_WITH",
          start: "org:hostile",
          end: "org:beijing-federation-of-trade-unions",
          evidence: [HOSTILE, "第二句，有逗号, and a comma"],
          article: "article:capital-craftsman-colleges-2024",
        },
      ],
    }),
  );
  await ingestFiles(db, [hostile]);
  seedSnapshot = await snapshot(db);
  const totals = await db.read("MATCH (n) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships");
  counts = { nodes: Number(totals.rows[0]!.nodes), relationships: Number(totals.rows[0]!.relationships) };
});

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("GEXF 1.3", () => {
  let path: string;
  beforeAll(async () => {
    path = await exportTo("gexf", "seed.gexf", "--layout");
  });

  it("is well-formed XML in the GEXF 1.3 namespace", async () => {
    expect(await xmllint(path)).toBe("");
    expect(readFileSync(path, "utf8")).toContain('<gexf xmlns="http://gexf.net/1.3"');
  });

  it("reads back in graphology-gexf (Gephi Lite's reader) with names, typed attributes and the view", () => {
    const graph = parseGexf(MultiDirectedGraph, readFileSync(path, "utf8"));
    expect(graph.order).toBe(counts.nodes);
    expect(graph.size).toBe(counts.relationships);
    const bftu = graph.getNodeAttributes("org:beijing-federation-of-trade-unions");
    expect(bftu.label).toBe("北京市总工会");
    expect(bftu.labels).toEqual(["Organisation"]);
    expect(bftu.kind).toBe("union");
    expect(bftu.color).toBe("rgb(59,130,196)"); // the explorer's Organisation colour
    expect(typeof bftu.x).toBe("number");
    expect(typeof bftu.y).toBe("number");
    expect(bftu.size).toBeGreaterThan(4);
    const alliance = graph.getNodeAttributes("alliance:tongwulang");
    expect(alliance.foundedYear).toBe(2023);
    expect(alliance.aliases).toContain("通武廊");
    const hostile = graph.getNodeAttributes("org:hostile");
    expect(hostile.label).toBe(HOSTILE_XML);
    expect(hostile.aliases).toEqual(["别名, with comma", 'say "hi"']);
    expect(hostile.count).toBe(3);
    const edge = graph.findEdge(
      (_e, a, s, t) =>
        s === "org:hostile" && t === "org:beijing-federation-of-trade-unions" && a.type === "COOPERATES_WITH",
    );
    expect(edge).toBeDefined();
    expect(graph.getEdgeAttribute(edge!, "label")).toBe("COOPERATES_WITH");
    expect(graph.getEdgeAttribute(edge!, "evidence")).toEqual([HOSTILE_XML, "第二句，有逗号, and a comma"]);
    const designated = graph.findEdge((_e, a) => a.type === "DESIGNATED");
    expect(typeof graph.getEdgeAttribute(designated!, "year")).toBe("number");
  });

  it("reads back in networkx with counts, CJK names, typed attributes, positions and colours", async () => {
    const result = await python<{
      nodes: number;
      edges: number;
      bftu: Record<string, unknown>;
      hostile: string;
      types: Record<string, string>;
    }>(
      NETWORKX_GEXF_13 +
        `
a = G.nodes["alliance:tongwulang"]
d = next(d for _, _, d in G.edges(data=True) if d.get("type") == "DESIGNATED")
print(json.dumps({
  "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
  "bftu": G.nodes["org:beijing-federation-of-trade-unions"], "hostile": G.nodes["org:hostile"]["label"],
  "types": {"foundedYear": type(a["foundedYear"]).__name__, "year": type(d["year"]).__name__,
            "x": type(G.nodes["org:beijing-federation-of-trade-unions"]["viz"]["position"]["x"]).__name__},
}, ensure_ascii=False))`,
      path,
    );
    expect(result.nodes).toBe(counts.nodes);
    expect(result.edges).toBe(counts.relationships);
    expect(result.bftu.label).toBe("北京市总工会");
    expect(result.bftu.viz).toMatchObject({ color: { r: 59, g: 130, b: 196 } });
    expect(result.hostile).toBe(HOSTILE_XML);
    expect(result.types).toEqual({ foundedYear: "int", year: "int", x: "float" });
  });
});

describe("GraphML", () => {
  let path: string;
  beforeAll(async () => {
    path = await exportTo("graphml", "seed.graphml", "--layout");
  });

  it("is well-formed XML (xmllint)", async () => {
    expect(await xmllint(path)).toBe("");
  });

  it("reads back in networkx with typed attributes typed", async () => {
    const result = await python<Record<string, unknown>>(
      `
import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1])
a = G.nodes["alliance:tongwulang"]
h = G.nodes["org:hostile"]
d = next(d for _, _, d in G.edges(data=True) if d["type"] == "DESIGNATED")
print(json.dumps({
  "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "multi": G.is_multigraph(),
  "label": G.nodes["org:beijing-federation-of-trade-unions"]["label"], "labels": G.nodes["org:beijing-federation-of-trade-unions"]["labels"],
  "foundedYear": [a["foundedYear"], type(a["foundedYear"]).__name__],
  "year": type(d["year"]).__name__, "x": type(a["x"]).__name__, "color": a["color"],
  "hostile": h["label"], "aliases": json.loads(h["aliases"]),
}, ensure_ascii=False))`,
      path,
    );
    expect(result).toMatchObject({
      nodes: counts.nodes,
      edges: counts.relationships,
      label: "北京市总工会",
      labels: ":Organisation",
      foundedYear: [2023, "int"],
      year: "int",
      x: "float",
      color: "#d9480f",
      hostile: HOSTILE_XML,
      aliases: ["别名, with comma", 'say "hi"'],
    });
  });

  it("reads back in igraph", async () => {
    const result = await python<{ vertices: number; edges: number; names: string[]; types: string[] }>(
      `
import json, sys
import igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({"vertices": g.vcount(), "edges": g.ecount(),
  "names": g.vs["label"], "types": sorted(set(g.es["type"]))}, ensure_ascii=False))`,
      path,
    );
    expect(result.vertices).toBe(counts.nodes);
    expect(result.edges).toBe(counts.relationships);
    expect(result.names).toContain("北京市总工会");
    expect(result.names).toContain(HOSTILE_XML);
    expect(result.types).toContain("SPANS");
  });

  it("reads back in graphology-graphml", () => {
    const graph = parseGraphml(MultiDirectedGraph, readFileSync(path, "utf8"));
    expect(graph.order).toBe(counts.nodes);
    expect(graph.size).toBe(counts.relationships);
    expect(graph.getNodeAttribute("org:beijing-federation-of-trade-unions", "label")).toBe("北京市总工会");
    expect(graph.getNodeAttribute("alliance:tongwulang", "foundedYear")).toBe(2023);
  });
});

describe("JSON", () => {
  it("validates against schema/guanxi-graph.schema.json and imports into graphology as the same graph", async () => {
    const path = await exportTo("json", "seed.json");
    const envelope = JSON.parse(readFileSync(path, "utf8")) as GraphExportEnvelope;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = JSON.parse(
      readFileSync(join(REPO_ROOT, "schema", "guanxi-graph.schema.json"), "utf8"),
    ) as object;
    const validate = ajv.compile(schema);
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    expect(envelope).toMatchObject({ format: "guanxi-graph", version: 1, source: { query: WHOLE_GRAPH } });
    expect(envelope.propertyTypes.node).toMatchObject({ name: "string", aliases: "string[]", count: "int" });
    expect(envelope.propertyTypes.edge).toMatchObject({ evidence: "string[]", year: "int" });

    const graph = MultiDirectedGraph.from(envelope.graph);
    expect(graph.order).toBe(counts.nodes);
    expect(graph.size).toBe(counts.relationships);
    expect(graph.export()).toEqual(envelope.graph);
    expect(graph.getNodeAttributes("org:hostile")).toMatchObject({
      name: HOSTILE,
      category: "Organisation",
      properties: { name: HOSTILE, count: 3 },
    });
    expect(graph.getNodeAttribute("org:beijing-federation-of-trade-unions", "properties")).not.toHaveProperty(
      "pinyin",
    );
  });
});

describe("round trips into Neo4j", () => {
  it("CSV: ingesting nodes.csv and relationships.csv into an empty database gives the same database", async () => {
    const out = await exportTo("csv", "csv");
    const nodes = readFileSync(join(out, "nodes.csv"), "utf8");
    expect(nodes.split("\n")[0]).toMatch(/^id:ID,:LABEL,name:string,nameEn:string,aliases:string\[\],/);
    expect(readFileSync(join(out, "relationships.csv"), "utf8").split("\n")[0]).toMatch(
      /^:START_ID,:END_ID,:TYPE,evidence:string\[\],articles:string\[\]/,
    );
    await clearDatabase(db);
    const ingest = await runCli(["ingest", join(out, "nodes.csv"), join(out, "relationships.csv")]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(await snapshot(db)).toBe(seedSnapshot);
  });

  it("Cypher script: running it in an empty database gives the same database, schema included", async () => {
    const path = await exportTo("cypher", "seed.cypher");
    const text = readFileSync(path, "utf8");
    // Values travel as :param rows only: no statement line holds data.
    for (const line of text.split("\n").filter((l) => l.startsWith("UNWIND")))
      expect(line).not.toMatch(/'|"|北京/);
    const hostileLines = text.split("\n").filter((l) => l.includes("onerror"));
    expect(hostileLines.length).toBeGreaterThan(0);
    for (const line of hostileLines) expect(line).toMatch(/^:param rows => \[/);
    await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
    for (const c of (await db.read("SHOW CONSTRAINTS YIELD name RETURN name")).rows)
      await db.runAutoCommit(`DROP CONSTRAINT ${String(c.name)}`);
    await clearDatabase(db);
    const run = await runCli(["run-script", path]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `${counts.nodes} nodes created, ${counts.relationships} relationships created`,
    );
    expect(await snapshot(db)).toBe(seedSnapshot);
    const constraints = await db.read(
      "SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes[0] AS label",
    );
    expect(constraints.rows.map((r) => r.label)).toContain("Organisation");
    const search = await db.read(
      "CALL db.index.fulltext.queryNodes('entity_names', 'tongwulang*') YIELD node RETURN node.id AS id",
    );
    expect(search.rows.map((r) => r.id)).toContain("alliance:tongwulang");
  });
});
