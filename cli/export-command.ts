/**
 * `guanxi export --query "CYPHER" [--param k=v …] --format gexf|graphml|json|csv|cypher -o PATH [--layout]`:
 * the graph in a read-only query's result, written for other tools. For csv, PATH is a directory
 * (created if missing) that receives nodes.csv and relationships.csv.
 */
import { activeSchema } from "../core/node/load-schema.ts";
import { SCHEMA_OPTION, schemaFile } from "./schema-option.ts";
import { constants } from "node:fs";
import { access, mkdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative } from "node:path";
import { Option, type Command } from "commander";
import { collectSubgraph } from "../export/db/collect-subgraph.ts";
import {
  EXPORT_FORMATS,
  ExportError,
  exportSubgraph,
  layoutViews,
  type ExportFile,
  type ExportFormat,
} from "../export/index.ts";
import { withDatabase } from "./connect.ts";
import { QUERY_TIMEOUT_MS, parseParam } from "./query-command.ts";

interface ExportOptions {
  query: string;
  param: Record<string, unknown>;
  format: ExportFormat;
  output: string;
  layout: boolean;
  schema?: string;
  keepFormulas: boolean;
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === "ENOENT") return "no such directory";
  if (e.code === "EACCES" || e.code === "EPERM") return "permission denied";
  if (e.code === "EISDIR") return "it is a directory";
  if (e.code === "ENOTDIR") return "a part of the path is not a directory";
  return e.message ?? String(error);
}

/** Fails before the query runs when the output cannot be written. */
async function checkOutput(format: ExportFormat, output: string): Promise<void> {
  const existing = await stat(output).catch(() => undefined);
  if (format === "csv") {
    if (existing && !existing.isDirectory())
      throw new ExportError(`cannot write CSV to ${output}: for csv, -o names a directory (it is a file)`);
    try {
      await mkdir(output, { recursive: true });
      await access(output, constants.W_OK);
    } catch (error) {
      throw new ExportError(`cannot write to ${output}: ${reason(error)}`);
    }
    return;
  }
  if (existing?.isDirectory())
    throw new ExportError(`cannot write ${output}: it is a directory; give a file name`);
  try {
    await access(existing ? output : dirname(output), constants.W_OK);
  } catch (error) {
    throw new ExportError(`cannot write ${output}: ${reason(error)}`);
  }
}

async function writeFiles(format: ExportFormat, output: string, files: ExportFile[]): Promise<string[]> {
  const paths = format === "csv" ? files.map((f) => join(output, f.fileName)) : [output];
  for (const [i, path] of paths.entries()) {
    try {
      await writeFile(path, files[i]!.text);
    } catch (error) {
      throw new ExportError(`cannot write ${path}: ${reason(error)}`);
    }
  }
  return paths;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "export the graph in a read-only query's result to GEXF, GraphML, JSON, CSV or a Cypher script",
    )
    .requiredOption(
      "-q, --query <cypher>",
      "read-only Cypher; every node, relationship and path it returns is exported",
    )
    .option(
      "-p, --param <name=value>",
      "a query parameter, repeatable (value read as JSON when it parses)",
      parseParam,
      {},
    )
    .addOption(
      new Option("-f, --format <format>", "file format").choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .requiredOption(
      "-o, --output <path>",
      "file to write, or - for standard output (for csv: a directory for nodes.csv and relationships.csv)",
    )
    .option(...SCHEMA_OPTION)
    .option("--layout", "lay the graph out (ForceAtlas2) and colour and size it as the explorer does", false)
    .option(
      "--keep-formulas",
      "csv: write text cells starting with = + - @ as they are (default: a leading ' so spreadsheets show them as text)",
      false,
    )
    .action(async (opts: ExportOptions) => {
      const { schema } = activeSchema(schemaFile(opts));
      const toStdout = opts.output === "-";
      if (toStdout && opts.format === "csv")
        throw new ExportError(
          "csv writes two files (nodes.csv, relationships.csv): -o names a directory, not -",
        );
      if (!toStdout) await checkOutput(opts.format, opts.output);
      const { subgraph, rows } = await withDatabase((db) =>
        collectSubgraph(db, opts.query, opts.param, QUERY_TIMEOUT_MS, schema),
      );
      const baseName = toStdout
        ? "guanxi-export"
        : basename(opts.output, extname(opts.output)) || "guanxi-export";
      const files = exportSubgraph(
        {
          subgraph,
          ...(opts.layout ? { nodeViews: layoutViews(subgraph) } : {}),
          source: { query: opts.query, ...(Object.keys(opts.param).length ? { params: opts.param } : {}) },
        },
        opts.format,
        { baseName, schema, keepFormulas: opts.keepFormulas },
      );
      // Standard output gets the file alone; what is said about it goes to standard error.
      const report = toStdout ? process.stderr : process.stdout;
      if (toStdout) process.stdout.write(files[0]!.text);
      const paths = toStdout ? ["standard output"] : await writeFiles(opts.format, opts.output, files);
      for (const warning of files.flatMap((f) => f.warnings)) process.stderr.write(`warning: ${warning}\n`);
      const { nodes, edges } = subgraph;
      if (nodes.length === 0)
        process.stderr.write(
          `guanxi: the query returned no nodes or relationships (${rows} row${rows === 1 ? "" : "s"}); wrote an empty ${opts.format} export.\n`,
        );
      report.write(
        `Exported ${nodes.length} node${nodes.length === 1 ? "" : "s"} and ${edges.length} relationship${edges.length === 1 ? "" : "s"} → ${paths.map(shown).join(", ")}\n`,
      );
    });
}
