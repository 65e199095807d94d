/**
 * The graph preview of a review: accepted proposals drawn as draft nodes (key `draft:ID`, `draft: true`,
 * styled apart by the graph view's reducers), accepted relationships between what is drawn. Nothing is
 * written and nothing enters the screen store's history: the preview is a layer the controller adds and
 * takes away (cancel, ingest). `previewPatch` is pure: the previous preview out, the new one in.
 */
import type { Draft } from "../../../../core/draft.ts";
import { mergeTarget } from "../../../../core/draft.ts";
import type { EdgeEntry, ExplorerGraph, GraphPatch, NodeEntry } from "../graph-view/types.ts";
import type { GraphLookup } from "../graph-view/merge.ts";

export const DRAFT_KEY_PREFIX = "draft:";

export interface PreviewLayer {
  nodes: NodeEntry[];
  edges: EdgeEntry[];
}

export const EMPTY_PREVIEW: PreviewLayer = { nodes: [], edges: [] };

/** The key on screen of a node of the database by its Guanxi id. */
function screenKeyOfId(graph: ExplorerGraph, id: string): string | undefined {
  return graph.findNode((key, attrs) => attrs.id === id && !key.startsWith(DRAFT_KEY_PREFIX));
}

export function previewLayer(
  draft: Draft,
  graph: ExplorerGraph,
  lookup: GraphLookup,
  previous: PreviewLayer,
): PreviewLayer {
  const placed = new Map(previous.nodes.map((n) => [n.key, n.attributes]));
  // A proposal goes beside a node on screen it has an accepted relationship with, else around the view.
  const anchorOf = new Map<string, string>();
  for (const r of draft.relationships) {
    if (r.review.kind !== "suggestion" || r.review.state !== "accepted") continue;
    for (const [own, other] of [
      [r.start, r.end],
      [r.end, r.start],
    ] as const) {
      const onScreen = screenKeyOfId(graph, other);
      if (onScreen && !anchorOf.has(own)) anchorOf.set(own, onScreen);
    }
  }
  const nodes: NodeEntry[] = [];
  const keyOf = new Map<string, string>();
  const accepted = draft.nodes.filter((n) => n.review.kind !== "article" && n.review.state === "accepted");
  accepted.forEach((n, i) => {
    if (n.review.kind === "link") {
      const onScreen = screenKeyOfId(graph, n.id);
      if (onScreen) keyOf.set(n.id, onScreen);
      return;
    }
    const key = `${DRAFT_KEY_PREFIX}${n.id}`;
    keyOf.set(n.id, key);
    const before = placed.get(key);
    const angle = (2 * Math.PI * i) / Math.max(accepted.length, 1);
    const anchor = anchorOf.get(n.id);
    const around = (anchor && lookup.position(anchor)) || lookup.centre;
    const r = anchor ? lookup.spacing : lookup.radius * 1.15 + lookup.spacing;
    nodes.push({
      key,
      attributes: {
        x: before?.x ?? around.x + r * Math.cos(angle),
        y: before?.y ?? around.y + r * Math.sin(angle),
        category: n.label,
        labels: [n.label],
        name: typeof n.name === "string" ? n.name : n.id,
        id: n.id,
        properties: {},
        draft: true,
      },
    });
  });
  // A proposal merged into a node on screen is drawn as that node.
  for (const n of draft.nodes) {
    const target = mergeTarget(n.review.state);
    const onScreen = target ? screenKeyOfId(graph, target) : undefined;
    if (onScreen) keyOf.set(n.id, onScreen);
  }
  const edges: EdgeEntry[] = [];
  draft.relationships.forEach((r, i) => {
    if (r.review.kind !== "suggestion" || r.review.state !== "accepted") return;
    const source = keyOf.get(r.start);
    const target = keyOf.get(r.end);
    if (!source || !target) return;
    edges.push({
      key: `${DRAFT_KEY_PREFIX}rel:${i}`,
      source,
      target,
      attributes: { relType: r.type, properties: {}, draft: true },
    });
  });
  return { nodes, edges };
}

/** The patch that takes `from` off the graph and puts `to` on. */
export function previewPatch(from: PreviewLayer, to: PreviewLayer): GraphPatch {
  return { removeEdges: from.edges, removeNodes: from.nodes, addNodes: to.nodes, addEdges: to.edges };
}
