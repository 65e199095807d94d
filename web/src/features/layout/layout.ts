/**
 * ForceAtlas2 in its web worker (graphology-layout-forceatlas2/worker): the graph stays on the main
 * thread and positions come back as transferable buffers. Settings are inferred from the graph when
 * a run starts. New nodes are settled with everything else held, so the picture does not reshuffle;
 * nodes the user pinned (dragged into place) are held by every run. The first view of a small graph
 * (up to CONVERGE_MAX_NODES) is instead run to convergence in one worker call (converge.ts): the same
 * picture every time, ready as soon as it stops moving.
 */
import FA2Layout from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { Emitter } from "../../lib/emitter.ts";
import type { ExplorerGraph } from "../graph-view/types.ts";
import { CONVERGE_MAX_NODES, toMatrices } from "./converge.ts";
import type { ConvergeReply, ConvergeRequest } from "./converge.worker.ts";
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
  private converging: Worker | null = null;
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
    if (reason === "initial" && this.graph.order <= CONVERGE_MAX_NODES && typeof Worker !== "undefined") {
      this.runToConvergence();
      return;
    }
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
    this.halt();
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

  /** Ends whatever runs: the timer, the supervisor's worker, a convergence run. */
  private halt(): void {
    clearTimeout(this.timer);
    if (this.supervisor) {
      this.supervisor.kill();
      this.supervisor = null;
    }
    if (this.converging) {
      this.converging.terminate();
      this.converging = null;
    }
  }

  /**
   * The first view of a small graph: ForceAtlas2 to convergence in one worker call; the positions come
   * back once and are applied once. Should the worker fail, the timed run takes over.
   */
  private runToConvergence(): void {
    this.halt();
    this.unpin();
    this.holdPins();
    const duration = autoDuration(this.graph.order, "initial");
    const { keys, nodes, edges } = toMatrices(this.graph);
    const worker = new Worker(new URL("./converge.worker.ts", import.meta.url), { type: "module" });
    this.converging = worker;
    const fallBack = () => {
      if (this.converging !== worker) return;
      this.converging = null;
      worker.terminate();
      this.run("initial", duration);
    };
    worker.onerror = fallBack;
    worker.onmessageerror = fallBack;
    worker.onmessage = (event: MessageEvent<ConvergeReply>) => {
      if (this.converging !== worker) return;
      this.converging = null;
      worker.terminate();
      const placed = event.data.nodes;
      const row = new Map(keys.map((key, i) => [key, i * 10]));
      // Nodes that arrived during the run keep the places they were given.
      this.graph.updateEachNodeAttributes(
        (key, attrs) => {
          const at = row.get(key);
          return at === undefined ? attrs : { ...attrs, x: placed[at]!, y: placed[at + 1]! };
        },
        { attributes: ["x", "y"] },
      );
      this.stop();
    };
    this.setStatus({ type: "running", reason: "initial", until: Date.now() + duration });
    const request: ConvergeRequest = { settings: layoutSettings(this.graph), nodes, edges };
    worker.postMessage(request, [nodes.buffer, edges.buffer]);
  }

  private run(reason: "initial" | "settle" | "user", duration: number | null): void {
    this.halt();
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
