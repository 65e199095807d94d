/**
 * The first view: the whole seed graph, or a sample of the most connected nodes of a large database,
 * loaded as the screen store's base state; then the database's counts, kept fresh as nodes arrive so
 * that "N of M" stays honest. A failed load leaves a note on the canvas with "Try again".
 */
import { aggregateSubgraph, META_EXPAND_NODES, metaLabel } from "../../../../core/aggregate.ts";
import type { OverviewAggregate, OverviewResponse, SchemaResponse } from "../../../../core/api-types.ts";
import { el } from "../../lib/dom.ts";
import { describeConnected } from "../../screen/connect.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";

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
 * How many real nodes a meta-node opens into: META_EXPAND_NODES (1,000), unless the page address says
 * `?groupNodes=N`. Pure, for tests.
 */
export function groupNodesFrom(search: string): number {
  const asked = Number(new URLSearchParams(search).get("groupNodes") ?? NaN);
  return Number.isSafeInteger(asked) && asked > 0 ? asked : META_EXPAND_NODES;
}

/** What an opened meta-node's notice says: "Organisation: showing 1,000 of 123,456 (the most connected)". */
export function groupNotice(label: string, shown: number, total: number, connected = ""): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const head =
    shown < total
      ? `${label}: showing ${fmt(shown)} of ${fmt(total)} (the most connected)`
      : `${label}: showing all ${fmt(total)}`;
  return connected ? `${head}; ${connected}` : head;
}

/**
 * `?baseline=1`: the first view loads as it did before batching (sigma following every element, no
 * partial first frame), for `npm run bench:render` to measure beside the current path. Pure, for tests.
 */
export function overviewBaselineFrom(search: string): boolean {
  return new URLSearchParams(search).get("baseline") === "1";
}

/**
 * A first view of more nodes than this draws the most connected PARTIAL_VIEW_NODES first (a smaller
 * request sent before the whole one), then the rest as it arrives.
 */
export const PARTIAL_VIEW_NODES = 10_000;

/**
 * Performance marks of the first view, for devtools and the benchmarks: the graph built from the
 * overview response (a measure), sigma's first frame with it drawn, and the view laid out (marks);
 * for a large first view, the same for its partial first frame.
 */
export const PERF = {
  graphBuild: "guanxi:graph-build",
  firstFrame: "guanxi:first-frame",
  /** The first view laid out and framed (`npm run bench:api`). */
  settled: "guanxi:settled",
  partialBuild: "guanxi:partial-build",
  partialFrame: "guanxi:partial-frame",
} as const;

export interface OverviewHooks {
  /** The canvas's overlay (sample note, load error). */
  overlay: HTMLElement;
  /** Lays the first view out; resolves when the layout is idle. */
  layOut(): Promise<void>;
  /** Counts or the graph changed: the panels follow. */
  onCounts(): void;
}

