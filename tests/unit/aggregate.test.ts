/**
 * The aggregated first view, pure: count-store rows → counts per (label, type, label), counts →
 * meta-nodes and meta-edges, and a meta-node opened as one undoable step that never sends it to the
 * database.
 */
import { describe, expect, it } from "vitest";
import type { ConnectRequest } from "../../core/api-types.ts";
import {
  aggregateSubgraph,
  DEFAULT_AGGREGATE_ABOVE,
  isMetaKey,
  metaCaption,
  metaEdgeKey,
  metaLabel,
  metaNodeKey,
  tripleCounts,
} from "../../core/aggregate.ts";
import { metaEdgeWidth, metaNodeSize } from "../../web/src/features/graph-view/reducers.ts";
import { groupNodesFrom, groupNotice } from "../../web/src/features/overview/overview-controller.ts";
import { ScreenStore } from "../../web/src/screen/screen-store.ts";
import { aggregateAboveFromEnv, requestedElements } from "../../server/routes/overview.ts";
import { graphOf, node, plainScreenGraph, subgraph } from "./graphs.ts";

describe("tripleCounts", () => {
  it("reads triples off a type with one start label (or one end label), exactly", () => {
    const links = tripleCounts([
      { relationshipType: "LOCATED_IN", count: 10 },
      { relationshipType: "LOCATED_IN", startLabel: "Company", count: 10 },
      { relationshipType: "LOCATED_IN", endLabel: "City", count: 7 },
      { relationshipType: "LOCATED_IN", endLabel: "Province", count: 3 },
      { relationshipType: "OWNS", count: 5 },
      { relationshipType: "OWNS", startLabel: "Person", count: 2 },
      { relationshipType: "OWNS", startLabel: "Company", count: 3 },
      { relationshipType: "OWNS", endLabel: "Company", count: 5 },
      { count: 99 }, // all relationships: no type
    ]);
    expect(links).toEqual([
      { from: "Company", type: "LOCATED_IN", to: "City", count: 7 },
      { from: "Company", type: "LOCATED_IN", to: "Province", count: 3 },
      { from: "Person", type: "OWNS", to: "Company", count: 2 },
      { from: "Company", type: "OWNS", to: "Company", count: 3 },
    ]);
    expect(links.some((l) => l.estimated)).toBe(false);
  });

  it("estimates a type with several labels at both ends, as if its ends were independent", () => {
    const links = tripleCounts([
      { relationshipType: "MENTIONS", count: 6 },
      { relationshipType: "MENTIONS", startLabel: "Article", count: 4 },
      { relationshipType: "MENTIONS", startLabel: "Report", count: 2 },
      { relationshipType: "MENTIONS", endLabel: "Person", count: 5 },
      { relationshipType: "MENTIONS", endLabel: "Place", count: 1 },
      { relationshipType: "UNUSED", count: 0 },
    ]);
    // 4×5/6 = 3.3, 4×1/6 = 0.7, 2×5/6 = 1.7, 2×1/6 = 0.3 (left out).
    expect(links).toEqual([
      { from: "Article", type: "MENTIONS", to: "Person", count: 3, estimated: true },
      { from: "Article", type: "MENTIONS", to: "Place", count: 1, estimated: true },
      { from: "Report", type: "MENTIONS", to: "Person", count: 2, estimated: true },
    ]);
  });

  it("a node with two labels makes a start count cover less than the type: estimated", () => {
    // 3 relationships start at Company nodes, one of which is also a Bank: two start labels.
    const links = tripleCounts([
      { relationshipType: "OWNS", count: 3 },
      { relationshipType: "OWNS", startLabel: "Company", count: 3 },
      { relationshipType: "OWNS", startLabel: "Bank", count: 1 },
      { relationshipType: "OWNS", endLabel: "Company", count: 2 },
      { relationshipType: "OWNS", endLabel: "Region", count: 1 },
    ]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.estimated)).toBe(true);
  });
});

