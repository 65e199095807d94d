/**
 * A view of the explorer as a document: which nodes are on screen (by Guanxi's stable `id`, the
 * elementId only as a fallback), where, which are pinned, hidden and selected, the filters, the
 * camera and the last query; since the analysis panel (issue 12), optionally each node's analysis
 * scores, the style rules and the analysis filter (older version-1 documents have none of them and
 * read as before). The permalink (the page address), saved views (server/routes/views.ts)
 * and exported view files all hold this one shape. Browser-safe; pure.
 */
import type { Subgraph } from "./api-types.ts";
import { parsePeriod } from "./partial-date.ts";
import type { TimePeriod } from "./partial-date.ts";
import {
  ANALYSIS_FILTER_JSON_SCHEMA,
  parseAnalysisFilter,
  parseStyleRules,
  STYLE_RULES_JSON_SCHEMA,
  type AnalysisFilter,
  type StyleRules,
} from "./style-rules.ts";

export const VIEW_DOCUMENT_FORMAT = "guanxi-view";
export const VIEW_DOCUMENT_VERSION = 1;
/** The most nodes a view holds (the first view's own maximum). */
export const VIEW_MAX_NODES = 20_000;
/** The largest request body of a saved view or a view's lookup: 20,000 nodes fit. */
export const VIEW_BODY_LIMIT = 8 * 1024 * 1024;
/** Articles an evidence filter names, at most. */
export const VIEW_MAX_ARTICLES = 1_000;
/** A saved view's name, at most. */
export const VIEW_NAME_MAX = 120;

export interface ViewNode {
  /** Guanxi's stable id property: how the node is found again, even in a re-imported database. */
  id?: string;
  /** Neo4j elementId: tried first (a seek), and the only handle of nodes without an id. */
  key: string;
  /** The node's domain label: finds it by id with that label's index. */
  label: string;
  /** Its name when saved, to say what is missing when it is gone. */
  name: string;
  /** Graph coordinates (not pixels). */
  x: number;
  y: number;
  pinned?: boolean;
  hidden?: boolean;
  /** Analysis results on the node (core/analysis): metric id → value. */
  scores?: Record<string, number>;
}

export interface ViewCamera {
  /** sigma's camera state: relative to `bbox`, the graph extent it framed. */
  x: number;
  y: number;
  ratio: number;
  angle: number;
  bbox?: { x: [number, number]; y: [number, number] };
}

export interface ViewDocument {
  format: typeof VIEW_DOCUMENT_FORMAT;
  version: typeof VIEW_DOCUMENT_VERSION;
  nodes: ViewNode[];
  /** Refs (see `nodeRef`) in selection order: the last one is the primary selection. */
  selection: string[];
  filters: { hiddenLabels: string[]; hiddenTypes: string[] };
  camera?: ViewCamera;
  language?: "zh" | "en";
  /** The last query run, with its parameters. */
  query?: { cypher: string; params: Record<string, unknown> };
  /** Ids of the articles whose facts alone are shown (the evidence filter); absent: no such filter. */
  articles?: string[];
  /**
   * The timeline's filter: only what falls in this period is shown (partial dates, both ends
   * inclusive: from "2023" to "2023" is the whole of 2023). Absent: no time filter.
   */
  time?: TimePeriod;
  /** Style rules (size, colour, captions, relationship width); absent: the default looks. */
  style?: StyleRules;
  /** Only the nodes whose analysis score passes are shown. */
  analysisFilter?: AnalysisFilter;
}

/** How a view refers to one of its nodes (selection): its id, else its elementId. */
export function nodeRef(node: Pick<ViewNode, "id" | "key">): string {
  return node.id ?? node.key;
}

