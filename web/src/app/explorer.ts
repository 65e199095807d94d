/**
 * The app shell: constructs the graph view, the screen store and each feature's controller, and wires
 * them. Flows live in the controllers (features/*\/…-controller.ts); every change to what is on screen
 * goes through the store (screen/screen-store.ts), so undo/redo covers it.
 */
import { isMetaKey } from "../../../core/aggregate.ts";
import { isVirtualEdgeKey } from "../../../core/evidence.ts";
import { ApiError } from "../api/client.ts";
import { AnalysisController } from "../features/analysis/analysis-controller.ts";
import type { ApiClient } from "../api/client.ts";
import { EvidenceController } from "../features/evidence/evidence-controller.ts";
import { ExpandController } from "../features/expand/expand-controller.ts";
import { FiltersController } from "../features/filters/filters-controller.ts";
import { describeFilters, isFiltering } from "../features/filters/state.ts";
import { GraphView } from "../features/graph-view/graph-view.ts";
import { displayName } from "../features/graph-view/reducers.ts";
import type { Highlight } from "../features/graph-view/types.ts";
import { InspectorController } from "../features/inspector/inspector-controller.ts";
import { LayoutController } from "../features/layout/layout.ts";
import { LayoutChooser } from "../features/layout/layout-chooser.ts";
import { PinController } from "../features/layout/pin-controller.ts";
import { OVERVIEW_LIMIT, OverviewController } from "../features/overview/overview-controller.ts";
import { NeighbourhoodController } from "../features/neighbourhood/neighbourhood-controller.ts";
import { PathController } from "../features/path/path-controller.ts";
import { QueryController } from "../features/query/query-controller.ts";
import { ReviewController } from "../features/review/review-controller.ts";
import { SearchView } from "../features/search/search-view.ts";
import { TimelineController } from "../features/timeline/timeline-controller.ts";
import { MarqueeController } from "../features/selection/marquee-controller.ts";
import { ViewsController } from "../features/views/views-controller.ts";
import { el } from "../lib/dom.ts";
import { describeAnalysisFilter } from "../../../core/style-rules.ts";
import type { FeatureContext } from "../screen/feature-context.ts";
import { ScreenStore } from "../screen/screen-store.ts";
import type { ScreenChange } from "../screen/screen-store.ts";
import type { Toasts } from "../shell/toasts.ts";
import type { Page } from "./page.ts";

export {
  groupNodesFrom,
  OVERVIEW_LIMIT,
  overviewBaselineFrom,
  overviewLimitFrom,
  PERF,
} from "../features/overview/overview-controller.ts";

export type ExplorerChange =
  "history" | "selection" | "layout" | "language" | "graph" | "hops" | "query" | "review";

export class Explorer {
  readonly view: GraphView;
  readonly store: ScreenStore;
  readonly layout: LayoutController;
  readonly layouts: LayoutChooser;
  readonly timeline: TimelineController;
  readonly search: SearchView;
  readonly inspector: InspectorController;
  readonly expand: ExpandController;
  readonly neighbourhood: NeighbourhoodController;
  readonly path: PathController;
  readonly query: QueryController;
  readonly filters: FiltersController;
  readonly overview: OverviewController;
  readonly review: ReviewController;
  readonly pins: PinController;
  readonly views: ViewsController;
  readonly marquee: MarqueeController;
  readonly evidence: EvidenceController;
  readonly analysis: AnalysisController;
  private readonly resizeObserver: ResizeObserver;
  /** Told when toolbar and status bar need redrawing. */
  onChange: (what: ExplorerChange) => void = () => {};

