/**
 * Work that survives, its pure parts: the view document (parse, refuse with the field named), the
 * screen captured into one and planned back (by id when elementIds changed, what is missing said),
 * the permalink's round trip, names kept unique, pins in the screen store, box and lasso geometry,
 * and the report picture's layout.
 */
import { describe, expect, it } from "vitest";
import {
  parseViewDocument,
  VIEW_DOCUMENT_JSON_SCHEMA,
  ViewDocumentError,
  type ResolveNodesResponse,
  type ViewDocument,
} from "../../core/view-document.ts";
import { cleanName, uniqueName } from "../../server/view-store.ts";
import { wholeNames } from "../../web/src/features/graph-view/whole-names.ts";
import { NO_FILTERS } from "../../web/src/features/filters/state.ts";
import { EMPTY_PATCH } from "../../web/src/features/graph-view/merge.ts";
import {
  estimateWidth,
  legendHeight,
  LEGEND_WIDTH,
  reportLayout,
  wrapText,
} from "../../web/src/features/export/report-layout.ts";
import { insidePolygon, keysInside, marqueePolygon } from "../../web/src/features/selection/marquee.ts";
import {
  captureView,
  describeMissing,
  hashOf,
  parseViewFile,
  planView,
  viewFromHash,
} from "../../web/src/features/views/view-state.ts";
import { INITIAL_SCREEN, withPins } from "../../web/src/screen/screen-state.ts";
import { placedAt, ScreenStore } from "../../web/src/screen/screen-store.ts";
import { graphOf, node, plainScreenGraph, subgraph } from "./graphs.ts";

function sampleView(): ViewDocument {
  const graph = graphOf({
    a: { x: 1.23456, y: -2 },
    b: { x: 10, y: 20, category: "Region" },
    c: { x: 0, y: 0 },
  });
  graph.setNodeAttribute("a", "id", "org:a");
  graph.setNodeAttribute("b", "id", "region:b");
  return captureView({
    graph,
    screen: {
      hidden: new Set(["c"]),
      pinned: new Set(["b"]),
      filters: { hiddenLabels: new Set(), hiddenTypes: new Set(["MENTIONS"]) },
    },
    selection: ["c", "a"],
    camera: { x: 0.5, y: 0.4, ratio: 0.8, angle: 0, bbox: { x: [0, 10], y: [-2, 20] } },
    language: "en",
    query: { cypher: "MATCH (n) RETURN n LIMIT $n", params: { n: 5 } },
  });
}

