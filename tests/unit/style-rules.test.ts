/**
 * Style rules and the analysis panel's pure parts: rules → colours and sizes (categorical palette,
 * graduated ramp), the analysis filter's predicate and its effect on what the reducers show, the
 * scores written and undone as one step of the screen store, the view document's round trip of
 * scores, style and filter (an older document without them still read), and the panel's scopes,
 * ranked table and groups.
 */
import { describe, expect, it } from "vitest";
import { labelColour } from "../../core/appearance.ts";
import {
  buildStyleScales,
  CATEGORY_PALETTE,
  EDGE_WIDTH_RANGE,
  formatValue,
  legendLines,
  MISSING_COLOUR,
  NODE_SIZE_RANGE,
  OTHER_COLOUR,
  parseStyleRules,
  passesAnalysisFilter,
  RAMP_STOPS,
  rampColour,
  styledCaption,
  styledColour,
  styledSize,
  styledWidth,
  type StyledNode,
  type StyleRules,
} from "../../core/style-rules.ts";
import { parseViewDocument, ViewDocumentError } from "../../core/view-document.ts";
import { defaultCountedTypes } from "../../core/analysis/counted-types.ts";
import {
  groupSizes,
  nextSort,
  rankedRows,
  scopeNodes,
  sortRows,
  typesAmong,
  workerEdges,
} from "../../web/src/features/analysis/analysis-state.ts";
import { countedTypesSchema } from "../../web/src/features/analysis/analysis-controller.ts";
import {
  computeFocus,
  isNodeShown,
  reduceEdge,
  reduceNode,
  styleScales,
} from "../../web/src/features/graph-view/reducers.ts";
import {
  INITIAL_VIEW_STATE,
  NOTHING_HIDDEN,
  type Visibility,
} from "../../web/src/features/graph-view/types.ts";
import { captureView, planView } from "../../web/src/features/views/view-state.ts";
import { INITIAL_SCREEN } from "../../web/src/screen/screen-state.ts";
import { ScreenStore, scoresPatch } from "../../web/src/screen/screen-store.ts";
import type { Picture } from "../../web/src/features/export/picture.ts";
import {
  legendHeight,
  LEGEND_ROW,
  reportLayout,
  styleRows,
} from "../../web/src/features/export/report-layout.ts";
import { pictureToSvg } from "../../web/src/features/export/svg.ts";
import { graphOf, plainScreenGraph } from "./graphs.ts";

const styled = (
  scores: Record<string, number>,
  properties: StyledNode["properties"] = {},
  category = "Organisation",
): StyledNode => ({
  category,
  name: "n",
  properties,
  scores,
});

