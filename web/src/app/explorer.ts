/**
 * The app shell: composes the features and owns the undoable screen state. Features never call each
 * other; they call back here, and every change to what is on screen goes through `commit` as a
 * ScreenPatch so that undo/redo covers it.
 */
import type {
  GraphEdge,
  GraphNode,
  NodeDetailsResponse,
  QueryRequest,
  SchemaResponse,
  Subgraph,
} from "../../../core/api-types.ts";
import { ApiError } from "../api/client.ts";
import type { ApiClient } from "../api/client.ts";
import { ExpandView } from "../features/expand/expand-view.ts";
import {
  EXPAND_PAGE,
  mergeProgress,
  moreRequest,
  summarise,
  withProgress,
} from "../features/expand/state.ts";
import { FiltersView } from "../features/filters/filters-view.ts";
import {
  describeFilters,
  isFiltering,
  soloLabel,
  toggleLabel,
  toggleType,
} from "../features/filters/state.ts";
import type { FilterState } from "../features/filters/state.ts";
import { GraphView } from "../features/graph-view/graph-view.ts";
import { EMPTY_PATCH, planAdd } from "../features/graph-view/merge.ts";
import { displayName } from "../features/graph-view/reducers.ts";
import type { GraphPatch, Highlight } from "../features/graph-view/types.ts";
import { emptyHistory, record, redo, undo } from "../features/history/history.ts";
import type { HistoryState } from "../features/history/history.ts";
import { InspectorView } from "../features/inspector/inspector-view.ts";
import { LayoutController } from "../features/layout/layout.ts";
import type { LayoutStatus } from "../features/layout/types.ts";
import { LegendView } from "../features/legend/legend-view.ts";
import { neighbourhoodHighlight, neighbourhoodRequest } from "../features/neighbourhood/neighbourhood.ts";
import type { Hops } from "../features/neighbourhood/neighbourhood.ts";
import { describePath, pathHighlight, pathRequest } from "../features/path/path.ts";
import { QueryPanel } from "../features/query/query-panel.ts";
import { planQueryResult } from "../features/query/result-patch.ts";
import type { QueryResult, ResultMode } from "../features/query/types.ts";
import { SearchView } from "../features/search/search-view.ts";
import { el } from "../lib/dom.ts";
import { Emitter } from "../lib/emitter.ts";
import type { Toasts } from "../shell/toasts.ts";
import { compareCounts, tally } from "./counts.ts";
import type { Page } from "./page.ts";
import {
  applyScreenState,
  INITIAL_SCREEN,
  invertScreenPatch,
  isNoop,
  screenPatch,
  unhidden,
} from "./screen.ts";
import type { ScreenPatch, ScreenState } from "./screen.ts";

/** First view: the whole seed graph; a sample of the most connected nodes of a large database. */
export const OVERVIEW_LIMIT = 400;
/** Debounce for re-reading the database counts after nodes arrive (expansions come in bursts). */
const COUNTS_REFRESH_DELAY = 400;

/**
 * The first view's size: OVERVIEW_LIMIT, unless the page address asks for more or fewer nodes with
 * `?limit=N` (benchmarks load whole databases this way; the server refuses more than its configured
 * maximum, 20,000 by default). Pure, for tests.
 */
export function overviewLimitFrom(search: string): number {
  const asked = Number(new URLSearchParams(search).get("limit") ?? NaN);
  return Number.isSafeInteger(asked) && asked > 0 ? asked : OVERVIEW_LIMIT;
}

/**
 * Performance marks of the first view, for devtools and `npm run bench:render`: the graph built from
 * the overview response (a measure), and sigma's first frame with it drawn (a mark).
 */
export const PERF = { graphBuild: "guanxi:graph-build", firstFrame: "guanxi:first-frame" } as const;

export type ExplorerChange = "history" | "selection" | "layout" | "language" | "graph" | "hops" | "query";

/** Events for features built on top of the explorer (e.g. exporting the last query result). */
export type ExplorerEvents = {
  /** A query ran and its result is on screen; `lastQueryResult()` returns the same. */
  queryResult: (result: QueryResult) => void;
};

