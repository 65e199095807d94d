/**
 * The schema document: what a graph may hold — labels, relationship types with their allowed ends, typed
 * properties, required fields, closed vocabularies, the caption property per label, descriptions, and which
 * relationships must carry provenance. The news model (core/schema/news-schema.ts) is the built-in default;
 * analysts bring their own as a JSON file (`--schema FILE`, `GUANXI_SCHEMA`, or a data set's `schema`
 * section), checked by `guanxi schema check` against schema/guanxi-schema.schema.json.
 *
 * Browser-safe: plain types and data, no Node imports.
 */
import type { PropertySpec } from "../model.ts";

export const SCHEMA_FORMAT = "guanxi-schema";
export const SCHEMA_VERSION = 1;

export interface LabelDefinition {
  description?: string;
  /** The property the explorer shows as the node's name (default: name, title, caption, then the first text property). */
  caption?: string;
  properties?: Record<string, PropertySpec>;
}

/**
 * Provenance of a relationship: `required` — every relationship of the type quotes its `evidence` from a
 * source document (`article`); `optional` — evidence may be given; `none` — the type carries no evidence.
 */
export type ProvenanceRule = "required" | "optional" | "none";

export interface RelationshipTypeDefinition {
  description?: string;
  /** Labels the relationship may start from and end at. */
  from: string[];
  to: string[];
  properties?: Record<string, PropertySpec>;
  /** Default: the schema's `provenance.default`, else `optional`. */
  provenance?: ProvenanceRule;
  /**
   * The start lies under the end in a hierarchy (a district PART_OF its city, an office LOCATED_IN its
   * region): the explorer's hierarchical layout draws the end above the start by default.
   */
  hierarchy?: boolean;
}

export interface SchemaDocument {
  $schema?: string;
  format?: typeof SCHEMA_FORMAT;
  version?: typeof SCHEMA_VERSION;
  /** A short name, shown by `guanxi doctor` and the explorer (e.g. "news", "companies"). */
  name: string;
  description?: string;
  /** Properties every node may have, whatever its label (`id` is always there: Guanxi's key). */
  nodeProperties?: Record<string, PropertySpec>;
  labels: Record<string, LabelDefinition>;
  /** Properties every relationship may have. */
  relationshipProperties?: Record<string, PropertySpec>;
  relationshipTypes: Record<string, RelationshipTypeDefinition>;
  provenance?: {
    /** The label of the documents evidence is quoted from; `article` holds such a node's id. */
    documentLabel?: string;
    /** The rule for relationship types that do not set one (default `optional`). */
    default?: ProvenanceRule;
  };
}
