/**
 * The published JSON Schema of Guanxi's data set format, generated from the domain model so the two
 * never drift apart. `npm run schema` writes it to schema/guanxi-dataset.schema.json; a test checks the
 * committed file is current.
 */
import {
  COMMON_RELATIONSHIP_PROPERTIES,
  LABEL_SPECS,
  NODE_LABELS,
  RELATIONSHIP_SPECS,
  RELATIONSHIP_TYPES,
  nodePropertySpecs,
  relationshipPropertySpecs,
  type PropertySpec,
} from "./model.ts";

type JsonSchema = Record<string, unknown>;

const SCALAR: Record<string, JsonSchema> = {
  string: { type: "string" },
  int: { type: "integer" },
  float: { type: "number" },
  boolean: { type: "boolean" },
  date: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
};

function propertySchema(spec: PropertySpec): JsonSchema {
  const base = spec.type.replace("[]", "");
  const item: JsonSchema = { ...SCALAR[base] };
  if (spec.enum) item.enum = [...spec.enum];
  const schema: JsonSchema = spec.type.endsWith("[]") ? { type: "array", items: item } : item;
  return { description: spec.description, ...schema };
}

/** Properties outside the model: anything Neo4j can store on a node or relationship. */
const FREE_PROPERTY: JsonSchema = {
  anyOf: [
    { type: ["string", "number", "boolean"] },
    { type: "array", items: { type: "string" } },
    { type: "array", items: { type: "number" } },
    { type: "array", items: { type: "boolean" } },
  ],
};

function objectSchema(
  discriminator: string,
  value: string,
  description: string,
  specs: Record<string, PropertySpec>,
  extra: Record<string, JsonSchema>,
): JsonSchema {
  const properties: Record<string, JsonSchema | false> = { [discriminator]: { const: value }, ...extra };
  const required = [discriminator, ...Object.keys(extra)];
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.derived) {
      properties[name] = false; // computed by Guanxi at ingest
      continue;
    }
    properties[name] = propertySchema(spec);
    if (spec.required) required.push(name);
  }
  return {
    title: value,
    description,
    type: "object",
    properties,
    required,
    additionalProperties: FREE_PROPERTY,
  };
}

export function buildDatasetJsonSchema(): JsonSchema {
  const nonEmpty = { type: "string", minLength: 1 };
  const nodeSchemas = NODE_LABELS.map((label) =>
    objectSchema("label", label, LABEL_SPECS[label].description, nodePropertySpecs(label), {}),
  );
  const relationshipSchemas = RELATIONSHIP_TYPES.map((type) => {
    const spec = RELATIONSHIP_SPECS[type];
    const schema = objectSchema(
      "type",
      type,
      `${spec.description} From ${spec.from.join("/")} to ${spec.to.join("/")}.`,
      relationshipPropertySpecs(type),
      {
        start: { ...nonEmpty, description: "id of the start node" },
        end: { ...nonEmpty, description: "id of the end node" },
      },
    );
    const properties = schema.properties as Record<string, JsonSchema>;
    properties.evidence = {
      description: COMMON_RELATIONSHIP_PROPERTIES.evidence!.description,
      type: "array",
      minItems: 1,
      items: { type: "string", minLength: 1, pattern: "\\S" },
    };
    return schema;
  });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "guanxi-dataset.schema.json",
    title: "Guanxi data set",
    description:
      "Entities and relationships with provenance, as read by `guanxi ingest`. Every relationship quotes its evidence from an Article.",
    type: "object",
    required: ["nodes"],
    properties: {
      $schema: { type: "string" },
      format: { const: "guanxi-dataset" },
      version: { const: 1 },
      description: { type: "string" },
      nodes: { type: "array", items: { oneOf: nodeSchemas } },
      relationships: { type: "array", items: { oneOf: relationshipSchemas } },
    },
    additionalProperties: false,
  };
}

export function datasetJsonSchemaText(): string {
  return JSON.stringify(buildDatasetJsonSchema(), null, 2) + "\n";
}
