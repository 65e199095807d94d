/** `guanxi ingest [FILE…]`: validate, then write, with progress and a summary of what changed. */
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { SEED_DATASET, ingestFiles, type IngestReport } from "../ingest/ingest.ts";
import { createProgress } from "../ingest/progress.ts";
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from "../ingest/write.ts";
import { withDatabase } from "./connect.ts";

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function counts(c: { created: number; updated: number; unchanged: number }): string {
  return `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;
}

export function summarise(report: IngestReport): string {
  const changed =
    report.nodes.created + report.nodes.updated + report.relationships.created + report.relationships.updated;
  const lines = [`Nodes:         ${counts(report.nodes)}`, `Relationships: ${counts(report.relationships)}`];
  lines.push(
    changed === 0
      ? "Nothing changed: the database already holds this data."
      : `Ingested ${report.files.join(", ")}.`,
  );
  return lines.join("\n");
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("validate data files and merge them into Neo4j (no file: the seed data set)")
    .argument("[files...]", "Guanxi .json data sets or neo4j-admin style .csv files")
    .option("--batch-size <n>", "rows per transaction for large inputs", positiveInt, DEFAULT_BATCH_SIZE)
    .option(
      "--concurrency <n>",
      "transactions written at once for large inputs",
      positiveInt,
      DEFAULT_CONCURRENCY,
    )
    .action(async (files: string[], opts: { batchSize: number; concurrency: number }) => {
      const inputs = files.length > 0 ? files : [SEED_DATASET];
      await withDatabase(async (db) => {
        let progress: ReturnType<typeof createProgress> | undefined;
        const report = await ingestFiles(db, inputs, {
          batchSize: opts.batchSize,
          concurrency: opts.concurrency,
          onProgress: (done, total) => {
            progress ??= createProgress(total, "rows");
            progress.update(done);
          },
        });
        progress?.finish();
        process.stdout.write(summarise(report) + "\n");
      });
    });
}
