/**
 * The graph view: ONE graphology graph and ONE sigma renderer, built once and fed patches. Visual
 * state (hover, selection, highlights, filters, hidden nodes, language) lives in `state` and reaches
 * the screen only through the reducers; it is never written into the graph.
 */
import { MultiDirectedGraph } from "graphology";
import Sigma from "sigma";
import { EdgeArrowProgram, EdgeLineProgram, NodePointProgram } from "sigma/rendering";
import { EdgeCurvedArrowProgram, indexParallelEdgesIndex } from "@sigma/edge-curve";
import { createNodeBorderProgram } from "@sigma/node-border";
import { getCameraStateToFitViewportToNodes } from "@sigma/utils";
import type { NodeDisplayData } from "sigma/types";
import { Emitter } from "../../lib/emitter.ts";
import { createDrawLabel, drawHover, LABEL_FONT, labelFont } from "./draw.ts";
import { LabelPlan, placeLabels } from "./label-placement.ts";
import type { LabelCandidate, Rect, Side } from "./label-placement.ts";
import { applyGraphPatch, graphLookup } from "./merge.ts";
import { batched } from "./sigma-batch.ts";
import type { GraphLookup } from "./merge.ts";
import { THEME } from "../../../../core/appearance.ts";
import {
  computeFocus,
  displayName,
  isNodeShown,
  rareCategories,
  reduceEdge,
  reduceNode,
  styleScales,
} from "./reducers.ts";
import type { StyleScales } from "../../../../core/style-rules.ts";
import { wholeNames } from "./whole-names.ts";
import type { PlacedLabel } from "./whole-names.ts";
import type { Focus, ReducerContext } from "./reducers.ts";
import { INITIAL_VIEW_STATE, NOTHING_HIDDEN } from "./types.ts";
import type {
  EdgeAttrs,
  ExplorerGraph,
  ExplorerSigma,
  GraphPatch,
  NodeAttrs,
  NodeMove,
  ViewState,
  Visibility,
} from "./types.ts";

/**
 * Up to this many nodes on screen every node's name is asked for (not only those sigma's label grid
 * and size threshold keep); label placement moves names apart instead of dropping them.
 */
export const SMALL_GRAPH = 500;
/** Up to this many nodes on screen, node discs are kept clear of other nodes' labels. */
const MAX_NODES_GUARDED = 3000;
/** Labels placed in one frame, at most (the selection's and forced ones first, then the biggest nodes). */
const MAX_LABEL_CANDIDATES = 1500;
/** Fitting to some nodes: room around them, and the closest zoom a fit may choose. */
const FIT_PADDING = 1.35;
const MIN_FIT_RATIO = 0.3;

/** Camera ratio under which relationship types are written on edges. */
const EDGE_LABEL_RATIO = 0.4;

/**
 * Above this many nodes or edges on screen the view is "large" and keeps every camera frame cheap:
 * edges and labels are not drawn while the camera moves, hovering a node does not dim the rest
 * (that re-runs the reducers on every node and edge: hundreds of ms at 100,000 edges), and
 * relationship types appear only on the selection's and a path's edges, not everywhere on zooming in,
 * and nodes and edges are drawn with sigma's cheapest programs (points and 1-pixel lines: no border,
 * no arrow head) except the selection and what is highlighted.
 */
export const LARGE_GRAPH = { nodes: 5_000, edges: 10_000 } as const;

export type GraphViewEvents = {
  clickNode: (key: string, modifiers: { shift: boolean }) => void;
  doubleClickNode: (key: string) => void;
  clickEdge: (key: string) => void;
  clickStage: () => void;
  dragStart: (key: string) => void;
  /** `move` is null when the node was pressed but not moved. */
  dragEnd: (key: string, move: NodeMove | null) => void;
  /** Nodes or edges were added or removed. */
  graphChanged: () => void;
};

const isAdditive = (event: MouseEvent | TouchEvent) => event.shiftKey || event.metaKey || event.ctrlKey;

