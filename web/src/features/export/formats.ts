/** The formats the explorer offers, with what each is for (shown in the export dialog). */
export type FileFormat = "gexf" | "graphml" | "json" | "csv" | "cypher";
export type ImageFormat = "png" | "svg";
export type AnyFormat = FileFormat | ImageFormat;

export const FORMAT_CHOICES: { format: AnyFormat; name: string; hint: string }[] = [
  { format: "gexf", name: "GEXF", hint: "Gephi, Gephi Lite — with colours, sizes and positions" },
  { format: "graphml", name: "GraphML", hint: "yEd, Cytoscape, NetworkX, igraph" },
  { format: "json", name: "JSON", hint: "graphology serialisation in a versioned envelope" },
  {
    format: "csv",
    name: "CSV",
    hint: "nodes.csv + relationships.csv (neo4j-admin layout; guanxi ingest reads them)",
  },
  { format: "cypher", name: "Cypher", hint: "a script that recreates the subgraph in an empty Neo4j" },
  { format: "png", name: "PNG", hint: "the canvas with its legend" },
  { format: "svg", name: "SVG", hint: "the canvas with its legend, as vectors and text" },
];

export const isImageFormat = (format: AnyFormat): format is ImageFormat =>
  format === "png" || format === "svg";

export type ExportScope = "view" | "selection" | "query";

export const SCOPE_NAMES: Record<ExportScope, string> = {
  view: "Current view",
  selection: "Selection",
  query: "Last query result",
};