export class Explorer {
  readonly view: GraphView;
  readonly layout: LayoutController;
  readonly search: SearchView;
  readonly query: QueryPanel;
  readonly events = new Emitter<ExplorerEvents>();
  private lastQuery: QueryResult | null = null;
  private readonly resizeObserver: ResizeObserver;
  private readonly legend: LegendView;
  private readonly filtersView: FiltersView;
  private readonly inspector: InspectorView;
  private readonly expandView: ExpandView;
  private screen: ScreenState = INITIAL_SCREEN;
  private history: HistoryState<ScreenPatch> = emptyHistory();
  private schema: SchemaResponse | null = null;
  private totals: { nodes: number; relationships: number } | null = null;
  private sampled = false;
  private details: NodeDetailsResponse | null = null;
  private detailsRequest = 0;
  private busy = new Set<string>();
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  hops: Hops = 1;
  /** Told when toolbar and status bar need redrawing. */
  onChange: (what: ExplorerChange) => void = () => {};

  constructor(
    private readonly page: Page,
    private readonly api: ApiClient,
    private readonly toasts: Toasts,
    private readonly overviewLimit: number = OVERVIEW_LIMIT,
  ) {
    this.view = new GraphView(page.canvas);
    this.layout = new LayoutController(this.view.graph);
    this.search = new SearchView(api, {
      onChoose: (node) => void this.focusNode(node),
      onError: (error) => this.fail(error, "Search failed"),
      isOnScreen: (key) => this.view.graph.hasNode(key),
    });
    this.legend = new LegendView({
      onToggle: (label) =>
        this.setFilters(
          toggleLabel(this.screen.filters, label),
          `${this.filterVerb(label, "label")} ${label}`,
        ),
      onSolo: (label) =>
        this.setFilters(soloLabel(this.screen.filters, label, this.labelList()), `Only ${label}`),
    });
    this.filtersView = new FiltersView((type) =>
      this.setFilters(toggleType(this.screen.filters, type), `${this.filterVerb(type, "type")} ${type}`),
    );
    this.expandView = new ExpandView({
      onExpand: () => void this.expandSelected(),
      onMore: (group) => {
        const key = this.primary();
        if (key) void this.loadMore(key, group ?? undefined);
      },
    });
    this.inspector = new InspectorView(
      {
        onFocusNeighbour: (node, edge) => void this.focusNode(node, edge),
        onClose: () => this.select([]),
        isOnScreen: (key) => this.view.graph.hasNode(key),
      },
      this.expandView.element,
    );
    this.query = new QueryPanel({
      run: (request, mode) => this.runQuery(request, mode),
      savedQueries: () => this.api.savedQueries(),
      schema: () => this.api.schema(),
      onToggle: () => this.onChange("query"),
      onFocusNode: (key) => {
        if (this.view.graph.hasNode(key)) void this.showOnScreen(key, this.nameOf(key));
      },
    });
    page.leftPanel.append(this.search.element, this.legend.element, this.filtersView.element);
    page.inspectorColumn.append(this.inspector.element);
    page.queryDock.append(this.query.element);
    // The canvas shrinks and grows with the query panel; sigma only listens to the window's size.
    this.resizeObserver = new ResizeObserver(() => {
      this.view.sigma.resize();
      this.view.sigma.refresh();
    });
    this.resizeObserver.observe(page.canvas);

    this.view.events.on("clickNode", (key, { shift }) => this.clickNode(key, shift));
    this.view.events.on("doubleClickNode", (key) => void this.expand(key));
    this.view.events.on("clickStage", () => {
      if (this.view.getState().highlight) this.view.update({ highlight: null });
      this.select([]);
    });
    let resumeLayout = false;
    this.view.events.on("dragStart", () => {
      resumeLayout = this.layout.status.type === "running" && this.layout.status.reason === "user";
      if (this.layout.status.type === "running") this.layout.stop();
    });
    this.view.events.on("dragEnd", (key, move) => {
      if (move) this.commit(`Move ${this.nameOf(key)}`, screenPatch({ ...EMPTY_PATCH, moveNodes: [move] }));
      if (resumeLayout) this.layout.start("user");
      resumeLayout = false;
    });
    this.view.events.on("graphChanged", () => this.renderPanels());
    this.layout.events.on("status", () => this.onChange("layout"));
  }

  // ─── Loading ──────────────────────────────────────────────────────────────────────────────────