describe("meta-nodes", () => {
  const aggregate = {
    threshold: 1_000,
    groups: [
      { label: "Organisation", count: 123_456 },
      { label: "Region", count: 12 },
    ],
    links: [
      { from: "Organisation", type: "LOCATED_IN", to: "Region", count: 90_000 },
      { from: "Organisation", type: "PART_OF", to: "Organisation", count: 7 },
      { from: "Organisation", type: "ODD", to: "Gone", count: 1 }, // no such group: left out
    ],
  };

  it("one node per label, captioned with its count, and one edge per (label, type, label)", () => {
    const { nodes, edges } = aggregateSubgraph(aggregate);
    expect(nodes.map((n) => [n.key, n.label, n.name, n.properties.count])).toEqual([
      ["meta:Organisation", "Organisation", "Organisation · 123,456", 123_456],
      ["meta:Region", "Region", "Region · 12", 12],
    ]);
    expect(edges.map((e) => [e.source, e.type, e.target, e.properties.count])).toEqual([
      ["meta:Organisation", "LOCATED_IN", "meta:Region", 90_000],
      ["meta:Organisation", "PART_OF", "meta:Organisation", 7],
    ]);
    expect(new Set(edges.map((e) => e.key)).size).toBe(2);
    expect(nodes.every((n) => isMetaKey(n.key)) && edges.every((e) => isMetaKey(e.key))).toBe(true);
  });

  it("keys tell meta-nodes from Neo4j elementIds, and give their label back", () => {
    expect(metaLabel(metaNodeKey("Person"))).toBe("Person");
    expect(metaLabel("4:0b6c2b1e:17")).toBeNull();
    expect(isMetaKey("4:0b6c2b1e:17")).toBe(false);
    expect(metaEdgeKey("A", "T", "B")).not.toBe(metaEdgeKey("A", "T", "C"));
    expect(metaCaption("Person", 1_234_567)).toBe("Person · 1,234,567");
  });

  it("size and width grow with the count, within bounds", () => {
    expect(metaNodeSize(10)).toBeLessThan(metaNodeSize(100_000));
    expect(metaNodeSize(0)).toBeGreaterThan(0);
    expect(metaEdgeWidth(1)).toBe(1);
    expect(metaEdgeWidth(1e12)).toBe(10);
  });

  it("the notice says how many of the label are shown", () => {
    expect(groupNotice("Organisation", 1_000, 123_456)).toBe(
      "Organisation: showing 1,000 of 123,456 (the most connected)",
    );
    expect(groupNotice("Region", 12, 12, "3 more between the nodes on screen")).toBe(
      "Region: showing all 12; 3 more between the nodes on screen",
    );
    expect(groupNodesFrom("")).toBe(1_000);
    expect(groupNodesFrom("?groupNodes=50")).toBe(50);
    expect(groupNodesFrom("?groupNodes=-1")).toBe(1_000);
  });
});

describe("opening a meta-node", () => {
  it("replaces it by real nodes in one undoable step, and never sends meta keys to connect", async () => {
    const target = plainScreenGraph(
      graphOf({ "meta:Region": { x: 0, y: 0, category: "Region" }, r1: { x: 5, y: 5, category: "Region" } }),
    );
    target.graph.addNode("meta:Organisation", {
      ...target.graph.getNodeAttributes("r1"),
      category: "Organisation",
    });
    target.graph.addEdgeWithKey("meta:e", "meta:Organisation", "meta:Region", {
      relType: "IN",
      properties: {},
    });
    const requests: ConnectRequest[] = [];
    const store = new ScreenStore(target, (request) => {
      requests.push(request);
      return Promise.resolve({ edges: [], total: 0 });
    });
    await store.addSubgraph(subgraph([node("o1"), node("o2")]), {
      description: "Open Organisation",
      anchor: "meta:Organisation",
      remove: ["meta:Organisation"],
    });
    const graph = target.graph;
    expect(graph.hasNode("meta:Organisation")).toBe(false);
    expect(graph.hasEdge("meta:e")).toBe(false);
    expect(graph.hasNode("o1") && graph.hasNode("o2") && graph.hasNode("meta:Region")).toBe(true);
    expect(requests).toHaveLength(1);
    expect([...requests[0]!.keys, ...requests[0]!.among].some((k) => isMetaKey(k))).toBe(false);
    expect(store.undo()).toBe("Open Organisation");
    expect(graph.hasNode("meta:Organisation") && graph.hasEdge("meta:e")).toBe(true);
    expect(graph.hasNode("o1")).toBe(false);
  });
});

describe("the threshold", () => {
  it("counts the requested view's elements: all of a database that fits, else the capped sample", () => {
    expect(requestedElements({ nodes: 100, relationships: 300 }, 400)).toBe(400);
    // 400 nodes and at most 5 relationships each of a large database.
    expect(requestedElements({ nodes: 500_000, relationships: 2_000_000 }, 400)).toBe(2_400);
    expect(requestedElements({ nodes: 500_000, relationships: 2_000_000 }, 20_000)).toBe(120_000);
  });

  it("reads GUANXI_AGGREGATE_ABOVE: a whole number, off, or the default; nonsense is an error", () => {
    expect(aggregateAboveFromEnv({})).toBe(DEFAULT_AGGREGATE_ABOVE);
    expect(aggregateAboveFromEnv({ GUANXI_AGGREGATE_ABOVE: "1000" })).toBe(1_000);
    expect(aggregateAboveFromEnv({ GUANXI_AGGREGATE_ABOVE: "off" })).toBe(Infinity);
    expect(() => aggregateAboveFromEnv({ GUANXI_AGGREGATE_ABOVE: "lots" })).toThrow(/GUANXI_AGGREGATE_ABOVE/);
  });
});
