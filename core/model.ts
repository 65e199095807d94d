/**
 * Guanxi's domain model, defined once: node labels, relationship types, their typed properties and
 * provenance. Ingest, query, web, export and tests all read this table; the published JSON Schema
 * (schema/guanxi-dataset.schema.json) is generated from it.
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
  description: string;
  /** Allowed values, for closed vocabularies such as an organisation's kind. */
  enum?: readonly string[];
  required?: boolean;
  /** Computed by Guanxi at ingest, never read from input. */
  derived?: boolean;
}

export const NODE_LABELS = ["Organisation", "Region", "Alliance", "Person", "Event", "Article"] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const ORGANISATION_KINDS = [
  "union",
  "government",
  "college",
  "school",
  "training-centre",
  "company",
  "media",
  "association",
  "studio",
  "department",
  "other",
] as const;

export const REGION_LEVELS = [
  "country",
  "province",
  "municipality",
  "prefecture",
  "district",
  "county",
] as const;

/** Properties every node has, whatever its label. */
export const COMMON_NODE_PROPERTIES: Record<string, PropertySpec> = {
  id: {
    type: "string",
    required: true,
    description: "Stable identifier, unique per label, e.g. region:tongzhou.",
  },
  name: { type: "string", required: true, description: "Name in the original language, e.g. 通州区." },
  nameEn: { type: "string", required: true, description: "English rendering of the name." },
  aliases: { type: "string[]", description: "Other names the sources use, e.g. 市总工会 or 城市副中心." },
  description: { type: "string", description: "One-line English description." },
  pinyin: {
    type: "string[]",
    derived: true,
    description:
      "Search keys: toneless pinyin of the name and aliases, computed at ingest (通州区 → tongzhouqu, zhouqu, qu).",
  },
};

export interface LabelSpec {
  description: string;
  properties: Record<string, PropertySpec>;
}

export const LABEL_SPECS: Record<NodeLabel, LabelSpec> = {
  Organisation: {
    description: "A union, government body, college, company, media outlet or other organisation.",
    properties: {
      kind: {
        type: "string",
        required: true,
        enum: ORGANISATION_KINDS,
        description: "What sort of body it is.",
      },
      count: { type: "int", description: "For a group of unnamed units: how many there are." },
    },
  },
  Region: {
    description: "An administrative region: province, municipality, prefecture-level city, district.",
    properties: {
      level: { type: "string", required: true, enum: REGION_LEVELS, description: "Administrative level." },
    },
  },
  Alliance: {
    description: "A standing alliance or network of organisations spanning regions.",
    properties: {
      foundedYear: { type: "int", description: "Year founded (the sources often give only year and month)." },
      foundedMonth: { type: "int", description: "Month founded, 1–12." },
    },
  },
  Person: {
    description: "A named person, e.g. a reporter.",
    properties: {
      role: { type: "string", description: "Role in the sources, e.g. reporter or photographer." },
    },
  },
  Event: {
    description: "A meeting, ceremony, competition, campaign or activity.",
    properties: {
      kind: { type: "string", description: "e.g. ceremony, competition, campaign, activity, selection." },
      year: { type: "int", description: "Year it took place or started." },
      date: { type: "date", description: "Exact date, when the sources give one." },
    },
  },
  Article: {
    description: "A news story; the provenance of the facts drawn from it.",
    properties: {
      title: { type: "string", required: true, description: "Headline in the original language." },
      titleEn: { type: "string", description: "Headline in English." },
      source: { type: "string", description: "Source document the story was read from (file name)." },
      section: { type: "string", description: "Column or section heading, e.g. 他山之石." },
      publishedIn: { type: "string", description: "Publication, when named." },
      text: { type: "string", description: "The story's text, page-break artefacts removed." },
    },
  },
};

