/** The page's frame: top bar, left panel, canvas, inspector column, status bar. */
import { el } from "../lib/dom.ts";

export interface Page {
  root: HTMLElement;
  topbar: HTMLElement;
  progress: HTMLElement;
  leftPanel: HTMLElement;
  canvas: HTMLElement;
  canvasOverlay: HTMLElement;
  /** Under the canvas, in the same column: the query panel. */
  queryDock: HTMLElement;
  /** Right under the canvas: the timeline. */
  timelineDock: HTMLElement;
  /** Over the canvas, top left: the layout chooser. */
  canvasWrap: HTMLElement;
  inspectorColumn: HTMLElement;
  emptyInspector: HTMLElement;
  footer: HTMLElement;
}

export function buildPage(root: HTMLElement): Page {
  const brand = el("div", { class: "brand" }, [
    el("span", { class: "brand-mark", text: "关系", attrs: { lang: "zh-Hans" } }),
    el("span", { class: "brand-name", text: "Guanxi" }),
    el("span", { class: "brand-sub", text: "knowledge-graph explorer" }),
  ]);
  const topbar = el("header", { class: "topbar" }, [brand]);
  const progress = el("div", {
    class: "progress",
    attrs: { role: "progressbar", "aria-label": "Loading", hidden: "" },
  });
  const leftPanel = el("nav", { class: "left-panel", attrs: { "aria-label": "Search, legend and filters" } });
  const canvas = el("div", { class: "graph", attrs: { id: "graph", "aria-label": "Graph", tabindex: "0" } });
  const canvasOverlay = el("div", { class: "canvas-overlay" });
  const emptyInspector = el("div", { class: "inspector-empty" }, [
    el("h2", { text: "Nothing selected" }),
    el("p", {
      text: "Click a node to see its properties, neighbours and the sentences the facts come from.",
    }),
    el("ul", {}, [
      el("li", {}, [el("kbd", { text: "/" }), " search"]),
      el("li", {}, ["double-click a node to expand it"]),
      el("li", {}, ["shift-click two nodes, then ", el("kbd", { text: "P" }), " for a path"]),
      el("li", {}, [el("kbd", { text: "?" }), " all shortcuts"]),
    ]),
  ]);
  const inspectorColumn = el("div", { class: "inspector-column" }, [emptyInspector]);
  const footer = el("div", { class: "footer" });
  const queryDock = el("div", { class: "query-dock" });
  const timelineDock = el("div", { class: "timeline-dock" });
  const canvasWrap = el("section", { class: "canvas-wrap", attrs: { "aria-label": "Graph view" } }, [
    canvas,
    canvasOverlay,
  ]);
  const main = el("main", { class: "workspace" }, [
    leftPanel,
    el("div", { class: "centre-column" }, [canvasWrap, timelineDock, queryDock]),
    inspectorColumn,
  ]);
  const app = el("div", { class: "app" }, [topbar, progress, main, footer]);
  root.replaceChildren(app);
  return {
    root: app,
    topbar,
    progress,
    leftPanel,
    canvas,
    canvasOverlay,
    queryDock,
    timelineDock,
    canvasWrap,
    inspectorColumn,
    emptyInspector,
    footer,
  };
}
