/**
 * Which relationship types a metric counts by default: every type present except those that only
 * link the schema's documents to what they name (on the news schema, Article -[:MENTIONS]-> entity):
 * such links make every article a hub and say nothing about who is linked to whom. The analyst can
 * tick them back on.
 */
import type { GraphSchema } from "../schema/graph-schema.ts";

/** What the choice reads of a schema: a GraphSchema, or the explorer's summary of one. */
export type CountedTypesSchema = Pick<GraphSchema, "documentLabel" | "hasRelationshipType" | "allowedEnds">;

export function isDocumentLink(schema: CountedTypesSchema, type: string): boolean {
  const document = schema.documentLabel;
  if (!document || !schema.hasRelationshipType(type)) return false;
  const { from } = schema.allowedEnds(type);
  return from.length > 0 && from.every((label) => label === document);
}

export function defaultCountedTypes(schema: CountedTypesSchema, present: Iterable<string>): string[] {
  return [...new Set(present)].filter((type) => !isDocumentLink(schema, type)).sort();
}
