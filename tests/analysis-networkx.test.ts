/**
 * core/analysis checked against an independent implementation: the seed's first view (GET /api/overview,
 * what the explorer shows), runMetric for PageRank, betweenness and degree (and closeness and k-core),
 * the view exported as GraphML
 * with the scores (export/), read back by NetworkX, which computes the same metrics with the same
 * conventions: document links (MENTIONS) left out, self-loops dropped; PageRank directed with parallel
 * relationships as weight (damping 0.85); betweenness on the undirected simple projection, normalised;
 * degree counting every relationship in and out; closeness Wasserman–Faust and core numbers on the
 * undirected projection. Same top 10 (ties at the cut allowed), values within
 * tolerance. Also: a GEXF with Louvain communities, read by NetworkX, has them as an integer attribute.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OverviewResponse } from "../core/api-types.ts";
import { defaultCountedTypes, graphOfSubgraph, runMetric, type MetricId } from "../core/analysis/index.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { exportSubgraph } from "../export/index.ts";
import { injectJson, seededApi } from "./support/api.ts";
import { NETWORKX_GEXF_13, python } from "./support/export-readers.ts";

/** Reads the GraphML, keeps the counted types, computes the three metrics; prints them and the file's scores. */
const NETWORKX_METRICS = `
import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1], force_multigraph=True)
counted = set(json.loads(sys.argv[2]))
multi = nx.MultiDiGraph()
multi.add_nodes_from(G.nodes())
for u, v, d in G.edges(data=True):
    if d["type"] in counted and u != v:
        multi.add_edge(u, v)
directed = nx.DiGraph()
directed.add_nodes_from(multi.nodes())
for u, v in multi.edges():
    w = directed[u][v]["weight"] + 1 if directed.has_edge(u, v) else 1
    directed.add_edge(u, v, weight=w)
undirected = nx.Graph(multi.to_undirected())
try:
    import scipy  # nx.pagerank runs on scipy; without it, NetworkX's own pure-Python PageRank
    pagerank = nx.pagerank
except ImportError:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
print(json.dumps({
    "pagerank": pagerank(directed, alpha=0.85, weight="weight", tol=1e-12, max_iter=1000),
    "betweenness": nx.betweenness_centrality(undirected, normalized=True),
    "degree": dict(multi.degree()),
    "closeness": nx.closeness_centrality(undirected),
    "kcore": nx.core_number(undirected),
    "file": {n: {k: d.get(k) for k in ("pagerank", "betweenness", "degree", "closeness", "kcore")} for n, d in G.nodes(data=True)},
}))
`;

type Values = Record<string, number>;
type Checked = "pagerank" | "betweenness" | "degree" | "closeness" | "kcore";

/** The first ten by value; a node tied with the tenth may stand in for another. */
function expectSameTop10(ours: Values, theirs: Values, tolerance: number, what: string): void {
  const rank = (v: Values) => Object.entries(v).sort((a, b) => b[1] - a[1]);
  const oursTop = rank(ours).slice(0, 10);
  const theirsTop = rank(theirs).slice(0, 10);
  oursTop.forEach(([, value], i) => expect(value, `${what} #${i + 1}`).toBeCloseTo(theirsTop[i]![1], 6));
  const tenth = theirsTop[9]![1];
  for (const [node] of oursTop)
    expect(theirs[node]!, `${what}: ${node} in NetworkX's top 10`).toBeGreaterThanOrEqual(tenth - tolerance);
}

let api: { app: FastifyInstance; close(): Promise<void> };
let overview: OverviewResponse;
let dir: string;

beforeAll(async () => {
  api = await seededApi();
  const response = await injectJson<OverviewResponse>(api.app, "GET", "/api/overview");
  expect(response.status).toBe(200);
  overview = response.body;
  dir = mkdtempSync(join(tmpdir(), "guanxi-networkx-"));
});
afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The view's scores keyed by the file's node key (the Guanxi id). */
function byId(values: Values): Values {
  const id = new Map(overview.nodes.map((n) => [n.key, n.id ?? n.key]));
  return Object.fromEntries(Object.entries(values).map(([key, v]) => [id.get(key)!, v]));
}

describe("core/analysis agrees with NetworkX on the seed's view", () => {
  it("PageRank, betweenness, degree, closeness and k-core: same top 10, values within tolerance", async () => {
    const graph = graphOfSubgraph(overview);
    const present = new Set(overview.edges.map((e) => e.type));
    const types = defaultCountedTypes(DEFAULT_SCHEMA, present);
    expect(types).not.toContain("MENTIONS");
    expect(present.has("MENTIONS")).toBe(true);
    const metrics: MetricId[] = ["pagerank", "betweenness", "degree", "closeness", "kcore"];
    const ours = Object.fromEntries(metrics.map((m) => [m, runMetric(graph, { metric: m, types }).values]));
    const nodeScores = Object.fromEntries(
      overview.nodes.map((n) => [n.key, Object.fromEntries(metrics.map((m) => [m, ours[m]![n.key]!]))]),
    );
    const [file] = exportSubgraph({ subgraph: overview, nodeScores }, "graphml");
    const path = join(dir, "view.graphml");
    writeFileSync(path, file!.text);
    const nx = await python<Record<Checked, Values> & { file: Record<string, Values> }>(
      NETWORKX_METRICS,
      path,
      JSON.stringify(types),
    );
    expect(Object.keys(nx.pagerank)).toHaveLength(overview.nodes.length);
    const tolerance: Record<Checked, number> = {
      pagerank: 1e-6,
      betweenness: 1e-9,
      degree: 0,
      closeness: 1e-9,
      kcore: 0,
    };
    for (const metric of metrics) {
      const mine = byId(ours[metric]!);
      const theirs = nx[metric as Checked];
      expectSameTop10(mine, theirs, tolerance[metric as Checked], metric);
      for (const [node, value] of Object.entries(theirs))
        expect(Math.abs(mine[node]! - value), `${metric} of ${node}`).toBeLessThanOrEqual(
          tolerance[metric as Checked] + 1e-12,
        );
      // The GraphML carries the same scores, as numbers.
      for (const [node, value] of Object.entries(mine)) expect(nx.file[node]![metric]).toBeCloseTo(value, 9);
    }
    // Not a degenerate view: a real ranking with brokers.
    expect(Math.max(...Object.values(nx.betweenness))).toBeGreaterThan(0.05);
  });

  it("Louvain communities come out of a GEXF as an integer attribute NetworkX reads", async () => {
    const types = defaultCountedTypes(DEFAULT_SCHEMA, new Set(overview.edges.map((e) => e.type)));
    const result = runMetric(graphOfSubgraph(overview), { metric: "louvain", types });
    expect(result.groups).toBeGreaterThan(1);
    const nodeScores = Object.fromEntries(
      Object.entries(result.values).map(([key, group]) => [key, { louvain: group }]),
    );
    const [gexf] = exportSubgraph({ subgraph: overview, nodeScores }, "gexf");
    const path = join(dir, "view.gexf");
    writeFileSync(path, gexf!.text);
    const read = await python<Record<string, [number, string]>>(
      NETWORKX_GEXF_13 +
        'print(json.dumps({n: [d["louvain"], type(d["louvain"]).__name__] for n, d in G.nodes(data=True)}))',
      path,
    );
    const expected = byId(result.values);
    expect(Object.keys(read)).toHaveLength(overview.nodes.length);
    for (const [node, [group, type]] of Object.entries(read)) {
      expect(type).toBe("int");
      expect(group).toBe(expected[node]);
    }
  });
});