/** The node program of one view: its labels are drawn where that view's label plan puts them. */
const createNodeProgram = (plan: LabelPlan) =>
  createNodeBorderProgram<NodeAttrs, EdgeAttrs>({
    borders: [
      { size: { attribute: "ringSize", defaultValue: 0, mode: "pixels" }, color: { attribute: "ringColor" } },
      { size: { value: 1.5, mode: "pixels" }, color: { attribute: "gapColor", defaultValue: "#ffffff" } },
      { size: { fill: true }, color: { attribute: "color" } },
    ],
    drawLabel: createDrawLabel(plan),
    drawHover,
  });

export interface GraphViewOptions {
  /** Hidden nodes and filters, read at each frame from their one owner (the screen store). */
  visibility?: () => Visibility;
  /**
   * Draw as before issue 13, for the render benchmark's baseline only: sigma following every element of
   * a patch (no sigma-batch.ts), names placed during layouts, every label candidate placed, a
   * synchronous re-index when fitting the whole graph.
   */
  baseline?: boolean;
}

export class GraphView {
  readonly graph: ExplorerGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  readonly sigma: ExplorerSigma;
  readonly events = new Emitter<GraphViewEvents>();
  /** Where this view's labels go in the current frame (label-placement.ts). */
  readonly labels = new LabelPlan();
  private readonly visibility: () => Visibility;
  private state: ViewState = INITIAL_VIEW_STATE;
  private focus: Focus | null = null;
  private rareCategories: ReadonlySet<string> = new Set();
  private killed = false;
  private dragMoved = false;
  private lastClicked: string | null = null;
  private large = false;
  /** The style rules resolved, for the visibility and graph version they were resolved against. */
  private scales: { visibility: Visibility; version: number; scales: StyleScales | null } | null = null;
  /** Counts graph changes (patches): the style's value ranges follow them. */
  private version = 0;
  /** A layout is moving the nodes (see setLayoutRunning). */
  private layoutRunning = false;
  /** Label widths by font and text: measuring is the slow part of placing labels. */
  private readonly labelWidths = new Map<string, number>();

  private readonly baseline: boolean;

  constructor(
    container: HTMLElement,
    { visibility = () => NOTHING_HIDDEN, baseline = false }: GraphViewOptions = {},
  ) {
    this.visibility = visibility;
    this.baseline = baseline;
    const drawLabel = createDrawLabel(this.labels);
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(this.graph, container, {
      defaultNodeType: "bordered",
      defaultEdgeType: "straight",
      // "point" and "line" are the cheap programs of large graphs (see reducers.ts).
      nodeProgramClasses: { bordered: createNodeProgram(this.labels), point: NodePointProgram },
      edgeProgramClasses: {
        straight: EdgeArrowProgram,
        curved: EdgeCurvedArrowProgram,
        line: EdgeLineProgram,
      },
      labelFont: LABEL_FONT,
      labelSize: 13,
      labelWeight: "500",
      labelColor: { color: THEME.label },
      // Generous: label-placement.ts decides which labels fit.
      labelDensity: 3,
      labelGridCellSize: 60,
      labelRenderedSizeThreshold: 8,
      edgeLabelFont: LABEL_FONT,
      edgeLabelSize: 10,
      edgeLabelColor: { color: THEME.edgeLabel },
      renderEdgeLabels: true,
      // Relationships are first-class: hovered and clicked like nodes (off on large graphs, see LARGE_GRAPH).
      enableEdgeEvents: true,
      defaultDrawNodeLabel: drawLabel,
      defaultDrawNodeHover: drawHover,
      zIndex: true,
      minCameraRatio: 0.03,
      maxCameraRatio: 8,
      stagePadding: 48,
      nodeReducer: (key, attrs) => reduceNode(this.reducerContext(), key, attrs),
      edgeReducer: (key, attrs) => reduceEdge(this.reducerContext(), key, attrs),
    });
    this.bindEvents();
  }