describe("the view document", () => {
  it("captures nodes by stable id (elementId without one), positions, pins, hidden, selection", () => {
    const view = sampleView();
    expect(view.nodes).toEqual([
      { key: "a", id: "org:a", label: "Organisation", name: "a", x: 1.235, y: -2 },
      { key: "b", id: "region:b", label: "Region", name: "b", x: 10, y: 20, pinned: true },
      { key: "c", label: "Organisation", name: "c", x: 0, y: 0, hidden: true },
    ]);
    expect(view.selection).toEqual(["c", "org:a"]);
    expect(view.filters).toEqual({ hiddenLabels: [], hiddenTypes: ["MENTIONS"] });
    expect(parseViewDocument(JSON.parse(JSON.stringify(view)))).toEqual(view);
  });

  it("refuses what is not a view, naming the field", () => {
    const view = sampleView();
    const refused = (value: unknown) => {
      try {
        parseViewDocument(value);
      } catch (error) {
        expect(error).toBeInstanceOf(ViewDocumentError);
        return (error as ViewDocumentError).message;
      }
      throw new Error("accepted");
    };
    expect(refused([])).toMatch(/JSON object/);
    expect(refused({ ...view, format: "gexf" })).toMatch(/^format: /);
    expect(refused({ ...view, version: 2 })).toMatch(/newer Guanxi/);
    expect(refused({ ...view, nodes: [{ ...view.nodes[0], x: "1" }] })).toBe(
      "nodes[0].x: must be a finite number",
    );
    expect(refused({ ...view, nodes: [{ ...view.nodes[0], colour: "red" }] })).toMatch(/nodes\[0\]\.colour/);
    expect(refused({ ...view, camera: { ...view.camera, ratio: 0 } })).toMatch(/camera\.ratio/);
    expect(refused({ ...view, language: "fr" })).toMatch(/language/);
  });

  it("has a JSON schema that names every field the parser accepts", () => {
    expect(Object.keys(VIEW_DOCUMENT_JSON_SCHEMA.properties).sort()).toEqual(
      [
        "analysisFilter",
        "articles",
        "camera",
        "filters",
        "format",
        "language",
        "nodes",
        "query",
        "selection",
        "style",
        "time",
        "version",
      ].sort(),
    );
    expect(Object.keys(VIEW_DOCUMENT_JSON_SCHEMA.properties.nodes.items.properties).sort()).toEqual(
      ["hidden", "id", "key", "label", "name", "pinned", "scores", "x", "y"].sort(),
    );
  });

  it("goes through the page address and back, compressed", () => {
    const view = sampleView();
    const hash = hashOf(view);
    expect(hash).toMatch(/^#view=[A-Za-z0-9+\-$]+$/);
    expect(viewFromHash(hash)).toEqual(view);
    expect(viewFromHash("#other=1")).toBeNull();
    expect(() => viewFromHash(hash.slice(0, 40))).toThrow(ViewDocumentError);
  });

  it("reads a view file, with its name, and says which file and field is wrong", () => {
    const view = sampleView();
    expect(parseViewFile(JSON.stringify({ name: "Cities", ...view }), "x.json")).toEqual({
      doc: view,
      name: "Cities",
    });
    expect(parseViewFile(JSON.stringify(view), "My view.json").name).toBe("My view");
    expect(() => parseViewFile("{", "broken.json")).toThrow(/broken\.json: not valid JSON/);
    expect(() =>
      parseViewFile(JSON.stringify({ ...view, nodes: [{ key: "k", label: "L", x: 0 }] }), "v.json"),
    ).toThrow("v.json nodes[0].y: must be a finite number");
  });
});

describe("planning a view back onto the screen", () => {
  it("maps the document to keys now, and says which nodes are missing", () => {
    const view = sampleView();
    const resolved: ResolveNodesResponse = {
      // org:a is found under a new elementId; c (no id) is gone.
      nodes: [node("a2"), node("b", "Region")],
      edges: [],
      found: { "org:a": "a2", "region:b": "b" },
      missing: ["c"],
      truncated: false,
    };
    const plan = planView(view, resolved);
    expect(plan.positions).toEqual(
      new Map([
        ["a2", { x: 1.235, y: -2 }],
        ["b", { x: 10, y: 20 }],
      ]),
    );
    expect(plan.screen.pinned).toEqual(new Set(["b"]));
    expect(plan.screen.hidden).toEqual(new Set());
    expect(plan.selection).toEqual(["a2"]);
    expect(plan.missing).toEqual(["c"]);
    expect(describeMissing(plan.missing, 3)).toBe("1 of the view's 3 nodes are no longer in the database: c");
    expect(describeMissing([], 3)).toBeNull();
    expect(describeMissing(["1", "2", "3", "4", "5", "6", "7"], 9)).toMatch(/1, 2, 3, 4, 5 and 2 more$/);
  });

  it("loads nodes at the view's positions, with its state, without history", () => {
    const target = plainScreenGraph(graphOf({}));
    const store = new ScreenStore(target);
    store.load(subgraph([node("a"), node("b")]), {
      positions: new Map([
        ["a", { x: 5, y: 6 }],
        ["b", { x: -1, y: 2 }],
      ]),
      state: { pinned: new Set(["a", "gone"]), hidden: new Set(["b"]) },
    });
    expect(target.graph.getNodeAttributes("a")).toMatchObject({ x: 5, y: 6 });
    expect(store.state.pinned).toEqual(new Set(["a"]));
    expect(store.state.hidden).toEqual(new Set(["b"]));
    expect(store.historyLabels().undo).toBeNull();
  });

  it("opens a view over the screen as one undoable step: moves, arrivals and state, exactly", async () => {
    const target = plainScreenGraph(graphOf({ a: { x: 0, y: 0 }, z: { x: 1, y: 1 } }));
    const store = new ScreenStore(target);
    const placed: boolean[] = [];
    store.events.on("change", (change) => placed.push(change.placed));
    await store.addSubgraph(subgraph([node("a"), node("b")]), {
      description: "Open view",
      replace: true,
      positions: new Map([
        ["a", { x: 7, y: 7 }],
        ["b", { x: 3, y: 4 }],
      ]),
      state: { hidden: new Set(["b"]), pinned: new Set(["a"]), filters: NO_FILTERS, expansions: new Map() },
    });
    expect(target.graph.nodes().sort()).toEqual(["a", "b"]);
    expect(target.graph.getNodeAttributes("a")).toMatchObject({ x: 7, y: 7 });
    expect(target.graph.getNodeAttributes("b")).toMatchObject({ x: 3, y: 4 });
    // The arriving node stays hidden: the view says so.
    expect(store.state.hidden).toEqual(new Set(["b"]));
    expect(placed).toEqual([true]);
    store.undo();
    expect(target.graph.nodes().sort()).toEqual(["a", "z"]);
    expect(target.graph.getNodeAttributes("a")).toMatchObject({ x: 0, y: 0 });
    expect(store.state.pinned).toEqual(new Set());
    // Redone, the nodes go back where the view had them, still not for the layout to move.
    store.redo();
    expect(target.graph.getNodeAttributes("a")).toMatchObject({ x: 7, y: 7 });
    expect(placed).toEqual([true, false, true]);
  });

  it("placedAt puts new nodes at their positions and moves the others", () => {
    const graph = graphOf({ a: { x: 0, y: 0 } });
    const patch = placedAt(
      graph,
      {
        ...EMPTY_PATCH,
        addNodes: [{ key: "n", attributes: { ...graph.getNodeAttributes("a"), x: 9, y: 9 } }],
      },
      new Map([
        ["n", { x: 1, y: 2 }],
        ["a", { x: 3, y: 3 }],
      ]),
    );
    expect(patch.addNodes[0]!.attributes).toMatchObject({ x: 1, y: 2 });
    expect(patch.moveNodes).toEqual([{ key: "a", from: { x: 0, y: 0 }, to: { x: 3, y: 3 } }]);
  });
});

describe("pins", () => {
  it("withPins pins and unpins, and says when nothing changes", () => {
    expect(withPins(new Set(["a"]), ["b"], true)).toEqual(new Set(["a", "b"]));
    expect(withPins(new Set(["a"]), ["a"], false)).toEqual(new Set());
    expect(withPins(new Set(["a"]), ["a"], true)).toBeNull();
  });

  it("pins are undoable state, and forgotten with the nodes that leave", () => {
    const target = plainScreenGraph(graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 } }));
    const store = new ScreenStore(target);
    expect(INITIAL_SCREEN.pinned.size).toBe(0);
    store.set("Pin a", { pinned: new Set(["a", "b"]) });
    expect(store.state.pinned).toEqual(new Set(["a", "b"]));
    store.commit("Remove b", {
      graph: { ...EMPTY_PATCH, removeNodes: [{ key: "b", attributes: target.graph.getNodeAttributes("b") }] },
      before: {},
      after: {},
    });
    expect(store.state.pinned).toEqual(new Set(["a"]));
    store.undo();
    store.undo();
    expect(store.state.pinned).toEqual(new Set());
  });
});

