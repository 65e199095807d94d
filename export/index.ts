/**
 * Export a subgraph to the formats analysts' other tools open. Pure: returns file contents; writing or
 * downloading them is the caller's step (the CLI writes files, the explorer offers downloads).
 *
 *   exportSubgraph(input, "gexf")     → [guanxi-export.gexf]
 *   exportSubgraph(input, "csv")      → [nodes.csv, relationships.csv]
 */
import { writeCsv } from "./csv.ts";
import { writeCypherScript } from "./cypher-script.ts";
import { writeGexf } from "./gexf.ts";
import { writeGraphml } from "./graphml.ts";
import { writeJson } from "./json.ts";
import { prepare } from "./prepare.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import {
  EXPORT_FORMATS,
  type ExportFile,
  type ExportFormat,
  type ExportInput,
  type ExportOptions,
} from "./types.ts";

export * from "./types.ts";
export { fromGraphology, type GraphologyViewOptions } from "./from-graphology.ts";
export { layoutViews } from "./layout.ts";

export const DEFAULT_BASE_NAME = "guanxi-export";

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** File extension and media type of each single-file format. */
export const FORMAT_FILES: Record<Exclude<ExportFormat, "csv">, { extension: string; mediaType: string }> = {
  gexf: { extension: "gexf", mediaType: "application/gexf+xml" },
  graphml: { extension: "graphml", mediaType: "application/graphml+xml" },
  json: { extension: "json", mediaType: "application/json" },
  cypher: { extension: "cypher", mediaType: "application/x-cypher-query" },
};

export function exportSubgraph(
  input: ExportInput,
  format: ExportFormat,
  options: ExportOptions = {},
): ExportFile[] {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const graph = prepare(input, schema);
  const exportedAt = options.exportedAt ?? new Date();
  const source = input.source ?? {};
  const base = options.baseName ?? DEFAULT_BASE_NAME;
  const single = (kind: Exclude<ExportFormat, "csv">, text: string): ExportFile[] => [
    {
      fileName: `${base}.${FORMAT_FILES[kind].extension}`,
      mediaType: FORMAT_FILES[kind].mediaType,
      text,
      warnings: [],
    },
  ];
  switch (format) {
    case "gexf":
      return single("gexf", writeGexf(graph, source, exportedAt));
    case "graphml":
      return single("graphml", writeGraphml(graph, source, exportedAt));
    case "json":
      return single("json", writeJson(graph, source, exportedAt));
    case "cypher":
      return single("cypher", writeCypherScript(graph, source, exportedAt, schema));
    case "csv": {
      const csv = writeCsv(graph, { keepFormulas: options.keepFormulas ?? false });
      return [
        { fileName: "nodes.csv", mediaType: "text/csv", text: csv.nodes, warnings: csv.warnings },
        { fileName: "relationships.csv", mediaType: "text/csv", text: csv.relationships, warnings: [] },
      ];
    }
  }
}