  /** What the reducers read, as of now. */
  private reducerContext(): ReducerContext {
    const visibility = this.visibility();
    return {
      graph: this.graph,
      state: this.state,
      visibility,
      scales: this.styleScales(visibility),
      focus: this.focus,
      rare: this.rareCategories,
      large: this.large,
      small: this.graph.order <= SMALL_GRAPH,
    };
  }

  /** The style rules as resolved now (value ranges of what is in sight); null without rules. */
  styleScales(visibility: Visibility = this.visibility()): StyleScales | null {
    const cached = this.scales;
    if (cached && cached.visibility === visibility && cached.version === this.version) return cached.scales;
    const scales = styleScales(this.graph, visibility);
    this.scales = { visibility, version: this.version, scales };
    return scales;
  }

  getState(): ViewState {
    return this.state;
  }

  /**
   * Changes visual state and redraws without re-indexing the graph: now, or at the next frame with
   * `schedule` (after a big change, so that building the graph and drawing it are separate tasks).
   */
  update(change: Partial<ViewState>, { schedule = false }: { schedule?: boolean } = {}): void {
    if (this.killed) return;
    this.state = { ...this.state, ...change };
    this.focus = this.computeFocus();
    this.sigma.refresh({ skipIndexation: true, schedule });
  }

  /** A large graph is not dimmed around the hovered node (see LARGE_GRAPH). */
  private computeFocus(): Focus | null {
    return computeFocus(
      this.graph,
      this.large ? { ...this.state, hovered: null } : this.state,
      this.visibility(),
    );
  }

  /** Hover: on a large graph only the nodes whose hover state changes are redrawn. */
  private hover(node: string | null): void {
    if (this.state.dragging || node === this.state.hovered) return;
    if (!this.large) {
      this.update({ hovered: node });
      return;
    }
    const changed = [this.state.hovered, node].filter(
      (key): key is string => key !== null && this.graph.hasNode(key),
    );
    this.state = { ...this.state, hovered: node };
    this.sigma.refresh({ partialGraph: { nodes: changed }, skipIndexation: true, schedule: true });
  }

  /** Switches the cheap-frame settings when the graph grows past LARGE_GRAPH or shrinks below it. */
  private fitSettingsToSize(): void {
    const large = this.graph.order > LARGE_GRAPH.nodes || this.graph.size > LARGE_GRAPH.edges;
    if (large === this.large) return;
    this.large = large;
    const settings = { hideEdgesOnMove: large, hideLabelsOnMove: large, enableEdgeEvents: !large };
    // One call: each setting changed re-indexes the whole graph.
    if (this.baseline)
      for (const [key, value] of Object.entries(settings))
        this.sigma.setSetting(key as keyof typeof settings, value);
    else this.sigma.setSettings(settings);
    if (large) this.state = { ...this.state, edgeLabels: false };
  }

  /**
   * While a layout moves a large graph, names are not drawn: placing them scans every node at every
   * step, and they would jump from step to step anyway. They come back when the layout stops.
   */
  setLayoutRunning(running: boolean): void {
    if (this.killed || this.baseline || running === this.layoutRunning) return;
    this.layoutRunning = running;
    // Not sigma's renderLabels setting, nor a refresh: either re-indexes the whole graph. Names are
    // planned at each frame (planLabels), so one more frame is all it takes.
    if (this.large) this.sigma.scheduleRender();
  }

