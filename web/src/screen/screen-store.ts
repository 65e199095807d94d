/**
 * The screen store: owns what is on screen as undoable state (screen-state.ts), commits changes,
 * undoes and redoes them, and tells listeners through a typed change event. `addSubgraph` is the one
 * path by which data from the database joins the screen (expand, neighbourhood, path, query results,
 * a node brought in by search…): connect → plan → unhide → commit, as one undoable step. Connecting
 * fetches the relationships between the arriving nodes and those on screen (screen/connect.ts), so every
 * feature draws them.
 */
import type { Subgraph } from "../../../core/api-types.ts";
import { isMetaKey } from "../../../core/aggregate.ts";
import { EMPTY_PATCH, planAdd, planRemove, planReplace, planScores } from "../features/graph-view/merge.ts";
import type { GraphLookup, Point } from "../features/graph-view/merge.ts";
import type { ExplorerGraph, GraphPatch } from "../features/graph-view/types.ts";
import { Emitter } from "../lib/emitter.ts";
import { connectRequest, withConnections } from "./connect.ts";
import type { Connected, Connector } from "./connect.ts";
import { emptyHistory, record, redo, undo } from "./history.ts";
import type { HistoryState } from "./history.ts";
import {
  arrivalChange,
  changeTo,
  INITIAL_SCREEN,
  invertScreenPatch,
  isNoop,
  nextScreen,
  screenPatch,
} from "./screen-state.ts";
import type { ScreenPatch, ScreenState } from "./screen-state.ts";

/** What the store needs of the graph it changes (the graph view; a plain graph in unit tests). */
export interface ScreenGraph {
  readonly graph: ExplorerGraph;
  applyPatch(patch: GraphPatch): void;
  lookup(): GraphLookup;
}

export interface ScreenChange {
  cause: "commit" | "undo" | "redo";
  description: string;
  patch: ScreenPatch;
  /** Nodes the change brought onto the screen (still there). */
  added: string[];
  /** The change put its nodes where a saved view had them: the layout leaves them there. */
  placed: boolean;
}

export type ScreenEvents = {
  /** After every applied change, the graph and the state already updated. */
  change: (change: ScreenChange) => void;
  /** Before an undo is applied (a layout still placing the step's nodes stops first). */
  beforeUndo: () => void;
};

export interface AddSubgraphOptions {
  /** The undo button's tooltip, e.g. "Expand 通武廊". */
  description: string;
  /** The node the data is about: new nodes go around it. */
  anchor?: string;
  /** Everything not in the subgraph leaves (a query result in "replace" mode). */
  replace?: boolean;
  /** Further state the same step changes (e.g. expansion progress), from the current state. */
  also?: (state: ScreenState) => Partial<ScreenState>;
  /** Where nodes go (a saved view's positions): new ones are put there, those on screen moved. */
  positions?: ReadonlyMap<string, Point>;
  /**
   * The state after the step, exactly (a saved view's hidden, pinned, filters): nothing is unhidden
   * because it arrived. Replaces `also`.
   */
  state?: Partial<ScreenState>;
  /**
   * Analysis scores the nodes get (a saved view's), by key: new nodes arrive with them, nodes on
   * screen get theirs replaced (undo puts the old ones back).
   */
  scores?: ReadonlyMap<string, Record<string, number>>;
  /** Nodes on screen the same step takes away, with their relationships (a meta-node expanded). */
  remove?: readonly string[];
}

/**
 * A patch with nodes where `positions` says: new nodes placed there, nodes already on screen moved
 * there (undo moves them back).
 */