  constructor(
    page: Page,
    api: ApiClient,
    private readonly toasts: Toasts,
    overviewLimit: number = OVERVIEW_LIMIT,
    /** Load as before batching (see overviewBaselineFrom): for the render benchmark's baseline. */
    baseline = false,
    /** Nodes a meta-node opens into (see groupNodesFrom). */
    groupNodes?: number,
  ) {
    // The store owns hidden nodes and filters; the view reads them from it at each frame, with the
    // evidence filter's scope (derived from the chosen articles and the graph) and what the
    // timeline's period leaves out.
    this.view = new GraphView(page.canvas, {
      visibility: () => {
        const state = this.store.state;
        const scoped = this.evidence?.visibility(state) ?? state;
        return this.timeline.visibility({ ...scoped, time: state.time });
      },
      baseline,
    });
    this.store = new ScreenStore(this.view, (request) => api.connect(request));
    this.layout = new LayoutController(this.view.graph, () => this.store.state.pinned);
    const ctx: FeatureContext = {
      view: this.view,
      store: this.store,
      api,
      notify: (message, kind) => toasts.show(message, kind),
      fail: (error, context) => this.fail(error, context),
      nameOf: (key) => this.nameOf(key),
      selection: () => this.inspector.selection(),
      primary: () => this.inspector.primary(),
      select: (keys) => this.inspector.select(keys),
      highlight: (highlight) => this.highlight(highlight),
    };
    this.expand = new ExpandController(ctx, () => this.inspector.render());
    this.path = new PathController(ctx, () => this.overview.schema);
    this.pins = new PinController(ctx);
    this.evidence = new EvidenceController(ctx, () => this.overview?.schema?.schema.documentLabel);
    this.inspector = new InspectorController(ctx, {
      emptyNote: page.emptyInspector,
      extra: el("div", { class: "inspector-extra" }, [
        this.pins.element,
        this.evidence.actions,
        this.expand.view.element,
        this.path.view.element,
      ]),
      renderExtra: (primary) => {
        this.pins.render(primary);
        this.evidence.renderActions(primary);
        this.expand.render(primary);
        this.path.render();
      },
      onSelection: () => {
        this.onChange("selection");
        this.analysis.render(); // the ego network's size follows the selection
        this.views.scheduleSync();
      },
      filterArticle: (id) => this.evidence.choose(id),
    });
    this.neighbourhood = new NeighbourhoodController(ctx, () => this.onChange("hops"));
    this.overview = new OverviewController(
      ctx,
      {
        overlay: page.canvasOverlay,
        layOut: () => {
          this.layout.start("initial");
          return this.layout.idle();
        },
        onCounts: () => this.renderPanels(),
      },
      overviewLimit,
      baseline,
      groupNodes,
    );
    this.filters = new FiltersController(ctx, () => this.overview.schema);
    this.layouts = new LayoutChooser(ctx, this.layout, () =>
      Object.entries(this.overview.schema?.schema.relationshipTypes ?? {})
        .filter(([, def]) => def.hierarchy)
        .map(([type]) => type),
    );
    this.timeline = new TimelineController(ctx, () => this.overview.schema?.schema.time);
    page.canvasWrap.append(this.layouts.element);
    page.timelineDock.append(this.timeline.element);
    this.search = new SearchView(api, {
      onChoose: (node) => void this.inspector.focusNode(node),
      onError: (error) => this.fail(error, "Search failed"),
      isOnScreen: (key) => this.view.graph.hasNode(key),
    });
    this.query = new QueryController(ctx, {
      onToggle: () => this.onChange("query"),
      onFocusNode: (key) => {
        if (this.view.graph.hasNode(key)) void this.inspector.show(key);
      },
    });
    this.review = new ReviewController(ctx, () => this.onChange("review"));
    page.canvasOverlay.before(this.review.view.element);
    document.body.append(this.review.dialog.element);
    this.views = new ViewsController(ctx, {
      lastQuery: () => {
        const last = this.query.lastResult();
        return last ? { cypher: last.request.cypher, params: last.request.params ?? {} } : null;
      },
      showQuery: (query) => void this.query.panel.prefill(query.cypher, query.params),
      layoutRunning: () => this.layout.status.type === "running",
      onApplied: () => this.onChange("language"),
    });
    this.analysis = new AnalysisController(ctx, {
      schema: () => this.overview.schema,
      lastQueryKeys: () => this.query.lastSubgraph()?.nodes.map((n) => n.key) ?? null,
    });
    page.canvasOverlay.before(this.analysis.panel.element);
    this.marquee = new MarqueeController(this.view, (keys, additive) =>
      this.inspector.select(additive ? [...new Set([...this.inspector.selection(), ...keys])] : keys),
    );
    page.leftPanel.append(
      this.search.element,
      this.analysis.legend.element,
      this.filters.legend.element,
      this.filters.types.element,
      this.evidence.panel.element,
    );
    page.inspectorColumn.append(this.inspector.view.element);
    page.queryDock.append(this.query.panel.element);
    // The canvas shrinks and grows with the query panel; sigma only listens to the window's size.
    this.resizeObserver = new ResizeObserver(() => {
      this.view.sigma.resize();
      this.view.sigma.refresh();
    });
    this.resizeObserver.observe(page.canvas);
    this.wire();
  }