describe("saved view names", () => {
  it("cleans names and suffixes taken ones", () => {
    expect(cleanName("  Two   cities ")).toBe("Two cities");
    expect(() => cleanName("   ")).toThrow(/needs a name/);
    expect(() => cleanName("a\u0007b")).toThrow(/control/);
    expect(uniqueName("Hebei", [])).toBe("Hebei");
    expect(uniqueName("Hebei", ["hebei", "Hebei (2)"])).toBe("Hebei (3)");
  });
});

describe("box and lasso selection", () => {
  const points = [
    { key: "in", x: 5, y: 5 },
    { key: "edge-out", x: 11, y: 5 },
    { key: "notch", x: 8, y: 2 },
  ];

  it("a box from two corners, in any direction", () => {
    const box = marqueePolygon("box", [
      { x: 10, y: 10 },
      { x: 3, y: 0 },
      { x: 0, y: 0 },
    ]);
    expect(keysInside(points, box)).toEqual(["in", "notch"]);
  });

  it("a lasso keeps what its path encloses, not its bounding box", () => {
    // An L shape: the notch at (8, 2) is inside the bounding box but outside the lasso.
    const lasso = marqueePolygon("lasso", [
      { x: 0, y: 0 },
      { x: 6, y: 0 },
      { x: 6, y: 4 },
      { x: 10, y: 4 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ]);
    expect(keysInside(points, lasso)).toEqual(["in"]);
    expect(insidePolygon({ x: 8, y: 6 }, lasso)).toBe(true);
    expect(keysInside(points, marqueePolygon("lasso", [{ x: 0, y: 0 }]))).toEqual([]);
  });
});

describe("pictures for reports", () => {
  const measure = (s: string) => estimateWidth(s, 12);

  it("lays out title, graph, legend with relationship types, and caption", () => {
    const plain = reportLayout(
      { width: 800, height: 600 },
      { labels: 4, types: 3 },
      { title: "", caption: "" },
      measure,
    );
    expect(plain).toMatchObject({ width: 800 + LEGEND_WIDTH, height: 600, title: null, caption: null });
    const report = reportLayout(
      { width: 800, height: 600 },
      { labels: 4, types: 3 },
      { title: "通武廊", caption: "Source: seed" },
      measure,
    );
    expect(report.graph.y).toBeGreaterThan(0);
    expect(report.height).toBeGreaterThan(600 + report.graph.y);
    expect(report.caption!.lines).toEqual(["Source: seed"]);
    // A long legend makes the picture taller than the canvas.
    const tall = reportLayout(
      { width: 400, height: 200 },
      { labels: 9, types: 9 },
      { title: "", caption: "" },
      measure,
    );
    expect(tall.height).toBe(legendHeight(9, 9));
  });

  it("wraps captions at word boundaries, and CJK anywhere", () => {
    expect(wrapText("alpha beta gamma", estimateWidth("alpha beta", 12) + 1, measure)).toEqual([
      "alpha beta",
      "gamma",
    ]);
    const cjk = wrapText("北京天津河北协同发展", 12 * 4, measure);
    expect(cjk).toEqual(["北京天津", "河北协同", "发展"]);
  });
});

describe("names in full for pictures", () => {
  const label = (key: string, x: number, y: number, width: number, wholeWidth: number) => ({
    key,
    x,
    y,
    size: 5,
    side: "right" as const,
    width,
    wholeWidth,
  });

  it("draws a name whole where it covers no other label or disc, and keeps it short where it would", () => {
    const labels = [
      label("free", 0, 0, 40, 120),
      label("blocked", 0, 100, 40, 120),
      label("neighbour", 100, 100, 30, 30),
      label("short", 0, 200, 30, 30),
    ];
    const discs = new Map([["far", { left: 500, top: 500, right: 510, bottom: 510 }]]);
    expect(wholeNames(labels, discs, 13, 1000)).toEqual(new Set(["free"]));
    // Nor past the edge of the frame.
    expect(wholeNames([label("edge", 900, 0, 40, 200)], new Map(), 13, 1000)).toEqual(new Set());
  });
});
