/**
 * The contract between Guanxi's HTTP API (server/) and the explorer (web/): request and response
 * shapes, shared as types so the two cannot drift. Nodes and edges are keyed by Neo4j elementId.
 */
import type { Draft } from "./draft.ts";
import type { ArticleSupport } from "./evidence.ts";
import type { PlainValue } from "./plain-values.ts";
import type { TimeSchema } from "./schema/time-properties.ts";

/** A node as the explorer draws it. */
export interface GraphNode {
  /** Neo4j elementId: the key in the graphology graph. */
  key: string;
  /** Guanxi's stable id property (may be absent for nodes not ingested by Guanxi). */
  id?: string;
  /** The first label of the active schema the node has, else its first label. */
  label: string;
  labels: string[];
  name: string;
  nameEn?: string;
  properties: Record<string, PlainValue>;
  /** Relationships the node has in the database (not only those on screen). */
  degree?: number;
}

export interface GraphEdge {
  key: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, PlainValue>;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** GET /api/overview?limit=N — the first view. */
export interface OverviewResponse extends Subgraph {
  totals: { nodes: number; relationships: number };
  /** True when the database holds more than `limit` nodes and this is a sample of the most connected. */
  sampled: boolean;
  limit: number;
  /**
   * Set when the requested view would hold more elements (nodes + relationships) than the server's
   * aggregation threshold (GUANXI_AGGREGATE_ABOVE): `nodes` and `edges` are then empty and the explorer
   * draws one meta-node per label and one meta-edge per (label, type, label) instead
   * (core/aggregate.ts). Never set for `?label=X` (the expansion of a meta-node).
   */
  aggregated?: OverviewAggregate;
  /** `?label=X`: the nodes are the most connected of that label, `totals.nodes` of it in all. */
  label?: string;
}

/** The aggregated first view: counts per label and per (label, relationship type, label). */
export interface OverviewAggregate {
  /** The threshold the requested view was over. */
  threshold: number;
  groups: { label: string; count: number }[];
  /**
   * Relationships of `type` from `from`-labelled to `to`-labelled nodes; `estimated` when the count
   * store cannot tell (a type with several labels at both ends: see core/aggregate.ts tripleCounts).
   */
  links: { from: string; type: string; to: string; count: number; estimated?: boolean }[];
}

/** GET /api/schema — what the database holds, for the legend and filters. */
export interface SchemaResponse {
  /** Nodes and relationships in the database now (the count store): the status bar's "of N". */
  totals: { nodes: number; relationships: number };
  labels: { label: string; count: number }[];
  relationshipTypes: { type: string; count: number }[];
  propertyKeys: string[];
  /** The active schema: what each label and type is, for the legend's titles and the query editor. */
  schema: {
    name: string;
    /** The label of the source documents evidence is quoted from (Article in the news model), if any. */
    documentLabel?: string;
    labels: Record<string, { description?: string; caption?: string }>;
    relationshipTypes: Record<
      string,
      { description?: string; from: string[]; to: string[]; hierarchy?: boolean }
    >;
    /** Which properties are points in time (core/schema/time-properties.ts): the timeline's. */
    time?: TimeSchema;
  };
  search: SearchStatus;
}

/** How search works on this database: the full-text index, or a bounded scan until one is made. */
export interface SearchStatus {
  mode: "index" | "scan";
  /** Labels in the database the index does not cover (their nodes are not found by search). */
  unindexedLabels: string[];
  /** What is slow or missing and the command that fixes it; absent when search is complete and fast. */
  notice?: string;
}

/** GET /api/search?q=…&limit=N — full-text over names, English names, aliases and pinyin. */
export interface SearchHit {
  node: GraphNode;
  score: number;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
  /** "scan": no usable full-text index, so only the first nodes were looked through (see `notice`). */
  mode: SearchStatus["mode"];
  notice?: string;
}

/** A group of neighbours by relationship type and direction. */
export interface NeighbourGroup {
  type: string;
  direction: "out" | "in";
  /** How many such relationships the node has in the database. */
  total: number;
}

/** GET /api/nodes/:key — everything the inspector shows. */
export interface NodeDetailsResponse {
  node: GraphNode;
  groups: (NeighbourGroup & { neighbours: { node: GraphNode; edge: GraphEdge }[] })[];
  /** Evidence of the node's relationships, with the article each quote comes from. */
  evidence: {
    edge: GraphEdge;
    other: GraphNode;
    /** Every support of the fact: the sentence, and the source document it is quoted from (when known). */
    supports: SupportDetails[];
  }[];
  /** The articles behind the node's facts (its relationships' evidence), most quotes first. */
  articles?: ArticleSupport[];
}

/** Keys per POST /api/nodes: the request body stays well under the API's 1 MB limit. */
export const NODES_PER_REQUEST = 5_000;

/** POST /api/nodes — nodes by key with every property (the bulk views leave an article's text out). */
export interface NodesRequest {
  /** At most NODES_PER_REQUEST keys. */
  keys: string[];
}

export interface NodesResponse {
  /** Those of the keys that exist, in no particular order. */
  nodes: GraphNode[];
}

/** POST /api/expand — neighbours of a node, capped per relationship type and direction. */
export interface ExpandRequest {
  key: string;
  /** Neighbours per group (default 25, at most 500). */
  limit?: number;
  /** Groups to load (more of); default all. */
  groups?: { type: string; direction: "out" | "in"; offset: number }[];
}

export interface ExpandResponse extends Subgraph {
  /** Per group: how many exist, and how many have been returned up to now (offset + this page). */
  groups: (NeighbourGroup & { shown: number })[];
}

/** POST /api/neighbourhood — everything within N hops (1–3), capped. */
export interface NeighbourhoodRequest {
  key: string;
  hops: number;
  limit?: number;
}

export interface NeighbourhoodResponse extends Subgraph {
  truncated: boolean;
}

/** POST /api/path — a shortest path between two nodes, ignoring direction. */
export interface PathRequest {
  from: string;
  to: string;
  maxHops?: number;
  /** Relationship types the path may use (at most MAX_PATH_TYPES); absent: every type. */
  types?: string[];
  /** Node keys the path may not pass through (hidden nodes; at most MAX_PATH_EXCLUDED). */
  excluded?: string[];
  /** Labels whose nodes the path may not pass through (labels filtered out of sight). */
  excludedLabels?: string[];
}

export const MAX_PATH_TYPES = 500;
export const MAX_PATH_EXCLUDED = 5_000;

export interface PathResponse extends Subgraph {
  found: boolean;
  /** Relationships on the path, in order. */
  length: number;
}

/**
 * POST /api/connect — "connect result nodes": the relationships between nodes joining the screen
 * (`keys`) and every node on it (`among`, which holds `keys` too), those the client has (`known`) left
 * out; capped at `limit`, with how many there are.
 */
export interface ConnectRequest {
  /** At most CONNECT_MAX_KEYS. */
  keys: string[];
  /** At most CONNECT_MAX_AMONG. */
  among: string[];
  /** Relationship keys already drawn or arriving (at most CONNECT_MAX_KNOWN). */
  known?: string[];
  /** Relationships returned at most (default CONNECT_DEFAULT_LIMIT, at most CONNECT_MAX_LIMIT). */
  limit?: number;
}

export interface ConnectResponse {
  edges: GraphEdge[];
  /** How many such relationships exist; more than `edges.length` when capped. */
  total: number;
}

export const CONNECT_MAX_KEYS = 5_000;
export const CONNECT_MAX_AMONG = 20_000;
export const CONNECT_MAX_KNOWN = 20_000;
export const CONNECT_DEFAULT_LIMIT = 1_000;
export const CONNECT_MAX_LIMIT = 10_000;

/** The passage of an article around a quote: `before` + `quote` + `after` is a stretch of its text. */
export interface QuotePassage {
  before: string;
  quote: string;
  after: string;
  /** Text left out before `before` / after `after`. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

/** A support of a fact: the sentence, its source document, and the passage of it when its text is known. */
export interface SupportDetails {
  quote: string;
  /** `date`: the article's date (a date-typed property, or `date`/`publishedAt`), when it has one. */
  article?: { key?: string; id: string; title: string; date?: string };
  /** Where the quote stands in the article's text; absent when the text is unknown or does not contain it. */
  passage?: QuotePassage;
}

/** GET /api/relationships/:key — everything the inspector shows of a relationship. */
export interface RelationshipDetailsResponse {
  edge: GraphEdge;
  start: GraphNode;
  end: GraphNode;
  supports: SupportDetails[];
  /** The articles its quotes come from, with how many quotes each gives. */
  articles?: ArticleSupport[];
}

/**
 * GET /api/articles/:key/shared?limit=N — the correlation view: the articles (the schema's document
 * label) that share entities with this one, an entity being shared when both articles are linked to it
 * (MENTIONS in the news model), and the pairs among them that share any.
 */
export interface SharedEntitiesResponse {
  article: GraphNode;
  /** Articles sharing at least one entity with it, most shared first, at most `limit`. */
  articles: GraphNode[];
  /** One per pair of those articles (the first included) sharing entities; `shared` names some of them. */
  links: { source: string; target: string; count: number; shared: string[] }[];
  /** More articles share entities with it than `limit`. */
  truncated: boolean;
}

/** POST /api/query — analyst Cypher, read-only, with a timeout and a row cap. */
export interface QueryRequest {
  cypher: string;
  params?: Record<string, unknown>;
  rowLimit?: number;
}

export interface QueryResponse {
  columns: string[];
  rows: Record<string, PlainValue>[];
  /** True when the result had more rows than `rowLimit`; only the first rowLimit are returned. */
  truncated: boolean;
  rowLimit: number;
  /** Every node, relationship and path in the rows, for the graph view. */
  subgraph: Subgraph;
  queryType: string;
  elapsedMs: number;
}

/** Every error response: a clear message, never a stack trace. */
export interface ApiErrorResponse {
  error: {
    /** e.g. "bad-request", "read-only", "not-found", "timeout", "cypher-error", "database-unavailable". */
    code: string;
    message: string;
    /** Where a Cypher error is, when Neo4j says. */
    position?: { line: number; column: number; offset: number };
    /** Every problem of an input that was refused (POST /api/drafts/ingest), as `guanxi ingest` names them. */
    problems?: { line?: number; record?: number; field?: string; message: string }[];
  };
}

/** A saved query (cypher/queries/NAME.cypher): a titled, parameterised read-only statement. */
export interface SavedQuery {
  /** The file name without `.cypher`. */
  name: string;
  title: string;
  description?: string;
  /** Declared parameters with their defaults, in header order. */
  params: { name: string; default: unknown }[];
  cypher: string;
  /** Labels and relationship types the query reads (`// needs:`), e.g. those of the news schema. */
  needs?: string[];
  /** Those of `needs` this database does not hold: the query would find nothing here. */
  missing?: string[];
}

/** GET /api/queries — the saved queries; files that do not parse are listed as problems, not served. */
export interface SavedQueriesResponse {
  queries: SavedQuery[];
  problems: { file: string; line?: number; message: string }[];
}

/** POST /api/extract: article text in, a draft to review out (extract/draft.ts). */
export interface ExtractRequest {
  /** The article or page (plain text; several stories are split). */
  text: string;
  /** Headline, when the text has none of its own. */
  title?: string;
  /** Id of the article (several stories: ID-1, ID-2, …). */
  articleId?: string;
  /** Recorded as Article.source. */
  source?: string;
}

export interface ExtractResponse {
  draft: Draft;
  stories: { id: string; title: string; ms: number }[];
  /** How many known entities the text was linked against. */
  known: number;
}

/** GET /api/extract: whether this server writes reviewed drafts. */
export interface ExtractStatus {
  ingest: boolean;
  /** Why not, and how to turn it on. */
  ingestDisabledReason?: string;
  maxTextLength: number;
}

/** POST /api/drafts/ingest: a reviewed draft, written like `guanxi ingest` (all or nothing). */
export interface DraftIngestRequest {
  draft: Draft;
  /** "linked": write the exact links and MENTIONS, leave out what nobody reviewed. */
  accept?: "linked";
}

export interface DraftIngestResponse {
  nodes: { created: number; updated: number; unchanged: number };
  relationships: { created: number; updated: number; unchanged: number };
  /** Items left out unreviewed (accept "linked"), and how many were dropped as rejected. */
  skipped: string[];
  dropped: number;
  /** Ids of the nodes written and of the ends of the relationships written: what to show next. */
  ids: string[];
}