  /** Applies a patch to the graph (see merge.ts applyGraphPatch) and redraws at the next frame. */
  applyPatch(patch: GraphPatch): void {
    if (this.killed) return;
    const graph = this.graph;
    // One full refresh follows (update below): sigma need not follow each element as it arrives.
    const write = !this.baseline
      ? (work: () => void) => batched(this.sigma, graph, work)
      : (work: () => void) => work();
    write(() => {
      applyGraphPatch(graph, patch);
      indexParallelEdgesIndex(graph, {
        edgeIndexAttribute: "parallelIndex",
        edgeMinIndexAttribute: "parallelMinIndex",
        edgeMaxIndexAttribute: "parallelMaxIndex",
      });
    });
    this.version++;
    this.rareCategories = rareCategories(graph);
    this.fitSettingsToSize();
    // Forget view state about nodes that are gone (what is hidden is the screen store's to prune).
    const present = (key: string) => graph.hasNode(key);
    this.update(
      {
        selected: this.state.selected.filter(present),
        hovered: this.state.hovered && present(this.state.hovered) ? this.state.hovered : null,
        selectedEdge:
          this.state.selectedEdge && graph.hasEdge(this.state.selectedEdge) ? this.state.selectedEdge : null,
        hoveredEdge:
          this.state.hoveredEdge && graph.hasEdge(this.state.hoveredEdge) ? this.state.hoveredEdge : null,
      },
      { schedule: true },
    );
    this.events.emit("graphChanged");
  }

  /** What merge planning needs: positions, typical spacing, centre and extent. */
  lookup(): GraphLookup {
    return graphLookup(this.graph);
  }

  /** Nodes drawn now (neither hidden nor filtered out). */
  visibleNodes(): string[] {
    return this.graph.filterNodes((key, attrs) =>
      isNodeShown(this.visibility(), key, attrs.category, attrs.scores),
    );
  }

  /** Animates the camera to a node. */
  async focusNode(key: string, ratio = 0.45): Promise<void> {
    if (this.killed || !this.graph.hasNode(key)) return;
    this.sigma.refresh();
    const data = this.sigma.getNodeDisplayData(key);
    if (!data) return;
    const camera = this.sigma.getCamera();
    await camera.animate({ x: data.x, y: data.y, ratio: Math.min(camera.ratio, ratio) }, { duration: 450 });
  }

  /** Fits the camera to what is visible (everything when nothing is hidden). */
  async fit(nodes: string[] = this.visibleNodes()): Promise<void> {
    if (this.killed) return;
    this.sigma.setCustomBBox(null);
    if (this.baseline) this.sigma.refresh();
    if (nodes.length === 0 || nodes.length === this.graph.order) {
      // The whole graph needs no display data, and sigma re-frames moved nodes at its next frame
      // anyway (a full refresh here re-indexed every element: seconds at 250,000).
      await this.sigma.getCamera().animatedReset({ duration: 400 });
      return;
    }
    if (!this.baseline) this.sigma.refresh();
    const state = getCameraStateToFitViewportToNodes(this.sigma as unknown as Sigma, nodes);
    // The fit is to node centres: leave room for discs and names, and never zoom in so far that
    // a short path fills the screen with three giant discs.
    const ratio = Math.max(state.ratio * FIT_PADDING, MIN_FIT_RATIO);
    await this.sigma.getCamera().animate({ ...state, ratio }, { duration: 400 });
  }

  /**
   * Runs `work` (a picture being drawn) with names drawn whole wherever they fit (whole-names.ts),
   * each label on the side it has on screen; then the screen's shortened names come back.
   */
  async withFullLabels<T>(work: () => Promise<T>): Promise<T> {
    this.sigma.refresh({ skipIndexation: true });
    const sides = new Map(this.labels.sides ?? []);
    const planner = this.labels.planner;
    this.state = { ...this.state, wholeNames: this.wholeNamesOf(sides) };
    // The frame keeps the screen's sides: the plan is not made again for the longer names.
    this.labels.planner = () => new Map(sides);
    this.sigma.refresh({ skipIndexation: true });
    try {
      return await work();
    } finally {
      this.labels.planner = planner;
      this.state = { ...this.state, wholeNames: null };
      if (!this.killed) this.sigma.refresh({ skipIndexation: true });
    }
  }

