/**
 * Box and lasso selection on the canvas: Shift+drag on the background draws a box, Shift+Alt+drag a
 * lasso; the nodes shown inside it are selected (Ctrl/⌘ held too: added to the selection). The
 * camera stands still while drawing; the shape is an SVG overlay that takes no pointer events.
 */
import type { GraphView } from "../graph-view/graph-view.ts";
import { keysInside, marqueePolygon, polygonPath } from "./marquee.ts";
import type { MarqueeMode, Pixel } from "./marquee.ts";

const SVG = "http://www.w3.org/2000/svg";
/** Longer than sigma's doubleClickTimeout (300 ms). */
const DOUBLE_CLICK_GUARD_MS = 600;

export class MarqueeController {
  private readonly overlay: SVGSVGElement;
  private readonly shape: SVGPathElement;
  private mode: MarqueeMode | null = null;
  private additive = false;
  private points: Pixel[] = [];
  /** When the last shape was finished (ms): see the double-click guard in bind(). */
  private finishedAt = -Infinity;

  constructor(
    private readonly view: GraphView,
    /** Told the nodes inside the shape, and whether they add to the selection. */
    private readonly onSelect: (keys: string[], additive: boolean) => void,
  ) {
    this.overlay = document.createElementNS(SVG, "svg");
    this.overlay.setAttribute("class", "marquee");
    this.overlay.setAttribute("aria-hidden", "true");
    this.shape = document.createElementNS(SVG, "path");
    this.overlay.append(this.shape);
    this.overlay.style.display = "none";
    view.sigma.getContainer().append(this.overlay);
    this.bind();
  }

  /** True while a box or lasso is being drawn. */
  get active(): boolean {
    return this.mode !== null;
  }

  private bind(): void {
    const sigma = this.view.sigma;
    sigma.on("downStage", ({ event }) => {
      const original = event.original as MouseEvent;
      if (!original.shiftKey || (original.button !== undefined && original.button !== 0)) return;
      this.mode = original.altKey ? "lasso" : "box";
      this.additive = original.ctrlKey || original.metaKey;
      this.points = [{ x: event.x, y: event.y }];
      // A disabled camera neither pans under the pointer nor glides after it (sigma's inertia).
      sigma.getCamera().disable();
      this.draw();
    });
    sigma.on("moveBody", ({ event }) => {
      if (!this.mode) return;
      const last = this.points[this.points.length - 1];
      if (this.mode === "box") this.points = [this.points[0]!, { x: event.x, y: event.y }];
      else if (!last || Math.hypot(last.x - event.x, last.y - event.y) >= 3)
        this.points.push({ x: event.x, y: event.y });
      this.draw();
    });
    const end = () => this.finish();
    // Wherever the button is released: on the background, a node, a relationship (sigma then sends
    // upEdge, not upStage) or outside the canvas (the captor listens on the whole document).
    sigma.on("upStage", end);
    sigma.on("upNode", end);
    sigma.on("upEdge", end);
    sigma.getMouseCaptor().on("mouseup", end);
    // The browser still sends a click after a drawn shape; with the next click sigma would count a
    // double-click and zoom in. A click soon after a shape is a click, not half of a double-click.
    sigma.on("doubleClickStage", (payload) => {
      if (Date.now() - this.finishedAt < DOUBLE_CLICK_GUARD_MS) payload.preventSigmaDefault();
    });
  }

  private draw(): void {
    const polygon = marqueePolygon(this.mode ?? "box", this.points);
    this.overlay.style.display = "";
    this.shape.setAttribute("d", polygonPath(polygon));
  }

  private finish(): void {
    if (!this.mode) return;
    this.finishedAt = Date.now();
    const polygon = marqueePolygon(this.mode, this.points);
    this.mode = null;
    this.points = [];
    this.overlay.style.display = "none";
    this.view.sigma.getCamera().enable();
    const sigma = this.view.sigma;
    const shown = this.view.visibleNodes().map((key) => {
      const data = sigma.getNodeDisplayData(key)!;
      return { key, ...sigma.framedGraphToViewport(data) };
    });
    const keys = keysInside(shown, polygon);
    if (keys.length || !this.additive) this.onSelect(keys, this.additive);
  }
}
