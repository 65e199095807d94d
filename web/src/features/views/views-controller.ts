/**
 * Views that survive: the screen kept in the page address (a permalink, updated as the screen
 * changes), restored on load at the same positions without re-running the layout; saved views on
 * the server (save, list, open, delete), and view files (export, import). A view whose nodes were
 * deleted opens with what remains and says what is missing.
 */
import type { SavedViewSummary, ViewCamera, ViewDocument } from "../../../../core/view-document.ts";
import { ViewDocumentError } from "../../../../core/view-document.ts";
import { download } from "../../lib/download.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import type { Language } from "../graph-view/types.ts";
import {
  captureView,
  describeMissing,
  hashOf,
  parseViewFile,
  planView,
  viewFileText,
  viewFromHash,
  type ViewPlan,
} from "./view-state.ts";
import { ViewsPanel } from "./views-panel.ts";

/** Beyond this many nodes the address no longer holds the view (save it instead). */
export const ADDRESS_MAX_NODES = 3_000;
/** The address follows the screen this long after the last change. */
const ADDRESS_DELAY = 300;

export interface ViewsHooks {
  /** The last query run, with its parameters; null before the first. */
  lastQuery(): { cypher: string; params: Record<string, unknown> } | null;
  /** Puts a view's query back into the query editor (not run). */
  showQuery(query: { cypher: string; params: Record<string, unknown> }): void;
  /** Whether the layout is moving nodes now (the address waits for it to stop). */
  layoutRunning(): boolean;
  /** A view was applied: toolbar and panels follow (language, counts). */
  onApplied(): void;
}

export class ViewsController {
  readonly panel: ViewsPanel;
  private syncing = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private tooBigSaid = false;
  private lastHash = "";
  private readonly onHashChange = () => void this.openFromAddress();

  constructor(
    private readonly ctx: FeatureContext,
    private readonly hooks: ViewsHooks,
  ) {
    this.panel = new ViewsPanel({
      list: () => ctx.api.views(),
      save: (name) => this.save(name),
      open: (summary) => this.openSaved(summary),
      remove: (summary) => this.remove(summary),
      exportSaved: (summary) => this.exportSaved(summary),
      exportCurrent: () => this.exportCurrent(),
      importFile: (file) => this.importFile(file),
    });
  }

  /** The screen as a view document now. */
  capture(): ViewDocument {
    const { view, store } = this.ctx;
    const sigma = view.sigma;
    const state = sigma.getCamera().getState();
    const bbox = sigma.getCustomBBox() ?? sigma.getBBox();
    const camera: ViewCamera = {
      x: state.x,
      y: state.y,
      ratio: state.ratio,
      angle: state.angle,
      bbox: { x: [bbox.x[0], bbox.x[1]], y: [bbox.y[0], bbox.y[1]] },
    };
    return captureView({
      graph: view.graph,
      screen: store.state,
      selection: this.ctx.selection(),
      camera,
      language: view.getState().language,
      query: this.hooks.lastQuery(),
    });
  }

  /** The view the page address holds, or null; a damaged one is said and ignored. */
  fromAddress(): ViewDocument | null {
    try {
      return viewFromHash(window.location.hash);
    } catch (error) {
      this.ctx.notify(
        `This link's view could not be opened (${error instanceof ViewDocumentError ? error.message : String(error)}); showing the overview instead.`,
        "error",
      );
      return null;
    }
  }

  /**
   * The first view from a document: its nodes found again and loaded at its positions, its state,
   * selection and camera. False when none of its nodes is left (the overview is shown instead).
   */
  async restore(doc: ViewDocument): Promise<boolean> {
    const plan = await this.resolve(doc);
    if (plan.subgraph.nodes.length === 0) {
      if (doc.nodes.length)
        this.ctx.notify(
          "None of this view's nodes is in the database any more: showing the overview.",
          "error",
        );
      return false;
    }
    this.ctx.store.load(plan.subgraph, {
      positions: plan.positions,
      state: plan.screen,
      scores: plan.scores,
    });
    this.finish(doc, plan);
    return true;
  }

  /** Opens a view over what is on screen, as one undoable step. */
  async open(doc: ViewDocument, name: string): Promise<void> {
    const plan = await this.resolve(doc);
    if (plan.subgraph.nodes.length === 0 && doc.nodes.length) {
      this.ctx.notify(
        `None of the nodes of “${name}” is in the database any more: nothing was changed.`,
        "error",
      );
      return;
    }
    await this.ctx.store.addSubgraph(plan.subgraph, {
      description: `Open view “${name}”`,
      replace: true,
      positions: plan.positions,
      state: { ...plan.screen, expansions: new Map() },
      scores: plan.scores,
    });
    this.finish(doc, plan);
    if (!describeMissing(plan.missing, doc.nodes.length)) this.ctx.notify(`Opened “${name}”`, "success");
  }