  private wholeNamesOf(sides: ReadonlyMap<string, Side>): Set<string> {
    const sigma = this.sigma;
    const settings = sigma.getSettings();
    const context = sigma.getCanvases().labels?.getContext("2d");
    if (!context) return new Set();
    const discs = new Map<string, Rect>();
    const placed: PlacedLabel[] = [];
    this.graph.forEachNode((key, attrs) => {
      const data = sigma.getNodeDisplayData(key) as (NodeDisplayData & { ringSize?: number }) | undefined;
      if (!data || data.hidden) return;
      const at = sigma.framedGraphToViewport(data);
      const size = sigma.scaleSize(data.size);
      discs.set(key, { left: at.x - size, top: at.y - size, right: at.x + size, bottom: at.y + size });
      const side = sides.get(key);
      if (!side || !data.label) return;
      context.font = labelFont(settings, !!data.ringSize);
      const whole = displayName(attrs, this.state.language);
      placed.push({
        key,
        ...at,
        size,
        side,
        width: context.measureText(data.label).width,
        wholeWidth: context.measureText(whole).width,
      });
    });
    return wholeNames(placed, discs, settings.labelSize, sigma.getDimensions().width);
  }

  zoom(factor: number): void {
    const camera = this.sigma.getCamera();
    if (factor > 1) void camera.animatedZoom({ duration: 200, factor });
    else void camera.animatedUnzoom({ duration: 200, factor: 1 / factor });
  }

