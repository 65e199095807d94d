/**
 * Guanxi explorer: boots the app shell (app/explorer.ts) into the page, wires the toolbar, the
 * keyboard, the status bar and the help overlay, and exposes a read-only test hook.
 */
import "./styles.css";
import { isMetaKey } from "../../core/aggregate.ts";
import type { Draft } from "../../core/draft.ts";
import { createApiClient } from "./api/client.ts";
import { ensureSignedIn, signOutButton, type SessionInfo } from "./shell/sign-in.ts";
import { Explorer, groupNodesFrom, overviewBaselineFrom, overviewLimitFrom } from "./app/explorer.ts";
import { bindKeyboard } from "./app/keyboard.ts";
import { buildPage } from "./app/page.ts";
import { HOP_CHOICES } from "./features/neighbourhood/neighbourhood.ts";
import type { Hops } from "./features/neighbourhood/neighbourhood.ts";
import type { ExplorerGraph, ExplorerSigma } from "./features/graph-view/types.ts";
import { el } from "./lib/dom.ts";
import { ExportDialog } from "./features/export/export-dialog.ts";
import { scopeSummaries } from "./features/export/scopes.ts";
import type { ExportContext } from "./features/export/scopes.ts";
import { HelpOverlay } from "./shell/help-overlay.ts";
import { PanelToggles } from "./shell/panel-toggles.ts";
import type { ActionId } from "./shell/shortcuts.ts";
import { StatusBar } from "./shell/status-bar.ts";
import { Toasts } from "./shell/toasts.ts";
import { Toolbar } from "./shell/toolbar.ts";
import type { ViewDocument } from "../../core/view-document.ts";
import { legendLines } from "../../core/style-rules.ts";

/**
 * End-to-end test hook, read-only: `window.__guanxi.ready` resolves once the first view is loaded,
 * laid out and framed; then `graph.order` is the node count on screen and
 * `sigma.graphToViewport(graph.getNodeAttributes(key))` a node's position in CSS pixels of the
 * canvas, for tests to click or double-click it. Tests must not change the graph through it.
 */
export interface GuanxiTestHook {
  readonly graph: ExplorerGraph;
  readonly sigma: ExplorerSigma;
  readonly ready: Promise<void>;
  /** Keys of the nodes whose names were drawn in the last frame that drew labels. */
  labelled(): string[];
  /** The boxes (viewport pixels of the canvas) of those names, by node key. */
  labelBoxes(): { key: string; left: number; top: number; right: number; bottom: number }[];
  /** The draft under review (Add article), null when no review is open. */
  reviewDraft(): Draft | null;
  /** The screen as a view document (what the permalink and saved views hold). */
  view(): ViewDocument;
  /** Nodes pinned by hand. */
  pinned(): string[];
  /** The selection, in order (the last is the inspector's). */
  selection(): string[];
}

declare global {
  interface Window {
    __guanxi?: GuanxiTestHook;
  }
}

