import { describe, expect, it } from "vitest";
import { labelColour, nodeSize, THEME } from "../../core/appearance.ts";
import {
  computeFocus,
  displayName,
  isEdgeShown,
  isNodeShown,
  parallelCurvature,
  rareCategories,
  reduceEdge,
  reduceNode,
  shortLabel,
} from "../../web/src/features/graph-view/reducers.ts";
import type { ReducerContext } from "../../web/src/features/graph-view/reducers.ts";
import { INITIAL_VIEW_STATE, NOTHING_HIDDEN } from "../../web/src/features/graph-view/types.ts";
import type { ViewState, Visibility } from "../../web/src/features/graph-view/types.ts";
import { graphOf } from "./graphs.ts";

const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0, category: "Region" }, c: { x: 2, y: 0 } }, [
  "a>b",
  "b>c",
]);

function ctx(state: Partial<ViewState> = {}, visibility: Visibility = NOTHING_HIDDEN): ReducerContext {
  const s = { ...INITIAL_VIEW_STATE, ...state };
  return {
    graph,
    state: s,
    visibility,
    focus: computeFocus(graph, s, visibility),
    rare: new Set(),
    large: false,
  };
}

describe("appearance", () => {
  it("colours the domain's labels fixedly and any other label stably", () => {
    expect(labelColour("Organisation")).toBe("#3b82c4");
    expect(labelColour("Whatever")).toBe(labelColour("Whatever"));
    expect(nodeSize(0)).toBe(4);
    expect(nodeSize(10_000)).toBe(24);
  });
});

describe("visibility", () => {
  const visibility: Visibility = {
    hidden: new Set(["c"]),
    filters: { hiddenLabels: new Set(["Region"]), hiddenTypes: new Set() },
  };

  it("hides hidden nodes and filtered labels, and the edges touching them", () => {
    expect(isNodeShown(visibility, "a", "Organisation")).toBe(true);
    expect(isNodeShown(visibility, "c", "Organisation")).toBe(false);
    expect(isNodeShown(visibility, "b", "Region")).toBe(false);
    expect(isEdgeShown(graph, visibility, "e:a>b")).toBe(false);
    expect(isEdgeShown(graph, NOTHING_HIDDEN, "e:a>b")).toBe(true);
    const byType = {
      hidden: new Set<string>(),
      filters: { hiddenLabels: new Set<string>(), hiddenTypes: new Set(["PART_OF"]) },
    };
    expect(isEdgeShown(graph, byType, "e:a>b")).toBe(false);
  });

  it("a hidden node keeps its position, hidden", () => {
    expect(reduceNode(ctx({}, visibility), "c", graph.getNodeAttributes("c"))).toEqual({
      x: 2,
      y: 0,
      size: 1,
      hidden: true,
    });
    expect(reduceEdge(ctx({}, visibility), "e:b>c", graph.getEdgeAttributes("e:b>c"))).toEqual({
      hidden: true,
    });
  });
});

describe("focus and looks", () => {
  it("hover focuses the node and its shown neighbours; a highlight otherwise", () => {
    const hover = computeFocus(graph, { ...INITIAL_VIEW_STATE, hovered: "b" }, NOTHING_HIDDEN)!;
    expect([...hover.nodes].sort()).toEqual(["a", "b", "c"]);
    const highlight = { kind: "path" as const, nodes: new Set(["a"]), edges: new Set<string>() };
    expect(computeFocus(graph, { ...INITIAL_VIEW_STATE, highlight }, NOTHING_HIDDEN)?.accent).toBe(true);
    expect(computeFocus(graph, INITIAL_VIEW_STATE, NOTHING_HIDDEN)).toBeNull();
  });

  it("a selected node gets a ring and its full name; nodes out of focus are dimmed and unnamed", () => {
    const selected = reduceNode(ctx({ selected: ["a"] }), "a", graph.getNodeAttributes("a")) as Record<
      string,
      unknown
    >;
    expect(selected.ringColor).toBe(THEME.selection);
    expect(selected.forceLabel).toBe(true);
    const highlight = { kind: "neighbourhood" as const, nodes: new Set(["a"]), edges: new Set<string>() };
    const dimmed = reduceNode(ctx({ highlight }), "c", graph.getNodeAttributes("c"));
    expect([dimmed.color, dimmed.label]).toEqual([THEME.dimmedNode, null]);
  });

  it("names in the chosen language, short on the canvas (CJK counts double)", () => {
    expect(displayName({ name: "通武廊", nameEn: "Tongwulang" }, "en")).toBe("Tongwulang");
    expect(displayName({ name: "通武廊" }, "en")).toBe("通武廊");
    expect(shortLabel("一二三四五六七八九十一")).toBe("一二三四五六七八九十…");
    expect(shortLabel("short")).toBe("short");
  });

  it("parallel edges curve symmetrically; lone labels are rare", () => {
    expect(parallelCurvature(0, 2)).toBe(0);
    expect(parallelCurvature(-1, 2)).toBe(-parallelCurvature(1, 2));
    expect(rareCategories(graph).size).toBe(0); // too small a graph to single anything out
  });
});
