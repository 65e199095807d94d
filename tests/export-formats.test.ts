/** export/ without a database: Cypher literals, the script's schema, the JSON Schema file, graphology input, refusals. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiDirectedGraph } from "graphology";
import { afterAll, describe, expect, it } from "vitest";
import type { Subgraph } from "../core/api-types.ts";
import type { GraphExportEnvelope } from "../core/model.ts";
import { graphExportJsonSchemaText } from "../core/graph-export-schema.ts";
import { parseCypherLiteral, writeCypherLiteral, type CypherValue } from "../export/cypher-literal.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { keyConstraintName, schemaStatements, searchIndexPlan } from "../core/schema/schema-statements.ts";
import { scriptSchemaStatements } from "../export/cypher-script.ts";
import { ExportError, exportSubgraph, fromGraphology } from "../export/index.ts";
import { parseScript } from "../export/db/run-cypher-script.ts";
import type { EdgeAttrs, NodeAttrs } from "../web/src/features/graph-view/types.ts";
import { REPO_ROOT } from "./support/database.ts";
import { NETWORKX_GEXF_13, python } from "./support/export-readers.ts";

const oneNode = (label: string, properties: Record<string, unknown> = {}): Subgraph => ({
  nodes: [
    { key: "4:x:1", label, labels: [label], name: "某", properties: { name: "某", ...properties } as never },
  ],
  edges: [],
});

describe("Cypher literals", () => {
  it("read back exactly what they write, quotes, escapes and types included", () => {
    const value: CypherValue = {
      kind: "map",
      entries: [
        ["name", { kind: "string", value: `it's "x" \\ \n\r\t\u0007 通州 \u{1F600}` }],
        ["int", { kind: "int", value: -42 }],
        ["whole float", { kind: "float", value: 2 }],
        ["float", { kind: "float", value: 1.5e-7 }],
        ["yes", { kind: "boolean", value: true }],
        ["nothing", { kind: "null" }],
        ["since", { kind: "date", value: "2023-06-01" }],
        [
          "back`tick",
          {
            kind: "list",
            items: [
              { kind: "string", value: "a" },
              { kind: "list", items: [] },
            ],
          },
        ],
      ],
    };
    const text = writeCypherLiteral(value);
    expect(text).not.toContain("\n");
    expect(text).toContain("`whole float`: 2.0");
    expect(text).toContain("`back``tick`");
    expect(parseCypherLiteral(text)).toEqual(value);
  });

  it("refuse anything that is not a data literal", () => {
    expect(() => parseCypherLiteral("{a: 1} MATCH (n) DETACH DELETE n")).toThrow(/unexpected text/);
    expect(() => parseCypherLiteral("timestamp()")).toThrow(/expected a literal/);
    expect(() => parseCypherLiteral("'open")).toThrow(/unterminated string/);
  });
});

describe("the Cypher script", () => {
  it("starts with the schema statements `guanxi ingest` runs, for every label it writes", () => {
    const plan = searchIndexPlan(DEFAULT_SCHEMA);
    expect(scriptSchemaStatements(DEFAULT_SCHEMA, ["Region"])).toEqual(
      schemaStatements(DEFAULT_SCHEMA.labels, plan),
    );
    const extended = scriptSchemaStatements(DEFAULT_SCHEMA, ["Film Star"]);
    expect(extended).toContain(
      `CREATE CONSTRAINT \`${keyConstraintName("Film Star")}\` IF NOT EXISTS FOR (n:\`Film Star\`) REQUIRE n.\`id\` IS UNIQUE`,
    );
    expect(keyConstraintName("Film Star")).toMatch(/^film_star_[0-9a-z]+_id$/);
    expect(extended.at(-1)).toContain(
      "FOR (n:`Organisation`|`Region`|`Alliance`|`Person`|`Event`|`Article`|`Film Star`)",
    );
  });

  it("refuses a label that is not a plain identifier", () => {
    expect(() => exportSubgraph({ subgraph: oneNode("Bad`) DETACH DELETE n //") }, "cypher")).toThrow(
      ExportError,
    );
    expect(() => exportSubgraph({ subgraph: oneNode("Bad`) DETACH DELETE n //") }, "gexf")).not.toThrow();
  });

  it("parses into :param, :begin, statements and :commit", () => {
    const steps = parseScript(
      "x.cypher",
      exportSubgraph({ subgraph: oneNode("Region", { id: "region:x" }) }, "cypher")[0]!.text,
    );
    expect(steps.map((s) => s.kind)).toEqual([
      ...scriptSchemaStatements(DEFAULT_SCHEMA, []).map(() => "statement"),
      "begin",
      "param",
      "statement",
      "commit",
    ]);
  });
});

describe("the JSON export schema", () => {
  it("is current: schema/guanxi-graph.schema.json is what `npm run schema` writes", () => {
    const published = readFileSync(join(REPO_ROOT, "schema", "guanxi-graph.schema.json"), "utf8");
    expect(published).toBe(graphExportJsonSchemaText());
  });
});

describe("exportSubgraph", () => {
  it("keys a node without a Guanxi id by its elementId", () => {
    const [file] = exportSubgraph({ subgraph: oneNode("Thing", { weight: 0.5 }) }, "graphml");
    expect(file!.text).toContain('<node id="4:x:1">');
    expect(file!.text).toMatch(/attr\.name="weight" attr\.type="double"/);
  });

  it("gives CSV as two files and warns about list items the delimiter would split", () => {
    const files = exportSubgraph({ subgraph: oneNode("Region", { id: "r", aliases: ["a;b"] }) }, "csv");
    expect(files.map((f) => f.fileName)).toEqual(["nodes.csv", "relationships.csv"]);
    expect(files[0]!.warnings.join("\n")).toContain('"a;b" contains ";"');
  });
});

describe("fromGraphology", () => {
  it("takes the explorer's graph with positions, and sizes and colours from the view", () => {
    const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
    const attrs = (name: string, id: string): NodeAttrs => ({
      x: 1.5,
      y: -2,
      category: "Region",
      labels: ["Region"],
      name,
      id,
      properties: { id, name, level: "district" },
    });
    graph.addNode("k1", attrs("通州区", "region:tongzhou"));
    graph.addNode("k2", attrs("武清区", "region:wuqing"));
    graph.addNode("k3", attrs("隐藏", "region:hidden"));
    graph.addEdgeWithKey("e1", "k1", "k2", { relType: "COOPERATES_WITH", properties: { evidence: ["x"] } });
    const input = fromGraphology(graph, {
      nodeDisplay: (key) => ({ size: 7, color: "#2f9e6e", hidden: key === "k3" }),
      edgeDisplay: () => ({ color: "#c4cad3" }),
    });
    expect(input.subgraph.nodes.map((n) => n.id)).toEqual(["region:tongzhou", "region:wuqing"]);
    const [file] = exportSubgraph(input, "gexf");
    expect(file!.text).toContain('<viz:position x="1.5" y="-2" z="0"/>');
    expect(file!.text).toContain('<viz:color r="47" g="158" b="110"/>');
    expect(file!.text).toContain('<viz:size value="7"/>');
    expect(file!.text).toContain('source="region:tongzhou" target="region:wuqing" label="COOPERATES_WITH"');
  });
});

describe("analysis scores", () => {
  /** Three regions with results from the explorer's analysis panel; one has a property named `degree`. */
  const scored = () => {
    const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
    const add = (key: string, id: string, name: string, scores: Record<string, number>, extra = {}) =>
      graph.addNode(key, {
        x: 0,
        y: 0,
        category: "Region",
        labels: ["Region"],
        name,
        id,
        properties: { id, name, ...extra },
        scores,
      });
    add("k1", "region:a", "甲", { pagerank: 0.5, betweenness: 1, louvain: 0, degree: 2, kcore: 1 });
    add("k2", "region:b", "乙", { pagerank: 0.25, betweenness: 0, louvain: 1, degree: 1, kcore: 1 });
    add(
      "k3",
      "region:c",
      "丙",
      { pagerank: 0.25, betweenness: 0, louvain: 1, degree: 1, kcore: 1 },
      {
        degree: "high",
      },
    );
    graph.addEdgeWithKey("e1", "k1", "k2", { relType: "BORDERS", properties: {} });
    graph.addEdgeWithKey("e2", "k1", "k3", { relType: "BORDERS", properties: {} });
    return fromGraphology(graph);
  };
  let dir: string;
  const file = (name: string, text: string) => {
    dir ??= mkdtempSync(join(tmpdir(), "guanxi-scores-"));
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("GEXF: one typed attribute per metric, partitions as integers (Gephi's partition), read by networkx", async () => {
    const [gexf] = exportSubgraph(scored(), "gexf");
    expect(gexf!.text).toContain('<attribute id="louvain" title="louvain" type="integer"/>');
    expect(gexf!.text).toContain('<attribute id="kcore" title="kcore" type="integer"/>');
    expect(gexf!.text).toContain('<attribute id="pagerank" title="pagerank" type="double"/>');
    // The property `degree` keeps its name; the metric is written beside it.
    expect(gexf!.text).toContain('<attribute id="_degree" title="_degree" type="integer"/>');
    const read = await python<Record<string, Record<string, unknown>>>(
      NETWORKX_GEXF_13 +
        "print(json.dumps({n: {k: [v, type(v).__name__] for k, v in d.items()} for n, d in G.nodes(data=True)}))",
      file("scores.gexf", gexf!.text),
    );
    expect(read["region:a"]).toMatchObject({
      louvain: [0, "int"],
      kcore: [1, "int"],
      pagerank: [0.5, "float"],
      betweenness: [1, "float"],
      _degree: [2, "int"],
    });
    expect(read["region:c"]).toMatchObject({ degree: ["high", "str"], louvain: [1, "int"] });
  });

  it("GraphML: a key per metric with attr.type int or double, read by networkx", async () => {
    const [graphml] = exportSubgraph(scored(), "graphml");
    expect(graphml!.text).toMatch(/attr\.name="louvain" attr\.type="int"/);
    expect(graphml!.text).toMatch(/attr\.name="pagerank" attr\.type="double"/);
    const read = await python<Record<string, Record<string, unknown>>>(
      `import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1])
print(json.dumps({n: {k: [v, type(v).__name__] for k, v in d.items()} for n, d in G.nodes(data=True)}))`,
      file("scores.graphml", graphml!.text),
    );
    expect(read["region:b"]).toMatchObject({
      louvain: [1, "int"],
      pagerank: [0.25, "float"],
      _degree: [1, "int"],
    });
  });

  it("JSON: `scores` on each node's attributes; CSV: typed columns after the properties", () => {
    const [json] = exportSubgraph(scored(), "json");
    const envelope = JSON.parse(json!.text) as GraphExportEnvelope;
    expect(envelope.graph.nodes[0]!.attributes.scores).toEqual({
      pagerank: 0.5,
      betweenness: 1,
      louvain: 0,
      degree: 2,
      kcore: 1,
    });
    const [nodes] = exportSubgraph(scored(), "csv");
    const lines = nodes!.text.trim().split("\n");
    expect(lines[0]).toBe(
      "id:ID,:LABEL,name:string,degree:string,_degree:long,betweenness:double,pagerank:double,louvain:long,kcore:long",
    );
    expect(lines[1]).toBe("region:a,Region,甲,,2,1,0.5,0,1");
  });

  it("writes nothing extra for a graph without results", () => {
    const [gexf] = exportSubgraph({ subgraph: oneNode("Region", { id: "r" }) }, "gexf");
    expect(gexf!.text).not.toMatch(/pagerank|louvain/);
  });
});
