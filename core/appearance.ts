/**
 * The explorer's appearance, shared by the browser (web/) and the files export/ writes: colours by
 * node label, node sizes by degree and the theme. A file opened in Gephi looks like the explorer.
 * Pure and browser-safe: no DOM, no Node built-ins.
 */

/** Colours by node label: the domain model's labels get fixed, distinguishable colours. */
const LABEL_COLOURS: Record<string, string> = {
  Organisation: "#3b82c4",
  Region: "#2f9e6e",
  Alliance: "#d9480f",
  Person: "#9c4dcc",
  Event: "#e0a21b",
  Article: "#7a8796",
};

const FALLBACK = ["#c2255c", "#0c8599", "#5c7cfa", "#74b816", "#f76707", "#ae3ec9", "#1098ad", "#e67700"];

export function labelColour(label: string): string {
  const known = LABEL_COLOURS[label];
  if (known) return known;
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return FALLBACK[hash % FALLBACK.length] ?? "#868e96";
}

/** A node's disc radius (sigma size) by its degree. */
export function nodeSize(degree: number): number {
  return Math.min(24, 4 + 2.4 * Math.sqrt(degree));
}

export const THEME = {
  background: "#f6f7f9",
  edge: "#c4cad3",
  edgeStrong: "#56606e",
  edgeHighlight: "#e8590c",
  dimmedNode: "#e1e4e9",
  dimmedEdge: "#eceef1",
  selection: "#1c64f2",
  pinned: "#1f2937",
  label: "#1f2937",
  dimmedLabel: "#9aa3af",
  edgeLabel: "#4b5563",
  /** A review's preview (accepted, not yet ingested): ring and edges. */
  draft: "#f08c00",
  /** Meta-nodes of an aggregated first view (core/aggregate.ts): their ring and their edges. */
  meta: "#495057",
};
