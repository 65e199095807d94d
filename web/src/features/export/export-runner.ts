/**
 * What each export scope holds, and running an export: files through export/ (the code `guanxi
 * export` runs), images from the canvas. Colours and sizes are what the screen shows for each
 * label — not hover dimming, which is a passing state. Loaded on demand (the writers bring pinyin
 * conversion and XML code the first view does not need).
 */
import { isMetaKey } from "../../../../core/aggregate.ts";
import { isVirtualEdgeKey } from "../../../../core/evidence.ts";
import { exportSubgraph, fromGraphology } from "../../../../export/index.ts";
import type { ExportInput, NodeView } from "../../../../export/index.ts";
import { labelColour } from "../../../../core/appearance.ts";
import type { ExportContext, QueryResultSource } from "./scopes.ts";
import { download } from "../../lib/download.ts";
import type { AnyFormat, ExportScope } from "./formats.ts";
import { capturePicture } from "./picture.ts";
import { canvasToPng } from "./png.ts";
import { pictureToSvg } from "./svg.ts";
import { DEFAULT_PICTURE_OPTIONS } from "./report-layout.ts";
import type { PictureOptions } from "./report-layout.ts";

function viewInput(ctx: ExportContext, only?: ReadonlySet<string>): ExportInput {
  const { graph, sigma } = ctx;
  return fromGraphology(graph, {
    nodeDisplay: (key) => {
      const data = sigma.getNodeDisplayData(key);
      // Meta-nodes (an aggregated first view) are counts, not data of the database: never exported.
      const hidden = !data || data.hidden || isMetaKey(key) || (only !== undefined && !only.has(key));
      return { hidden, size: data?.size, color: labelColour(graph.getNodeAttribute(key, "category")) };
    },
    // The correlation view's derived links are not facts of the database: never exported.
    edgeDisplay: (key) => ({
      hidden: isVirtualEdgeKey(key) || isMetaKey(key) || (sigma.getEdgeDisplayData(key)?.hidden ?? true),
    }),
    source: { description: only ? "Guanxi explorer: selection" : "Guanxi explorer: current view" },
  });
}

function queryInput(ctx: ExportContext, result: QueryResultSource): ExportInput {
  const nodeViews: Record<string, NodeView> = {};
  for (const node of result.subgraph.nodes) {
    const view: NodeView = { color: labelColour(node.label) };
    if (ctx.graph.hasNode(node.key)) {
      const { x, y } = ctx.graph.getNodeAttributes(node.key);
      Object.assign(view, { x, y, size: ctx.sigma.getNodeDisplayData(node.key)?.size });
    }
    nodeViews[node.key] = view;
  }
  return {
    subgraph: result.subgraph,
    nodeViews,
    source: { description: "Guanxi query result", query: result.cypher, params: result.params ?? {} },
  };
}

/**
 * The explorer holds nodes as the bulk views sent them (an article without its full text): files get
 * every property, read again from the database. Nodes gone from it since keep what the screen had.
 */
async function withCompleteNodes(ctx: ExportContext, input: ExportInput): Promise<ExportInput> {
  const complete = new Map(
    (await ctx.completeNodes(input.subgraph.nodes.map((n) => n.key))).map((n) => [n.key, n]),
  );
  const nodes = input.subgraph.nodes.map((node) => {
    const full = complete.get(node.key);
    return full ? { ...node, properties: full.properties } : node;
  });
  return { ...input, subgraph: { ...input.subgraph, nodes } };
}

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-");

/** Runs an export and downloads its file(s); resolves with a line for the user. */
export async function runExport(
  ctx: ExportContext,
  scope: ExportScope,
  format: AnyFormat,
  picture: PictureOptions = DEFAULT_PICTURE_OPTIONS,
): Promise<string> {
  const baseName = `guanxi-${scope === "query" ? "query" : scope}-${stamp()}`;
  if (format === "png" || format === "svg") {
    // Names are drawn whole in a picture for a report; the screen shortens them again after.
    const count = await ctx.fullLabels(async () => {
      const captured = capturePicture(ctx.graph, ctx.sigma, ctx.labelSides(), ctx.styleLegend?.() ?? []);
      if (format === "svg") download(`${baseName}.svg`, pictureToSvg(captured, picture), "image/svg+xml");
      else download(`${baseName}.png`, await canvasToPng(ctx.sigma, captured, picture));
      return captured.nodes.length;
    });
    const scale = format === "png" ? ` at ${picture.scale}×` : "";
    return `${format.toUpperCase()} of ${count} nodes${scale} saved as ${baseName}.${format}`;
  }
  let input: ExportInput;
  if (scope === "query") {
    const result = ctx.queryResult();
    if (!result) throw new Error("Run a query first: there is no query result to export.");
    input = queryInput(ctx, result);
  } else {
    const selected = scope === "selection" ? new Set(ctx.selection()) : undefined;
    input = viewInput(ctx, selected);
    if (input.subgraph.nodes.length === 0) throw new Error("There is nothing to export.");
    // A query result is complete as the API sent it; the screen's nodes may not be.
    input = await withCompleteNodes(ctx, input);
  }
  if (input.subgraph.nodes.length === 0) throw new Error("There is nothing to export.");
  const files = exportSubgraph(input, format, { baseName });
  for (const file of files) download(file.fileName, file.text, file.mediaType);
  const warnings = files.flatMap((f) => f.warnings);
  const names = files.map((f) => f.fileName).join(" and ");
  const summary = `${input.subgraph.nodes.length} nodes, ${input.subgraph.edges.length} relationships saved as ${names}`;
  return warnings.length ? `${summary} (${warnings.join("; ")})` : summary;
}
