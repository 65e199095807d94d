/** Properties Guanxi computes at ingest from what the input gives (see `derived` in core/schema/graph-schema.ts). */
import { derivedNodeProperties } from "../core/derived-properties.ts";
import type { Dataset } from "../core/model.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";

export function addDerivedProperties(dataset: Dataset, schema: GraphSchema): Dataset {
  for (const node of dataset.nodes)
    Object.assign(node.properties, derivedNodeProperties(node.properties, node.labels, schema));
  return dataset;
}
