/** `guanxi ingest [FILE…]`: validate, then write, with progress and a summary of what changed. */
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { SEED_DATASET, ingestFiles, type IngestReport } from "../ingest/ingest.ts";
import { createProgress } from "../ingest/progress.ts";
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from "../ingest/write.ts";
import { INPUT_ENCODINGS, type InputEncoding } from "../ingest/decode.ts";
import { delimiterOption } from "../ingest/read-csv.ts";
import { maxPropertyBytesFromEnv } from "../core/property-size.ts";
import { withDatabase } from "./connect.ts";
import { bulkIngestFiles } from "../ingest/bulk.ts";
import { bundledDataDir } from "../core/node/connection.ts";
import { resolve } from "node:path";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";

function positiveInt(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

function delimiter(text: string): string {
  try {
    return delimiterOption(text, "the delimiter");
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

interface IngestCliOptions {
  batchSize: number;
  concurrency: number;
  schema?: string;
  delimiter: string;
  arrayDelimiter: string;
  maxPropertyBytes: number;
  encoding: InputEncoding;
  accept?: "linked";
  stdinFormat: "json" | "csv";
  bulk?: boolean;
}

function encodingOption(text: string): InputEncoding {
  const name = text.toLowerCase().replace(/^utf8$/, "utf-8");
  if ((INPUT_ENCODINGS as readonly string[]).includes(name)) return name as InputEncoding;
  throw new InvalidArgumentError(`must be one of ${INPUT_ENCODINGS.join(", ")}`);
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
  if (report.drafts) {
    const { skipped, dropped } = report.drafts;
    if (dropped > 0)
      lines.push(`Draft:         ${dropped} rejected item${dropped === 1 ? "" : "s"} left out`);
    if (skipped.length > 0)
      lines.push(
        `Draft:         ${skipped.length} unreviewed item${skipped.length === 1 ? "" : "s"} left out (--accept linked):`,
        ...skipped.slice(0, 20).map((s) => `  ${s}`),
        ...(skipped.length > 20 ? [`  … and ${skipped.length - 20} more`] : []),
      );
  }
  if (report.schema.source !== "default")
    lines.push(`Schema:        "${report.schema.schema.name}" from ${report.schema.source}`);
  return lines.join("\n");
}

export function registerIngestCommand(program: Command): void {
  program
    .command("ingest")
    .description("validate data files and merge them into Neo4j (no file: the seed data set)")
    .argument(
      "[files...]",
      "Guanxi .json data sets, reviewed drafts of guanxi extract, or neo4j-admin style .csv files (- : standard input)",
    )
    .addOption(
      new Option("--stdin-format <format>", "what - (standard input) holds")
        .choices(["json", "csv"])
        .default("json"),
    )
    .option("--batch-size <n>", "rows per transaction for large inputs", positiveInt, DEFAULT_BATCH_SIZE)
    .option(...SCHEMA_OPTION)
    .option(
      "--delimiter <char>",
      "CSV field delimiter, as neo4j-admin's (one character or TAB)",
      delimiter,
      ",",
    )
    .option(
      "--array-delimiter <char>",
      "CSV list and multiple-label separator, as neo4j-admin's",
      delimiter,
      ";",
    )
    .option(
      "--encoding <name>",
      `encoding of the input files: ${INPUT_ENCODINGS.join(", ")}`,
      encodingOption,
      "utf-8",
    )
    .option(
      "--max-property-bytes <n>",
      "largest text or list a property may hold, in bytes (default: GUANXI_MAX_PROPERTY_BYTES, else 1 MiB)",
      positiveInt,
      maxPropertyBytesFromEnv(process.env),
    )
    .option(
      "--accept <what>",
      "drafts of guanxi extract: 'linked' writes their exact links and MENTIONS, leaving out what nobody reviewed",
      (value: string) => {
        if (value !== "linked") throw new InvalidArgumentError("the only choice is 'linked'");
        return value;
      },
    )
    .option(
      "--concurrency <n>",
      "transactions written at once for large inputs",
      positiveInt,
      DEFAULT_CONCURRENCY,
    )
    .option(
      "--bulk",
      "load into the empty bundled database with neo4j-admin's offline importer (stopped and restarted by Guanxi)",
    )
    .action(async (files: string[], opts: IngestCliOptions) => {
      const inputs = files.length > 0 ? files : [SEED_DATASET];
      const file = schemaFile(opts);
      const common = {
        stdinFormat: opts.stdinFormat,
        delimiter: opts.delimiter,
        arrayDelimiter: opts.arrayDelimiter,
        maxPropertyBytes: opts.maxPropertyBytes,
        encoding: opts.encoding,
        ...(opts.accept ? { accept: opts.accept } : {}),
        ...(file ? { schemaFile: file } : {}),
      };
      if (opts.bulk && process.env.NEO4J_URI)
        process.stderr.write(
          `--bulk needs the local bundled database (neo4j-admin writes its files), and NEO4J_URI points at ${process.env.NEO4J_URI}: writing transactionally instead.\n`,
        );
      else if (opts.bulk) {
        const report = await bulkIngestFiles(inputs, {
          ...common,
          dataDir: resolve(bundledDataDir()),
          ...(process.env.NEO4J_PASSWORD ? { password: process.env.NEO4J_PASSWORD } : {}),
        });
        const s = report.seconds;
        process.stdout.write(
          `${summarise(report)}\nBulk:          read+validate ${s.readAndValidate.toFixed(1)} s, CSV ${s.csv.toFixed(1)} s, neo4j-admin ${s.import.toFixed(1)} s, schema ${s.schema.toFixed(1)} s. The database is stopped: start it with guanxi db or guanxi start.\n`,
        );
        return;
      }
      await withDatabase(async (db) => {
        let progress: ReturnType<typeof createProgress> | undefined;
        const report = await ingestFiles(db, inputs, {
          stdinFormat: opts.stdinFormat,
          batchSize: opts.batchSize,
          concurrency: opts.concurrency,
          delimiter: opts.delimiter,
          arrayDelimiter: opts.arrayDelimiter,
          maxPropertyBytes: opts.maxPropertyBytes,
          encoding: opts.encoding,
          ...(opts.accept ? { accept: opts.accept } : {}),
          ...(file ? { schemaFile: file } : {}),
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
