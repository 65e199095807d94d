/**
 * Properties Guanxi computes from a node's own (see `derived` in core/model.ts): ingest adds them, and the
 * Cypher script export writes them too, so a database rebuilt from a script is the one ingest would build.
 */
import type { Properties } from "./model.ts";
import { pinyinKeys } from "./pinyin.ts";

export function derivedNodeProperties(properties: Readonly<Record<string, unknown>>): Properties {
  const { name, aliases } = properties;
  const names = [name, ...(Array.isArray(aliases) ? aliases : [])].filter(
    (n): n is string => typeof n === "string",
  );
  const keys = pinyinKeys(names);
  return keys.length > 0 ? { pinyin: keys } : {};
}
