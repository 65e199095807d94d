import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { NEWS_SCHEMA } from "../../core/schema/news-schema.ts";
import { GraphSchema } from "../../core/schema/graph-schema.ts";
import {
  AnalysisRefused,
  defaultCountedTypes,
  graphOfSubgraph,
  runMetric,
  type SourceEdge,
} from "../../core/analysis/index.ts";

/** Two triangles of firms in two cities, joined through one broker; an article mentions all. */
function twoClusters() {
  const g = new MultiDirectedGraph<Record<string, unknown>, SourceEdge>();
  for (const n of ["a1", "a2", "a3", "broker", "b1", "b2", "b3", "article", "loner"]) g.addNode(n);
  const link = (s: string, t: string, relType = "PARTNERS_WITH", properties = {}) =>
    g.addEdge(s, t, { relType, properties });
  link("a1", "a2");
  link("a2", "a3");
  link("a3", "a1");
  link("a1", "a2"); // a parallel relationship
  link("b1", "b2");
  link("b2", "b3");
  link("b3", "b1");
  link("a3", "broker", "MEMBER_OF", { weight: 3 });
  link("broker", "b1", "MEMBER_OF", { weight: 2 });
  for (const n of ["a1", "a2", "a3", "broker", "b1", "b2", "b3"]) link("article", n, "MENTIONS");
  link("loner", "loner"); // a self-loop: left out
  return g;
}

const COUNTED = ["MEMBER_OF", "PARTNERS_WITH"];

describe("runMetric", () => {
  it("ranks the broker first by betweenness when document links are left out", () => {
    const r = runMetric(twoClusters(), { metric: "betweenness", types: COUNTED });
    const top = Object.entries(r.values).sort((a, b) => b[1] - a[1])[0];
    expect(top?.[0]).toBe("broker");
    expect(r.values.loner).toBe(0);
    // With MENTIONS counted the article is the broker of everything.
    const all = runMetric(twoClusters(), { metric: "betweenness", types: null });
    expect(Object.entries(all.values).sort((a, b) => b[1] - a[1])[0]?.[0]).toBe("article");
  });

  it("counts parallel relationships in degree, sums weights in weighted degree", () => {
    const degree = runMetric(twoClusters(), { metric: "degree", types: COUNTED });
    expect(degree.values.a1).toBe(3);
    expect(degree.relationships).toBe(9);
    expect(degree.edges).toBe(8);
    expect(runMetric(twoClusters(), { metric: "outDegree", types: COUNTED }).values.a1).toBe(2);
    expect(runMetric(twoClusters(), { metric: "inDegree", types: COUNTED }).values.a2).toBe(2);
    const weighted = runMetric(twoClusters(), {
      metric: "weightedDegree",
      types: COUNTED,
      weightProperty: "weight",
    });
    expect(weighted.values.broker).toBe(5);
  });

  it("finds the two clusters as communities, reproducibly, and the components and cores", () => {
    const first = runMetric(twoClusters(), { metric: "louvain", types: COUNTED });
    const again = runMetric(twoClusters(), { metric: "louvain", types: COUNTED });
    expect(again.values).toEqual(first.values);
    expect(first.values.a1).toBe(first.values.a2);
    expect(first.values.b1).toBe(first.values.b3);
    expect(first.values.a1).not.toBe(first.values.b1);
    expect(first.modularity).toBeGreaterThan(0.3);
    const components = runMetric(twoClusters(), { metric: "components", types: COUNTED });
    expect(components.values.a1).toBe(0);
    expect(components.values.article).not.toBe(0);
    expect(components.groups).toBe(3);
    const cores = runMetric(twoClusters(), { metric: "kcore", types: COUNTED });
    expect(cores.values.a1).toBe(2);
    expect(cores.values.broker).toBe(2); // two neighbours, each in a triangle
    expect(cores.values.loner).toBe(0);
  });

  it("gives PageRank a distribution summing to one", () => {
    const r = runMetric(twoClusters(), { metric: "pagerank", types: COUNTED });
    const sum = Object.values(r.values).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it("refuses betweenness above the size limit, saying why", () => {
    expect(() =>
      runMetric(twoClusters(), { metric: "betweenness", types: COUNTED, betweennessLimit: 10 }),
    ).toThrow(AnalysisRefused);
    expect(() =>
      runMetric(twoClusters(), { metric: "betweenness", types: COUNTED, betweennessLimit: 10 }),
    ).toThrow(/over the limit/);
    expect(() =>
      runMetric(twoClusters(), { metric: "closeness", types: COUNTED, closenessLimit: 10 }),
    ).toThrow(/Closeness is exact .* over the limit of 10/);
    expect(runMetric(twoClusters(), { metric: "closeness", types: COUNTED }).values.broker).toBeGreaterThan(
      0,
    );
  });

  it("runs on a Subgraph as the API and the CLI hold it (graphOfSubgraph)", () => {
    const node = (key: string) => ({
      key,
      id: `x:${key}`,
      label: "Organisation",
      labels: ["Organisation"],
      name: key,
      properties: {},
    });
    const edge = (key: string, source: string, target: string, type = "MEMBER_OF") => ({
      key,
      type,
      source,
      target,
      properties: {},
    });
    const graph = graphOfSubgraph({
      nodes: [node("a"), node("b"), node("c"), node("a")],
      edges: [
        edge("1", "a", "b"),
        edge("2", "a", "b"),
        edge("3", "b", "c"),
        edge("4", "c", "gone"),
        edge("1", "a", "b"),
      ],
    });
    expect(graph.order).toBe(3);
    expect(graph.size).toBe(3); // the duplicate and the dangling relationship are left out
    expect(graph.getNodeAttributes("a")).toEqual({ name: "a", label: "Organisation", id: "x:a" });
    expect(runMetric(graph, { metric: "degree", types: null }).values).toEqual({ a: 2, b: 3, c: 1 });
  });
});

describe("defaultCountedTypes", () => {
  it("leaves out the links from the schema's documents (MENTIONS on the news schema)", () => {
    const schema = new GraphSchema(NEWS_SCHEMA);
    expect(defaultCountedTypes(schema, ["MENTIONS", "MEMBER_OF", "MEMBER_OF", "LOCATED_IN"])).toEqual([
      "LOCATED_IN",
      "MEMBER_OF",
    ]);
    // A type the schema does not declare (a database Guanxi did not create) is counted.
    expect(defaultCountedTypes(schema, ["KNOWS"])).toEqual(["KNOWS"]);
  });
});
