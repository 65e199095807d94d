/**
 * Which relationship types a metric counts by default: every type present except those that only
 * link the schema's documents to what they name (on the news schema, Article -[:MENTIONS]-> entity):
 * such links make every article a hub and say nothing about who is linked to whom. The analyst can
 * tick them back on.
 */
import type { GraphSchema } from "../schema/graph-schema.ts";

export function isDocumentLink(schema: GraphSchema, type: string): boolean {
  const document = schema.documentLabel;
  if (!document || !schema.hasRelationshipType(type)) return false;
  const { from } = schema.allowedEnds(type);
  return from.length > 0 && from.every((label) => label === document);
}

export function defaultCountedTypes(schema: GraphSchema, present: Iterable<string>): string[] {
  return [...new Set(present)].filter((type) => !isDocumentLink(schema, type)).sort();
}
