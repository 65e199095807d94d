/**
 * The layout chooser (toolbar, Shift+L): ForceAtlas2 (as before, L), circular, concentric by a
 * metric (degree, or any score the analysis panel wrote on the nodes), a layered hierarchy over the
 * relationship types the analyst ticks (by default those the schema marks `hierarchy`: PART_OF,
 * LOCATED_IN) and overlap removal. The one-shot layouts run in a web worker on the nodes shown;
 * every run — a ForceAtlas2 run from play to stop too — is one undoable step that moves positions,
 * and pinned nodes never move.
 */
import { nodeSize } from "../../../../core/appearance.ts";
import { el } from "../../lib/dom.ts";
import { Emitter } from "../../lib/emitter.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { EMPTY_PATCH } from "../graph-view/merge.ts";
import type { NodeMove } from "../graph-view/types.ts";
import type { LayoutController } from "./layout.ts";
import type { LayoutEdge, LayoutInput, LayoutKind, LayoutNode, Positions } from "./layout-algorithms.ts";
import type { LayoutRequest, LayoutResponse } from "./layout-worker.ts";

export const LAYOUT_NAMES: Record<LayoutKind | "forceatlas2", string> = {
  forceatlas2: "ForceAtlas2",
  circular: "Circular",
  concentric: "Concentric",
  hierarchy: "Hierarchy",
  noverlap: "Remove overlaps",
};

const DEGREE = "degree";