  /** Loads the first view; resolves once it is laid out and framed. */
  async start(): Promise<void> {
    const [overview, schema] = await Promise.allSettled([
      this.api.overview(this.overviewLimit),
      this.api.schema(),
    ]);
    if (schema.status === "fulfilled") this.schema = schema.value;
    else if (overview.status === "fulfilled") this.fail(schema.reason, "Could not read the database schema");
    if (overview.status === "rejected") {
      this.fail(overview.reason, "Could not load the graph");
      this.renderPanels();
      this.renderLoadError(overview.reason);
      return;
    }
    const data = overview.value;
    this.totals = data.totals;
    this.sampled = data.sampled;
    // The first view is the base state: not an undoable change.
    const buildStart = performance.now();
    this.view.applyPatch(planAdd(this.view.lookup(), data));
    performance.measure(PERF.graphBuild, { start: buildStart });
    this.view.sigma.once("afterRender", () => performance.mark(PERF.firstFrame));
    this.renderOverlay(data.nodes.length);
    if (this.view.graph.order > 1) {
      this.layout.start("initial");
      await this.layout.idle();
    }
    await this.view.fit();
  }

  // ─── History ──────────────────────────────────────────────────────────────────────────────────

  /** Applies a change to what is on screen and records it for undo. */
  commit(description: string, patch: ScreenPatch): void {
    if (isNoop(patch)) return;
    this.apply(patch);
    this.history = record(this.history, { description, change: patch });
    this.onChange("history");
  }

  undo(): void {
    const step = undo(this.history);
    if (!step) return;
    this.history = step.state;
    // A settle still placing the step's nodes would go on moving what the undo puts back.
    if (this.layout.status.type === "running" && this.layout.status.reason === "settle") this.layout.stop();
    this.apply(invertScreenPatch(step.entry.change), { settle: false });
    this.toasts.show(`Undone: ${step.entry.description}`, "info");
    this.onChange("history");
  }

  redo(): void {
    const step = redo(this.history);
    if (!step) return;
    this.history = step.state;
    this.apply(step.entry.change);
    this.toasts.show(`Redone: ${step.entry.description}`, "info");
    this.onChange("history");
  }

  historyLabels(): { undo: string | null; redo: string | null } {
    return {
      undo: this.history.past[this.history.past.length - 1]?.description ?? null,
      redo: this.history.future[0]?.description ?? null,
    };
  }

  /**
   * `settle`: let the layout place the added nodes. Not on undo: nodes an undo brings back return
   * to where they were when they left (a removal records their positions).
   */
  private apply(patch: ScreenPatch, { settle = true } = {}): void {
    this.view.applyPatch(patch.graph);
    const next = applyScreenState(this.screen, patch);
    const graph = this.view.graph;
    this.screen = { ...next, hidden: new Set([...next.hidden].filter((key) => graph.hasNode(key))) };
    this.view.update({
      hidden: this.screen.hidden,
      hiddenLabels: this.screen.filters.hiddenLabels,
      hiddenTypes: this.screen.filters.hiddenTypes,
    });
    const added = patch.graph.addNodes.map((n) => n.key).filter((key) => graph.hasNode(key));
    if (added.length) {
      if (settle) this.layout.settle(added);
      // The database may have grown since the first view: keep "N of M" honest.
      this.scheduleCountsRefresh();
    }
    this.renderPanels();
    this.renderInspector();
  }

  // ─── Selection and inspection ─────────────────────────────────────────────────────────────────

  primary(): string | null {
    const selected = this.view.getState().selected;
    return selected[selected.length - 1] ?? null;
  }

  selection(): readonly string[] {
    return this.view.getState().selected;
  }