describe("style rules → looks", () => {
  it("a graduated ramp runs from its first stop to its last, clamped", () => {
    expect(rampColour(0)).toBe(RAMP_STOPS[0]);
    expect(rampColour(1)).toBe(RAMP_STOPS[RAMP_STOPS.length - 1]);
    expect(rampColour(-3)).toBe(RAMP_STOPS[0]);
    expect(rampColour(7)).toBe(RAMP_STOPS[RAMP_STOPS.length - 1]);
    expect(rampColour(Number.NaN)).toBe(RAMP_STOPS[0]);
    expect(rampColour(0.5)).toMatch(/^#[0-9a-f]{6}$/);
    expect(rampColour(0.5)).not.toBe(rampColour(0.25));
  });

  it("a score colours by the ramp over the range in sight; missing values are grey", () => {
    const rules: StyleRules = { colour: { by: "metric", key: "pagerank" } };
    const nodes = [styled({ pagerank: 0.1 }), styled({ pagerank: 0.3 }), styled({})];
    const scales = buildStyleScales(rules, nodes);
    expect(scales.colour).toMatchObject({ kind: "graduated", min: 0.1, max: 0.3, missing: 1 });
    expect(styledColour(scales, rules, nodes[0]!)).toBe(RAMP_STOPS[0]);
    expect(styledColour(scales, rules, nodes[1]!)).toBe(RAMP_STOPS[RAMP_STOPS.length - 1]);
    expect(styledColour(scales, rules, nodes[2]!)).toBe(MISSING_COLOUR);
  });

  it("a partition or a property colours by category, largest first, the rest as other", () => {
    const rules: StyleRules = { colour: { by: "metric", key: "louvain" } };
    const nodes = [
      ...Array.from({ length: 3 }, () => styled({ louvain: 2 })),
      styled({ louvain: 0 }),
      ...Array.from({ length: 14 }, (_, i) => styled({ louvain: 10 + i })),
    ];
    const scales = buildStyleScales(rules, nodes);
    if (scales.colour?.kind !== "categorical") throw new Error("categorical expected");
    expect(scales.colour.entries[0]).toEqual({ value: "2", count: 3, colour: CATEGORY_PALETTE[0] });
    expect(scales.colour.entries).toHaveLength(CATEGORY_PALETTE.length);
    expect(scales.colour.other).toBe(nodes.length - 3 - (CATEGORY_PALETTE.length - 1));
    expect(styledColour(scales, rules, nodes[0]!)).toBe(CATEGORY_PALETTE[0]);
    expect(styledColour(scales, rules, nodes[nodes.length - 1]!)).toBe(OTHER_COLOUR);
    // A property is categorical even when numeric-looking; arrays are joined.
    const byCity: StyleRules = { colour: { by: "property", key: "city" } };
    const cities = [
      styled({}, { city: "天津" }),
      styled({}, { city: "天津" }),
      styled({}, { city: ["廊坊", "通州"] }),
    ];
    const cityScales = buildStyleScales(byCity, cities);
    expect(styledColour(cityScales, byCity, cities[0]!)).toBe(CATEGORY_PALETTE[0]);
    expect(styledColour(cityScales, byCity, cities[2]!)).toBe(CATEGORY_PALETTE[1]);
    expect(legendLines(cityScales)[0]?.swatches?.map((s) => s.label)).toEqual(["天津", "廊坊, 通州"]);
  });

  it("sizes by area between the size range's ends; equal values sit in the middle", () => {
    const rules: StyleRules = { size: { by: "property", key: "staff" } };
    const nodes = [
      styled({}, { staff: 10 }),
      styled({}, { staff: 110 }),
      styled({}, { staff: "60" }),
      styled({}, {}),
    ];
    const scales = buildStyleScales(rules, nodes);
    expect(styledSize(scales, rules, nodes[0]!)).toBe(NODE_SIZE_RANGE.min);
    expect(styledSize(scales, rules, nodes[1]!)).toBe(NODE_SIZE_RANGE.max);
    const middle = styledSize(scales, rules, nodes[2]!)!;
    expect(middle).toBeCloseTo(
      NODE_SIZE_RANGE.min + (NODE_SIZE_RANGE.max - NODE_SIZE_RANGE.min) * Math.sqrt(0.5),
    );
    expect(styledSize(scales, rules, nodes[3]!)).toBe(NODE_SIZE_RANGE.min);
    const flat = buildStyleScales(rules, [nodes[0]!]);
    expect(styledSize(flat, rules, nodes[0]!)).toBeCloseTo(middle);
    expect(styledSize(buildStyleScales({}, nodes), {}, nodes[0]!)).toBeNull();
  });

  it("widths follow a relationship property; captions a property per label", () => {
    const rules: StyleRules = { edgeWidth: { property: "weight" }, captions: { Region: "nameEn" } };
    const edges: Record<string, number>[] = [{ weight: 1 }, { weight: 5 }, { other: 3 }];
    const scales = buildStyleScales(rules, [], () => edges);
    expect(styledWidth(scales, { weight: 1 })).toBe(EDGE_WIDTH_RANGE.min);
    expect(styledWidth(scales, { weight: 5 })).toBe(EDGE_WIDTH_RANGE.max);
    expect(styledWidth(scales, {})).toBe(EDGE_WIDTH_RANGE.min);
    expect(styledCaption(scales, styled({}, { nameEn: "Langfang" }, "Region"))).toBe("Langfang");
    expect(styledCaption(scales, styled({}, {}, "Region"))).toBeNull();
    expect(styledCaption(scales, styled({}, { nameEn: "x" }))).toBeNull();
    expect(legendLines(scales).map((l) => l.text)).toEqual([
      "Width: weight, 1 – 5",
      "Caption of Region: nameEn",
    ]);
  });

  it("formats legend values briefly", () => {
    expect(formatValue(0.1 + 0.2)).toBe("0.3");
    expect(formatValue(12345)).toBe("12,345");
    expect(formatValue(0.000123)).toBe("1.23e-4");
  });
});

describe("the analysis filter", () => {
  it("keeps scores at least min, or one group; a node without the score fails", () => {
    expect(passesAnalysisFilter({ pagerank: 0.2 }, { metric: "pagerank", min: 0.1 })).toBe(true);
    expect(passesAnalysisFilter({ pagerank: 0.05 }, { metric: "pagerank", min: 0.1 })).toBe(false);
    expect(passesAnalysisFilter({ louvain: 3 }, { metric: "louvain", group: 3 })).toBe(true);
    expect(passesAnalysisFilter({ louvain: 2 }, { metric: "louvain", group: 3 })).toBe(false);
    expect(passesAnalysisFilter({ kcore: 3 }, { metric: "kcore", min: 2 })).toBe(true);
    expect(passesAnalysisFilter(undefined, { metric: "kcore", min: 0 })).toBe(false);
    expect(passesAnalysisFilter(undefined, null)).toBe(true);
  });

  it("hides nodes and their relationships through the reducers, never deleting them", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 2, y: 0 } }, ["a>b", "b>c"]);
    graph.setNodeAttribute("a", "scores", { kcore: 2 });
    graph.setNodeAttribute("b", "scores", { kcore: 2 });
    graph.setNodeAttribute("c", "scores", { kcore: 1 });
    const visibility: Visibility = { ...NOTHING_HIDDEN, analysisFilter: { metric: "kcore", min: 2 } };
    expect(isNodeShown(visibility, "c", "Organisation", { kcore: 1 })).toBe(false);
    const ctx = {
      graph,
      state: INITIAL_VIEW_STATE,
      visibility,
      focus: computeFocus(graph, INITIAL_VIEW_STATE, visibility),
      rare: new Set<string>(),
      large: false,
    };
    expect(reduceNode(ctx, "c", graph.getNodeAttributes("c")).hidden).toBe(true);
    expect(reduceNode(ctx, "a", graph.getNodeAttributes("a")).hidden).toBeFalsy();
    expect(reduceEdge(ctx, "e:b>c", graph.getEdgeAttributes("e:b>c")).hidden).toBe(true);
    expect(reduceEdge(ctx, "e:a>b", graph.getEdgeAttributes("e:a>b")).hidden).toBeFalsy();
    expect(graph.order).toBe(3);
  });

  it("the reducers draw with the rules: colour by community, size by score, label colours otherwise", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 2, y: 0, category: "Region" } }, [
      "a>b",
    ]);
    graph.setNodeAttribute("a", "scores", { louvain: 0, pagerank: 0.5 });
    graph.setNodeAttribute("b", "scores", { louvain: 0, pagerank: 0.2 });
    graph.setNodeAttribute("c", "scores", { louvain: 1, pagerank: 0.3 });
    const visibility: Visibility = {
      ...NOTHING_HIDDEN,
      style: { colour: { by: "metric", key: "louvain" }, size: { by: "metric", key: "pagerank" } },
    };
    const ctx = {
      graph,
      state: INITIAL_VIEW_STATE,
      visibility,
      focus: null,
      rare: new Set<string>(),
      large: false,
      scales: styleScales(graph, visibility),
    };
    const a = reduceNode(ctx, "a", graph.getNodeAttributes("a"));
    const c = reduceNode(ctx, "c", graph.getNodeAttributes("c"));
    expect(a.color).toBe(CATEGORY_PALETTE[0]);
    expect(c.color).toBe(CATEGORY_PALETTE[1]);
    expect(a.size).toBe(NODE_SIZE_RANGE.max);
    expect(reduceNode(ctx, "b", graph.getNodeAttributes("b")).size).toBe(NODE_SIZE_RANGE.min);
    const plain = { ...ctx, visibility: NOTHING_HIDDEN, scales: styleScales(graph, NOTHING_HIDDEN) };
    expect(plain.scales).toBeNull();
    expect(reduceNode(plain, "c", graph.getNodeAttributes("c")).color).toBe(labelColour("Region"));
  });
});

