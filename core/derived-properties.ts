/**
 * Properties Guanxi computes from a node's own (see `derived` in core/schema/graph-schema.ts): ingest adds
 * them, and the Cypher script export writes them too, so a database rebuilt from a script is the one ingest
 * would build.
 */
import type { Properties } from "./model.ts";
import { pinyinKeys } from "./pinyin.ts";
import { captionOf, DEFAULT_SCHEMA, type GraphSchema } from "./schema/graph-schema.ts";

/** Pinyin keys of the node's caption, its name and its aliases (Chinese text only). */
export function derivedNodeProperties(
  properties: Readonly<Record<string, unknown>>,
  labels: readonly string[] = [],
  schema: GraphSchema = DEFAULT_SCHEMA,
): Properties {
  const { name, aliases } = properties;
  const names = [
    captionOf(properties, labels, schema),
    name,
    ...(Array.isArray(aliases) ? aliases : []),
  ].filter((n): n is string => typeof n === "string");
  const keys = pinyinKeys([...new Set(names)]);
  return keys.length > 0 ? { pinyin: keys } : {};
}
