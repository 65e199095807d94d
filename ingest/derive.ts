/** Properties Guanxi computes at ingest from what the input gives (see `derived` in core/model.ts). */
import { derivedNodeProperties } from "../core/derived-properties.ts";
import type { Dataset } from "../core/model.ts";

export function addDerivedProperties(dataset: Dataset): Dataset {
  for (const node of dataset.nodes) Object.assign(node.properties, derivedNodeProperties(node.properties));
  return dataset;
}