/** A view document was refused: `field` is where (a JSON path such as `nodes[3].x`). */
export class ViewDocumentError extends Error {
  override name = "ViewDocumentError";
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field ? `${field}: ` : ""}${problem}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function text(value: unknown, field: string, max = 10_000): string {
  if (typeof value !== "string" || value.length === 0)
    throw new ViewDocumentError(field, "must be a non-empty string");
  if (value.length > max) throw new ViewDocumentError(field, `must be at most ${max} characters`);
  return value;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new ViewDocumentError(field, "must be a finite number");
  return value;
}

function strings(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new ViewDocumentError(field, "must be an array of strings");
  return value.map((v, i) => text(v, `${field}[${i}]`, 1_000));
}

function known(value: Json, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(value))
    if (!allowed.includes(key))
      throw new ViewDocumentError(field ? `${field}.${key}` : key, "is not a known field");
}

const fail = (field: string, problem: string): never => {
  throw new ViewDocumentError(field, problem);
};

/** A node's scores: at most this many metrics, each a finite number. */
const MAX_SCORES = 50;

function parseScores(value: unknown, field: string): Record<string, number> {
  if (!isObject(value)) throw new ViewDocumentError(field, "must be an object of metric → number");
  const entries = Object.entries(value);
  if (entries.length > MAX_SCORES) throw new ViewDocumentError(field, `holds more than ${MAX_SCORES} scores`);
  return Object.fromEntries(
    entries.map(([metric, score]) => {
      if (metric.length === 0 || metric.length > 200)
        throw new ViewDocumentError(field, "metric names must be 1 to 200 characters");
      return [metric, finite(score, `${field}.${metric}`)];
    }),
  );
}

function parseNode(value: unknown, field: string): ViewNode {
  if (!isObject(value)) throw new ViewDocumentError(field, "must be an object");
  known(value, ["id", "key", "label", "name", "x", "y", "pinned", "hidden", "scores"], field);
  const node: ViewNode = {
    key: text(value.key, `${field}.key`, 200),
    label: text(value.label, `${field}.label`, 200),
    name: typeof value.name === "string" ? value.name : "",
    x: finite(value.x, `${field}.x`),
    y: finite(value.y, `${field}.y`),
  };
  if (value.id !== undefined) node.id = text(value.id, `${field}.id`, 1_000);
  for (const flag of ["pinned", "hidden"] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== "boolean")
      throw new ViewDocumentError(`${field}.${flag}`, "must be true or false");
    if (value[flag]) node[flag] = true;
  }
  if (value.scores !== undefined) node.scores = parseScores(value.scores, `${field}.scores`);
  return node;
}

function parseCamera(value: unknown): ViewCamera {
  if (!isObject(value)) throw new ViewDocumentError("camera", "must be an object");
  known(value, ["x", "y", "ratio", "angle", "bbox"], "camera");
  const camera: ViewCamera = {
    x: finite(value.x, "camera.x"),
    y: finite(value.y, "camera.y"),
    ratio: finite(value.ratio, "camera.ratio"),
    angle: finite(value.angle ?? 0, "camera.angle"),
  };
  if (camera.ratio <= 0) throw new ViewDocumentError("camera.ratio", "must be greater than 0");
  if (value.bbox !== undefined) {
    const bbox = value.bbox;
    if (!isObject(bbox)) throw new ViewDocumentError("camera.bbox", "must be an object");
    const pair = (v: unknown, field: string): [number, number] => {
      if (!Array.isArray(v) || v.length !== 2) throw new ViewDocumentError(field, "must be [min, max]");
      return [finite(v[0], `${field}[0]`), finite(v[1], `${field}[1]`)];
    };
    camera.bbox = { x: pair(bbox.x, "camera.bbox.x"), y: pair(bbox.y, "camera.bbox.y") };
  }
  return camera;
}

function parseTime(value: unknown): TimePeriod {
  if (!isObject(value)) throw new ViewDocumentError("time", "must be an object with from and to");
  known(value, ["from", "to"], "time");
  const period = { from: text(value.from, "time.from", 10), to: text(value.to, "time.to", 10) };
  try {
    parsePeriod(period);
  } catch (error) {
    const message = (error as Error).message;
    const end = message.startsWith("to:") ? "to" : "from";
    throw new ViewDocumentError(`time.${end}`, message.replace(/^(from|to): /, ""));
  }
  return period;
}

