/**
 * The published JSON Schema of a schema document (schema/guanxi-schema.schema.json, `npm run schema`):
 * what `guanxi schema check` validates a file against before its own checks (ends name labels, captions
 * name properties, reserved names).
 */
import { PROPERTY_TYPES } from "../model.ts";
import { SCHEMA_FORMAT, SCHEMA_VERSION } from "./document.ts";

type JsonSchema = Record<string, unknown>;

const NAME = { type: "string", minLength: 1, pattern: "^[^\\u0000-\\u001f`]+$" };

const PROPERTY_SPEC: JsonSchema = {
  type: "object",
  required: ["type"],
  additionalProperties: false,
  properties: {
    type: { enum: [...PROPERTY_TYPES], description: "The value type, named as in neo4j-admin CSV headers." },
    description: { type: "string" },
    required: { type: "boolean", description: "Every node or relationship must have it." },
    enum: {
      type: "array",
      items: { type: "string" },
      minItems: 1,
      uniqueItems: true,
      description: "A closed vocabulary: the only values allowed (text properties).",
    },
    time: {
      const: "year",
      description: 'An int that is a point in time: "year" (2023 is the year 2023, shown on the timeline).',
    },
    monthProperty: {
      type: "string",
      minLength: 1,
      description: 'With time "year": the int property of the same element holding the month (1–12).',
    },
  },
};

const PROPERTIES: JsonSchema = {
  type: "object",
  propertyNames: NAME,
  additionalProperties: { $ref: "#/$defs/property" },
};

const PROVENANCE_RULE = {
  enum: ["required", "optional", "none"],
  description:
    "required: every relationship quotes its evidence from a source document; optional: it may; none: it carries no evidence.",
};

export function buildSchemaDocumentJsonSchema(): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "guanxi-schema.schema.json",
    title: "Guanxi schema",
    description:
      "What a Guanxi graph may hold: labels, relationship types with their allowed ends, typed properties, required fields, closed vocabularies, captions and provenance rules.",
    type: "object",
    required: ["name", "labels", "relationshipTypes"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      format: { const: SCHEMA_FORMAT },
      version: { const: SCHEMA_VERSION },
      name: { type: "string", minLength: 1 },
      description: { type: "string" },
      nodeProperties: { ...PROPERTIES, description: "Properties any node may have, whatever its label." },
      labels: {
        type: "object",
        minProperties: 1,
        propertyNames: NAME,
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          properties: {
            description: { type: "string" },
            caption: { type: "string", minLength: 1, description: "The property shown as the node's name." },
            properties: PROPERTIES,
          },
        },
      },
      relationshipProperties: { ...PROPERTIES, description: "Properties any relationship may have." },
      relationshipTypes: {
        type: "object",
        propertyNames: NAME,
        additionalProperties: {
          type: "object",
          required: ["from", "to"],
          additionalProperties: false,
          properties: {
            description: { type: "string" },
            from: { type: "array", items: NAME, minItems: 1, uniqueItems: true },
            to: { type: "array", items: NAME, minItems: 1, uniqueItems: true },
            properties: PROPERTIES,
            provenance: PROVENANCE_RULE,
            hierarchy: {
              type: "boolean",
              description:
                "The start lies under the end in a hierarchy (a district PART_OF its city): the hierarchical layout draws the end above.",
            },
          },
        },
      },
      provenance: {
        type: "object",
        additionalProperties: false,
        properties: {
          documentLabel: {
            ...NAME,
            description: "The label of the source documents evidence is quoted from (e.g. Article).",
          },
          default: PROVENANCE_RULE,
        },
      },
    },
    $defs: { property: PROPERTY_SPEC },
  };
}

export function schemaDocumentJsonSchemaText(): string {
  return JSON.stringify(buildSchemaDocumentJsonSchema(), null, 2) + "\n";
}