describe("scores on the screen", () => {
  it("one run's scores are one undoable step; other metrics' scores stay", () => {
    const target = plainScreenGraph(graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 }, c: { x: 2, y: 0 } }));
    target.graph.setNodeAttribute("c", "scores", { pagerank: 0.4, louvain: 7 });
    const store = new ScreenStore(target);
    const patch = scoresPatch(target.graph, "louvain", { a: 0, b: 1, gone: 3 });
    expect(store.set("Run Louvain", { style: { colour: { by: "metric", key: "louvain" } } }, patch)).toBe(
      true,
    );
    expect(target.graph.getNodeAttribute("a", "scores")).toEqual({ louvain: 0 });
    // c was not in this run: its old Louvain group goes, its PageRank stays.
    expect(target.graph.getNodeAttribute("c", "scores")).toEqual({ pagerank: 0.4 });
    expect(store.state.style.colour?.key).toBe("louvain");
    store.undo();
    expect(target.graph.getNodeAttribute("a", "scores")).toBeUndefined();
    expect(target.graph.getNodeAttribute("c", "scores")).toEqual({ pagerank: 0.4, louvain: 7 });
    expect(store.state.style).toEqual(INITIAL_SCREEN.style);
    store.redo();
    expect(target.graph.getNodeAttribute("b", "scores")).toEqual({ louvain: 1 });
    // The same values again change nothing (no empty step in the history).
    expect(store.set("Run Louvain", {}, scoresPatch(target.graph, "louvain", { a: 0, b: 1 }))).toBe(false);
  });
});