export const RELATIONSHIP_TYPES = [
  "PART_OF",
  "LOCATED_IN",
  "MEMBER_OF",
  "SPANS",
  "DESIGNATED",
  "ESTABLISHED",
  "ORGANISED",
  "PARTICIPATED_IN",
  "COOPERATES_WITH",
  "GUIDES",
  "REPORTED",
  "REPUBLISHED_FROM",
  "MENTIONS",
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface RelationshipSpec {
  description: string;
  /** Labels the relationship may start from and end at. */
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  properties: Record<string, PropertySpec>;
}

const ENTITY_LABELS: readonly NodeLabel[] = ["Organisation", "Region", "Alliance", "Person", "Event"];

/** Properties every relationship has: its provenance. */
export const COMMON_RELATIONSHIP_PROPERTIES: Record<string, PropertySpec> = {
  evidence: {
    type: "string[]",
    required: true,
    description: "Sentence(s) of the article that support the fact, quoted verbatim.",
  },
  article: { type: "string", required: true, description: "id of the Article the evidence is quoted from." },
};

export const RELATIONSHIP_SPECS: Record<RelationshipType, RelationshipSpec> = {
  PART_OF: {
    description: "Is a subdivision or sub-unit of (district of a city, union of a federation).",
    from: ["Organisation", "Region"],
    to: ["Organisation", "Region"],
    properties: {},
  },
  LOCATED_IN: {
    description: "Is based in, or takes place in, a region.",
    from: ["Organisation", "Event", "Alliance"],
    to: ["Region"],
    properties: {},
  },
  MEMBER_OF: {
    description: "Belongs to an alliance or organisation.",
    from: ["Organisation", "Person", "Region"],
    to: ["Alliance", "Organisation"],
    properties: { since: { type: "date", description: "When membership began." } },
  },
  SPANS: {
    description: "An alliance or programme covers a region.",
    from: ["Alliance", "Event"],
    to: ["Region"],
    properties: {},
  },
  DESIGNATED: {
    description: "Officially designated or accredited (e.g. as a 首都工匠学院 or an innovation studio).",
    from: ["Organisation"],
    to: ["Organisation"],
    properties: {
      year: { type: "int", description: "Year of the designation." },
      title: { type: "string", description: "The title conferred, in the original language." },
    },
  },
  ESTABLISHED: {
    description: "Set up or founded.",
    from: ["Organisation", "Region"],
    to: ["Organisation", "Alliance", "Event"],
    properties: { year: { type: "int", description: "Year established." } },
  },
  ORGANISED: {
    description: "Organised, hosted or ran an event.",
    from: ["Organisation"],
    to: ["Event"],
    properties: {},
  },
  PARTICIPATED_IN: {
    description: "Took part in an event.",
    from: ["Organisation", "Person", "Region", "Alliance"],
    to: ["Event"],
    properties: {},
  },
  COOPERATES_WITH: {
    description: "Works together with (joint action, liaison).",
    from: ["Organisation"],
    to: ["Organisation"],
    properties: {},
  },
  GUIDES: {
    description: "Leads, supervises or sets policy for.",
    from: ["Organisation"],
    to: ["Organisation", "Event", "Alliance"],
    properties: {},
  },
  REPORTED: {
    description: "A reporter or photographer wrote or shot the story.",
    from: ["Person"],
    to: ["Article"],
    properties: { role: { type: "string", description: "reporter or photographer." } },
  },
  REPUBLISHED_FROM: {
    description: "The story was republished from a media outlet.",
    from: ["Article"],
    to: ["Organisation"],
    properties: {},
  },
  MENTIONS: {
    description: "The article names the entity.",
    from: ["Article"],
    to: ENTITY_LABELS,
    properties: {},
  },
};

/** Scalars and lists a property can hold once parsed: dates stay ISO `YYYY-MM-DD` strings until the Neo4j door. */
export type PropertyValue = string | number | boolean | string[] | number[];
export type Properties = Record<string, PropertyValue>;

/** A node as read from an input file, after validation. */
export interface NodeRecord {
  label: NodeLabel;
  id: string;
  /** All properties, including id, name, nameEn. */
  properties: Properties;
  /** Types the input declared for properties the model does not know (CSV `since:date`). */
  declaredTypes?: Record<string, PropertyType>;
}

/** A relationship as read from an input file, after validation. Identity: (start, type, end). */
export interface RelationshipRecord {
  type: RelationshipType;
  start: string;
  end: string;
  /** All properties, including evidence and article. */
  properties: Properties;
  /** Types the input declared for properties the model does not know (CSV `weight:float`). */
  declaredTypes?: Record<string, PropertyType>;
}

export interface Dataset {
  nodes: NodeRecord[];
  relationships: RelationshipRecord[];
}

/** The type of every property the model knows for a label (common ones included). */
export function nodePropertySpecs(label: NodeLabel): Record<string, PropertySpec> {
  return { ...COMMON_NODE_PROPERTIES, ...LABEL_SPECS[label].properties };
}

export function relationshipPropertySpecs(type: RelationshipType): Record<string, PropertySpec> {
  return { ...COMMON_RELATIONSHIP_PROPERTIES, ...RELATIONSHIP_SPECS[type].properties };
}

export function isNodeLabel(value: string): value is NodeLabel {
  return (NODE_LABELS as readonly string[]).includes(value);
}

export function isRelationshipType(value: string): value is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(value);
}

/** Identity of a relationship: ingest merges on it, so re-ingesting never duplicates. */
export function relationshipKey(rel: Pick<RelationshipRecord, "start" | "type" | "end">): string {
  return `${rel.start}\u0000${rel.type}\u0000${rel.end}`;
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