  private clickNode(key: string, additive: boolean): void {
    const selected = this.view.getState().selected;
    if (additive) {
      this.select(selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key]);
    } else {
      this.select([key]);
    }
  }

  select(keys: string[]): void {
    const previous = this.primary();
    this.view.update({ selected: keys });
    const primary = this.primary();
    if (primary !== previous) void this.inspect(primary);
    else this.renderInspector();
    this.onChange("selection");
  }

  private async inspect(key: string | null): Promise<void> {
    const request = ++this.detailsRequest;
    this.details = null;
    if (!key || !this.view.graph.hasNode(key)) {
      this.renderInspector();
      return;
    }
    const attrs = this.view.graph.getNodeAttributes(key);
    this.page.emptyInspector.hidden = true;
    this.inspector.showLoading({ name: attrs.name, category: attrs.category });
    try {
      const details = await this.api.node(key);
      if (request !== this.detailsRequest) return;
      this.details = details;
      this.renderInspector();
    } catch (error) {
      if (request !== this.detailsRequest) return;
      this.inspector.showError(error instanceof Error ? error.message : String(error));
      this.fail(error, "Could not load the node's details");
    }
  }

  private renderInspector(): void {
    const primary = this.primary();
    if (!primary) {
      this.inspector.hide();
      this.page.emptyInspector.hidden = false;
      return;
    }
    this.page.emptyInspector.hidden = true;
    if (!this.details || this.details.node.key !== primary) return;
    this.expandView.render(this.screen.expansions.get(primary), this.busy.has(`expand:${primary}`));
    const others = this.selection()
      .filter((k) => k !== primary && this.view.graph.hasNode(k))
      .map((k) => this.nameOf(k));
    this.inspector.render(this.details, others);
  }

  // ─── Adding to the graph ──────────────────────────────────────────────────────────────────────

  /**
   * Brings a node into view (with its relationships to what is on screen), selects it and moves the
   * camera to it: for search results and for neighbours clicked in the inspector.
   */
  async focusNode(node: GraphNode, via?: GraphEdge): Promise<void> {
    const graph = this.view.graph;
    if (!graph.hasNode(node.key)) {
      try {
        const details = await this.api.node(node.key);
        const edges = details.groups.flatMap((g) =>
          g.neighbours.filter((n) => graph.hasNode(n.node.key)).map((n) => n.edge),
        );
        if (via && !edges.some((e) => e.key === via.key)) edges.push(via);
        const graphPatch = planAdd(
          this.view.lookup(),
          { nodes: [node], edges },
          via ? (via.source === node.key ? via.target : via.source) : undefined,
        );
        this.commit(`Add ${node.name}`, screenPatch(graphPatch));
      } catch (error) {
        this.fail(error, `Could not add ${node.name}`);
        return;
      }
    }
    await this.showOnScreen(node.key, node.name);
  }

  /** A node on screen: shown again if it was hidden, selected, and the camera moved to it. */
  private async showOnScreen(key: string, name: string): Promise<void> {
    this.revealIfHidden([key], `Show ${name}`);
    this.select([key]);
    await this.view.focusNode(key);
  }

  /** Nodes the user asked to see but hid before come back (as an undoable step). */
  private revealIfHidden(keys: string[], description: string): void {
    const next = unhidden(this.screen.hidden, keys);
    if (next)
      this.commit(description, screenPatch(EMPTY_PATCH, { hidden: this.screen.hidden }, { hidden: next }));
  }

  async expandSelected(): Promise<void> {
    const key = this.primary();
    if (!key) {
      this.toasts.show("Select a node to expand first.", "info");
      return;
    }
    await this.expand(key);
  }

  /** Loads a node's neighbours, capped per group; already expanded → the next page of each group. */
  async expand(key: string): Promise<void> {
    if (!this.view.graph.hasNode(key)) return;
    const known = this.screen.expansions.get(key);
    if (known) {
      if (summarise(known).shown >= summarise(known).total) {
        this.toasts.show(
          `All ${summarise(known).total} relationships of ${this.nameOf(key)} are loaded.`,
          "info",
        );
        return;
      }
      await this.loadMore(key);
      return;
    }
    await this.runExpand(key, { key, limit: EXPAND_PAGE }, `Expand ${this.nameOf(key)}`);
  }

  async loadMore(key: string, group?: { type: string; direction: "out" | "in" }): Promise<void> {
    const request = moreRequest(key, this.screen.expansions.get(key) ?? [], group);
    if (!request) return;
    await this.runExpand(key, request, `Load more of ${this.nameOf(key)}${group ? ` (${group.type})` : ""}`);
  }

  private async runExpand(
    key: string,
    request: Parameters<ApiClient["expand"]>[0],
    description: string,
  ): Promise<void> {
    const busyKey = `expand:${key}`;
    if (this.busy.has(busyKey)) return;
    this.busy.add(busyKey);
    this.renderInspector();
    try {
      const response = await this.api.expand(request);
      if (!this.view.graph.hasNode(key)) return;
      const graphPatch = planAdd(this.view.lookup(), response, key);
      const progress = mergeProgress(this.screen.expansions.get(key), response);
      const before: Partial<ScreenState> = { expansions: this.screen.expansions };
      const after: Partial<ScreenState> = { expansions: withProgress(this.screen.expansions, key, progress) };
      const revealed = unhidden(
        this.screen.hidden,
        response.nodes.map((n) => n.key),
      );
      if (revealed) {
        before.hidden = this.screen.hidden;
        after.hidden = revealed;
      }
      this.commit(description, screenPatch(graphPatch, before, after));
      this.reportAdded(
        graphPatch,
        response.nodes.map((n) => n.key),
        this.expandSummary(progress),
      );
    } catch (error) {
      this.fail(error, `Could not expand ${this.nameOf(key)}`);
    } finally {
      this.busy.delete(busyKey);
      this.renderInspector();
    }
  }

  private expandSummary(progress: ReturnType<typeof mergeProgress>): string {
    const { shown, total } = summarise(progress);
    return shown < total
      ? `showing ${shown} of ${total} relationships — load more in the inspector`
      : `all ${total} relationships`;
  }

  /** Tells what arrived, and what did not show because of filters: nothing is dropped silently. */
  private reportAdded(patch: GraphPatch, keys: string[], suffix: string): void {
    const filtered = keys.filter((k) => {
      const graph = this.view.graph;
      return graph.hasNode(k) && this.screen.filters.hiddenLabels.has(graph.getNodeAttribute(k, "category"));
    }).length;
    const parts = [
      patch.addNodes.length || patch.addEdges.length
        ? `+${patch.addNodes.length} nodes, +${patch.addEdges.length} relationships`
        : "Already on screen",
      suffix,
    ];
    if (filtered) parts.push(`${filtered} not visible because of label filters`);
    this.toasts.show(parts.filter(Boolean).join("; "), "success");
  }

  async neighbourhood(): Promise<void> {
    const key = this.primary();
    if (!key) {
      this.toasts.show("Select a node first.", "info");
      return;
    }
    try {
      const response = await this.api.neighbourhood(neighbourhoodRequest(key, this.hops));
      const graphPatch = planAdd(this.view.lookup(), response, key);
      const revealed = unhidden(
        this.screen.hidden,
        response.nodes.map((n) => n.key),
      );
      this.commit(
        `${this.hops}-hop neighbourhood of ${this.nameOf(key)}`,
        revealed
          ? screenPatch(graphPatch, { hidden: this.screen.hidden }, { hidden: revealed })
          : screenPatch(graphPatch),
      );
      this.highlight(neighbourhoodHighlight(response));
      this.reportAdded(
        graphPatch,
        response.nodes.map((n) => n.key),
        `${response.nodes.length} nodes within ${this.hops} hop${this.hops > 1 ? "s" : ""}${response.truncated ? " (capped: not all shown)" : ""}`,
      );
    } catch (error) {
      this.fail(error, "Could not load the neighbourhood");
    }
  }

  async path(): Promise<void> {
    const request = pathRequest(this.selection());
    if (!request) {
      this.toasts.show("Select two nodes (click one, shift-click the other), then press P.", "info");
      return;
    }
    try {
      const response = await this.api.path(request);
      if (!response.found) {
        this.toasts.show(
          `No path between ${this.nameOf(request.from)} and ${this.nameOf(request.to)} within ${request.maxHops} hops.`,
          "info",
        );
        return;
      }
      const graphPatch = planAdd(this.view.lookup(), response);
      const revealed = unhidden(
        this.screen.hidden,
        response.nodes.map((n) => n.key),
      );
      this.commit(
        `Path ${this.nameOf(request.from)} → ${this.nameOf(request.to)}`,
        revealed
          ? screenPatch(graphPatch, { hidden: this.screen.hidden }, { hidden: revealed })
          : screenPatch(graphPatch),
      );
      this.highlight(pathHighlight(response));
      this.toasts.show(`Path: ${describePath(response, (k) => this.nameOf(k))}`, "success");
    } catch (error) {
      this.fail(error, "Could not find a path");
    }
  }

  private highlight(highlight: Highlight): void {
    this.view.update({ highlight });
    void this.view.fit([...highlight.nodes].filter((k) => this.view.graph.hasNode(k)));
  }

  clearHighlight(): boolean {
    if (!this.view.getState().highlight) return false;
    this.view.update({ highlight: null });
    return true;
  }

  // ─── Queries ──────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs analyst Cypher and draws every node, relationship and path of the result, added to the
   * graph or replacing it, as one undoable step. Errors are thrown for the query panel to show.
   */
  async runQuery(
    request: QueryRequest,
    mode: ResultMode,
  ): Promise<{ result: QueryResult; added: { nodes: number; edges: number } }> {
    const response = await this.api.query(request);
    const result: QueryResult = { request, response, mode, at: Date.now() };
    const subgraph = response.subgraph;
    const plan = planQueryResult(this.view.graph, this.view.lookup(), subgraph, mode);
    const keys = subgraph.nodes.map((n) => n.key);
    const before: Partial<ScreenState> = {};
    const after: Partial<ScreenState> = {};
    const revealed = unhidden(this.screen.hidden, keys);
    if (revealed) {
      before.hidden = this.screen.hidden;
      after.hidden = revealed;
    }
    if (plan.removeNodes.length) {
      const removed = new Set(plan.removeNodes.map((n) => n.key));
      before.expansions = this.screen.expansions;
      after.expansions = new Map([...this.screen.expansions].filter(([key]) => !removed.has(key)));
    }
    const firstLine = request.cypher.split("\n")[0]!.trim();
    const label = firstLine.length > 48 ? `${firstLine.slice(0, 47)}…` : firstLine;
    this.commit(
      `${mode === "replace" ? "Replace with query" : "Query"}: ${label}`,
      screenPatch(plan, before, after),
    );
    const gone = this.selection().filter((k) => !this.view.graph.hasNode(k));
    if (gone.length) this.select(this.selection().filter((k) => this.view.graph.hasNode(k)));
    if (keys.length) {
      if (mode === "add" && this.view.graph.order > keys.length) {
        this.highlight({
          kind: "neighbourhood",
          nodes: new Set(keys),
          edges: new Set(subgraph.edges.map((e) => e.key)),
        });
      } else {
        this.view.update({ highlight: null });
        void this.view.fit();
      }
    }
    this.lastQuery = result;
    this.events.emit("queryResult", result);
    return { result, added: { nodes: plan.addNodes.length, edges: plan.addEdges.length } };
  }

  /** The last query run from the panel, with its whole response; null before the first. */
  lastQueryResult(): QueryResult | null {
    return this.lastQuery;
  }

  /** The nodes and relationships of the last query's result (what it drew). */
  lastQuerySubgraph(): Subgraph | null {
    return this.lastQuery?.response.subgraph ?? null;
  }

  // ─── Hiding, removing, filtering ──────────────────────────────────────────────────────────────

  hideSelected(): void {
    const keys = this.selection().filter((k) => !this.screen.hidden.has(k));
    if (keys.length === 0) return;
    const hidden = new Set([...this.screen.hidden, ...keys]);
    this.view.update({ selected: [] });
    this.commit(
      `Hide ${this.describeKeys(keys)}`,
      screenPatch(EMPTY_PATCH, { hidden: this.screen.hidden }, { hidden }),
    );
    void this.inspect(null);
    this.onChange("selection");
  }

  showHidden(): void {
    if (this.screen.hidden.size === 0) return;
    this.commit(
      `Show ${this.screen.hidden.size} hidden`,
      screenPatch(EMPTY_PATCH, { hidden: this.screen.hidden }, { hidden: new Set() }),
    );
  }

  removeSelected(): void {
    const keys = this.selection();
    if (keys.length === 0) return;
    const graph = this.view.graph;
    const edgeKeys = new Set<string>();
    for (const key of keys) graph.forEachEdge(key, (edge) => edgeKeys.add(edge));
    const patch: GraphPatch = {
      ...EMPTY_PATCH,
      removeNodes: keys.map((key) => ({ key, attributes: { ...graph.getNodeAttributes(key) } })),
      removeEdges: [...edgeKeys].map((key) => ({
        key,
        source: graph.source(key),
        target: graph.target(key),
        attributes: { ...graph.getEdgeAttributes(key) },
      })),
    };
    const description = `Remove ${this.describeKeys(keys)}`;
    this.commit(description, screenPatch(patch));
    this.select([]);
    this.toasts.show(`${description} — Ctrl+Z to undo`, "info");
  }

  private setFilters(filters: FilterState, description: string): void {
    this.commit(description, screenPatch(EMPTY_PATCH, { filters: this.screen.filters }, { filters }));
  }

  private filterVerb(value: string, kind: "label" | "type"): string {
    const set = kind === "label" ? this.screen.filters.hiddenLabels : this.screen.filters.hiddenTypes;
    return set.has(value) ? "Show" : "Hide";
  }

  // ─── View ─────────────────────────────────────────────────────────────────────────────────────

  toggleLanguage(): void {
    this.view.update({ language: this.view.getState().language === "zh" ? "en" : "zh" });
    this.onChange("language");
  }

  setHops(hops: Hops): void {
    this.hops = hops;
    this.onChange("hops");
  }

  layoutStatus(): LayoutStatus {
    return this.layout.status;
  }

  // ─── Panels ───────────────────────────────────────────────────────────────────────────────────

  private labelList(): string[] {
    const labels = new Set(this.schema?.labels.map((l) => l.label) ?? []);
    this.view.graph.forEachNode((_k, attrs) => labels.add(attrs.category));
    return [...labels];
  }

  private scheduleCountsRefresh(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => void this.refreshCounts(), COUNTS_REFRESH_DELAY);
  }

  private async refreshCounts(): Promise<void> {
    try {
      this.schema = await this.api.schema();
      this.totals = this.schema.totals;
      this.renderPanels();
    } catch {
      // Stale counts are not worth a toast; the next change tries again.
    }
  }

  renderPanels(): void {
    const graph = this.view.graph;
    const labels = compareCounts(
      tally(graph.nodeEntries(), (entry) => entry.attributes.category),
      new Map(this.schema?.labels.map((l) => [l.label, l.count]) ?? []),
    );
    this.legend.render(
      labels.map((c) => ({
        label: c.name,
        onScreen: c.onScreen,
        inDb: c.inDb,
        description: this.schema?.schema.labels[c.name]?.description,
      })),
      this.screen.filters.hiddenLabels,
    );
    const types = compareCounts(
      tally(graph.edgeEntries(), (entry) => entry.attributes.relType),
      new Map(this.schema?.relationshipTypes.map((t) => [t.type, t.count]) ?? []),
    );
    this.filtersView.render(
      types.map((c) => ({ type: c.name, onScreen: c.onScreen, inDb: c.inDb })),
      this.screen.filters,
    );
    this.onChange("graph");
  }

  /** An empty canvas says why, and offers to try again. */
  private renderLoadError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.page.canvasOverlay.replaceChildren(
      el("div", { class: "load-error", attrs: { role: "alert" } }, [
        el("strong", { text: "The graph could not be loaded" }),
        el("span", { text: message }),
        el("button", {
          class: "button",
          text: "Try again",
          attrs: { type: "button" },
          on: { click: () => void this.retry() },
        }),
      ]),
    );
  }

  private async retry(): Promise<void> {
    this.page.canvasOverlay.replaceChildren();
    await this.start();
    this.onChange("graph");
  }

  private renderOverlay(sampleSize: number): void {
    const totals = this.totals;
    if (!this.sampled || !totals) {
      this.page.canvasOverlay.replaceChildren();
      return;
    }
    this.page.canvasOverlay.replaceChildren(
      el("div", {
        class: "overlay-note",
        attrs: { "data-testid": "sample-note" },
        text: `Showing a sample: the ${sampleSize} most connected of ${totals.nodes.toLocaleString("en-US")} nodes`,
      }),
    );
  }

  statusInfo() {
    const graph = this.view.graph;
    return {
      nodesOnScreen: graph.order,
      edgesOnScreen: graph.size,
      nodesVisible: this.view.visibleNodes().length,
      totals: this.totals,
      sampled: this.sampled,
      hidden: this.screen.hidden.size,
      filters: isFiltering(this.screen.filters) ? describeFilters(this.screen.filters) : null,
      selection: this.selection().length,
      language: this.view.getState().language,
    };
  }

  // ─── Helpers ──────────────────────────────────────────────────────────────────────────────────

  nameOf(key: string): string {
    const graph = this.view.graph;
    return graph.hasNode(key)
      ? displayName(graph.getNodeAttributes(key), this.view.getState().language)
      : key;
  }

  private describeKeys(keys: readonly string[]): string {
    if (keys.length === 1 && keys[0] !== undefined) return this.nameOf(keys[0]);
    return `${keys.length} nodes`;
  }

  fail(error: unknown, context: string): void {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    this.toasts.show(`${context}: ${message}`, "error");
    console.warn(context, error);
  }

  kill(): void {
    clearTimeout(this.countsTimer);
    this.resizeObserver.disconnect();
    this.query.kill();
    this.events.clear();
    this.layout.kill();
    this.view.kill();
  }
}