export function placedAt(
  graph: ExplorerGraph,
  patch: GraphPatch,
  positions: ReadonlyMap<string, Point>,
): GraphPatch {
  const addNodes = patch.addNodes.map((entry) => {
    const at = positions.get(entry.key);
    return at ? { ...entry, attributes: { ...entry.attributes, x: at.x, y: at.y } } : entry;
  });
  const removed = new Set(patch.removeNodes.map((n) => n.key));
  const moveNodes = [...(patch.moveNodes ?? [])];
  for (const [key, to] of positions) {
    if (!graph.hasNode(key) || removed.has(key)) continue;
    const from = { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") };
    if (from.x !== to.x || from.y !== to.y) moveNodes.push({ key, from, to: { x: to.x, y: to.y } });
  }
  return { ...patch, addNodes, moveNodes };
}

/**
 * A patch whose nodes carry `scores` (by key): arriving nodes get theirs in their attributes, nodes
 * already on screen (and staying) have theirs replaced by what `scores` says (none: removed).
 */
export function scoredAt(
  graph: ExplorerGraph,
  patch: GraphPatch,
  scores: ReadonlyMap<string, Record<string, number>>,
  keys: Iterable<string>,
): GraphPatch {
  const addNodes = patch.addNodes.map((entry) => {
    const own = scores.get(entry.key);
    return own ? { ...entry, attributes: { ...entry.attributes, scores: { ...own } } } : entry;
  });
  const arriving = new Set(patch.addNodes.map((n) => n.key));
  const removed = new Set(patch.removeNodes.map((n) => n.key));
  const setScores = [...(patch.setScores ?? [])];
  for (const key of keys) {
    if (arriving.has(key) || removed.has(key) || !graph.hasNode(key)) continue;
    const from = graph.getNodeAttribute(key, "scores");
    const to = scores.get(key);
    if (from === undefined && to === undefined) continue;
    setScores.push({ key, from: from ? { ...from } : undefined, to: to ? { ...to } : undefined });
  }
  return { ...patch, addNodes, setScores };
}

/** A patch that also takes `keys` (and every edge touching them) off the screen. */
export function withRemoved(graph: ExplorerGraph, patch: GraphPatch, keys: readonly string[]): GraphPatch {
  const removal = planRemove(graph, keys);
  const nodes = new Set(patch.removeNodes.map((n) => n.key));
  const edges = new Set(patch.removeEdges.map((e) => e.key));
  return {
    ...patch,
    removeNodes: [...patch.removeNodes, ...removal.removeNodes.filter((n) => !nodes.has(n.key))],
    removeEdges: [...patch.removeEdges, ...removal.removeEdges.filter((e) => !edges.has(e.key))],
  };
}

/** The step that writes one analysis run's values as `scores[metric]` (see merge.ts planScores). */
export function scoresPatch(
  graph: ExplorerGraph,
  metric: string,
  values: Readonly<Record<string, number>>,
): GraphPatch {
  const byKey = new Map(Object.entries(values).map(([key, value]) => [key, { [metric]: value }]));
  return { ...EMPTY_PATCH, setScores: planScores(graph, [metric], byKey) };
}

export interface Added {
  patch: GraphPatch;
  /** Keys of the subgraph's nodes (new or already on screen). */
  keys: string[];
  /** How many of them a label filter keeps out of sight. */
  filtered: number;
  /** What connecting to the nodes on screen brought; null when there was nothing to connect. */
  connected: Connected | null;
  /** A "replace" whose subgraph holds no node: the screen was left as it was. */
  unchanged?: "no-nodes";
}

export class ScreenStore {
  readonly events = new Emitter<ScreenEvents>();
  private current: ScreenState = INITIAL_SCREEN;
  private history: HistoryState<ScreenPatch> = emptyHistory();

  /** `connect`: fetches relationships between arriving nodes and those on screen (none in unit tests). */
  constructor(
    private readonly target: ScreenGraph,
    private readonly connect?: Connector,
  ) {}

  get state(): ScreenState {
    return this.current;
  }

  /** The undo and redo buttons' tooltips, null when there is nothing to undo or redo. */
  historyLabels(): { undo: string | null; redo: string | null } {
    return {
      undo: this.history.past[this.history.past.length - 1]?.description ?? null,
      redo: this.history.future[0]?.description ?? null,
    };
  }

  /**
   * The first view: the base state, not an undoable change. A restored view brings its positions
   * and its state (hidden, pinned, filters).
   */
  load(
    subgraph: Subgraph,
    {
      positions,
      state,
      scores,
    }: {
      positions?: ReadonlyMap<string, Point>;
      state?: Partial<ScreenState>;
      scores?: ReadonlyMap<string, Record<string, number>>;
    } = {},
  ): GraphPatch {
    let patch = planAdd(this.target.lookup(), subgraph);
    if (positions) patch = placedAt(this.target.graph, patch, positions);
    if (scores)
      patch = scoredAt(
        this.target.graph,
        patch,
        scores,
        subgraph.nodes.map((n) => n.key),
      );
    this.target.applyPatch(patch);
    if (state) {
      const graph = this.target.graph;
      this.current = nextScreen({ ...this.current, ...state }, screenPatch(), (key) => graph.hasNode(key));
    }
    return patch;
  }

  /** Applies a change and records it for undo; false when it changes nothing. */
  commit(description: string, patch: ScreenPatch): boolean {
    if (isNoop(patch)) return false;
    this.history = record(this.history, { description, change: patch });
    this.apply(patch, "commit", description);
    return true;
  }

  /** Sets state fields (hidden, filters…) as one undoable step. */
  set(description: string, after: Partial<ScreenState>, graph?: GraphPatch): boolean {
    return this.commit(description, changeTo(this.current, graph ?? screenPatch().graph, after));
  }

  /**
   * Data from the database joins the screen: connect it to what is on screen, plan, unhide what was
   * asked for, commit — one undoable step. A "replace" with no node in it leaves the screen as it is.
   */
  async addSubgraph(arriving: Subgraph, options: AddSubgraphOptions): Promise<Added> {
    if (options.replace && arriving.nodes.length === 0)
      return { patch: EMPTY_PATCH, keys: [], filtered: 0, connected: null, unchanged: "no-nodes" };
    const { subgraph, connected } = await this.connected(arriving, options.replace);
    // Planned after the fetch: the screen may have changed meanwhile.
    const graph = this.target.graph;
    const lookup = this.target.lookup();
    let patch = options.replace
      ? planReplace(graph, lookup, subgraph)
      : planAdd(lookup, subgraph, options.anchor);
    if (options.positions) patch = placedAt(graph, patch, options.positions);
    if (options.scores)
      patch = scoredAt(
        graph,
        patch,
        options.scores,
        subgraph.nodes.map((n) => n.key),
      );
    if (options.remove?.length) patch = withRemoved(graph, patch, options.remove);
    const after = options.state
      ? { ...options.state }
      : arrivalChange(this.current, subgraph, patch, options.also?.(this.current));
    const change = changeTo(this.current, patch, after);
    this.commit(options.description, options.positions ? { ...change, placed: true } : change);
    const keys = subgraph.nodes.map((n) => n.key);
    const hiddenLabels = this.current.filters.hiddenLabels;
    const filtered = keys.filter(
      (key) => graph.hasNode(key) && hiddenLabels.has(graph.getNodeAttribute(key, "category")),
    ).length;
    return { patch, keys, filtered, connected };
  }

  /** The subgraph with the relationships between its new nodes and those on screen. */
  private async connected(
    subgraph: Subgraph,
    replace = false,
  ): Promise<{ subgraph: Subgraph; connected: Connected | null }> {
    const graph = this.target.graph;
    if (!this.connect) return { subgraph, connected: null };
    const plan = connectRequest(
      // Meta-nodes (an aggregated first view) are not in the database: never sent to it.
      { has: (key) => graph.hasNode(key), keys: () => graph.nodes().filter((key) => !isMetaKey(key)) },
      subgraph,
      replace,
    );
    if ("skip" in plan) {
      const connected: Connected | null =
        plan.skip === "too-large"
          ? { error: "too many nodes on screen to look their relationships up; fewer on screen will do" }
          : null;
      return { subgraph, connected };
    }
    const { request } = plan;
    try {
      const response = await this.connect(request);
      return {
        subgraph: withConnections(subgraph, response),
        connected: { shown: response.edges.length, total: response.total },
      };
    } catch (error) {
      // The subgraph still arrives; the notice says what is missing.
      return { subgraph, connected: { error: error instanceof Error ? error.message : String(error) } };
    }
  }

  /** Reverts the last change; its description, or null when there was nothing to undo. */
  undo(): string | null {
    const step = undo(this.history);
    if (!step) return null;
    this.history = step.state;
    this.events.emit("beforeUndo");
    this.apply(invertScreenPatch(step.entry.change), "undo", step.entry.description);
    return step.entry.description;
  }

  redo(): string | null {
    const step = redo(this.history);
    if (!step) return null;
    this.history = step.state;
    this.apply(step.entry.change, "redo", step.entry.description);
    return step.entry.description;
  }

  private apply(patch: ScreenPatch, cause: ScreenChange["cause"], description: string): void {
    const graph = this.target.graph;
    this.target.applyPatch(patch.graph);
    this.current = nextScreen(this.current, patch, (key) => graph.hasNode(key));
    const added = patch.graph.addNodes.map((n) => n.key).filter((key) => graph.hasNode(key));
    this.events.emit("change", { cause, description, patch, added, placed: patch.placed === true });
  }
}
