/**
 * Guanxi's domain model: property types, the records ingest reads and writes, and the export envelope.
 * Which labels, relationship types and properties a graph may hold is data — the active schema
 * (core/schema/): the news model is its built-in default, an analyst's own schema file replaces it.
 */

/** Property value types. The names are the column types of `neo4j-admin import` CSV headers. */
export const PROPERTY_TYPES = [
  "string",
  "int",
  "float",
  "boolean",
  "date",
  "string[]",
  "int[]",
  "float[]",
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export interface PropertySpec {
  type: PropertyType;
  description?: string;
  /** Allowed values, for closed vocabularies such as an organisation's kind. */
  enum?: readonly string[];
  required?: boolean;
  /** Computed by Guanxi at ingest, never read from input. */
  derived?: boolean;
  /**
   * An `int` that is a point in time, not a count: "year" — 2023 is the year 2023 (the timeline shows
   * it). `date` properties are points in time already.
   */
  time?: "year";
  /** With `time: "year"`: the `int` property of the same node or relationship holding the month (1–12). */
  monthProperty?: string;
}

/** Scalars and lists a property can hold once parsed: dates stay ISO `YYYY-MM-DD` strings until the Neo4j door. */
export type PropertyValue = string | number | boolean | string[] | number[];
export type Properties = Record<string, PropertyValue>;

/** Labels and relationship types are the active schema's (core/schema/graph-schema.ts). */
export type NodeLabel = string;
export type RelationshipType = string;

/** A node as read from an input file, after validation. Identity: (primary label, id). */
export interface NodeRecord {
  /** The schema's labels of the node, the primary one (it is merged on) first. */
  labels: NodeLabel[];
  id: string;
  /** All properties, including id. */
  properties: Properties;
  /** Types the input declared for properties the schema does not know (CSV `since:date`). */
  declaredTypes?: Record<string, PropertyType>;
}

/** One source of a fact: a sentence quoted verbatim from a source document (its id). */
export interface Support {
  article: string;
  quote: string;
}

/** A relationship as read from an input file, after validation. Identity: (start, type, end). */
export interface RelationshipRecord {
  type: RelationshipType;
  start: string;
  end: string;
  /** Primary labels of the two ends, resolved from the input or the database. */
  startLabel: NodeLabel;
  endLabel: NodeLabel;
  /** Properties other than provenance. */
  properties: Properties;
  /** Provenance: every (article, sentence) given for the fact, in input order, without repeats. */
  supports: Support[];
  /** Types the input declared for properties the schema does not know (CSV `weight:float`). */
  declaredTypes?: Record<string, PropertyType>;
}

export interface Dataset {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
}

/** Identity of a relationship: ingest merges on it, so re-ingesting never duplicates. */
export function relationshipKey(
  rel: Pick<RelationshipRecord, "start" | "type" | "end" | "startLabel" | "endLabel">,
): string {
  return `${rel.startLabel}\u0000${rel.start}\u0000${rel.type}\u0000${rel.endLabel}\u0000${rel.end}`;
}

/**
 * The JSON export envelope (`guanxi export --format json`, export/json.ts): graphology's serialisation
 * of the graph (`graph.export()`, so `graph.import()` reads it back) wrapped with what it is and where it
 * came from. Described by schema/guanxi-graph.schema.json (core/graph-export-schema.ts).
 */
export const GRAPH_EXPORT_FORMAT = "guanxi-graph";
export const GRAPH_EXPORT_VERSION = 1;

/** Property value types an export declares: the model's, plus what a value outside the model was read as. */
export type ExportPropertyTypes = Record<string, PropertyType>;

export interface GraphExportNodeAttributes {
  /** What graph viewers (sigma, Gephi Lite) show: the name. */
  label: string;
  /** The domain label (Organisation, Region, …), as in the explorer's graph. */
  category: string;
  labels: string[];
  name: string;
  nameEn?: string;
  /** Guanxi's stable id, when the node has one. */
  id?: string;
  /** Every property but the derived ones; dates are `YYYY-MM-DD` text (see `propertyTypes`). */
  properties: Record<string, unknown>;
  /** Analysis results (core/analysis): metric id → value; partitions (louvain, components, kcore) are integers. */
  scores?: Record<string, number>;
  x?: number;
  y?: number;
  size?: number;
  color?: string;
}

export interface GraphExportEdgeAttributes {
  /** What graph viewers show: the relationship type. */
  label: string;
  relType: string;
  properties: Record<string, unknown>;
  color?: string;
}

export interface GraphExportEnvelope {
  format: typeof GRAPH_EXPORT_FORMAT;
  version: typeof GRAPH_EXPORT_VERSION;
  /** ISO date-time. */
  exportedAt: string;
  source: { description?: string; query?: string; params?: Record<string, unknown> };
  /** The type of each property key, per domain, as the other formats declare them. */
  propertyTypes: { node: ExportPropertyTypes; edge: ExportPropertyTypes };
  graph: {
    options: { type: "directed"; multi: true; allowSelfLoops: true };
    attributes: Record<string, unknown>;
    nodes: { key: string; attributes: GraphExportNodeAttributes }[];
    edges: { key: string; source: string; target: string; attributes: GraphExportEdgeAttributes }[];
  };
}