/** A node's metric: its degree, or a score the analysis panel stored (`scores[name]`). */
function metricOf(attrs: object, degree: number, metric: string): number | undefined {
  if (metric === DEGREE) return degree;
  const scores = (attrs as { scores?: Record<string, unknown> }).scores;
  const value = scores?.[metric];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export type ChooserEvents = { ran: (description: string) => void };

export class LayoutChooser {
  readonly events = new Emitter<ChooserEvents>();
  readonly element = el("div", {
    class: "layout-menu",
    attrs: { role: "dialog", "aria-label": "Layouts", hidden: "", "data-testid": "layout-menu" },
  });
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, (response: LayoutResponse) => void>();
  private running: Promise<void> | null = null;
  private metric = DEGREE;
  private removeOverlaps = true;
  /** The hierarchy's types, once the analyst chose; null: the schema's default. */
  private chosenTypes: Set<string> | null = null;
  /** Positions when a ForceAtlas2 run by the user started: its stop commits the move. */
  private before: Map<string, { x: number; y: number }> | null = null;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly layout: LayoutController,
    /** Relationship types the schema marks as hierarchies. */
    private readonly hierarchyTypes: () => readonly string[],
  ) {
    layout.events.on("status", (status) => {
      if (status.type === "running" && status.reason === "user") this.before ??= this.positions();
      else if (status.type === "idle" && this.before) this.commitForceAtlas();
    });
    this.element.addEventListener("keydown", (event) => this.onKey(event));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.render();
    this.element.hidden = false;
    this.element.querySelector<HTMLElement>("button")?.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.ctx.view.sigma.getContainer().focus();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Resolves when no one-shot layout is running. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** The relationship types the hierarchy follows now: the analyst's, else the schema's on screen. */
  hierarchyChoice(): string[] {
    const onScreen = this.typesOnScreen();
    if (this.chosenTypes) return onScreen.filter((t) => this.chosenTypes!.has(t));
    const marked = new Set(this.hierarchyTypes());
    return onScreen.filter((t) => marked.has(t));
  }

  setHierarchyTypes(types: Iterable<string>): void {
    this.chosenTypes = new Set(types);
  }

  setMetric(metric: string): void {
    this.metric = metric;
  }

  /** Runs a one-shot layout over the nodes shown; one undoable step. */
  run(kind: LayoutKind): Promise<void> {
    if (this.running) return this.running;
    if (this.layout.status.type === "running") this.layout.stop();
    const input = this.input(kind);
    if (input.nodes.length === 0) {
      this.ctx.notify("Nothing on screen to lay out.", "info");
      return Promise.resolve();
    }
    this.running = this.compute(input)
      .then((positions) => this.apply(kind, positions))
      .catch((error: unknown) => this.ctx.fail(error, `${LAYOUT_NAMES[kind]} layout failed`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.events.clear();
  }

  private input(kind: LayoutKind): LayoutInput {
    const { view, store } = this.ctx;
    const graph = view.graph;
    const pinned = store.state.pinned;
    const shown = new Set(view.visibleNodes());
    const nodes: LayoutNode[] = [];
    for (const key of shown) {
      const attrs = graph.getNodeAttributes(key);
      const degree = graph.degree(key);
      const node: LayoutNode = { key, x: attrs.x, y: attrs.y, size: nodeSize(attrs.dbDegree ?? degree) };
      const metric = metricOf(attrs, degree, this.metric);
      if (kind === "concentric" && metric !== undefined) node.metric = metric;
      if (pinned.has(key)) node.pinned = true;
      nodes.push(node);
    }
    const hiddenTypes = store.state.filters.hiddenTypes;
    const edges: LayoutEdge[] = [];
    graph.forEachEdge((_key, attrs, source, target) => {
      if (shown.has(source) && shown.has(target) && !hiddenTypes.has(attrs.relType))
        edges.push({ source, target, type: attrs.relType });
    });
    const sigma = view.sigma;
    const a = sigma.viewportToGraph({ x: 0, y: 0 });
    const b = sigma.viewportToGraph({ x: 100, y: 0 });
    const unit = Math.hypot(b.x - a.x, b.y - a.y) / 100;
    return {
      kind,
      nodes,
      edges,
      hierarchyTypes: kind === "hierarchy" ? this.hierarchyChoice() : [],
      removeOverlaps: kind !== "noverlap" && this.removeOverlaps,
      ...(Number.isFinite(unit) && unit > 0 ? { unit } : {}),
    };
  }

  private compute(input: LayoutInput): Promise<Positions> {
    this.worker ??= this.startWorker();
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (response) => {
        if (response.positions) resolve(response.positions);
        else reject(new Error(response.failed ?? "no positions"));
      });
      this.worker!.postMessage({ id, input } satisfies LayoutRequest);
    });
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL("./layout-worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }: MessageEvent<LayoutResponse>) => {
      this.pending.get(data.id)?.(data);
      this.pending.delete(data.id);
    };
    worker.onerror = (event) => {
      for (const [, answer] of this.pending) answer({ id: 0, failed: event.message || "the worker failed" });
      this.pending.clear();
      this.worker = null;
    };
    return worker;
  }

  /** New positions as one undoable step (pinned nodes, and nodes gone meanwhile, are left out). */
  private apply(kind: LayoutKind, positions: Positions): void {
    const graph = this.ctx.view.graph;
    const pinned = this.ctx.store.state.pinned;
    const moves: NodeMove[] = [];
    for (const [key, to] of Object.entries(positions)) {
      if (!graph.hasNode(key) || pinned.has(key)) continue;
      const from = { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") };
      if (from.x !== to.x || from.y !== to.y) moves.push({ key, from, to });
    }
    const description = `Layout: ${LAYOUT_NAMES[kind]}`;
    if (this.ctx.store.set(description, {}, { ...EMPTY_PATCH, moveNodes: moves })) {
      void this.ctx.view.fit();
      this.events.emit("ran", description);
    }
  }

  private positions(): Map<string, { x: number; y: number }> {
    const out = new Map<string, { x: number; y: number }>();
    this.ctx.view.graph.forEachNode((key, attrs) => out.set(key, { x: attrs.x, y: attrs.y }));
    return out;
  }

  /** A ForceAtlas2 run stopped: where it moved the nodes, as one undoable step. */
  private commitForceAtlas(): void {
    const before = this.before!;
    this.before = null;
    const graph = this.ctx.view.graph;
    const moves: NodeMove[] = [];
    for (const [key, from] of before) {
      if (!graph.hasNode(key)) continue;
      const to = { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") };
      if (from.x !== to.x || from.y !== to.y) moves.push({ key, from, to });
    }
    this.ctx.store.set(`Layout: ${LAYOUT_NAMES.forceatlas2}`, {}, { ...EMPTY_PATCH, moveNodes: moves });
  }

  private typesOnScreen(): string[] {
    const types = new Set<string>();
    this.ctx.view.graph.forEachEdge((_key, attrs) => types.add(attrs.relType));
    return [...types].sort();
  }

  private metricsOnScreen(): string[] {
    const names = new Set<string>();
    this.ctx.view.graph.forEachNode((_key, attrs) => {
      const scores = (attrs as { scores?: Record<string, unknown> }).scores;
      for (const [name, value] of Object.entries(scores ?? {}))
        if (typeof value === "number") names.add(name);
    });
    return [DEGREE, ...[...names].sort()];
  }

  private render(): void {
    const action = (kind: LayoutKind | "forceatlas2", note: string) =>
      el(
        "button",
        {
          class: "layout-choice",
          attrs: { type: "button", "data-layout": kind },
          on: {
            click: () => {
              this.close();
              if (kind === "forceatlas2") this.layout.toggle();
              else void this.run(kind);
            },
          },
        },
        [
          el("span", { class: "layout-choice-name", text: LAYOUT_NAMES[kind] }),
          el("span", { class: "layout-choice-note", text: note }),
        ],
      );
    const metrics = this.metricsOnScreen();
    if (!metrics.includes(this.metric)) this.metric = DEGREE;
    const metricSelect = el(
      "select",
      { attrs: { "aria-label": "Concentric by", "data-testid": "layout-metric" } },
      metrics.map((m) => el("option", { text: m, attrs: { value: m } })),
    );
    metricSelect.value = this.metric;
    metricSelect.addEventListener("change", () => this.setMetric(metricSelect.value));
    const chosen = new Set(this.hierarchyChoice());
    const types = this.typesOnScreen().map((type) => {
      const box = el("input", {
        attrs: { type: "checkbox", value: type, "data-testid": `hierarchy-type-${type}` },
      });
      box.checked = chosen.has(type);
      box.addEventListener("change", () => {
        const next = new Set(this.hierarchyChoice());
        if (box.checked) next.add(type);
        else next.delete(type);
        this.setHierarchyTypes(next);
      });
      return el("label", { class: "layout-type" }, [box, ` ${type}`]);
    });
    const overlap = el("input", { attrs: { type: "checkbox", "data-testid": "layout-noverlap" } });
    overlap.checked = this.removeOverlaps;
    overlap.addEventListener("change", () => {
      this.removeOverlaps = overlap.checked;
    });
    this.element.replaceChildren(
      el("h2", { class: "layout-menu-title", text: "Layout" }),
      action(
        "forceatlas2",
        this.layout.status.type === "running" ? "running: stop it (L)" : "forces, until stopped (L)",
      ),
      action("circular", "every node on one circle"),
      action("concentric", "rings: the highest in the centre"),
      el("label", { class: "layout-option" }, ["Concentric by ", metricSelect]),
      action("hierarchy", "layers: parents above children"),
      el("fieldset", { class: "layout-types" }, [
        el("legend", { text: "Hierarchy follows (start under end; none ticked: every type)" }),
        ...types,
      ]),
      action("noverlap", "move nodes apart, nothing else"),
      el("label", { class: "layout-option" }, [overlap, " Remove overlaps after each layout"]),
      el("p", {
        class: "layout-menu-note",
        text: "Pinned nodes stay put. Each run is one undo step (Ctrl+Z).",
      }),
    );
  }

  /** ↑/↓ between the choices, Esc closes. */
  private onKey(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const items = [...this.element.querySelectorAll<HTMLElement>("button, select, input")];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }
}
