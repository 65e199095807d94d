/**
 * JSON bodies keep the types they were sent with. Fastify's Ajv coerces types for every part of a
 * request, which is right for query strings (`?limit=5` is text) and wrong for JSON: `{"cypher": 5}`
 * would run the query "5", `"rowLimit": "5"` would pass as 5. This checks the `type` of every field a
 * body schema declares, before Ajv sees (and coerces) the body; the rest of the schema Ajv checks as before.
 */

interface TypedSchema {
  type?: string | readonly string[];
  properties?: Record<string, TypedSchema>;
  items?: TypedSchema;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matches(declared: string, actual: string): boolean {
  return declared === actual || (declared === "number" && actual === "integer");
}

/** The first field of `value` whose JSON type is not the one `schema` declares, as a message. */
export function jsonTypeError(schema: TypedSchema, value: unknown, where = "body"): string | undefined {
  const actual = jsonType(value);
  if (schema.type !== undefined) {
    const declared = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!declared.some((t) => matches(t, actual))) {
      const wanted = declared.map((t) => (t === "integer" ? "integer (a whole number)" : t)).join(" or ");
      return `${where} must be ${wanted}, not ${actual === "integer" ? "number" : actual} (JSON types are not converted)`;
    }
  }
  if (actual === "object" && schema.properties) {
    for (const [key, property] of Object.entries(schema.properties)) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined) continue;
      const error = jsonTypeError(property, field, `${where}/${key}`);
      if (error) return error;
    }
  }
  if (actual === "array" && schema.items) {
    for (const [i, item] of (value as unknown[]).entries()) {
      const error = jsonTypeError(schema.items, item, `${where}/${i}`);
      if (error) return error;
    }
  }
  return undefined;
}
