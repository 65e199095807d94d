/** Properties Guanxi computes at ingest from what the input gives (see `derived` in core/model.ts). */
import type { Dataset } from "../core/model.ts";
import { pinyinKeys } from "../core/pinyin.ts";

export function addDerivedProperties(dataset: Dataset): Dataset {
  for (const node of dataset.nodes) {
    const { name, aliases } = node.properties;
    const names = [name, ...(Array.isArray(aliases) ? aliases : [])].filter(
      (n): n is string => typeof n === "string",
    );
    const keys = pinyinKeys(names);
    if (keys.length > 0) node.properties.pinyin = keys;
  }
  return dataset;
}