  /** Idempotent: safe to call twice, and after it nothing draws. */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.labels.planner = null;
    this.events.clear();
    this.sigma.kill();
  }

  /** Places this frame's labels (see label-placement.ts): called at the first label drawn. */
  private planLabels(): Map<string, Side> {
    const sigma = this.sigma;
    const settings = sigma.getSettings();
    const context = sigma.getCanvases().labels?.getContext("2d");
    const sides = new Map<string, Side>();
    if (!context || (this.large && this.layoutRunning)) return sides;
    const { width, height } = sigma.getDimensions();
    const guardDiscs = this.graph.order <= MAX_NODES_GUARDED;
    const obstacles: Rect[] = [];
    const candidates: LabelCandidate[] = [];
    const selected = new Set(this.state.selected);
    const threshold = settings.labelRenderedSizeThreshold;
    this.graph.forEachNode((key) => {
      const data = sigma.getNodeDisplayData(key) as (NodeDisplayData & { ringSize?: number }) | undefined;
      if (!data || data.hidden) return;
      const size = sigma.scaleSize(data.size);
      // Without disc guarding, a node too small for a name costs nothing more (most of a large graph).
      if (!guardDiscs && (!data.label || (!data.forceLabel && size < threshold))) return;
      const at = sigma.framedGraphToViewport(data);
      if (at.x < -200 || at.x > width + 200 || at.y < -50 || at.y > height + 50) return;
      if (guardDiscs)
        obstacles.push({ left: at.x - size, top: at.y - size, right: at.x + size, bottom: at.y + size });
      if (!data.label || (!data.forceLabel && size < threshold)) return;
      const font = labelFont(settings, !!data.ringSize);
      const cacheKey = `${font}\u0000${data.label}`;
      let textWidth = this.labelWidths.get(cacheKey);
      if (textWidth === undefined) {
        context.font = font;
        textWidth = context.measureText(data.label).width;
        if (this.labelWidths.size > 20_000) this.labelWidths.clear();
        this.labelWidths.set(cacheKey, textWidth);
      }
      const rank = selected.has(key) ? 0 : data.forceLabel ? 1 : 2;
      candidates.push({ key, x: at.x, y: at.y, size, width: textWidth, rank });
    });
    // A large graph seen whole has thousands of nodes big enough for a name: only the first
    // MAX_LABEL_CANDIDATES (selected, forced, then the biggest) are placed, as few fit anyway.
    if (candidates.length > MAX_LABEL_CANDIDATES && !this.baseline) {
      candidates.sort((a, b) => a.rank - b.rank || b.size - a.size);
      candidates.length = MAX_LABEL_CANDIDATES;
    }
    for (const [key, side] of placeLabels(candidates, obstacles, settings.labelSize, width, height))
      sides.set(key, side);
    return sides;
  }

  private bindEvents(): void {
    const sigma = this.sigma;
    const graph = this.graph;
    const camera = sigma.getCamera();
    const container = sigma.getContainer();

    sigma.on("enterNode", ({ node }) => {
      container.style.cursor = "pointer";
      this.hover(node);
    });
    sigma.on("leaveNode", () => {
      container.style.cursor = "";
      this.hover(null);
    });
    sigma.on("clickNode", ({ node, event }) => {
      if (this.dragMoved) {
        this.dragMoved = false;
        return;
      }
      this.lastClicked = node;
      this.events.emit("clickNode", node, { shift: isAdditive(event.original) });
    });
    sigma.on("doubleClickNode", (payload) => {
      payload.preventSigmaDefault();
      // Sigma counts two quick clicks anywhere as a double-click: on two different nodes they are two clicks.
      if (payload.node !== this.lastClicked) {
        this.lastClicked = payload.node;
        this.events.emit("clickNode", payload.node, { shift: isAdditive(payload.event.original) });
        return;
      }
      this.events.emit("doubleClickNode", payload.node);
    });
    sigma.on("enterEdge", ({ edge }) => {
      if (this.state.dragging) return;
      container.style.cursor = "pointer";
      this.update({ hoveredEdge: edge });
    });
    sigma.on("leaveEdge", () => {
      container.style.cursor = "";
      if (this.state.hoveredEdge !== null) this.update({ hoveredEdge: null });
    });
    sigma.on("clickEdge", ({ edge }) => {
      this.lastClicked = null;
      this.events.emit("clickEdge", edge);
    });
    sigma.on("clickStage", () => {
      this.lastClicked = null;
      this.events.emit("clickStage");
    });

    // Dragging, as in sigma's drag-and-drop example: the camera stands still while a node moves.
    let dragFrom = { x: 0, y: 0 };
    sigma.on("downNode", ({ node, event }) => {
      if ((event.original as MouseEvent).button !== undefined && (event.original as MouseEvent).button !== 0)
        return;
      this.dragMoved = false;
      dragFrom = { x: graph.getNodeAttribute(node, "x"), y: graph.getNodeAttribute(node, "y") };
      this.update({ dragging: node });
      camera.disable();
      this.events.emit("dragStart", node);
    });
    sigma.on("moveBody", ({ event }) => {
      const dragging = this.state.dragging;
      if (!dragging || !graph.hasNode(dragging)) return;
      if (!this.dragMoved) {
        this.dragMoved = true;
        // Freeze the framing so the graph does not rescale under the pointer.
        if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
      }
      const point = sigma.viewportToGraph(event);
      graph.mergeNodeAttributes(dragging, { x: point.x, y: point.y });
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
    });
    const endDrag = () => {
      const dragging = this.state.dragging;
      if (!dragging) return;
      camera.enable();
      this.update({ dragging: null });
      const moved = this.dragMoved && graph.hasNode(dragging);
      const to = moved
        ? { x: graph.getNodeAttribute(dragging, "x"), y: graph.getNodeAttribute(dragging, "y") }
        : null;
      this.events.emit("dragEnd", dragging, to ? { key: dragging, from: dragFrom, to } : null);
      // A click that ends a drag is not a click; the flag is cleared by the click handler or here.
      setTimeout(() => (this.dragMoved = false), 0);
    };
    sigma.on("upNode", endDrag);
    sigma.on("upStage", endDrag);

    // Selected nodes' labels are drawn last (they are forced) but must win: reserve their place first.
    sigma.on("beforeRender", () => this.labels.reset());
    this.labels.planner = () => this.planLabels();

    camera.on("updated", (cameraState) => {
      const edgeLabels = !this.large && cameraState.ratio < EDGE_LABEL_RATIO;
      if (edgeLabels !== this.state.edgeLabels) this.update({ edgeLabels });
    });
  }
}
