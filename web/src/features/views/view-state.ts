/**
 * The screen as a view document and back, pure: `captureView` reads the graph and the screen state
 * into a ViewDocument; `planView` turns a document and what the API found again into what the screen
 * store loads (the subgraph, positions, hidden, pinned, filters, selection) and what is missing. The
 * permalink is the document compressed into the page address (lz-string, URI-safe).
 */
import { isMetaKey } from "../../../../core/aggregate.ts";
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { Subgraph } from "../../../../core/api-types.ts";
import {
  nodeRef,
  parseViewDocument,
  VIEW_DOCUMENT_FORMAT,
  VIEW_DOCUMENT_VERSION,
  ViewDocumentError,
  type ResolveNodesResponse,
  type ViewCamera,
  type ViewDocument,
  type ViewNode,
} from "../../../../core/view-document.ts";
import type { TimePeriod } from "../../../../core/partial-date.ts";
import { isStyled, NO_STYLE, type AnalysisFilter, type StyleRules } from "../../../../core/style-rules.ts";
import type { Point } from "../graph-view/merge.ts";
import type { ExplorerGraph, Language, Visibility } from "../graph-view/types.ts";

/** What a view holds of the screen store's state. */
export interface ScreenPart {
  hidden: ReadonlySet<string>;
  pinned: ReadonlySet<string>;
  filters: Visibility["filters"];
  /** The evidence filter: ids of the articles whose facts alone are shown. */
  articles?: ReadonlySet<string>;
  /** The timeline's period (absent in views written before there was one). */
  time?: TimePeriod | null;
  /** The style rules and the analysis filter (absent in a view from before them: none). */
  style?: StyleRules;
  analysisFilter?: AnalysisFilter | null;
}

export interface CaptureInput {
  graph: ExplorerGraph;
  screen: ScreenPart;
  selection: readonly string[];
  camera?: ViewCamera;
  language?: Language;
  query?: { cypher: string; params: Record<string, unknown> } | null;
}

/** Positions are kept to 1/1000 of a graph unit: exact enough, and the address stays short. */
const round = (n: number) => Math.round(n * 1000) / 1000;

export function captureView({
  graph,
  screen,
  selection,
  camera,
  language,
  query,
}: CaptureInput): ViewDocument {
  const refs = new Map<string, string>();
  const nodes: ViewNode[] = [];
  graph.forEachNode((key, attrs) => {
    // Meta-nodes (an aggregated first view) are counts, not nodes of the database: a view leaves them out.
    if (isMetaKey(key)) return;
    const node: ViewNode = {
      key,
      label: attrs.category,
      name: attrs.name,
      x: round(attrs.x),
      y: round(attrs.y),
    };
    if (attrs.id !== undefined) node.id = attrs.id;
    if (screen.pinned.has(key)) node.pinned = true;
    if (screen.hidden.has(key)) node.hidden = true;
    if (attrs.scores && Object.keys(attrs.scores).length) node.scores = { ...attrs.scores };
    refs.set(key, nodeRef(node));
    nodes.push(node);
  });
  const doc: ViewDocument = {
    format: VIEW_DOCUMENT_FORMAT,
    version: VIEW_DOCUMENT_VERSION,
    nodes,
    selection: selection.flatMap((key) => {
      const ref = refs.get(key);
      return ref ? [ref] : [];
    }),
    filters: {
      hiddenLabels: [...screen.filters.hiddenLabels].sort(),
      hiddenTypes: [...screen.filters.hiddenTypes].sort(),
    },
  };
  if (camera) doc.camera = camera;
  if (language) doc.language = language;
  if (query) doc.query = { cypher: query.cypher, params: query.params };
  if (screen.articles?.size) doc.articles = [...screen.articles].sort();
  if (screen.time) doc.time = { from: screen.time.from, to: screen.time.to };
  if (screen.style && isStyled(screen.style)) doc.style = screen.style;
  if (screen.analysisFilter) doc.analysisFilter = { ...screen.analysisFilter };
  return doc;
}