describe("the view document keeps analysis results and style", () => {
  it("round-trips scores, style rules and the analysis filter", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 1, category: "Region" } });
    graph.setNodeAttribute("a", "id", "org:a");
    graph.setNodeAttribute("a", "scores", { pagerank: 0.25, louvain: 1 });
    const style: StyleRules = {
      size: { by: "metric", key: "pagerank" },
      colour: { by: "property", key: "city" },
      captions: { Region: "nameEn" },
      edgeWidth: { property: "weight" },
    };
    const doc = captureView({
      graph,
      screen: { ...INITIAL_SCREEN, style, analysisFilter: { metric: "pagerank", min: 0.1 } },
      selection: [],
    });
    const parsed = parseViewDocument(JSON.parse(JSON.stringify(doc)));
    expect(parsed).toEqual(doc);
    expect(parsed.nodes[0]?.scores).toEqual({ pagerank: 0.25, louvain: 1 });
    expect(parsed.nodes[1]?.scores).toBeUndefined();
    const plan = planView(parsed, {
      nodes: [],
      edges: [],
      found: { "org:a": "new-a", b: "new-b" },
      missing: [],
      truncated: false,
    });
    expect(plan.scores.get("new-a")).toEqual({ pagerank: 0.25, louvain: 1 });
    expect(plan.screen.style).toEqual(style);
    expect(plan.screen.analysisFilter).toEqual({ metric: "pagerank", min: 0.1 });
    // Restored into the store: new nodes arrive with their scores.
    const target = plainScreenGraph(graphOf({}));
    const store = new ScreenStore(target);
    store.load(
      {
        nodes: [{ key: "new-a", label: "Organisation", labels: ["Organisation"], name: "a", properties: {} }],
        edges: [],
      },
      { state: plan.screen, scores: plan.scores },
    );
    expect(target.graph.getNodeAttribute("new-a", "scores")).toEqual({ pagerank: 0.25, louvain: 1 });
    expect(store.state.analysisFilter).toEqual({ metric: "pagerank", min: 0.1 });
  });

  it("reads a version-1 document from before the analysis panel as before", () => {
    const old = {
      format: "guanxi-view",
      version: 1,
      nodes: [{ key: "k", label: "Region", name: "x", x: 0, y: 0 }],
    };
    const doc = parseViewDocument(old);
    expect(doc.style).toBeUndefined();
    expect(doc.analysisFilter).toBeUndefined();
    expect(
      planView(doc, { nodes: [], edges: [], found: { k: "k" }, missing: [], truncated: false }).screen.style,
    ).toEqual({});
  });

  it("refuses bad scores, rules and filters, naming the field", () => {
    const base = {
      format: "guanxi-view",
      version: 1,
      nodes: [{ key: "k", label: "Region", name: "x", x: 0, y: 0 }],
    };
    const refused = (value: unknown) => {
      try {
        parseViewDocument(value);
        return "accepted";
      } catch (error) {
        if (error instanceof ViewDocumentError) return error.message;
        throw error;
      }
    };
    expect(refused({ ...base, nodes: [{ ...base.nodes[0], scores: { pagerank: "high" } }] })).toBe(
      "nodes[0].scores.pagerank: must be a finite number",
    );
    expect(refused({ ...base, style: { size: { by: "magic", key: "x" } } })).toBe(
      'style.size.by: must be "metric" or "property"',
    );
    expect(refused({ ...base, style: { shape: "star" } })).toBe("style.shape: is not a known field");
    expect(refused({ ...base, style: { captions: { Region: "" } } })).toMatch(/^style\.captions\.Region: /);
    expect(refused({ ...base, analysisFilter: { metric: "kcore", min: "2" } })).toBe(
      "analysisFilter.min: must be a finite number",
    );
    expect(refused({ ...base, analysisFilter: { min: 2 } })).toMatch(/^analysisFilter\.metric: /);
    const fail = (field: string, problem: string): never => {
      throw new Error(`${field}: ${problem}`);
    };
    expect(parseStyleRules({ edgeWidth: { property: "weight" } }, fail)).toEqual({
      edgeWidth: { property: "weight" },
    });
  });
});