  private wire(): void {
    const { view, layout, store } = this;
    // A meta-node (an aggregated first view) opens into its label's nodes; it is not in the database.
    view.events.on("clickNode", (key, { shift }) => {
      if (isMetaKey(key)) void this.overview.openGroup(key);
      else this.inspector.clickNode(key, shift);
    });
    view.events.on("doubleClickNode", (key) => {
      if (!isMetaKey(key)) void this.expand.expand(key);
    });
    view.events.on("clickEdge", (key) => this.inspector.selectEdge(key));
    view.events.on("clickStage", () => {
      this.clearHighlight();
      this.inspector.select([]);
    });
    let resumeLayout = false;
    view.events.on("dragStart", () => {
      resumeLayout = layout.status.type === "running" && layout.status.reason === "user";
      if (layout.status.type === "running") layout.stop();
    });
    view.events.on("dragEnd", (_key, move) => {
      if (move) this.pins.drop(move);
      if (resumeLayout) layout.start("user");
      resumeLayout = false;
    });
    view.events.on("graphChanged", () => this.renderPanels());
    layout.events.on("status", (status) => {
      view.setLayoutRunning(status.type === "running");
      this.onChange("layout");
      if (status.type === "idle") this.views.scheduleSync();
    });
    // A settle still placing the step's nodes would go on moving what the undo puts back.
    store.events.on("beforeUndo", () => {
      if (layout.status.type === "running" && layout.status.reason === "settle") layout.stop();
    });
    store.events.on("change", (change) => this.onScreenChange(change));
  }

  /**
   * After every change: the view redraws what is hidden, new nodes are settled by the layout (not on
   * undo: nodes an undo brings back return to where they were), the panels follow.
   */
  private onScreenChange({ cause, description, added, placed, patch }: ScreenChange): void {
    this.view.update({});
    // Sizes may change with the style or the analysis filter: sigma indexes them again.
    if ("style" in patch.after || "analysisFilter" in patch.after) this.view.sigma.refresh();
    if ("pinned" in patch.after) this.layout.pinsChanged();
    if (added.length) {
      // Nodes an undo brings back, or a saved view places, stay where they were put.
      if (cause !== "undo" && !placed) this.layout.settle(added);
      this.overview.scheduleCountsRefresh();
    }
    this.renderPanels();
    this.inspector.render();
    if (cause === "undo") this.toasts.show(`Undone: ${description}`, "info");
    if (cause === "redo") this.toasts.show(`Redone: ${description}`, "info");
    this.onChange("history");
  }

  /**
   * Loads the first view — the one the page address holds (a permalink), else the overview;
   * resolves once it is on screen. From then on the address follows the screen.
   */
  async start(): Promise<void> {
    const doc = this.views.fromAddress();
    await this.overview.start(doc ? () => this.views.restore(doc) : undefined);
    this.views.startSyncing();
  }

  /** Ctrl/⌘+A: every node shown is selected. */
  selectAll(): void {
    this.inspector.select(this.view.visibleNodes());
  }

  undo(): void {
    this.store.undo();
  }

  redo(): void {
    this.store.redo();
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

  toggleLanguage(): void {
    this.view.update({ language: this.view.getState().language === "zh" ? "en" : "zh" });
    this.onChange("language");
    this.views.scheduleSync();
  }

  renderPanels(): void {
    this.filters.render();
    this.evidence.render();
    this.timeline.render();
    this.analysis.render();
    this.onChange("graph");
  }

  statusInfo() {
    const graph = this.view.graph;
    const { hidden, filters, articles, analysisFilter } = this.store.state;
    const filtering = [
      isFiltering(filters) ? describeFilters(filters) : null,
      articles.size ? `only the facts of ${articles.size} article${articles.size > 1 ? "s" : ""}` : null,
      analysisFilter ? `Only ${describeAnalysisFilter(analysisFilter)}` : null,
    ].filter(Boolean);
    return {
      nodesOnScreen: graph.order,
      // The correlation view's derived links are not relationships of the database ("N of M").
      edgesOnScreen: graph.size - graph.filterEdges((key) => isVirtualEdgeKey(key)).length,
      nodesVisible: this.view.visibleNodes().length,
      totals: this.overview.totals,
      sampled: this.overview.sampled,
      hidden: hidden.size,
      filters: filtering.length ? filtering.join("; ") : null,
      selection: this.inspector.selection().length,
      language: this.view.getState().language,
    };
  }

  nameOf(key: string): string {
    const graph = this.view.graph;
    return graph.hasNode(key)
      ? displayName(graph.getNodeAttributes(key), this.view.getState().language)
      : key;
  }

  fail(error: unknown, context: string): void {
    const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    this.toasts.show(`${context}: ${message}`, "error");
    console.warn(context, error);
  }

  kill(): void {
    this.analysis.kill();
    this.overview.kill();
    this.views.kill();
    this.resizeObserver.disconnect();
    this.query.kill();
    this.layouts.kill();
    this.timeline.kill();
    this.layout.kill();
    this.view.kill();
  }
}
