import { describe, expect, it } from "vitest";
import {
  applyGraphPatch,
  EMPTY_PATCH,
  fanOut,
  graphLookup,
  hashUnit,
  invertPatch,
  isEmptyPatch,
  planAdd,
  planRemove,
  planReplace,
} from "../../web/src/features/graph-view/merge.ts";
import { edge, graphOf, node, subgraph } from "./graphs.ts";

describe("planAdd", () => {
  it("adds only what is new, keeps nodes on screen where they are, never duplicates an edge", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 10, y: 0 } }, ["a>b"]);
    const patch = planAdd(
      graphLookup(graph),
      subgraph(
        [node("a"), node("b"), node("c")],
        [edge("e:a>b", "a", "b"), edge("ac", "a", "c"), edge("ac", "a", "c")],
      ),
    );
    expect(patch.addNodes.map((n) => n.key)).toEqual(["c"]);
    expect(patch.addEdges.map((e) => e.key)).toEqual(["ac"]);
    expect(patch.removeNodes).toEqual([]);
  });

  it("skips edges whose ends are neither on screen nor arriving", () => {
    const patch = planAdd(graphLookup(graphOf({})), subgraph([node("a")], [edge("ax", "a", "x")]));
    expect(patch.addEdges).toEqual([]);
  });

  it("places a new node near its neighbour on screen, deterministically", () => {
    const graph = graphOf({ a: { x: 100, y: 100 }, b: { x: 110, y: 100 } }, ["a>b"]);
    const data = subgraph([node("c")], [edge("bc", "b", "c"), edge("ac", "a", "c")]);
    const first = planAdd(graphLookup(graph), data);
    const again = planAdd(graphLookup(graph), data);
    expect(first).toEqual(again);
    const { x, y } = first.addNodes[0]!.attributes;
    expect(Math.hypot(x - 105, y - 100)).toBeLessThan(10);
  });

  it("fans an expansion's new nodes out around the anchor", () => {
    const graph = graphOf({ hub: { x: 50, y: 0 }, other: { x: -50, y: 0 } }, ["hub>other"]);
    const leaves = ["l1", "l2", "l3"].map((k) => node(k));
    const patch = planAdd(
      graphLookup(graph),
      subgraph(
        leaves,
        leaves.map((l) => edge(`h${l.key}`, "hub", l.key)),
      ),
      "hub",
    );
    for (const { attributes } of patch.addNodes) expect(attributes.x).toBeGreaterThan(50);
  });

  it("copies the node's data into attributes", () => {
    const patch = planAdd(
      graphLookup(graphOf({})),
      subgraph([node("a", "Region", { nameEn: "A", id: "region:a", degree: 3 })]),
    );
    expect(patch.addNodes[0]!.attributes).toMatchObject({
      category: "Region",
      nameEn: "A",
      id: "region:a",
      dbDegree: 3,
    });
  });
});

describe("patches", () => {
  it("an inverted patch undoes the patch, moves included", () => {
    const graph = graphOf({ a: { x: 0, y: 0 } });
    const patch = planAdd(graphLookup(graph), subgraph([node("b")], [edge("ab", "a", "b")]));
    const move = { ...EMPTY_PATCH, moveNodes: [{ key: "a", from: { x: 0, y: 0 }, to: { x: 5, y: 5 } }] };
    applyGraphPatch(graph, patch);
    applyGraphPatch(graph, move);
    expect([graph.order, graph.size, graph.getNodeAttribute("a", "x")]).toEqual([2, 1, 5]);
    applyGraphPatch(graph, invertPatch(move));
    applyGraphPatch(graph, invertPatch(patch));
    expect([graph.order, graph.size, graph.getNodeAttribute("a", "x")]).toEqual([1, 0, 0]);
  });

  it("knows an empty patch", () => {
    expect(isEmptyPatch(EMPTY_PATCH)).toBe(true);
    expect(
      isEmptyPatch({ ...EMPTY_PATCH, moveNodes: [{ key: "a", from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }] }),
    ).toBe(false);
  });

  it("planRemove takes the nodes and every edge touching them, with what undo needs", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 2, y: 0 } }, ["a>b", "b>c"]);
    const patch = planRemove(graph, ["b"]);
    expect(patch.removeNodes.map((n) => n.key)).toEqual(["b"]);
    expect(patch.removeEdges.map((e) => e.key).sort()).toEqual(["e:a>b", "e:b>c"]);
    applyGraphPatch(graph, patch);
    applyGraphPatch(graph, invertPatch(patch));
    expect([graph.order, graph.size]).toEqual([3, 2]);
  });

  it("planReplace removes what is not in the result and keeps what is, in place", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 7, y: 7 }, c: { x: 2, y: 0 } }, ["a>b", "b>c"]);
    const patch = planReplace(
      graph,
      graphLookup(graph),
      subgraph([node("b"), node("d")], [edge("bd", "b", "d")]),
    );
    expect(patch.removeNodes.map((n) => n.key).sort()).toEqual(["a", "c"]);
    expect(patch.addNodes.map((n) => n.key)).toEqual(["d"]);
    expect(patch.addEdges.map((e) => e.key)).toEqual(["bd"]);
  });
});

describe("placement helpers", () => {
  it("hashUnit is stable and in [0, 1)", () => {
    expect(hashUnit("x")).toBe(hashUnit("x"));
    for (const k of ["", "a", "通武廊"]) expect(hashUnit(k)).toBeGreaterThanOrEqual(0);
  });

  it("fanOut gives one offset per node, all away from the centre", () => {
    const offsets = fanOut(40, 10, 0);
    expect(offsets).toHaveLength(40);
    for (const o of offsets) expect(Math.hypot(o.x, o.y)).toBeGreaterThanOrEqual(14 - 1e-9);
  });

  it("graphLookup measures spacing, centre and extent", () => {
    const lookup = graphLookup(graphOf({ a: { x: 0, y: 0 }, b: { x: 4, y: 0 } }, ["a>b"]));
    expect(lookup.spacing).toBe(4);
    expect(lookup.centre).toEqual({ x: 2, y: 0 });
    expect(lookup.radius).toBe(2);
    expect(graphLookup(graphOf({})).spacing).toBe(10);
  });
});