export interface ViewPlan {
  subgraph: Subgraph;
  /** By key now (elementIds may differ from the document's). */
  positions: Map<string, Point>;
  screen: ScreenPart;
  selection: string[];
  /** The analysis scores the document's nodes had, by key now. */
  scores: Map<string, Record<string, number>>;
  /** Names (or refs) of the document's nodes the database no longer holds. */
  missing: string[];
}

export function planView(doc: ViewDocument, resolved: ResolveNodesResponse): ViewPlan {
  const positions = new Map<string, Point>();
  const hidden = new Set<string>();
  const pinned = new Set<string>();
  const scores = new Map<string, Record<string, number>>();
  const missing: string[] = [];
  for (const node of doc.nodes) {
    const key = resolved.found[nodeRef(node)];
    if (key === undefined) {
      missing.push(node.name || nodeRef(node));
      continue;
    }
    positions.set(key, { x: node.x, y: node.y });
    if (node.hidden) hidden.add(key);
    if (node.pinned) pinned.add(key);
    if (node.scores && Object.keys(node.scores).length) scores.set(key, { ...node.scores });
  }
  const selection = doc.selection.flatMap((ref) => {
    const key = resolved.found[ref];
    return key === undefined ? [] : [key];
  });
  return {
    subgraph: { nodes: resolved.nodes, edges: resolved.edges },
    positions,
    screen: {
      hidden,
      pinned,
      filters: {
        hiddenLabels: new Set(doc.filters.hiddenLabels),
        hiddenTypes: new Set(doc.filters.hiddenTypes),
      },
      articles: new Set(doc.articles ?? []),
      time: doc.time ? { from: doc.time.from, to: doc.time.to } : null,
      style: doc.style ?? NO_STYLE,
      analysisFilter: doc.analysisFilter ?? null,
    },
    selection,
    scores,
    missing,
  };
}

/** What to tell the analyst about the nodes a view lost; null when none. */
export function describeMissing(missing: readonly string[], total: number): string | null {
  if (missing.length === 0) return null;
  const shown = missing.slice(0, 5).join(", ");
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : "";
  return `${missing.length} of the view's ${total} nodes are no longer in the database: ${shown}${more}`;
}

/** The page address's hash parameter that holds a view. */
export const ADDRESS_KEY = "view";

export function encodeView(doc: ViewDocument): string {
  return compressToEncodedURIComponent(JSON.stringify(doc));
}

/** The view in an address hash (`#view=…`), null when it has none; throws ViewDocumentError when it is damaged. */
export function viewFromHash(hash: string): ViewDocument | null {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const encoded = params.get(ADDRESS_KEY);
  if (!encoded) return null;
  // URLSearchParams turns "+" into a space; lz-string's URI alphabet uses "+".
  const text = decompressFromEncodedURIComponent(encoded.replace(/ /g, "+"));
  if (!text) throw new ViewDocumentError("address", "the view in this address is damaged (cut short?)");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ViewDocumentError("address", "the view in this address is not valid JSON");
  }
  return parseViewDocument(json);
}

export function hashOf(doc: ViewDocument): string {
  return `#${ADDRESS_KEY}=${encodeView(doc)}`;
}

/** A view file (export/import): the document, pretty-printed. */
export function viewFileText(doc: ViewDocument, name?: string): string {
  return JSON.stringify(name ? { name, ...doc } : doc, null, 2) + "\n";
}

/** Reads a view file: its document and the name it was saved under (if any). */
export function parseViewFile(text: string, fileName: string): { doc: ViewDocument; name: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ViewDocumentError(fileName, `not valid JSON (${(error as Error).message})`);
  }
  const { name, ...rest } = (typeof json === "object" && json !== null ? json : {}) as Record<
    string,
    unknown
  >;
  try {
    return {
      doc: parseViewDocument(Array.isArray(json) || typeof json !== "object" ? json : rest),
      name: typeof name === "string" && name.trim() ? name.trim() : fileName.replace(/\.json$/i, ""),
    };
  } catch (error) {
    if (error instanceof ViewDocumentError)
      throw new ViewDocumentError(`${fileName}${error.field ? ` ${error.field}` : ""}`, error.problem);
    throw error;
  }
}