function boot(root: HTMLElement, session: SessionInfo): void {
  const page = buildPage(root);
  const toasts = new Toasts();
  const help = new HelpOverlay();
  document.body.append(toasts.element, help.element);

  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  const api = createApiClient({
    onActivity: (inFlight) => {
      clearTimeout(progressTimer);
      // A short delay so quick requests do not flicker the bar.
      if (inFlight > 0) progressTimer = setTimeout(() => (page.progress.hidden = false), 120);
      else page.progress.hidden = true;
      page.root.setAttribute("aria-busy", String(inFlight > 0));
    },
  });
  const explorer = new Explorer(
    page,
    api,
    toasts,
    overviewLimitFrom(window.location.search),
    overviewBaselineFrom(window.location.search),
    groupNodesFrom(window.location.search),
  );
  const exportContext: ExportContext = {
    graph: explorer.view.graph,
    sigma: explorer.view.sigma,
    labelSides: () => explorer.view.labels.sides,
    selection: () => explorer.inspector.selection(),
    completeNodes: (keys) => api.nodes(keys),
    fullLabels: (work) => explorer.view.withFullLabels(work),
    styleLegend: () => {
      const scales = explorer.view.styleScales();
      return scales ? legendLines(scales) : [];
    },
    queryResult: () => {
      const last = explorer.query.lastResult();
      return last
        ? { subgraph: last.response.subgraph, cypher: last.request.cypher, params: last.request.params ?? {} }
        : null;
    },
  };
  const exportDialog = new ExportDialog({
    scopes: () => scopeSummaries(exportContext),
    run: async (scope, format, picture) => {
      try {
        // The writers load on first use: the first view does not wait for them.
        const { runExport } = await import("./features/export/export-runner.ts");
        toasts.show(await runExport(exportContext, scope, format, picture), "success");
      } catch (error) {
        explorer.fail(error, "Export failed");
      }
    },
  });
  document.body.append(exportDialog.element, explorer.views.panel.element);

  const panels = new PanelToggles(page.root);
  const queryPanel = explorer.query.panel;
  const run = (action: ActionId): void => {
    switch (action) {
      case "search":
        panels.reveal("left");
        explorer.search.focus();
        break;
      case "escape":
        // Dialogs first, then the query panel when the cursor is in it, then a narrow window's
        // drawer, the highlight, the selection — and last the query panel from anywhere.
        if (exportDialog.isOpen) exportDialog.close();
        else if (explorer.review.dialog.isOpen) explorer.review.dialog.close();
        else if (explorer.review.isOpen) explorer.review.close();
        else if (explorer.views.panel.isOpen) explorer.views.panel.close();
        else if (explorer.layouts.isOpen) explorer.layouts.close();
        else if (help.isOpen) help.close();
        else if (
          explorer.analysis.panel.isOpen &&
          explorer.analysis.panel.element.contains(document.activeElement)
        ) {
          explorer.analysis.panel.close();
          page.canvas.focus();
        } else if (queryPanel.isOpen && queryPanel.element.contains(document.activeElement)) closeQuery();
        else if (panels.close()) break;
        else if (explorer.clearHighlight()) break;
        else if (explorer.inspector.selection().length || explorer.inspector.selectedEdge() !== null)
          explorer.inspector.select([]);
        else if (queryPanel.isOpen) closeQuery();
        break;
      case "fit":
        void explorer.view.fit();
        break;
      case "zoomIn":
        explorer.view.zoom(1.5);
        break;
      case "zoomOut":
        explorer.view.zoom(1 / 1.5);
        break;
      case "language":
        explorer.toggleLanguage();
        break;
      case "hide":
        explorer.filters.hideSelected();
        break;
      case "showHidden":
        explorer.filters.showHidden();
        break;
      case "remove":
        explorer.filters.removeSelected();
        break;
      case "expand": {
        // A selected meta-node (an aggregated first view) opens into its label's nodes.
        const groups = explorer.inspector.selection().filter((key) => isMetaKey(key));
        if (groups.length) for (const key of groups) void explorer.overview.openGroup(key);
        else void explorer.expand.expandSelected();
        break;
      }
      case "neighbourhood":
        void explorer.neighbourhood.run();
        break;
      case "hops":
        break;
      case "path":
        void explorer.path.run();
        break;
      case "layout":
        explorer.layout.toggle();
        break;
      case "layouts":
        explorer.layouts.toggle();
        break;
      case "undo":
        explorer.undo();
        break;
      case "redo":
        explorer.redo();
        break;
      case "export":
        exportDialog.open();
        break;
      case "query":
        if (queryPanel.isOpen) closeQuery();
        else void queryPanel.open();
        break;
      case "runQuery":
        if (explorer.query.panel.isOpen) void explorer.query.panel.run();
        else void explorer.query.panel.open();
        break;
      case "queryHistory":
        break;
      case "addArticle":
        explorer.review.openDialog();
        break;
      case "help":
        help.toggle();
        break;
      case "selectAll":
        explorer.selectAll();
        break;
      case "pin":
        explorer.pins.toggleSelected();
        break;
      case "views":
        void explorer.views.panel.open();
        break;
      case "analysis":
        explorer.analysis.panel.toggle();
        refreshChrome();
        break;
    }
  };

  /** Closes the query panel and gives the keyboard back to the graph (Q opens it again). */
  const closeQuery = () => {
    queryPanel.close();
    page.canvas.focus();
  };

  const toolbar = new Toolbar(run);
  const hopsSelect = el(
    "select",
    { class: "hops", title: "Neighbourhood depth (1, 2, 3)", attrs: { "aria-label": "Neighbourhood depth" } },
    HOP_CHOICES.map((h) =>
      el("option", { text: `${h} hop${h > 1 ? "s" : ""}`, attrs: { value: String(h) } }),
    ),
  );
  hopsSelect.addEventListener("change", () =>
    explorer.neighbourhood.setHops(Number(hopsSelect.value) as Hops),
  );
  const languageFace = el("span", { class: "lang-face" }, [
    el("span", { class: "lang-zh", text: "中" }),
    el("span", { class: "lang-en", text: "EN" }),
  ]);
  toolbar
    .group([
      { action: "undo", icon: "undo", label: "Undo" },
      { action: "redo", icon: "redo", label: "Redo" },
    ])
    .group([
      { action: "fit", icon: "fit", label: "Fit to view" },
      { action: "zoomIn", icon: "zoomIn", label: "Zoom in" },
      { action: "zoomOut", icon: "zoomOut", label: "Zoom out" },
      { action: "layout", icon: "play", label: "Run layout" },
      { action: "layouts", icon: "layouts", label: "Layouts" },
    ])
    .group(
      [
        { action: "expand", icon: "expand", label: "Expand neighbours" },
        { action: "neighbourhood", icon: "neighbourhood", label: "Neighbourhood" },
      ],
      [hopsSelect],
    )
    .group([
      { action: "path", icon: "path", label: "Shortest path between two selected nodes" },
      { action: "hide", icon: "hide", label: "Hide selected" },
      { action: "showHidden", icon: "show", label: "Show hidden nodes" },
      { action: "remove", icon: "remove", label: "Remove selected from view" },
      { action: "pin", icon: "pin", label: "Pin / unpin selected" },
    ])
    .group([
      { action: "query", icon: "query", label: "Cypher query" },
      { action: "analysis", icon: "analysis", label: "Analysis and style" },
      { action: "addArticle", icon: "article", label: "Add article" },
    ])
    .group([], [toolbar.textButton("language", "Names in English", languageFace)])
    .group([
      { action: "views", icon: "bookmark", label: "Views: save, open, share" },
      { action: "export", icon: "download", label: "Export" },
      { action: "help", icon: "help", label: "Keyboard shortcuts" },
    ]);
  toolbar.element.prepend(panels.element);
  page.topbar.append(toolbar.element);
  const signOut = signOutButton(session);
  if (signOut) page.topbar.append(signOut);

  const statusBar = new StatusBar(() => explorer.filters.showHidden());
  page.footer.replaceWith(statusBar.element);

  const refreshChrome = () => {
    const { undo, redo } = explorer.store.historyLabels();
    toolbar.set("undo", { disabled: !undo, label: undo ? `Undo: ${undo}` : "Undo" });
    toolbar.set("redo", { disabled: !redo, label: redo ? `Redo: ${redo}` : "Redo" });
    const selection = explorer.inspector.selection().length;
    for (const action of ["expand", "neighbourhood", "hide", "remove", "pin"] as const)
      toolbar.set(action, { disabled: selection === 0 });
    toolbar.set("path", { disabled: selection < 2 });
    const info = explorer.statusInfo();
    toolbar.set("showHidden", { disabled: info.hidden === 0 });
    const layout = explorer.layout.status;
    toolbar.set(
      "layout",
      layout.type === "running"
        ? { icon: "pause", label: "Stop layout", pressed: true }
        : { icon: "play", label: "Run layout", pressed: false },
    );
    toolbar.set("language", {
      pressed: info.language === "en",
      label: info.language === "en" ? "Names in Chinese" : "Names in English",
    });
    toolbar.set("query", { pressed: explorer.query.panel.isOpen });
    toolbar.set("analysis", { pressed: explorer.analysis.panel.isOpen });
    toolbar.set("addArticle", { pressed: explorer.review.isOpen });
    hopsSelect.value = String(explorer.neighbourhood.hops);
    statusBar.render({
      ...info,
      layout:
        layout.type === "running"
          ? layout.reason === "settle"
            ? "Placing new nodes…"
            : "Layout running…"
          : "Layout idle",
    });
  };
  explorer.onChange = (what) => {
    // In a narrow window the inspector is a drawer: a node clicked opens it (Escape closes it).
    if (what === "selection" && explorer.inspector.selection().length === 1) panels.reveal("inspector");
    refreshChrome();
  };
  refreshChrome();

  bindKeyboard((action, event) => {
    if (action === "hops") {
      explorer.neighbourhood.setHops(Number(event.key) as Hops);
      return;
    }
    run(action);
  });

  const ready = explorer.start().finally(refreshChrome);
  window.__guanxi = Object.freeze({
    graph: explorer.view.graph,
    sigma: explorer.view.sigma,
    ready,
    labelled: () => [...explorer.view.labels.drawn.keys()],
    labelBoxes: () => [...explorer.view.labels.drawn].map(([key, box]) => ({ key, ...box })),
    reviewDraft: () => explorer.review.draft(),
    view: () => explorer.views.capture(),
    pinned: () => [...explorer.store.state.pinned],
    selection: () => [...explorer.inspector.selection()],
  });
  window.addEventListener("pagehide", () => explorer.kill());
}

const root = document.getElementById("app");
if (!root) throw new Error("Guanxi: the page has no #app element.");
// A team server asks for sign-in first (shell/sign-in.ts); a local one starts at once.
void ensureSignedIn(root).then((session) => {
  if (session) boot(root, session);
});
