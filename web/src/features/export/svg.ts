/**
 * The canvas as SVG (pure: Picture in, text out): vector edges, discs, the labels placed as on
 * screen, and the legend beside the graph. Text stays text, so CJK names can be searched and edited
 * in Inkscape or Illustrator.
 */
import { xmlAttr, xmlText } from "../../../../export/xml.ts";
import { labelRect } from "../graph-view/label-placement.ts";
import { curveControlPoint } from "./picture.ts";
import type { Picture, PictureEdge, PictureNode } from "./picture.ts";
import {
  CAPTION_FONT_SIZE,
  CAPTION_LINE,
  DEFAULT_PICTURE_OPTIONS,
  estimateWidth,
  LEGEND_ROW,
  LEGEND_WIDTH,
  reportLayout,
  styleRows,
  TITLE_FONT_SIZE,
} from "./report-layout.ts";
import type { PictureOptions, ReportLayout } from "./report-layout.ts";

export { LEGEND_WIDTH };
const ARROW = 7;

const n = (value: number) => (Math.round(value * 100) / 100).toString();

function edgePath(edge: PictureEdge): { d: string; arrow: string } {
  const control =
    edge.curvature === 0
      ? { x: (edge.x1 + edge.x2) / 2, y: (edge.y1 + edge.y2) / 2 }
      : curveControlPoint(edge);
  // The arrow points along the last tangent (control → target) and stops at the target's disc.
  const dx = edge.x2 - control.x;
  const dy = edge.y2 - control.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const tipX = edge.x2 - ux * edge.targetSize;
  const tipY = edge.y2 - uy * edge.targetSize;
  const baseX = tipX - ux * ARROW;
  const baseY = tipY - uy * ARROW;
  const half = ARROW * 0.45;
  const arrow = `${n(tipX)},${n(tipY)} ${n(baseX - uy * half)},${n(baseY + ux * half)} ${n(baseX + uy * half)},${n(baseY - ux * half)}`;
  const d =
    edge.curvature === 0
      ? `M${n(edge.x1)} ${n(edge.y1)}L${n(baseX)} ${n(baseY)}`
      : `M${n(edge.x1)} ${n(edge.y1)}Q${n(control.x)} ${n(control.y)} ${n(baseX)} ${n(baseY)}`;
  return { d, arrow };
}

function labelElement(node: PictureNode, fontSize: number): string {
  if (!node.label || !node.side) return "";
  // The label's box as placed on screen, for a zero-width text: its left edge is where the text is
  // anchored (its start to the right of the node, its end to the left, its middle above and below).
  const box = labelRect(
    { key: "", x: node.x, y: node.y, size: node.size, width: 0, rank: 0 },
    node.side,
    fontSize,
  );
  const anchor = node.side.includes("left")
    ? ' text-anchor="end"'
    : node.side.includes("right")
      ? ""
      : ' text-anchor="middle"';
  const weight = node.ring ? ' font-weight="600"' : "";
  return `<text x="${n(box.left + 2)}" y="${n(box.top + fontSize)}"${anchor}${weight}>${xmlText(node.label)}</text>`;
}

function legend(picture: Picture, layout: ReportLayout): string {
  const { x: left, y: top, height } = layout.legend;
  const count = (value: number) =>
    `<text x="${LEGEND_WIDTH - 32}" y="0" text-anchor="end" fill="#6b7280">${value}</text>`;
  const rows = picture.legend.map(
    (entry, i) =>
      `<g transform="translate(${left + 16} ${top + 48 + i * LEGEND_ROW})"><circle cx="6" cy="-4" r="6" fill="${xmlAttr(entry.color)}"/>` +
      `<text x="20" y="0">${xmlText(entry.label)}</text>${count(entry.count)}</g>`,
  );
  const types = picture.types.map(
    (entry, i) =>
      `<g class="legend-type" transform="translate(${left + 16} ${layout.typesTop + 20 + i * LEGEND_ROW})">` +
      `<path d="M-2 -4H10" stroke="${xmlAttr(entry.color)}" stroke-width="1.5"/><polygon points="14,-4 9,-7 9,-1" fill="${xmlAttr(entry.color)}"/>` +
      `<text x="20" y="0">${xmlText(entry.label)}</text>${count(entry.count)}</g>`,
  );
  const heading = (text: string, y: number) =>
    `<text x="${left + 16}" y="${y}" font-weight="600" fill="#6b7280" font-size="11" letter-spacing="0.06em">${text}</text>`;
  return (
    `<g class="legend" font-size="13"><rect x="${left}" y="${top}" width="${LEGEND_WIDTH}" height="${n(height)}" fill="#ffffff"/>` +
    heading("LABELS", top + 24) +
    rows.join("") +
    (types.length ? heading("RELATIONSHIPS", layout.typesTop - 4) + types.join("") : "") +
    (picture.style.length ? heading("STYLE", layout.styleTop - 4) + styleLegend(picture, layout) : "") +
    `</g>`
  );
}