describe("the analysis panel's scopes and tables", () => {
  // Two clusters (Tongzhou's, Langfang's) joined by one broker; a document node mentioning all.
  const graph = graphOf(
    {
      t1: { x: 0, y: 0 },
      t2: { x: 0, y: 1 },
      broker: { x: 1, y: 0 },
      l1: { x: 2, y: 0 },
      l2: { x: 2, y: 1 },
      art: { x: 5, y: 5, category: "Article" },
    },
    ["t1>t2", "t2>broker", "broker>l1", "l1>l2"],
  );
  graph.addEdgeWithKey("m1", "art", "t1", { relType: "MENTIONS", properties: {} });
  graph.addEdgeWithKey("w", "t1", "broker", { relType: "COOPERATES_WITH", properties: { weight: 3 } });

  it("covers the view, the last query's nodes on screen, or the selection and its neighbours", () => {
    const input = {
      visible: graph.nodes().filter((k) => k !== "l2"),
      selection: ["broker"],
      queryKeys: ["t1", "l2", "elsewhere"],
    };
    expect(scopeNodes(graph, "view", input)).toEqual({ nodes: input.visible });
    expect(scopeNodes(graph, "query", input)).toEqual({ nodes: ["t1"] });
    expect(scopeNodes(graph, "query", { ...input, queryKeys: null })).toHaveProperty("empty");
    const ego = scopeNodes(graph, "ego", input);
    expect("nodes" in ego && ego.nodes.sort()).toEqual(["broker", "l1", "t1", "t2"]);
    expect(scopeNodes(graph, "ego", { ...input, selection: [] })).toHaveProperty("empty");
  });

  it("sends the relationships among the scope, with the weight property's numbers", () => {
    const edges = workerEdges(graph, ["t1", "broker", "t2"], "weight");
    expect(edges).toContainEqual(["t1", "broker", "COOPERATES_WITH", 3]);
    expect(edges).toContainEqual(["t2", "broker", "PART_OF", null]);
    expect(edges.some(([s, t]) => s === "broker" && t === "l1")).toBe(false);
    expect(typesAmong(graph, graph.nodes())).toEqual([
      { type: "PART_OF", count: 4 },
      { type: "COOPERATES_WITH", count: 1 },
      { type: "MENTIONS", count: 1 },
    ]);
  });

  it("counts every type but the document links by default, from the explorer's schema summary", () => {
    const summary = {
      name: "news",
      documentLabel: "Article",
      labels: {},
      relationshipTypes: {
        MENTIONS: { from: ["Article"], to: ["Organisation"] },
        PART_OF: { from: ["Organisation"], to: ["Region"] },
      },
    };
    expect(defaultCountedTypes(countedTypesSchema(summary), ["MENTIONS", "PART_OF", "UNKNOWN"])).toEqual([
      "PART_OF",
      "UNKNOWN",
    ]);
    const withoutDocuments = { ...summary, documentLabel: undefined };
    expect(defaultCountedTypes(countedTypesSchema(withoutDocuments), ["MENTIONS"])).toEqual(["MENTIONS"]);
  });

  it("ranks highest first, ties by name, and sorts by any column", () => {
    const names: Record<string, string> = { a: "Alpha", b: "Beta", c: "Gamma", d: "Delta" };
    const rows = rankedRows({ a: 0.1, b: 0.5, c: 0.5, d: 0.2, gone: 9 }, (key) =>
      names[key] ? { name: names[key], label: "Org" } : null,
    );
    expect(rows.map((r) => [r.key, r.rank])).toEqual([
      ["b", 1],
      ["c", 2],
      ["d", 3],
      ["a", 4],
    ]);
    expect(rankedRows({ a: 1, b: 2 }, (k) => ({ name: k, label: "" }), 1).map((r) => r.key)).toEqual(["b"]);
    expect(sortRows(rows, { key: "name", descending: false }).map((r) => r.name)).toEqual([
      "Alpha",
      "Beta",
      "Delta",
      "Gamma",
    ]);
    expect(sortRows(rows, { key: "value", descending: true }).map((r) => r.key)).toEqual([
      "b",
      "c",
      "d",
      "a",
    ]);
    expect(nextSort({ key: "rank", descending: false }, "rank")).toEqual({ key: "rank", descending: true });
    expect(nextSort({ key: "rank", descending: false }, "value")).toEqual({ key: "value", descending: true });
  });

  it("summarises a partition's groups, largest first", () => {
    expect(groupSizes({ a: 1, b: 0, c: 1, d: 2 })).toEqual([
      { group: 1, size: 2 },
      { group: 0, size: 1 },
      { group: 2, size: 1 },
    ]);
  });
});

