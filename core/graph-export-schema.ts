/**
 * The published JSON Schema of the JSON export (GraphExportEnvelope in core/model.ts). `npm run schema`
 * writes it to schema/guanxi-graph.schema.json; a test checks the committed file is current.
 */
import { GRAPH_EXPORT_FORMAT, GRAPH_EXPORT_VERSION, PROPERTY_TYPES } from "./model.ts";

type JsonSchema = Record<string, unknown>;

/** A property value as Neo4j holds it, in JSON: dates are `YYYY-MM-DD` text; maps are points and the like. */
const PROPERTY_VALUE: JsonSchema = {
  anyOf: [
    { type: ["string", "number", "boolean"] },
    { type: "array", items: { type: ["string", "number", "boolean"] } },
    { type: "object" },
  ],
};

const PROPERTIES: JsonSchema = {
  type: "object",
  description: "Every property of the element but the derived ones (pinyin).",
  additionalProperties: PROPERTY_VALUE,
};

const PROPERTY_TYPES_MAP: JsonSchema = {
  type: "object",
  additionalProperties: { enum: [...PROPERTY_TYPES] },
};

const VIEW: Record<string, JsonSchema> = {
  x: { type: "number" },
  y: { type: "number" },
  size: { type: "number", minimum: 0 },
  color: { type: "string", description: "CSS colour, e.g. #3b82c4" },
};

export function buildGraphExportJsonSchema(): JsonSchema {
  const nodeAttributes: JsonSchema = {
    type: "object",
    required: ["label", "category", "labels", "name", "properties"],
    properties: {
      label: { type: "string", description: "What graph viewers show: the name." },
      category: { type: "string", description: "The domain label (Organisation, Region, …)." },
      labels: { type: "array", items: { type: "string" } },
      name: { type: "string" },
      nameEn: { type: "string" },
      id: { type: "string", description: "Guanxi's stable id, when the node has one." },
      properties: PROPERTIES,
      scores: {
        type: "object",
        description:
          "Analysis results (core/analysis): metric id (pagerank, betweenness, louvain, …) → value; partitions (louvain, components, kcore) are integers.",
        additionalProperties: { type: "number" },
      },
      ...VIEW,
    },
    additionalProperties: false,
  };
  const edgeAttributes: JsonSchema = {
    type: "object",
    required: ["label", "relType", "properties"],
    properties: {
      label: { type: "string", description: "What graph viewers show: the relationship type." },
      relType: { type: "string" },
      properties: PROPERTIES,
      color: VIEW.color,
    },
    additionalProperties: false,
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "guanxi-graph.schema.json",
    title: "Guanxi graph export",
    description:
      "A subgraph exported by Guanxi (`guanxi export --format json`): graphology's serialisation (`graph.export()`, read back by `graph.import()`) in a versioned envelope.",
    type: "object",
    required: ["format", "version", "exportedAt", "source", "propertyTypes", "graph"],
    properties: {
      format: { const: GRAPH_EXPORT_FORMAT },
      version: { const: GRAPH_EXPORT_VERSION },
      exportedAt: { type: "string", format: "date-time" },
      source: {
        type: "object",
        properties: {
          description: { type: "string" },
          query: { type: "string", description: "The Cypher the graph was read with." },
          params: { type: "object" },
        },
        additionalProperties: false,
      },
      propertyTypes: {
        type: "object",
        description: "The type of each property key, for nodes and for edges (the model's, else inferred).",
        required: ["node", "edge"],
        properties: { node: PROPERTY_TYPES_MAP, edge: PROPERTY_TYPES_MAP },
        additionalProperties: false,
      },
      graph: {
        type: "object",
        required: ["options", "attributes", "nodes", "edges"],
        properties: {
          options: {
            type: "object",
            properties: {
              type: { const: "directed" },
              multi: { const: true },
              allowSelfLoops: { const: true },
            },
            required: ["type", "multi", "allowSelfLoops"],
          },
          attributes: { type: "object" },
          nodes: {
            type: "array",
            items: {
              type: "object",
              required: ["key", "attributes"],
              properties: { key: { type: "string", minLength: 1 }, attributes: nodeAttributes },
              additionalProperties: false,
            },
          },
          edges: {
            type: "array",
            items: {
              type: "object",
              required: ["key", "source", "target", "attributes"],
              properties: {
                key: { type: "string", minLength: 1 },
                source: { type: "string" },
                target: { type: "string" },
                attributes: edgeAttributes,
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}

export function graphExportJsonSchemaText(): string {
  return JSON.stringify(buildGraphExportJsonSchema(), null, 2) + "\n";
}