  private async resolve(doc: ViewDocument): Promise<ViewPlan> {
    const resolved = await this.ctx.api.resolveNodes(
      doc.nodes.map(({ id, key, label }) => (id === undefined ? { key, label } : { id, key, label })),
    );
    return planView(doc, resolved);
  }

  /** Selection, language, camera and query of a view just loaded; what is missing is said. */
  private finish(doc: ViewDocument, plan: ViewPlan): void {
    const { view } = this.ctx;
    view.update({ language: (doc.language ?? view.getState().language) as Language, highlight: null });
    this.ctx.select(plan.selection);
    if (doc.camera) {
      const { bbox, ...camera } = doc.camera;
      view.sigma.setCustomBBox(bbox ?? null);
      view.sigma.getCamera().setState(camera);
      view.sigma.refresh();
    } else {
      void view.fit();
    }
    if (doc.query) this.hooks.showQuery(doc.query);
    const missing = describeMissing(plan.missing, doc.nodes.length);
    if (missing) this.ctx.notify(missing, "info");
    this.hooks.onApplied();
    this.scheduleSync();
  }

  /** From now on the address follows the screen. */
  startSyncing(): void {
    if (this.syncing) return;
    this.syncing = true;
    this.ctx.store.events.on("change", () => this.scheduleSync());
    this.ctx.view.sigma.getCamera().on("updated", () => this.scheduleSync());
    window.addEventListener("hashchange", this.onHashChange);
    this.scheduleSync();
  }

  /** The screen changed (selection, layout, camera…): the address follows shortly. */
  scheduleSync(): void {
    if (!this.syncing) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.writeAddress(), ADDRESS_DELAY);
  }

  private writeAddress(): void {
    if (this.hooks.layoutRunning()) return; // the layout's stop schedules it again
    const { pathname, search } = window.location;
    const graph = this.ctx.view.graph;
    let hash = "";
    if (graph.order > ADDRESS_MAX_NODES) {
      if (!this.tooBigSaid)
        this.ctx.notify(
          `${graph.order.toLocaleString("en-US")} nodes are too many for the page address: save the view (V) to keep it.`,
          "info",
        );
      this.tooBigSaid = true;
    } else if (graph.order > 0) {
      hash = hashOf(this.capture());
    }
    if (hash === this.lastHash) return;
    this.lastHash = hash;
    // replaceState: the address follows the screen without filling the back button's history.
    window.history.replaceState(window.history.state, "", `${pathname}${search}${hash}`);
  }

  /** Another permalink pasted into this tab's address bar opens over the screen. */
  private async openFromAddress(): Promise<void> {
    if (window.location.hash === this.lastHash) return;
    const doc = this.fromAddress();
    if (!doc) return;
    this.lastHash = window.location.hash;
    try {
      await this.open(doc, "link");
    } catch (error) {
      this.ctx.fail(error, "Could not open the link's view");
    }
  }

  private async save(name: string): Promise<void> {
    const saved = await this.ctx.api.saveView(name, this.capture());
    this.ctx.notify(
      saved.name === name.trim() ? `Saved “${saved.name}”` : `Saved as “${saved.name}” (the name was taken)`,
      "success",
    );
  }

  private async openSaved(summary: SavedViewSummary): Promise<void> {
    const saved = await this.ctx.api.view(summary.id);
    await this.open(saved.view, saved.name);
  }

  private async remove(summary: SavedViewSummary): Promise<void> {
    await this.ctx.api.deleteView(summary.id);
    this.ctx.notify(`Deleted “${summary.name}”`, "success");
  }

  private async exportSaved(summary: SavedViewSummary): Promise<void> {
    const saved = await this.ctx.api.view(summary.id);
    download(
      `${fileNameOf(saved.name)}.guanxi-view.json`,
      viewFileText(saved.view, saved.name),
      "application/json",
    );
  }

  private exportCurrent(): void {
    download("guanxi-view.json", viewFileText(this.capture()), "application/json");
  }

  /** A view file: saved on the server under its name, then opened. */
  private async importFile(file: File): Promise<void> {
    const { doc, name } = parseViewFile(await file.text(), file.name);
    const saved = await this.ctx.api.saveView(name, doc);
    await this.open(saved.view, saved.name);
  }

  kill(): void {
    clearTimeout(this.timer);
    window.removeEventListener("hashchange", this.onHashChange);
  }
}

/** A name as a file name: letters and digits of any script kept, the rest dashes. */
function fileNameOf(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "view";
}
