/** Writes the published JSON Schemas from the domain model (npm run schema): data set, graph export, schema document and draft. */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetJsonSchemaText } from "../core/dataset-schema.ts";
import { graphExportJsonSchemaText } from "../core/graph-export-schema.ts";
import { schemaDocumentJsonSchemaText } from "../core/schema/document-json-schema.ts";
import { draftJsonSchemaText } from "../core/draft-schema.ts";

const folder = join(dirname(fileURLToPath(import.meta.url)), "..", "schema");
for (const [name, text] of [
  ["guanxi-dataset.schema.json", datasetJsonSchemaText()],
  ["guanxi-graph.schema.json", graphExportJsonSchemaText()],
  ["guanxi-schema.schema.json", schemaDocumentJsonSchemaText()],
  ["guanxi-draft.schema.json", draftJsonSchemaText()],
] as const) {
  const target = join(folder, name);
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
