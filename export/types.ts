/**
 * What an export takes and gives. Everything under export/ but export/db/ is pure TypeScript without
 * Node APIs, so the explorer runs the same writers in the browser; only the CLI writes files.
 */
import type { Subgraph } from "../core/api-types.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";

export const EXPORT_FORMATS = ["gexf", "graphml", "json", "csv", "cypher"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a node looked on screen (or after `--layout`): carried into GEXF viz, GraphML keys and JSON. */
export interface NodeView {
  x?: number;
  y?: number;
  size?: number;
  /** CSS colour: `#rgb`, `#rrggbb`, `rgb(…)` or `rgba(…)`. */
  color?: string;
}

export interface EdgeView {
  color?: string;
}

/** Where the graph came from, written into the files that have room for it. */
export interface ExportSource {
  description?: string;
  query?: string;
  params?: Record<string, unknown>;
}

export interface ExportInput {
  subgraph: Subgraph;
  /** Keyed by GraphNode.key (the Neo4j elementId). */
  nodeViews?: Readonly<Record<string, NodeView>>;
  /** Keyed by GraphEdge.key. */
  edgeViews?: Readonly<Record<string, EdgeView>>;
  /**
   * Analysis results per node (keyed by GraphNode.key): metric id → value, as on the explorer's graph
   * (GraphNodeAttributes.scores). Every format but the Cypher script writes them as node attributes.
   */
  nodeScores?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  source?: ExportSource;
}

export interface ExportOptions {
  /** Written into the files (default: now); fixed in tests for reproducible output. */
  exportedAt?: Date;
  /** File name without extension for single-file formats (default "guanxi-export"). */
  baseName?: string;
  /** The schema that types the properties it knows (default: the news schema). */
  schema?: GraphSchema;
  /** CSV: write text cells starting with = + - @ as they are (default: neutralised, export/spreadsheet-safe.ts). */
  keepFormulas?: boolean;
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  text: string;
  /** What this format could not carry exactly (e.g. a list item containing the CSV list delimiter). */
  warnings: string[];
}

/** Input an export cannot write, e.g. a label that is not a safe Cypher identifier. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}