describe("pictures show the style rules", () => {
  it("the SVG legend gets a Style part below the relationship types, taller when needed", () => {
    const rules: StyleRules = {
      colour: { by: "metric", key: "louvain" },
      size: { by: "metric", key: "pagerank" },
    };
    const scales = buildStyleScales(rules, [
      styled({ louvain: 0, pagerank: 0.1 }),
      styled({ louvain: 1, pagerank: 0.4 }),
    ]);
    const style = legendLines(scales);
    expect(styleRows(style)).toBe(1 + 2 + 1);
    const picture: Picture = {
      width: 400,
      height: 100,
      background: "#f6f7f9",
      nodes: [],
      edges: [],
      legend: [{ label: "Organisation", color: "#e1e4e9", count: 2 }],
      types: [{ label: "PART_OF", color: "#56606e", count: 1 }],
      style,
      fontSize: 12,
      font: "sans-serif",
    };
    const svg = pictureToSvg(picture);
    expect(svg).toContain(">STYLE</text>");
    expect(svg).toContain("Colour: Community (Louvain)");
    expect(svg).toContain(`fill="${CATEGORY_PALETTE[1]}"`);
    expect(svg).toContain("Size: PageRank, 0.1 – 0.4");
    const layout = reportLayout(
      picture,
      { labels: 1, types: 1, style: styleRows(style) },
      { title: "", caption: "" },
      (s) => s.length,
    );
    expect(layout.styleTop).toBeGreaterThan(layout.typesTop + LEGEND_ROW);
    expect(layout.height).toBe(legendHeight(1, 1, styleRows(style)));
    // A graduated colour draws its ramp as a gradient.
    const ramp = legendLines(
      buildStyleScales({ colour: { by: "metric", key: "pagerank" } }, [
        styled({ pagerank: 1 }),
        styled({ pagerank: 2 }),
      ]),
    );
    expect(pictureToSvg({ ...picture, style: ramp })).toMatch(/<linearGradient id="ramp-0">/);
  });
});
