/**
 * The explorer's one door to the HTTP API. Request and response shapes are the contract in
 * core/api-types.ts; every failure becomes an ApiError with a message a person can read.
 */
import { NODES_PER_REQUEST } from "../../../core/api-types.ts";
import type {
  ResolveNodesRequest,
  ResolveNodesResponse,
  SavedView,
  SavedViewSummary,
  ViewDocument,
} from "../../../core/view-document.ts";
import type {
  ApiErrorResponse,
  ConnectRequest,
  ConnectResponse,
  DraftIngestRequest,
  DraftIngestResponse,
  ExtractRequest,
  ExtractResponse,
  ExtractStatus,
  ExpandRequest,
  ExpandResponse,
  GraphNode,
  NeighbourhoodRequest,
  NeighbourhoodResponse,
  NodeDetailsResponse,
  NodesResponse,
  OverviewResponse,
  PathRequest,
  PathResponse,
  QueryRequest,
  QueryResponse,
  RelationshipDetailsResponse,
  SharedEntitiesResponse,
  SavedQueriesResponse,
  SchemaResponse,
  SearchResponse,
} from "../../../core/api-types.ts";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    /** The server's code ("not-found", "timeout", …), or "network" / "bad-response" from here. */
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** Where in the query a Cypher error is, when Neo4j says. */
    readonly position?: { line: number; column: number; offset: number },
    /** Problems by place (an ingest refused: file, line, field), when the server lists them. */
    readonly problems?: NonNullable<ApiErrorResponse["error"]["problems"]>,
  ) {
    super(message);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

function isApiErrorResponse(body: unknown): body is ApiErrorResponse {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

export interface ApiClientOptions {
  baseUrl?: string;
  /** Told how many requests are in flight, for the progress indicator. */
  onActivity?: (inFlight: number) => void;
}

export interface ApiClient {
  /** `label`: the most connected nodes of that label only (a meta-node expanded). */
  overview(limit?: number, label?: string): Promise<OverviewResponse>;
  schema(): Promise<SchemaResponse>;
  search(q: string, limit?: number, signal?: AbortSignal): Promise<SearchResponse>;
  node(key: string): Promise<NodeDetailsResponse>;
  /** Complete nodes (every property), batched to the API's limit per request. */
  nodes(keys: string[]): Promise<GraphNode[]>;
  expand(request: ExpandRequest): Promise<ExpandResponse>;
  neighbourhood(request: NeighbourhoodRequest): Promise<NeighbourhoodResponse>;
  path(request: PathRequest): Promise<PathResponse>;
  /** Relationships between arriving nodes and those on screen ("connect result nodes"). */
  connect(request: ConnectRequest): Promise<ConnectResponse>;
  /** A relationship with its ends and evidence, for the inspector. */
  relationship(key: string): Promise<RelationshipDetailsResponse>;
  /** The correlation view: articles sharing entities with an article, and the pairs that share. */
  sharedArticles(key: string, limit?: number): Promise<SharedEntitiesResponse>;
  query(request: QueryRequest): Promise<QueryResponse>;
  savedQueries(): Promise<SavedQueriesResponse>;
  /** Whether this server writes reviewed drafts (and why not). */
  extractStatus(): Promise<ExtractStatus>;
  /** Article text → a draft linked against the database. */
  extract(request: ExtractRequest, signal?: AbortSignal): Promise<ExtractResponse>;
  /** A reviewed draft → the database, all or nothing. */
  ingestDraft(request: DraftIngestRequest): Promise<DraftIngestResponse>;
  /** A saved view's nodes found again, with the relationships among them. */
  resolveNodes(nodes: ResolveNodesRequest["nodes"]): Promise<ResolveNodesResponse>;
  views(): Promise<SavedViewSummary[]>;
  view(id: string): Promise<SavedView>;
  saveView(name: string, view: ViewDocument): Promise<SavedView>;
  updateView(id: string, change: { name?: string; view?: ViewDocument }): Promise<SavedView>;
  deleteView(id: string): Promise<void>;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? "";
  let inFlight = 0;
  const track = (delta: number) => {
    inFlight += delta;
    options.onActivity?.(inFlight);
  };

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    track(1);
    try {
      let response: Response;
      try {
        response = await fetch(baseUrl + path, {
          ...init,
          headers: {
            accept: "application/json",
            ...(init.body ? { "content-type": "application/json" } : {}),
          },
        });
      } catch (error) {
        if (isAbortError(error)) throw error;
        throw new ApiError("network", "Cannot reach the Guanxi server. Is “guanxi serve” running?", 0);
      }
      let body: unknown;
      if (response.status === 204) return undefined as T;
      try {
        body = await response.json();
      } catch (error) {
        if (isAbortError(error)) throw error;
        const endpoint = path.split("?")[0];
        // A proxy or gateway answering for an API that is down: say so rather than "bad JSON".
        if (response.status >= 500) {
          throw new ApiError(
            "network",
            `The Guanxi API is not answering (HTTP ${response.status} for ${endpoint}). Is “guanxi serve” running?`,
            response.status,
          );
        }
        throw new ApiError(
          "bad-response",
          `The server answered ${response.status} ${response.statusText} without JSON (${endpoint}).`,
          response.status,
        );
      }
      if (!response.ok || isApiErrorResponse(body)) {
        if (isApiErrorResponse(body))
          throw new ApiError(
            body.error.code,
            body.error.message,
            response.status,
            body.error.position,
            body.error.problems,
          );
        throw new ApiError(
          "bad-response",
          `The server answered ${response.status} ${response.statusText}.`,
          response.status,
        );
      }
      return body as T;
    } finally {
      track(-1);
    }
  }

  const post = <T>(path: string, body: unknown, signal?: AbortSignal) =>
    request<T>(path, { method: "POST", body: JSON.stringify(body), ...(signal ? { signal } : {}) });

  return {
    overview: (limit, label) => {
      const query = new URLSearchParams();
      if (limit !== undefined) query.set("limit", String(limit));
      if (label !== undefined) query.set("label", label);
      const search = query.toString();
      return request(`/api/overview${search ? `?${search}` : ""}`);
    },
    schema: () => request("/api/schema"),
    search: (q, limit = 12, signal) =>
      request(`/api/search?q=${encodeURIComponent(q)}&limit=${limit}`, signal ? { signal } : {}),
    node: (key) => request(`/api/nodes/${encodeURIComponent(key)}`),
    nodes: async (keys) => {
      const nodes: GraphNode[] = [];
      for (let i = 0; i < keys.length; i += NODES_PER_REQUEST) {
        const page = await post<NodesResponse>("/api/nodes", { keys: keys.slice(i, i + NODES_PER_REQUEST) });
        nodes.push(...page.nodes);
      }
      return nodes;
    },
    expand: (body) => post("/api/expand", body),
    neighbourhood: (body) => post("/api/neighbourhood", body),
    path: (body) => post("/api/path", body),
    connect: (body) => post("/api/connect", body),
    relationship: (key) => request(`/api/relationships/${encodeURIComponent(key)}`),
    sharedArticles: (key, limit) =>
      request(
        `/api/articles/${encodeURIComponent(key)}/shared${limit === undefined ? "" : `?limit=${limit}`}`,
      ),
    query: (body) => post("/api/query", body),
    savedQueries: () => request("/api/queries"),
    extractStatus: () => request("/api/extract"),
    extract: (body, signal) => post("/api/extract", body, signal),
    ingestDraft: (body) => post("/api/drafts/ingest", body),
    resolveNodes: (nodes) => post("/api/nodes/resolve", { nodes }),
    views: async () => (await request<{ views: SavedViewSummary[] }>("/api/views")).views,
    view: (id) => request(`/api/views/${encodeURIComponent(id)}`),
    saveView: (name, view) => post("/api/views", { name, view }),
    updateView: (id, change) =>
      request(`/api/views/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(change) }),
    deleteView: (id) => request(`/api/views/${encodeURIComponent(id)}`, { method: "DELETE" }),
  };
}
