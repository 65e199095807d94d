/**
 * The looks of the graph, derived from data + view state: colour by label, size by degree, labels in
 * the chosen language, hover and highlight focus, selection rings, filters, hidden nodes, curved
 * parallel edges — and the view's style rules (size, colour, caption, width by a metric or a
 * property, core/style-rules.ts) and analysis filter. Pure: nothing here writes to the graph.
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import { isMetaKey } from "../../../../core/aggregate.ts";
import { labelColour, nodeSize, THEME } from "../../../../core/appearance.ts";
import { SHARES_ENTITIES } from "../../../../core/evidence.ts";
import {
  buildStyleScales,
  isStyled,
  passesAnalysisFilter,
  styledCaption,
  styledColour,
  styledSize,
  styledWidth,
  type StyleScales,
} from "../../../../core/style-rules.ts";
import type { EdgeAttrs, ExplorerGraph, NodeAttrs, ViewState, Visibility } from "./types.ts";

/** How many entities a SHARES_ENTITIES link counts; null for every other relationship. */
function sharedCount(attrs: EdgeAttrs): number | null {
  const count = attrs.properties.count;
  return attrs.relType === SHARES_ENTITIES && typeof count === "number" ? count : null;
}

/** What is in focus (drawn normally) while the rest is dimmed; null when nothing is. */
export interface Focus {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
  /** Edges drawn stronger than focus: the path itself. */
  accent: boolean;
  /** Write relationship types on the focused edges (hover, path; a neighbourhood has too many). */
  labelEdges: boolean;
}

export function displayName(
  attrs: Pick<NodeAttrs, "name" | "nameEn">,
  language: ViewState["language"],
): string {
  return language === "en" && attrs.nameEn ? attrs.nameEn : attrs.name;
}

/** Canvas labels are kept short (the hover card and inspector have the whole name): CJK counts double. */
export const LABEL_MAX_WIDTH = 20;

export function shortLabel(text: string, max = LABEL_MAX_WIDTH): string {
  let width = 0;
  let i = 0;
  for (const char of text) {
    const w = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(char) ? 2 : 1;
    if (width + w > max) return `${[...text].slice(0, i).join("")}…`;
    width += w;
    i++;
  }
  return text;
}

export function isNodeShown(
  visibility: Visibility,
  key: string,
  category: string,
  scores?: Record<string, number>,
): boolean {
  if (visibility.scope && !visibility.scope.nodes.has(key)) return false;
  return (
    !visibility.hidden.has(key) &&
    !visibility.filters.hiddenLabels.has(category) &&
    !visibility.outOfTime?.nodes.has(key) &&
    passesAnalysisFilter(scores, visibility.analysisFilter)
  );
}

/** A node's attributes' answer to isNodeShown. */
function shownNode(graph: ExplorerGraph, visibility: Visibility, key: string): boolean {
  const attrs = graph.getNodeAttributes(key);
  return isNodeShown(visibility, key, attrs.category, attrs.scores);
}

/**
 * The style rules resolved against the nodes in sight (value ranges, categories' colours), or null
 * when the view has none. Computed once per frame, not per node (graph-view.ts caches it).
 */
export function styleScales(graph: ExplorerGraph, visibility: Visibility): StyleScales | null {
  const rules = visibility.style;
  if (!rules || !isStyled(rules)) return null;
  const nodes: NodeAttrs[] = [];
  graph.forEachNode((key, attrs) => {
    if (isNodeShown(visibility, key, attrs.category, attrs.scores)) nodes.push(attrs);
  });
  return buildStyleScales(rules, nodes, () => graph.mapEdges((_e, attrs) => attrs.properties));
}

export function isEdgeShown(graph: ExplorerGraph, visibility: Visibility, edge: string): boolean {
  if (visibility.scope && !visibility.scope.edges.has(edge)) return false;
  if (visibility.filters.hiddenTypes.has(graph.getEdgeAttribute(edge, "relType"))) return false;
  if (visibility.outOfTime?.edges.has(edge)) return false;
  const [source, target] = graph.extremities(edge);
  return shownNode(graph, visibility, source) && shownNode(graph, visibility, target);
}

/** Hover wins over a highlighted path or neighbourhood. */
export function computeFocus(graph: ExplorerGraph, state: ViewState, visibility: Visibility): Focus | null {
  const hovered = state.hovered;
  if (hovered && graph.hasNode(hovered) && state.dragging === null) {
    const nodes = new Set([hovered]);
    const edges = new Set<string>();
    graph.forEachEdge(hovered, (edge, _attrs, source, target) => {
      if (!isEdgeShown(graph, visibility, edge)) return;
      edges.add(edge);
      nodes.add(source === hovered ? target : source);
    });
    return { nodes, edges, accent: false, labelEdges: true };
  }
  if (state.highlight) {
    return {
      nodes: state.highlight.nodes,
      edges: state.highlight.edges,
      accent: state.highlight.kind === "path",
      labelEdges: state.highlight.kind === "path",
    };
  }
  return null;
}