/**
 * Checks a value read from JSON (an address, a file, a request) and returns it as a ViewDocument;
 * throws a ViewDocumentError naming the first field that is wrong. Unknown fields are refused.
 */
export function parseViewDocument(value: unknown): ViewDocument {
  if (!isObject(value)) throw new ViewDocumentError("", "a view must be a JSON object");
  if (value.format !== VIEW_DOCUMENT_FORMAT)
    throw new ViewDocumentError("format", `must be "${VIEW_DOCUMENT_FORMAT}" (this is not a Guanxi view)`);
  if (value.version !== VIEW_DOCUMENT_VERSION)
    throw new ViewDocumentError(
      "version",
      `must be ${VIEW_DOCUMENT_VERSION}: this view was written by ${
        typeof value.version === "number" && value.version > VIEW_DOCUMENT_VERSION ? "a newer" : "another"
      } Guanxi`,
    );
  known(
    value,
    [
      "format",
      "version",
      "nodes",
      "selection",
      "filters",
      "camera",
      "language",
      "query",
      "articles",
      "time",
      "style",
      "analysisFilter",
    ],
    "",
  );
  if (!Array.isArray(value.nodes)) throw new ViewDocumentError("nodes", "must be an array");
  if (value.nodes.length > VIEW_MAX_NODES)
    throw new ViewDocumentError(
      "nodes",
      `holds ${value.nodes.length} nodes; a view holds at most ${VIEW_MAX_NODES}`,
    );
  const nodes = value.nodes.map((n, i) => parseNode(n, `nodes[${i}]`));
  const filters = value.filters ?? { hiddenLabels: [], hiddenTypes: [] };
  if (!isObject(filters)) throw new ViewDocumentError("filters", "must be an object");
  known(filters, ["hiddenLabels", "hiddenTypes"], "filters");
  const doc: ViewDocument = {
    format: VIEW_DOCUMENT_FORMAT,
    version: VIEW_DOCUMENT_VERSION,
    nodes,
    selection: strings(value.selection ?? [], "selection"),
    filters: {
      hiddenLabels: strings(filters.hiddenLabels ?? [], "filters.hiddenLabels"),
      hiddenTypes: strings(filters.hiddenTypes ?? [], "filters.hiddenTypes"),
    },
  };
  if (value.camera !== undefined) doc.camera = parseCamera(value.camera);
  if (value.language !== undefined) {
    if (value.language !== "zh" && value.language !== "en")
      throw new ViewDocumentError("language", 'must be "zh" or "en"');
    doc.language = value.language;
  }
  if (value.query !== undefined) {
    const query = value.query;
    if (!isObject(query)) throw new ViewDocumentError("query", "must be an object");
    known(query, ["cypher", "params"], "query");
    const params = query.params ?? {};
    if (!isObject(params)) throw new ViewDocumentError("query.params", "must be an object");
    doc.query = { cypher: text(query.cypher, "query.cypher", 100_000), params };
  }
  if (value.articles !== undefined) {
    const articles = strings(value.articles, "articles");
    if (articles.length > VIEW_MAX_ARTICLES)
      throw new ViewDocumentError(
        "articles",
        `holds ${articles.length} articles; at most ${VIEW_MAX_ARTICLES}`,
      );
    if (articles.length) doc.articles = articles;
  }
  if (value.time !== undefined) doc.time = parseTime(value.time);
  if (value.style !== undefined) doc.style = parseStyleRules(value.style, fail);
  if (value.analysisFilter !== undefined)
    doc.analysisFilter = parseAnalysisFilter(value.analysisFilter, fail);
  return doc;
}

