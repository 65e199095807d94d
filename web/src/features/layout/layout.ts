/**
 * ForceAtlas2 in its web worker (graphology-layout-forceatlas2/worker): the graph stays on the main
 * thread and positions come back as transferable buffers. Settings are inferred from the graph when
 * a run starts. New nodes are settled with everything else held, so the picture does not reshuffle;
 * nodes the user pinned (dragged into place) are held by every run.
 */
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { Emitter } from "../../lib/emitter.ts";
import type { ExplorerGraph } from "../graph-view/types.ts";
import { autoDuration } from "./types.ts";
import type { LayoutStatus } from "./types.ts";

/**
 * ForceAtlas2's inferred settings, with more repulsion and gravity than it infers for small graphs:
 * knowledge graphs are star-shaped (an article mentions everything in it), and the inferred
 * settings pack each star tight while pushing stars far apart, which leaves labels on top of each other.
 */
export function layoutSettings(graph: ExplorerGraph): ForceAtlas2Settings {
  const inferred = forceAtlas2.inferSettings(graph);
  if (graph.order > 1000) return { ...inferred, scalingRatio: 20, gravity: 1 };
  return { ...inferred, scalingRatio: 60, gravity: 2, strongGravityMode: true };
}

export type LayoutEvents = { status: (status: LayoutStatus) => void };

export class LayoutController {
  readonly events = new Emitter<LayoutEvents>();
  private supervisor: FA2Layout | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pinned = false;
  private current: LayoutStatus = { type: "idle" };
  private waiters: (() => void)[] = [];

  constructor(
    private readonly graph: ExplorerGraph,
    /** Nodes pinned by hand (the screen store's): never moved by the layout. */
    private readonly pins: () => ReadonlySet<string> = () => new Set(),
  ) {}

  get status(): LayoutStatus {
    return this.current;
  }

  /** Runs the whole layout: until stopped (user), or for a while (initial). */
  start(reason: "initial" | "user" = "user"): void {
    this.run(reason, reason === "user" ? null : autoDuration(this.graph.order, "initial"));
  }

  /** Moves only `keys` (everything else pinned) for a short while. */
  settle(keys: string[]): void {
    if (keys.length === 0 || this.graph.order < 2) return;
    if (this.current.type === "running" && this.current.reason !== "settle") return; // already moving everything
    const moving = new Set(keys);
    const pins = this.pins();
    this.graph.updateEachNodeAttributes(
      (key, attrs) => ({ ...attrs, fixed: !moving.has(key) || pins.has(key) }),
      { attributes: ["fixed"] },
    );
    this.pinned = true;
    this.run("settle", autoDuration(this.graph.order, "settle"));
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.supervisor) {
      this.supervisor.kill();
      this.supervisor = null;
    }
    this.unpin();
    this.setStatus({ type: "idle" });
  }

  /** Pins changed: a running layout starts again from here, holding the new set. */
  pinsChanged(): void {
    if (this.current.type !== "running") return;
    const { reason, until } = this.current;
    if (reason === "settle") return; // short, and already holding the pins it started with
    this.run(reason, until === null ? null : Math.max(0, until - Date.now()));
  }

  toggle(): void {
    if (this.current.type === "running") this.stop();
    else this.start("user");
  }

  /** Resolves when the layout is idle. */
  idle(): Promise<void> {
    if (this.current.type === "idle") return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  kill(): void {
    this.stop();
    this.events.clear();
  }

  private run(reason: "initial" | "settle" | "user", duration: number | null): void {
    clearTimeout(this.timer);
    if (this.supervisor) this.supervisor.kill();
    if (reason !== "settle") this.unpin();
    this.holdPins();
    const settings = layoutSettings(this.graph);
    // Settling moves new nodes among pinned ones: strong gravity would drag them across the graph.
    if (reason === "settle") {
      Object.assign(settings, {
        gravity: 0.3,
        strongGravityMode: false,
        scalingRatio: (settings.scalingRatio ?? 10) / 3,
      });
    }
    this.supervisor = new FA2Layout(this.graph, { settings });
    this.supervisor.start();
    this.setStatus({ type: "running", reason, until: duration === null ? null : Date.now() + duration });
    if (duration !== null) this.timer = setTimeout(() => this.stop(), duration);
  }

  /** Marks the user's pins `fixed` (ForceAtlas2 reads it when a run starts). */
  private holdPins(): void {
    const pins = this.pins();
    if (pins.size === 0) return;
    for (const key of pins) if (this.graph.hasNode(key)) this.graph.setNodeAttribute(key, "fixed", true);
    this.pinned = true;
  }

  /** Lets go of every node (a run holds the pins again when it starts). */
  private unpin(): void {
    if (!this.pinned) return;
    this.pinned = false;
    this.graph.updateEachNodeAttributes(
      (_key, attrs) => {
        const next = { ...attrs };
        delete next.fixed;
        return next;
      },
      { attributes: ["fixed"] },
    );
  }

  private setStatus(status: LayoutStatus): void {
    this.current = status;
    this.events.emit("status", status);
    if (status.type === "idle") {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