/**
 * @sigma/edge-curve's DEFAULT_EDGE_CURVATURE, repeated so that this module stays importable without
 * WebGL (the package loads sigma's renderers), e.g. by unit tests in Node.
 */
const BASE_CURVATURE = 0.25;

/** Curvature of the i-th of n parallel edges (the formula of sigma's parallel-edges example). */
export function parallelCurvature(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -parallelCurvature(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * BASE_CURVATURE;
  return (maxCurvature * index) / maxIndex;
}

export interface ReducerContext {
  graph: ExplorerGraph;
  state: ViewState;
  /** Hidden nodes and filters: the screen store's, read as they are. */
  visibility: Visibility;
  focus: Focus | null;
  /** Labels with very few nodes on screen (see rareCategories). */
  rare: ReadonlySet<string>;
  /** A large graph (graph-view.ts LARGE_GRAPH): cheap programs for everything not singled out. */
  large: boolean;
  /**
   * A small graph (graph-view.ts SMALL_GRAPH): every node asks for its name, whatever its size and
   * sigma's label grid; label-placement.ts moves names apart and leaves out only those with no room.
   */
  small?: boolean;
  /** The style rules resolved for this frame (styleScales), null or absent without rules. */
  scales?: StyleScales | null;
}

/** A graph this small gets no special treatment: every label fits anyway. */
const RARE_MIN_ORDER = 12;
const RARE_MAX_COUNT = 2;

/**
 * Labels (categories) with at most two nodes on screen. Their nodes always ask for a name: a lone
 * node of its own colour — the one alliance in the seed — is what an analyst looks for first, and
 * an unnamed one is a riddle until hovered. Placement still decides whether the name fits.
 */
export function rareCategories(graph: ExplorerGraph): Set<string> {
  if (graph.order < RARE_MIN_ORDER) return new Set();
  const counts = new Map<string, number>();
  graph.forEachNode((_key, attrs) => counts.set(attrs.category, (counts.get(attrs.category) ?? 0) + 1));
  return new Set([...counts].filter(([, count]) => count <= RARE_MAX_COUNT).map(([category]) => category));
}

const SELECTION_RING = 3;
const PIN_RING = 2;
const SELECTION_EDGE_LABELS = 14;

/** A meta-node's radius: grows with the logarithm of its count (10 → 12 px, 1M → 42 px). */
export function metaNodeSize(count: number): number {
  return 7 + 5 * Math.log10(Math.max(1, count));
}

/** A meta-edge's width: 1 px for one relationship, about 9 px for a million. */
export function metaEdgeWidth(count: number): number {
  return Math.min(10, 1 + 1.4 * Math.log10(Math.max(1, count)));
}

export function reduceNode(ctx: ReducerContext, key: string, attrs: NodeAttrs): Partial<NodeDisplayData> {
  const { state, focus, graph } = ctx;
  // Sigma replaces the attributes with what a reducer returns: a hidden node still needs a position.
  if (!isNodeShown(ctx.visibility, key, attrs.category, attrs.scores))
    return { x: attrs.x, y: attrs.y, size: 1, hidden: true };
  const selected = state.selected.includes(key);
  const inFocus = !focus || focus.nodes.has(key);
  const scales = ctx.scales;
  const rules = ctx.visibility.style ?? {};
  const size = (scales && styledSize(scales, rules, attrs)) ?? nodeSize(attrs.dbDegree ?? graph.degree(key));
  const name = (scales && styledCaption(scales, attrs)) ?? displayName(attrs, state.language);
  const colour = (scales && styledColour(scales, rules, attrs)) ?? labelColour(attrs.category);
  const display: Partial<NodeDisplayData> & Record<string, unknown> = {
    x: attrs.x,
    y: attrs.y,
    size,
    label: state.wholeNames?.has(key) ? name : shortLabel(name),
    fullLabel: name,
    color: inFocus || selected ? colour : THEME.dimmedNode,
    zIndex: selected ? 3 : inFocus && focus ? 2 : 1,
    // Read by the hover card (draw.ts): the name in the other language, and the label.
    subLabel: state.language === "en" ? (attrs.nameEn ? attrs.name : null) : (attrs.nameEn ?? null),
    category: attrs.category,
  };
  if (ctx.visibility.pinned?.has(key)) {
    // The pin marker: a dark ring (the selection's blue ring replaces it while selected).
    display.size = size + PIN_RING + 1.5;
    display.ringSize = PIN_RING;
    display.ringColor = THEME.pinned;
    display.pinned = true;
  }
  if (selected) {
    display.size = size + SELECTION_RING + 1.5;
    display.ringSize = SELECTION_RING;
    display.ringColor = THEME.selection;
    display.forceLabel = true;
    display.label = name;
  }
  if (focus ? inFocus : ctx.small || ctx.rare.has(attrs.category)) display.forceLabel = true;
  const edge = state.selectedEdge;
  if (edge && graph.hasEdge(edge) && graph.hasExtremity(edge, key)) {
    display.forceLabel = true;
    display.zIndex = 3;
  }
  if (!inFocus && !selected) {
    display.label = null;
    display.gapColor = THEME.dimmedNode;
  }
  if (attrs.draft) {
    // Not in the database yet: a ring in the draft colour and always named.
    display.size = (display.size ?? size) + 2;
    display.ringSize = 2;
    display.ringColor = THEME.draft;
    display.forceLabel = true;
    display.label = `${display.label ?? shortLabel(name)} (draft)`;
  }
  if (key === state.hovered) display.highlighted = true;
  if (ctx.large && !selected && !(focus && inFocus)) display.type = "point";
  if (isMetaKey(key)) {
    // A meta-node (an aggregated first view): sized by how many nodes it stands for, always named
    // "Label · count", ringed — a group to open, not a node of the database.
    const count = Number(attrs.properties.count ?? 0);
    display.size = metaNodeSize(count);
    display.ringSize = 3;
    display.ringColor = THEME.meta;
    display.forceLabel = true;
    display.label = attrs.name;
    display.type = "circle";
  }
  return display;
}

export function reduceEdge(ctx: ReducerContext, key: string, attrs: EdgeAttrs): Partial<EdgeDisplayData> {
  const { state, focus, graph } = ctx;
  if (!isEdgeShown(graph, ctx.visibility, key)) return { hidden: true };
  const inFocus = focus?.edges.has(key) ?? false;
  const [source, target] = graph.extremities(key);
  // The selection's relationships are labelled, unless it is a hub (then only when zoomed in).
  const selectedEnd = state.selected.includes(source)
    ? source
    : state.selected.includes(target)
      ? target
      : null;
  const ofSelection =
    selectedEnd !== null && (state.edgeLabels || graph.degree(selectedEnd) <= SELECTION_EDGE_LABELS);
  const width = (ctx.scales && styledWidth(ctx.scales, attrs.properties)) ?? 1;
  const display: Partial<EdgeDisplayData> & Record<string, unknown> = {
    size: width,
    color: THEME.edge,
    label: state.edgeLabels ? attrs.relType : null,
    zIndex: 0,
  };
  if (ofSelection && !focus) {
    display.label = attrs.relType;
    display.forceLabel = true;
    display.color = THEME.edgeStrong;
    display.size = Math.max(width, 1.4);
    display.zIndex = 1;
  }
  if (focus) {
    if (inFocus) {
      display.color = focus.accent ? THEME.edgeHighlight : THEME.edgeStrong;
      display.size = Math.max(width, focus.accent ? 3 : 1.6);
      if (focus.labelEdges) {
        display.label = attrs.relType;
        display.forceLabel = true;
      }
      display.zIndex = 1;
    } else {
      display.color = THEME.dimmedEdge;
      display.label = null;
    }
  }
  // A selected or hovered relationship stands out whatever else is in focus.
  const picked = key === state.selectedEdge;
  if (picked || key === state.hoveredEdge) {
    display.color = picked ? THEME.selection : THEME.edgeStrong;
    display.size = Math.max(width, picked ? 3.5 : 2.5);
    display.label = attrs.relType;
    display.forceLabel = true;
    display.zIndex = picked ? 3 : 2;
  }
  const { parallelIndex, parallelMaxIndex } = attrs;
  if (ctx.large && !inFocus && !ofSelection && !picked) {
    display.type = "line";
  } else if (
    typeof parallelIndex === "number" &&
    parallelIndex !== 0 &&
    typeof parallelMaxIndex === "number"
  ) {
    display.type = "curved";
    display.curvature = parallelCurvature(parallelIndex, parallelMaxIndex);
  } else {
    display.type = "straight";
  }
  const shared = sharedCount(attrs);
  if (shared !== null) {
    // The correlation view's derived links: as thick as the number of entities the two articles share.
    display.size = Math.max(display.size ?? 1, Math.min(8, 1 + shared));
    if (display.label) display.label = `${attrs.relType} ×${shared}`;
  }
  if (isMetaKey(key)) {
    // A meta-edge: as wide as the number of relationships it stands for.
    const count = Number(attrs.properties.count ?? 0);
    display.color = THEME.meta;
    display.size = metaEdgeWidth(count);
    const approx = attrs.properties.estimated === true ? "≈ " : "";
    display.label = `${attrs.relType} · ${approx}${count.toLocaleString("en-US")}`;
    display.forceLabel = true;
  }
  if (attrs.draft) {
    display.color = THEME.draft;
    display.size = 2;
    display.label = attrs.relType;
    display.forceLabel = true;
  }
  return display;
}
