/**
 * The explorer's graph: one graphology MultiDirectedGraph keyed by Neo4j elementId. Attributes hold
 * data and layout positions only; everything visual (colour, size, hover, selection, filters) is
 * derived by the reducers in reducers.ts.
 */
import type { MultiDirectedGraph } from "graphology";
import type Sigma from "sigma";
import type { GraphEdgeAttributes, GraphNodeAttributes } from "../../../../core/graph-attributes.ts";
import type { AnalysisFilter, StyleRules } from "../../../../core/style-rules.ts";

export interface NodeAttrs extends GraphNodeAttributes {
  /** Held in place by the layout (read by ForceAtlas2): pinned nodes, or all but those settling. */
  fixed?: boolean;
  /** A review's preview, not in the database (features/review/preview.ts): drawn apart. */
  draft?: boolean;
}

export interface EdgeAttrs extends GraphEdgeAttributes {
  /** Written by @sigma/edge-curve's indexParallelEdgesIndex: the edge's rank among parallel edges. */
  parallelIndex?: number | null;
  parallelMinIndex?: number | null;
  parallelMaxIndex?: number | null;
  /** A review's preview, not in the database. */
  draft?: boolean;
}

export type ExplorerGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;
export type ExplorerSigma = Sigma<NodeAttrs, EdgeAttrs>;

export type Language = "zh" | "en";

/** A highlighted set: a path, or a neighbourhood. */
export interface Highlight {
  kind: "path" | "neighbourhood";
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/**
 * What is hidden: nodes hidden by hand and the label and type filters. Owned by the screen store
 * (web/src/screen/), stored there once; the view reads it through a getter.
 */
export interface Visibility {
  hidden: ReadonlySet<string>;
  /** Pinned nodes are drawn with a marker (a dark ring). */
  pinned?: ReadonlySet<string>;
  filters: { hiddenLabels: ReadonlySet<string>; hiddenTypes: ReadonlySet<string> };
  /**
   * When set, only these are shown (the facts of chosen articles, features/evidence/): derived from the
   * graph and the chosen articles by the shell, never stored.
   */
  scope?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } | null;
  /** Nodes and relationships outside the timeline's period (features/timeline/time-filter.ts). */
  outOfTime?: { nodes: ReadonlySet<string>; edges: ReadonlySet<string> };
  /** Only nodes whose analysis score passes are shown (core/style-rules.ts). */
  analysisFilter?: AnalysisFilter | null;
  /** How nodes and relationships are sized, coloured and captioned (core/style-rules.ts). */
  style?: StyleRules;
}

export const NOTHING_HIDDEN: Visibility = {
  hidden: new Set(),
  filters: { hiddenLabels: new Set(), hiddenTypes: new Set() },
};

/** What the reducers read besides visibility. Never stored in the graph. */
export interface ViewState {
  language: Language;
  hovered: string | null;
  /** In selection order: the last one is the primary selection (the inspector's). */
  selected: readonly string[];
  /** The relationship selected (clicked); never together with selected nodes. */
  selectedEdge: string | null;
  hoveredEdge: string | null;
  highlight: Highlight | null;
  /** Relationship types are written on edges only when zoomed in. */
  edgeLabels: boolean;
  dragging: string | null;
  /** Nodes whose names are drawn whole, not shortened (a picture for a report is being drawn). */
  wholeNames?: ReadonlySet<string> | null;
}

export const INITIAL_VIEW_STATE: ViewState = {
  language: "zh",
  hovered: null,
  selected: [],
  selectedEdge: null,
  hoveredEdge: null,
  highlight: null,
  edgeLabels: false,
  dragging: null,
};

/** A node or an edge with everything needed to put it back (undo) — the unit of a graph patch. */
export interface NodeEntry {
  key: string;
  attributes: NodeAttrs;
}

export interface EdgeEntry {
  key: string;
  source: string;
  target: string;
  attributes: EdgeAttrs;
}

/** A node dragged by hand: undo puts it back. */
export interface NodeMove {
  key: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/** A node's analysis scores replaced (an analysis run, a view opened): undo puts `from` back. */
export interface ScoresChange {
  key: string;
  from: Record<string, number> | undefined;
  to: Record<string, number> | undefined;
}

/** A change to the graph's content, invertible by swapping add and remove (and a move's ends). */
export interface GraphPatch {
  addNodes: NodeEntry[];
  addEdges: EdgeEntry[];
  removeNodes: NodeEntry[];
  removeEdges: EdgeEntry[];
  moveNodes?: NodeMove[];
  setScores?: ScoresChange[];
}