/** A year, a month or a day: 2023, 2023-06, 2023-06-14. */
const PARTIAL_DATE_PATTERN = "^\\d{4}(-\\d{2}(-\\d{2})?)?$";

/** JSON Schema of a view document: what the server validates saved views against. */
export const VIEW_DOCUMENT_JSON_SCHEMA = {
  type: "object",
  required: ["format", "version", "nodes"],
  additionalProperties: false,
  properties: {
    format: { const: VIEW_DOCUMENT_FORMAT },
    version: { const: VIEW_DOCUMENT_VERSION },
    nodes: {
      type: "array",
      maxItems: VIEW_MAX_NODES,
      items: {
        type: "object",
        required: ["key", "label", "x", "y"],
        additionalProperties: false,
        properties: {
          id: { type: "string", minLength: 1, maxLength: 1_000 },
          key: { type: "string", minLength: 1, maxLength: 200 },
          label: { type: "string", minLength: 1, maxLength: 200 },
          name: { type: "string", maxLength: 1_000 },
          x: { type: "number" },
          y: { type: "number" },
          pinned: { type: "boolean" },
          hidden: { type: "boolean" },
          scores: { type: "object", maxProperties: MAX_SCORES, additionalProperties: { type: "number" } },
        },
      },
    },
    selection: { type: "array", items: { type: "string", minLength: 1, maxLength: 1_000 } },
    filters: {
      type: "object",
      additionalProperties: false,
      properties: {
        hiddenLabels: { type: "array", items: { type: "string", minLength: 1, maxLength: 1_000 } },
        hiddenTypes: { type: "array", items: { type: "string", minLength: 1, maxLength: 1_000 } },
      },
    },
    camera: {
      type: "object",
      required: ["x", "y", "ratio"],
      additionalProperties: false,
      properties: {
        x: { type: "number" },
        y: { type: "number" },
        ratio: { type: "number", exclusiveMinimum: 0 },
        angle: { type: "number" },
        bbox: {
          type: "object",
          required: ["x", "y"],
          additionalProperties: false,
          properties: {
            x: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
            y: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
          },
        },
      },
    },
    language: { enum: ["zh", "en"] },
    query: {
      type: "object",
      required: ["cypher"],
      additionalProperties: false,
      properties: {
        cypher: { type: "string", minLength: 1, maxLength: 100_000 },
        params: { type: "object" },
      },
    },
    articles: {
      type: "array",
      maxItems: VIEW_MAX_ARTICLES,
      items: { type: "string", minLength: 1, maxLength: 1_000 },
    },
    time: {
      type: "object",
      required: ["from", "to"],
      additionalProperties: false,
      properties: {
        from: { type: "string", pattern: PARTIAL_DATE_PATTERN },
        to: { type: "string", pattern: PARTIAL_DATE_PATTERN },
      },
    },
    style: STYLE_RULES_JSON_SCHEMA,
    analysisFilter: ANALYSIS_FILTER_JSON_SCHEMA,
  },
} as const;

/** A view saved on the server (GET /api/views/:id). */
export interface SavedView {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  view: ViewDocument;
}

/** A saved view in the list (GET /api/views): no document. */
export interface SavedViewSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  nodes: number;
}

/** POST /api/views, PUT /api/views/:id. */
export interface SaveViewRequest {
  name: string;
  view: ViewDocument;
}

/** POST /api/nodes/resolve: a view's nodes found again. */
export interface ResolveNodesRequest {
  nodes: Pick<ViewNode, "id" | "key" | "label">[];
}

export interface ResolveNodesResponse extends Subgraph {
  /** For each node asked for that was found: its ref (`nodeRef`) → its elementId now. */
  found: Record<string, string>;
  /** Refs of the nodes that are no longer in the database. */
  missing: string[];
  /** True when there were more relationships among them than the API returns (RESOLVE_MAX_EDGES). */
  truncated: boolean;
}

/** Relationships among a view's nodes, at most, when it is opened. */
export const RESOLVE_MAX_EDGES = 20_000;
