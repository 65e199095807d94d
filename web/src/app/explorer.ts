/**
 * The app shell: constructs the graph view, the screen store and each feature's controller, and wires
 * them. Flows live in the controllers (features/*\/…-controller.ts); every change to what is on screen
 * goes through the store (screen/screen-store.ts), so undo/redo covers it.
 */
import type { SchemaResponse } from "../../../core/api-types.ts";
import { ApiError } from "../api/client.ts";
import type { ApiClient } from "../api/client.ts";
import { ExpandController } from "../features/expand/expand-controller.ts";
import { FiltersController } from "../features/filters/filters-controller.ts";
import { describeFilters, isFiltering } from "../features/filters/state.ts";
import { GraphView } from "../features/graph-view/graph-view.ts";
import { EMPTY_PATCH } from "../features/graph-view/merge.ts";
import { displayName } from "../features/graph-view/reducers.ts";
import type { Highlight } from "../features/graph-view/types.ts";
import { InspectorController } from "../features/inspector/inspector-controller.ts";
import { LayoutController } from "../features/layout/layout.ts";
import { NeighbourhoodController } from "../features/neighbourhood/neighbourhood-controller.ts";
import { PathController } from "../features/path/path-controller.ts";
import { QueryController } from "../features/query/query-controller.ts";
import { SearchView } from "../features/search/search-view.ts";
import { el } from "../lib/dom.ts";
import type { FeatureContext } from "../screen/feature-context.ts";
import { ScreenStore } from "../screen/screen-store.ts";
import type { ScreenChange } from "../screen/screen-store.ts";
import type { Toasts } from "../shell/toasts.ts";
import type { Page } from "./page.ts";

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

export class Explorer {
  readonly view: GraphView;
  readonly store: ScreenStore;
  readonly layout: LayoutController;
  readonly search: SearchView;
  readonly inspector: InspectorController;
  readonly expand: ExpandController;
  readonly neighbourhood: NeighbourhoodController;
  readonly path: PathController;
  readonly query: QueryController;
  readonly filters: FiltersController;
  private readonly resizeObserver: ResizeObserver;
  private schema: SchemaResponse | null = null;
  private totals: { nodes: number; relationships: number } | null = null;
  private sampled = false;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Told when toolbar and status bar need redrawing. */
  onChange: (what: ExplorerChange) => void = () => {};

  constructor(
    private readonly page: Page,
    private readonly api: ApiClient,
    private readonly toasts: Toasts,
    private readonly overviewLimit: number = OVERVIEW_LIMIT,
  ) {
    // The store owns hidden nodes and filters; the view reads them from it at each frame.
    this.view = new GraphView(page.canvas, { visibility: () => this.store.state });
    this.store = new ScreenStore(this.view);
    this.layout = new LayoutController(this.view.graph);
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
    this.inspector = new InspectorController(ctx, {
      emptyNote: page.emptyInspector,
      extra: this.expand.view.element,
      renderExtra: (primary) => this.expand.render(primary),
      onSelection: () => this.onChange("selection"),
    });
    this.neighbourhood = new NeighbourhoodController(ctx, () => this.onChange("hops"));
    this.path = new PathController(ctx);
    this.filters = new FiltersController(ctx, () => this.schema);
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
    page.leftPanel.append(this.search.element, this.filters.legend.element, this.filters.types.element);
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
    view.events.on("clickNode", (key, { shift }) => this.inspector.clickNode(key, shift));
    view.events.on("doubleClickNode", (key) => void this.expand.expand(key));
    view.events.on("clickStage", () => {
      this.clearHighlight();
      this.inspector.select([]);
    });
    let resumeLayout = false;
    view.events.on("dragStart", () => {
      resumeLayout = layout.status.type === "running" && layout.status.reason === "user";
      if (layout.status.type === "running") layout.stop();
    });
    view.events.on("dragEnd", (key, move) => {
      if (move) store.set(`Move ${this.nameOf(key)}`, {}, { ...EMPTY_PATCH, moveNodes: [move] });
      if (resumeLayout) layout.start("user");
      resumeLayout = false;
    });
    view.events.on("graphChanged", () => this.renderPanels());
    layout.events.on("status", () => this.onChange("layout"));
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
  private onScreenChange({ cause, description, added }: ScreenChange): void {
    this.view.update({});
    if (added.length) {
      if (cause !== "undo") this.layout.settle(added);
      // The database may have grown since the first view: keep "N of M" honest.
      this.scheduleCountsRefresh();
    }
    this.renderPanels();
    this.inspector.render();
    if (cause === "undo") this.toasts.show(`Undone: ${description}`, "info");
    if (cause === "redo") this.toasts.show(`Redone: ${description}`, "info");
    this.onChange("history");
  }

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
    const buildStart = performance.now();
    this.store.load(data);
    performance.measure(PERF.graphBuild, { start: buildStart });
    this.view.sigma.once("afterRender", () => performance.mark(PERF.firstFrame));
    this.renderOverlay(data.nodes.length);
    if (this.view.graph.order > 1) {
      this.layout.start("initial");
      await this.layout.idle();
    }
    await this.view.fit();
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
    this.filters.render();
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
    const { hidden, filters } = this.store.state;
    return {
      nodesOnScreen: graph.order,
      edgesOnScreen: graph.size,
      nodesVisible: this.view.visibleNodes().length,
      totals: this.totals,
      sampled: this.sampled,
      hidden: hidden.size,
      filters: isFiltering(filters) ? describeFilters(filters) : null,
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
    clearTimeout(this.countsTimer);
    this.resizeObserver.disconnect();
    this.query.kill();
    this.layout.kill();
    this.view.kill();
  }
}
