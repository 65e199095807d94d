import { describe, expect, it } from "vitest";
import type { Draft } from "../../core/draft.ts";
import { applyGraphPatch, graphLookup } from "../../web/src/features/graph-view/merge.ts";
import { EMPTY_PREVIEW, previewLayer, previewPatch } from "../../web/src/features/review/preview.ts";
import { graphOf } from "./graphs.ts";

const A = "article:a";
const review = (kind: "link" | "new" | "article", state: string) => ({
  state: state as "accepted",
  kind,
  method: "m",
  score: 1,
  mentions: [],
});
const rel = (start: string, end: string, state: string, kind: "mention" | "suggestion" = "suggestion") => ({
  type: "LOCATED_IN",
  start,
  end,
  evidence: ["句子。"],
  article: A,
  review: {
    state: state as "accepted",
    kind,
    method: "m",
    score: 1,
    evidenceAt: { article: A, field: "text" as const, start: 0, end: 3 },
  },
});

function draft(): Draft {
  return {
    format: "guanxi-draft",
    version: 1,
    createdAt: "2026-01-01T00:00:00Z",
    schemaName: "news",
    knownFrom: ["neo4j"],
    nodes: [
      { label: "Article", id: A, name: "a", review: review("article", "accepted") },
      { label: "Region", id: "region:known", name: "区", review: review("link", "accepted") },
      { label: "Organisation", id: "org:new", name: "新中心", review: review("new", "accepted") },
      { label: "Organisation", id: "org:later", name: "待定", review: review("new", "proposed") },
      {
        label: "Organisation",
        id: "org:merged",
        name: "别名",
        review: review("new", "merged-into:org:other"),
      },
    ],
    relationships: [
      rel(A, "org:new", "proposed", "mention"),
      rel("org:new", "region:known", "accepted"),
      rel("org:later", "region:known", "accepted"),
      rel("org:merged", "region:known", "accepted"),
    ],
  };
}

describe("review preview", () => {
  it("draws accepted proposals as drafts beside what they relate to, and takes them away again", () => {
    const graph = graphOf({ k1: { x: 100, y: 0, category: "Region" }, k2: { x: -100, y: 0 } });
    graph.setNodeAttribute("k1", "id", "region:known");
    graph.setNodeAttribute("k2", "id", "org:other");
    const layer = previewLayer(draft(), graph, graphLookup(graph), EMPTY_PREVIEW);
    expect(layer.nodes.map((n) => [n.key, n.attributes.draft, n.attributes.name])).toEqual([
      ["draft:org:new", true, "新中心"],
    ]);
    // Its accepted relationship to the known region, and the merged proposal's, drawn as the target's.
    expect(layer.edges.map((e) => [e.source, e.target])).toEqual([
      ["draft:org:new", "k1"],
      ["k2", "k1"],
    ]);
    const { x } = layer.nodes[0]!.attributes;
    expect(Math.abs(x - 100)).toBeLessThan(Math.abs(x + 100));
    applyGraphPatch(graph, previewPatch(EMPTY_PREVIEW, layer));
    expect(graph.order).toBe(3);
    // Recomputed, a draft keeps its place.
    const again = previewLayer(draft(), graph, graphLookup(graph), layer);
    expect(again.nodes[0]!.attributes.x).toBe(x);
    applyGraphPatch(graph, previewPatch(layer, EMPTY_PREVIEW));
    expect(graph.nodes()).toEqual(["k1", "k2"]);
    expect(graph.size).toBe(0);
  });
});