export class OverviewController {
  schema: SchemaResponse | null = null;
  totals: { nodes: number; relationships: number } | null = null;
  sampled = false;
  /** The aggregated first view's counts, while it is the first view (null: real nodes). */
  aggregated: OverviewAggregate | null = null;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly hooks: OverviewHooks,
    private readonly limit: number = OVERVIEW_LIMIT,
    private readonly baseline = false,
    private readonly groupNodes: number = META_EXPAND_NODES,
  ) {}

  /**
   * A meta-node opened (clicked): it is replaced by the most connected nodes of its label and the
   * relationships among them and to the nodes on screen — one undoable step. False for a real node.
   */
  async openGroup(key: string): Promise<boolean> {
    const label = metaLabel(key);
    if (label === null) return false;
    const { api, store } = this.ctx;
    let data: OverviewResponse;
    try {
      data = await api.overview(this.groupNodes, label);
    } catch (error) {
      this.ctx.fail(error, `Could not open ${label}`);
      return true;
    }
    if (!this.ctx.view.graph.hasNode(key)) return true; // undone or opened meanwhile
    const added = await store.addSubgraph(data, {
      description: `Open ${label}`,
      anchor: key,
      remove: [key],
    });
    this.ctx.notify(
      groupNotice(label, data.nodes.length, data.totals.nodes, describeConnected(added.connected)),
      "info",
    );
    return true;
  }

  /**
   * Loads the first view; resolves once it is laid out and framed. `restore` loads a saved view
   * instead (a permalink): it resolves true when it did, false to fall back to the overview.
   */
  async start(restore?: () => Promise<boolean>): Promise<void> {
    const { api, store, view } = this.ctx;
    if (restore) {
      const [restored, schema] = await Promise.allSettled([restore(), api.schema()]);
      if (schema.status === "fulfilled") {
        this.schema = schema.value;
        this.totals = schema.value.totals;
      }
      if (restored.status === "rejected") this.ctx.fail(restored.reason, "Could not open the link's view");
      else if (restored.value) {
        this.hooks.overlay.replaceChildren();
        this.hooks.onCounts();
        return;
      }
    }
    // Both asked at once; the graph is drawn as soon as the overview is here (the schema is for the panels).
    const schemaRequest = api.schema().then(
      (value) => ({ status: "fulfilled" as const, value }),
      (reason: unknown) => ({ status: "rejected" as const, reason }),
    );
    let overviewRequest: Promise<OverviewResponse> | undefined;
    let partial: Promise<void> | undefined;
    if (!this.baseline && this.limit > PARTIAL_VIEW_NODES) {
      // One after the other, not together: on a busy server the two would share its CPUs and the
      // partial view would come no sooner than the whole. The whole is read while the part is drawn.
      const first = await api.overview(PARTIAL_VIEW_NODES).catch(() => null);
      overviewRequest = api.overview(this.limit);
      // An aggregated answer has no nodes to draw first (and would bring no frame to wait for).
      if (first && !first.aggregated && first.nodes.length > 0) partial = this.drawPartial(first);
    }
    const [overview] = await Promise.allSettled([overviewRequest ?? api.overview(this.limit)]);
    await partial;
    if (overview.status === "rejected") {
      const schema = await schemaRequest;
      if (schema.status === "fulfilled") this.schema = schema.value;
      this.ctx.fail(overview.reason, "Could not load the graph");
      this.hooks.onCounts();
      this.renderLoadError(overview.reason);
      return;
    }
    const data = overview.value;
    this.totals = data.totals;
    this.sampled = data.sampled;
    this.aggregated = data.aggregated ?? null;
    const buildStart = performance.now();
    // Too large to draw: one meta-node per label, one meta-edge per (label, type, label) — instead of
    // a partial first view drawn meanwhile (the base state, not an undoable step).
    if (data.aggregated && partial) view.graph.clear();
    store.load(data.aggregated ? aggregateSubgraph(data.aggregated) : data);
    performance.measure(PERF.graphBuild, { start: buildStart });
    view.sigma.once("afterRender", () => performance.mark(PERF.firstFrame));
    this.renderSampleNote(data.nodes.length);
    const laidOut = view.graph.order > 1 ? this.hooks.layOut() : Promise.resolve();
    const schema = await schemaRequest;
    if (schema.status === "fulfilled") this.schema = schema.value;
    else this.ctx.fail(schema.reason, "Could not read the database schema");
    this.hooks.onCounts();
    await laidOut;
    await view.fit();
    performance.mark(PERF.settled);
  }

  /**
   * Draws the most connected nodes while the whole first view is still on its way; the whole one then
   * adds what is missing (new nodes placed near their neighbours on screen). A failed partial view is
   * simply skipped.
   */
  private async drawPartial(data: OverviewResponse): Promise<void> {
    const { store, view } = this.ctx;
    const buildStart = performance.now();
    store.load(data);
    performance.measure(PERF.partialBuild, { start: buildStart });
    await new Promise<void>((resolve) =>
      view.sigma.once("afterRender", () => {
        performance.mark(PERF.partialFrame);
        resolve();
      }),
    );
  }

  /** The database may have grown since the first view: re-read its counts (debounced). */
  scheduleCountsRefresh(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => void this.refreshCounts(), COUNTS_REFRESH_DELAY);
  }

  kill(): void {
    clearTimeout(this.countsTimer);
  }

  private async refreshCounts(): Promise<void> {
    try {
      this.schema = await this.ctx.api.schema();
      this.totals = this.schema.totals;
      this.hooks.onCounts();
    } catch {
      // Stale counts are not worth a toast; the next change tries again.
    }
  }

  /** An empty canvas says why, and offers to try again. */
  private renderLoadError(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.hooks.overlay.replaceChildren(
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
    this.hooks.overlay.replaceChildren();
    await this.start();
    this.hooks.onCounts();
  }

  private renderSampleNote(sampleSize: number): void {
    const totals = this.totals;
    if (this.aggregated && totals) {
      const fmt = (n: number) => n.toLocaleString("en-US");
      this.hooks.overlay.replaceChildren(
        el("div", {
          class: "overlay-note",
          attrs: { "data-testid": "aggregate-note" },
          text:
            `Too large to draw (${fmt(totals.nodes)} nodes, ${fmt(totals.relationships)} relationships; ` +
            `more than ${fmt(this.aggregated.threshold)} elements): one circle per label. ` +
            `Click one to open its ${fmt(this.groupNodes)} most connected nodes.`,
        }),
      );
      return;
    }
    if (!this.sampled || !totals) {
      this.hooks.overlay.replaceChildren();
      return;
    }
    this.hooks.overlay.replaceChildren(
      el("div", {
        class: "overlay-note",
        attrs: { "data-testid": "sample-note" },
        text: `Showing a sample: the ${sampleSize} most connected of ${totals.nodes.toLocaleString("en-US")} nodes`,
      }),
    );
  }
}
