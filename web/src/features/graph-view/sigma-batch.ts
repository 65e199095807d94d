/**
 * Big graph changes without sigma listening: sigma reacts to every graphology event (a node added, an
 * edge attribute set) by processing that element through the reducers and scheduling a render, so
 * importing 50,000 nodes and 200,000 edges, or indexing parallel edges over all of them, costs a
 * reducer call or more per element per event — seconds — before the one full refresh that follows
 * anyway. `batched` runs such work with sigma's graph listeners detached; the caller refreshes once.
 *
 * Sigma 3 has no public switch for this: its own `setGraph` detaches and re-attaches the same
 * listeners (`unbindGraphHandlers` / `bindGraphHandlers`). Should a later sigma drop them, the work
 * simply runs with the listeners attached (slower, same result).
 */
import type { ExplorerGraph, ExplorerSigma } from "./types.ts";

interface SigmaGraphListeners {
  unbindGraphHandlers(): void;
  bindGraphHandlers(): void;
  hoveredNode: string | null;
  hoveredEdge: string | null;
}

export function batched(sigma: ExplorerSigma, graph: ExplorerGraph, work: () => void): void {
  const internals = sigma as unknown as Partial<SigmaGraphListeners>;
  if (
    typeof internals.unbindGraphHandlers !== "function" ||
    typeof internals.bindGraphHandlers !== "function"
  ) {
    work();
    return;
  }
  internals.unbindGraphHandlers.call(sigma);
  try {
    work();
  } finally {
    internals.bindGraphHandlers.call(sigma);
    // What sigma's own drop listeners would have forgotten.
    if (internals.hoveredNode && !graph.hasNode(internals.hoveredNode)) internals.hoveredNode = null;
    if (internals.hoveredEdge && !graph.hasEdge(internals.hoveredEdge)) internals.hoveredEdge = null;
  }
}