export function pictureToSvg(picture: Picture, options: PictureOptions = DEFAULT_PICTURE_OPTIONS): string {
  const layout = reportLayout(
    picture,
    { labels: picture.legend.length, types: picture.types.length, style: styleRows(picture.style) },
    options,
    (text) => estimateWidth(text, CAPTION_FONT_SIZE),
  );
  const title = options.title.trim() || "Guanxi graph";
  const { width, height } = layout;
  const edges = picture.edges.map((edge) => {
    const { d, arrow } = edgePath(edge);
    return `<path d="${d}" stroke="${xmlAttr(edge.color)}" stroke-width="${n(edge.width)}" fill="none"/><polygon points="${arrow}" fill="${xmlAttr(edge.color)}"/>`;
  });
  const nodes = picture.nodes.map(
    (node) =>
      `<circle cx="${n(node.x)}" cy="${n(node.y)}" r="${n(node.size)}" fill="${xmlAttr(node.color)}"` +
      (node.ring ? ` stroke="#1c64f2" stroke-width="3"` : ` stroke="#ffffff" stroke-width="1"`) +
      `/>`,
  );
  const labels = picture.nodes.map((node) => labelElement(node, picture.fontSize)).filter(Boolean);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${xmlAttr(picture.font)}">`,
    `<title>${xmlText(title)}</title>`,
    `<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
    layout.title
      ? `<text class="picture-title" x="${layout.title.x}" y="${layout.title.y}" font-size="${TITLE_FONT_SIZE}" font-weight="600" fill="#111827">${xmlText(options.title.trim())}</text>`
      : "",
    // Nodes outside the canvas's frame stay out of the picture (a tall legend leaves room below it).
    `<clipPath id="graph-frame"><rect width="${n(picture.width)}" height="${n(picture.height)}"/></clipPath>`,
    `<g class="graph" transform="translate(0 ${layout.graph.y})" clip-path="url(#graph-frame)">`,
    `<rect width="${n(picture.width)}" height="${n(picture.height)}" fill="${xmlAttr(picture.background)}"/>`,
    `<g class="edges">${edges.join("")}</g>`,
    `<g class="nodes">${nodes.join("")}</g>`,
    `<g class="labels" font-size="${picture.fontSize}" fill="#1f2937" stroke="${xmlAttr(picture.background)}" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke">${labels.join("")}</g>`,
    `</g>`,
    legend(picture, layout),
    layout.caption
      ? `<g class="picture-caption" font-size="${CAPTION_FONT_SIZE}" fill="#4b5563">${layout.caption.lines
          .map(
            (line, i) =>
              `<text x="${layout.caption!.x}" y="${n(layout.caption!.y + i * CAPTION_LINE)}">${xmlText(line)}</text>`,
          )
          .join("")}</g>`
      : "",
    `</svg>`,
  ].join("\n");
}

/** The style rules' part of the legend: a line per rule, its swatches or its ramp. */
function styleLegend(picture: Picture, layout: ReportLayout): string {
  const left = layout.legend.x + 16;
  let y = layout.styleTop + 20;
  const parts: string[] = [];
  picture.style.forEach((line, index) => {
    parts.push(`<text class="legend-style" x="${left}" y="${y}" font-size="12">${xmlText(line.text)}</text>`);
    y += LEGEND_ROW;
    for (const swatch of line.swatches ?? []) {
      parts.push(
        `<g class="legend-style-swatch" transform="translate(${left} ${y})"><circle cx="6" cy="-4" r="6" fill="${xmlAttr(swatch.colour)}"/>` +
          `<text x="20" y="0">${xmlText(swatch.label)}</text><text x="${LEGEND_WIDTH - 32}" y="0" text-anchor="end" fill="#6b7280">${swatch.count}</text></g>`,
      );
      y += LEGEND_ROW;
    }
    if (line.ramp) {
      const id = `ramp-${index}`;
      const stops = line.ramp.colours
        .map(
          (colour, i, all) => `<stop offset="${n(i / (all.length - 1))}" stop-color="${xmlAttr(colour)}"/>`,
        )
        .join("");
      parts.push(
        `<defs><linearGradient id="${id}">${stops}</linearGradient></defs>` +
          `<text x="${left}" y="${y}" font-size="11" fill="#6b7280">${xmlText(line.ramp.low)}</text>` +
          `<rect x="${left + 34}" y="${y - 10}" width="${LEGEND_WIDTH - 100}" height="10" fill="url(#${id})"/>` +
          `<text x="${left + LEGEND_WIDTH - 32}" y="${y}" font-size="11" text-anchor="end" fill="#6b7280">${xmlText(line.ramp.high)}</text>`,
      );
      y += LEGEND_ROW;
    }
  });
  return parts.join("");
}
