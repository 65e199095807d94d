/** Writes schema/guanxi-dataset.schema.json from the domain model (npm run schema). */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetJsonSchemaText } from "../core/dataset-schema.ts";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "guanxi-dataset.schema.json");
writeFileSync(target, datasetJsonSchemaText());
console.log(`wrote ${target}`);
