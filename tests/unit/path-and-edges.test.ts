import { describe, expect, it } from "vitest";
import { THEME } from "../../core/appearance.ts";
import { computeFocus, reduceEdge, reduceNode } from "../../web/src/features/graph-view/reducers.ts";
import type { ReducerContext } from "../../web/src/features/graph-view/reducers.ts";
import { INITIAL_VIEW_STATE, NOTHING_HIDDEN } from "../../web/src/features/graph-view/types.ts";
import type { ViewState } from "../../web/src/features/graph-view/types.ts";
import { edgeProperties } from "../../web/src/features/inspector/state.ts";
import { allowedTypes, describeLimits, pathRequest } from "../../web/src/features/path/path.ts";
import { graphOf } from "./graphs.ts";

const none = { hidden: new Set<string>(), hiddenLabels: new Set<string>(), hiddenTypes: new Set<string>() };

describe("path requests", () => {
  it("joins the last two selected nodes", () => {
    expect(pathRequest(["x", "a", "b"])).toEqual({ from: "a", to: "b", maxHops: 8 });
    expect(pathRequest(["a"])).toBeNull();
    expect(pathRequest(["a", "a"])).toBeNull();
  });

  it("allows by default every type not filtered out of sight; ticked types once chosen", () => {
    const known = ["MENTIONS", "PART_OF", "LOCATED_IN"];
    expect(allowedTypes(known, new Set(["MENTIONS"]), null)).toEqual(["PART_OF", "LOCATED_IN"]);
    expect(allowedTypes(known, new Set(["MENTIONS"]), new Set(["MENTIONS", "PART_OF"]))).toEqual([
      "MENTIONS",
      "PART_OF",
    ]);
  });

  it("sends the types only when they restrict, and what is hidden but the ends", () => {
    const known = ["MENTIONS", "PART_OF"];
    expect(pathRequest(["a", "b"], none, { known, allowed: known })).not.toHaveProperty("types");
    const request = pathRequest(
      ["a", "b"],
      { hidden: new Set(["a", "h"]), hiddenLabels: new Set(["Article"]), hiddenTypes: new Set(["MENTIONS"]) },
      { known, allowed: ["PART_OF"] },
    );
    expect(request).toEqual({
      from: "a",
      to: "b",
      maxHops: 8,
      types: ["PART_OF"],
      excluded: ["h"],
      excludedLabels: ["Article"],
    });
    expect(describeLimits(request!)).toBe("through PART_OF, around 1 hidden node, avoiding Article");
  });
});

describe("a selected or hovered relationship", () => {
  const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 2, y: 0 } }, ["a>b", "b>c"]);
  const ctx = (state: Partial<ViewState>): ReducerContext => {
    const s = { ...INITIAL_VIEW_STATE, ...state };
    return {
      graph,
      state: s,
      visibility: NOTHING_HIDDEN,
      focus: computeFocus(graph, s, NOTHING_HIDDEN),
      rare: new Set(),
      large: false,
    };
  };

  it("is drawn thick in the selection colour with its type, its ends named", () => {
    const c = ctx({ selectedEdge: "e:a>b" });
    expect(reduceEdge(c, "e:a>b", graph.getEdgeAttributes("e:a>b"))).toMatchObject({
      color: THEME.selection,
      label: "PART_OF",
      forceLabel: true,
    });
    expect(reduceEdge(c, "e:b>c", graph.getEdgeAttributes("e:b>c"))).toMatchObject({ color: THEME.edge });
    expect(reduceNode(c, "a", graph.getNodeAttributes("a"))).toMatchObject({ forceLabel: true });
    expect(reduceNode(c, "c", graph.getNodeAttributes("c")).forceLabel).toBeUndefined();
  });

  it("hovered, stands out and is labelled even while a path is highlighted", () => {
    const highlight = { kind: "path" as const, nodes: new Set(["b", "c"]), edges: new Set(["e:b>c"]) };
    const display = reduceEdge(
      ctx({ hoveredEdge: "e:a>b", highlight }),
      "e:a>b",
      graph.getEdgeAttributes("e:a>b"),
    );
    expect(display).toMatchObject({ color: THEME.edgeStrong, label: "PART_OF", forceLabel: true });
  });

  it("lists its properties without the provenance, which is shown as evidence", () => {
    expect(edgeProperties({ evidence: ["q"], articles: ["a"], since: 2021, role: "x" })).toEqual([
      ["role", "x"],
      ["since", 2021],
    ]);
  });
});
