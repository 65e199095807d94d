/**
 * `guanxi index`: the full-text search index for any database — every label it holds, with each label's
 * caption (from the schema, else inferred), English names, aliases and pinyin keys where present.
 */
import type { Command } from "commander";
import { activeSchema } from "../core/node/load-schema.ts";
import { CAPTION_CANDIDATES } from "../core/schema/graph-schema.ts";
import { FULLTEXT_INDEX, searchIndexPlan } from "../core/schema/schema-statements.ts";
import { inferSchema } from "../core/node/infer-schema.ts";
import { databaseLabels, readSearchIndex } from "../core/node/search-index.ts";
import { ensureSearchIndex } from "../ingest/write.ts";
import { withDatabase } from "./connect.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";

export function registerIndexCommand(program: Command): void {
  program
    .command("index")
    .description("create or extend the search index over every label of the database")
    .option(...SCHEMA_OPTION)
    .action(async (opts: { schema?: string }) => {
      const { schema } = activeSchema(schemaFile(opts));
      await withDatabase(async (db) => {
        const labels = await databaseLabels(db);
        // Captions of labels the schema does not know, inferred from what the database holds.
        const inferred = labels.some((l) => !schema.hasLabel(l)) ? await inferSchema(db) : undefined;
        const properties = new Set(CAPTION_CANDIDATES);
        for (const label of labels) {
          const caption = schema.captionProperty([label]) ?? inferred?.labels[label]?.caption;
          if (caption) properties.add(caption);
        }
        const before = await readSearchIndex(db);
        // The database's labels (the schema's first, in its order), the schema's search properties and every caption.
        const schemaPlan = searchIndexPlan(schema);
        const wanted = {
          labels: [
            ...schemaPlan.labels.filter((l) => labels.includes(l)),
            ...labels.filter((l) => !schema.hasLabel(l)),
          ],
          properties: [...new Set([...schemaPlan.properties, ...properties])],
        };
        if (wanted.labels.length === 0) {
          process.stdout.write("The database has no labelled nodes: nothing to index yet.\n");
          return;
        }
        const plan = await ensureSearchIndex(db, wanted);
        await db.runAutoCommit("CALL db.awaitIndexes(600)");
        const grew =
          !before ||
          before.labels.length !== plan.labels.length ||
          before.properties.length !== plan.properties.length;
        process.stdout.write(
          `${grew ? (before ? "Extended" : "Created") : "Kept"} the search index ${FULLTEXT_INDEX}: ${plan.labels.length} labels (${plan.labels.join(", ")}), properties ${plan.properties.join(", ")}.\n`,
        );
      });
    });
}
