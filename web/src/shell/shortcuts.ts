/** Every keyboard shortcut, listed once: the key handler and the help overlay both read this. */
export type ActionId =
  | "search"
  | "escape"
  | "fit"
  | "zoomIn"
  | "zoomOut"
  | "language"
  | "hide"
  | "showHidden"
  | "remove"
  | "expand"
  | "neighbourhood"
  | "hops"
  | "path"
  | "layout"
  | "layouts"
  | "undo"
  | "redo"
  | "export"
  | "query"
  | "runQuery"
  | "queryHistory"
  | "addArticle"
  | "help"
  | "selectAll"
  | "pin"
  | "views"
  | "analysis";

export interface Shortcut {
  action: ActionId;
  /** As shown in the help overlay. */
  keys: string[];
  description: string;
  matches: (event: KeyboardEvent) => boolean;
}

const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;
const plain = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey;
const key =
  (...names: string[]) =>
  (event: KeyboardEvent) =>
    plain(event) && names.includes(event.key);

export const SHORTCUTS: Shortcut[] = [
  { action: "search", keys: ["/"], description: "Search", matches: key("/") },
  { action: "fit", keys: ["F"], description: "Fit the graph to the view", matches: key("f") },
  { action: "zoomIn", keys: ["+"], description: "Zoom in", matches: key("+", "=") },
  { action: "zoomOut", keys: ["−"], description: "Zoom out", matches: key("-", "_") },
  { action: "language", keys: ["E"], description: "Names in English / in Chinese", matches: key("e") },
  {
    action: "expand",
    keys: ["X", "double-click"],
    description: "Expand the selected node's neighbours",
    matches: key("x"),
  },
  {
    action: "neighbourhood",
    keys: ["N"],
    description: "N-hop neighbourhood of the selected node",
    matches: key("n"),
  },
  { action: "hops", keys: ["1", "2", "3"], description: "Neighbourhood depth", matches: key("1", "2", "3") },
  {
    action: "path",
    keys: ["P"],
    description: "Shortest path between the two selected nodes",
    matches: key("p"),
  },
  { action: "hide", keys: ["H"], description: "Hide the selected nodes", matches: key("h") },
  { action: "showHidden", keys: ["Shift", "H"], description: "Show hidden nodes again", matches: key("H") },
  {
    action: "remove",
    keys: ["Delete"],
    description: "Remove the selected nodes from the view",
    matches: key("Delete", "Backspace"),
  },
  { action: "layout", keys: ["L"], description: "Start / stop the layout", matches: key("l") },
  {
    action: "layouts",
    keys: ["Shift", "L"],
    description:
      "Choose a layout: ForceAtlas2, circular, concentric, hierarchy, remove overlaps (↑/↓, Enter)",
    matches: key("L"),
  },
  {
    action: "pin",
    keys: ["U"],
    description: "Pin the selected nodes where they are / unpin them",
    matches: key("u"),
  },
  {
    action: "selectAll",
    keys: ["Ctrl/⌘", "A"],
    description: "Select every node shown",
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "a",
  },
  {
    action: "views",
    keys: ["V"],
    description: "Views: save this view, open or delete saved ones, import and export view files",
    matches: key("v"),
  },
  {
    action: "undo",
    keys: ["Ctrl/⌘", "Z"],
    description: "Undo",
    matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === "z",
  },
  {
    action: "redo",
    keys: ["Ctrl/⌘", "Shift", "Z"],
    description: "Redo (also Ctrl+Y)",
    matches: (e) =>
      mod(e) && ((e.shiftKey && e.key.toLowerCase() === "z") || (!e.shiftKey && e.key.toLowerCase() === "y")),
  },
  {
    action: "export",
    keys: ["Ctrl/⌘", "S"],
    description:
      "Export the view, the selection or a query result (GEXF, GraphML, JSON, CSV, Cypher, PNG, SVG)",
    matches: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === "s",
  },
  {
    action: "query",
    keys: ["Q"],
    description: "Open the Cypher query panel (Q again, or Esc in it, closes it)",
    matches: key("q"),
  },
  {
    action: "runQuery",
    keys: ["Ctrl/⌘", "Enter"],
    description: "Run the query (in the editor, or anywhere once the panel is open)",
    matches: (e) => mod(e) && e.key === "Enter",
  },
  {
    action: "queryHistory",
    keys: ["Ctrl/⌘", "↑ / ↓"],
    description: "In the editor: older / newer queries from the history",
    matches: () => false,
  },
  {
    action: "addArticle",
    keys: ["A"],
    description:
      "Add an article: paste or open it, review what was found (↑/↓, A accept, R reject, E edit, M merge), ingest",
    matches: key("a"),
  },
  {
    action: "analysis",
    keys: ["Shift", "A"],
    description:
      "Analysis: metrics (degree, betweenness, PageRank, communities…) on the view, top-N table, filters and style rules",
    matches: key("A"),
  },
  { action: "help", keys: ["?"], description: "This help", matches: (e) => !mod(e) && e.key === "?" },
  {
    action: "escape",
    keys: ["Esc"],
    description: "Close (a dialog, the query panel, a side panel), clear highlight, then clear selection",
    matches: (e) => e.key === "Escape",
  },
];

/** Extra gestures shown in the help, not bound to keys. */
export const GESTURES: [string, string][] = [
  ["Click", "Select a node and inspect it"],
  ["Click a relationship", "Select it: its type, direction and evidence in the article"],
  ["Shift-click", "Add a node to the selection"],
  ["Double-click", "Expand a node's neighbours"],
  ["Drag a node", "Move it and pin it there (the layout leaves it)"],
  ["Shift-drag", "Select the nodes in a box"],
  ["Shift-Alt-drag", "Select the nodes in a lasso (add Ctrl/⌘ to add to the selection)"],
  ["Hover", "Highlight a node's neighbours"],
  ["Wheel / drag", "Zoom / pan"],
];

export function shortcutFor(action: ActionId): string {
  const found = SHORTCUTS.find((s) => s.action === action);
  return found ? found.keys.join("+") : "";
}
