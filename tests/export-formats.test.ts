/** export/ without a database: Cypher literals, the script's schema, the JSON Schema file, graphology input, refusals. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import type { Subgraph } from "../core/api-types.ts";
import { graphExportJsonSchemaText } from "../core/graph-export-schema.ts";
import { parseCypherLiteral, writeCypherLiteral, type CypherValue } from "../export/cypher-literal.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { keyConstraintName, schemaStatements, searchIndexPlan } from "../core/schema/schema-statements.ts";
import { scriptSchemaStatements } from "../export/cypher-script.ts";
import { ExportError, exportSubgraph, fromGraphology } from "../export/index.ts";
import { parseScript } from "../export/db/run-cypher-script.ts";
import type { EdgeAttrs, NodeAttrs } from "../web/src/features/graph-view/types.ts";
import { REPO_ROOT } from "./support/database.ts";

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
