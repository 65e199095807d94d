/**
 * The published JSON Schema of Guanxi's data set format, generated from a schema (the news default for the
 * published file) so the two
 * never drift apart. `npm run schema` writes it to schema/guanxi-dataset.schema.json; a test checks the
 * committed file is current.
 */
import type { PropertySpec } from "./model.ts";
import { DEFAULT_SCHEMA, PROVENANCE_PROPERTIES, type GraphSchema } from "./schema/graph-schema.ts";

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

export function buildDatasetJsonSchema(schema: GraphSchema = DEFAULT_SCHEMA): JsonSchema {
  const nonEmpty = { type: "string", minLength: 1 };
  const nodeSchemas = schema.labels.map((label) =>
    objectSchema(
      "label",
      label,
      schema.document.labels[label]!.description ?? label,
      schema.nodePropertySpecs(label),
      {},
    ),
  );
  const relationshipSchemas = schema.relationshipTypes.map((type) => {
    const ends = schema.allowedEnds(type);
    const rule = schema.provenance(type);
    const { articles: _stored, ...specs } = schema.relationshipPropertySpecs(type);
    void _stored;
    const result = objectSchema(
      "type",
      type,
      `${schema.document.relationshipTypes[type]!.description ?? type} From ${ends.from.join("/")} to ${ends.to.join("/")}.`,
      specs,
      {
        start: { ...nonEmpty, description: "id of the start node" },
        end: { ...nonEmpty, description: "id of the end node" },
      },
    );
    const properties = result.properties as Record<string, JsonSchema>;
    if (rule !== "none") {
      properties.evidence = {
        description: PROVENANCE_PROPERTIES.evidence!.description,
        type: "array",
        minItems: 1,
        items: { type: "string", minLength: 1, pattern: "\\S" },
      };
      properties.article = { ...nonEmpty, description: "id of the article the evidence is quoted from" };
      properties.articles = {
        type: "array",
        items: nonEmpty,
        description: "id of the article of each evidence sentence (instead of article)",
      };
      if (rule === "required") (result.required as string[]).push("evidence");
    }
    return result;
  });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "guanxi-dataset.schema.json",
    title: "Guanxi data set",
    description: `Entities and relationships with provenance, as read by \`guanxi ingest\`, in the schema "${schema.name}". Relationships quote their evidence from the article they come from; several articles' evidence for one fact accumulates.`,
    type: "object",
    required: ["nodes"],
    properties: {
      $schema: { type: "string" },
      format: { const: "guanxi-dataset" },
      version: { const: 1 },
      description: { type: "string" },
      schema: {
        $ref: "guanxi-schema.schema.json",
        description: "The data set's own schema (instead of the built-in news schema).",
      },
      nodes: { type: "array", items: { oneOf: nodeSchemas } },
      relationships: { type: "array", items: { oneOf: relationshipSchemas } },
    },
    additionalProperties: false,
  };
}

export function datasetJsonSchemaText(): string {
  return JSON.stringify(buildDatasetJsonSchema(), null, 2) + "\n";
}
