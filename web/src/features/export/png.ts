/**
 * The canvas as PNG for reports: sigma's own layers rendered by @sigma/export-image (exactly the
 * WebGL frame and its labels) at the chosen scale, with the title above, the legend (labels and
 * relationship types) beside and the caption below, on a 2D canvas laid out by report-layout.ts.
 */
import { drawOnCanvas } from "@sigma/export-image";
import type Sigma from "sigma";
import type { ExplorerSigma } from "../graph-view/types.ts";
import type { Picture } from "./picture.ts";
import {
  CAPTION_FONT_SIZE,
  CAPTION_LINE,
  LEGEND_ROW,
  reportLayout,
  styleRows,
  TITLE_FONT_SIZE,
} from "./report-layout.ts";
import type { PictureOptions, ReportLayout } from "./report-layout.ts";

/** What a PNG shows: graph layers only (no hover card, no mouse layer). */
const LAYERS = ["edges", "nodes", "edgeLabels", "labels"];

/**
 * Renders sigma's layers with `scale` device pixels per CSS pixel. @sigma/export-image draws at the
 * window's devicePixelRatio, which its temporary renderer reads once when it is built: the ratio is
 * set for that moment only, then the window's own is back.
 */
async function drawGraph(sigma: ExplorerSigma, picture: Picture, scale: number): Promise<HTMLCanvasElement> {
  const own = Object.getOwnPropertyDescriptor(window, "devicePixelRatio");
  Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: () => scale });
  try {
    return await drawOnCanvas(sigma as unknown as Sigma, {
      layers: LAYERS,
      backgroundColor: picture.background,
    });
  } finally {
    if (own) Object.defineProperty(window, "devicePixelRatio", own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
  }
}

export async function canvasToPng(
  sigma: ExplorerSigma,
  picture: Picture,
  options: PictureOptions,
): Promise<Blob> {
  const scale = options.scale;
  const measure = document.createElement("canvas").getContext("2d");
  if (!measure) throw new Error("This browser cannot draw a 2D canvas for the PNG.");
  measure.font = `400 ${CAPTION_FONT_SIZE}px ${picture.font}`;
  const layout = reportLayout(
    picture,
    { labels: picture.legend.length, types: picture.types.length, style: styleRows(picture.style) },
    options,
    (text) => measure.measureText(text).width,
  );
  const graphCanvas = await drawGraph(sigma, picture, scale);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(layout.width * scale);
  canvas.height = Math.round(layout.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw a 2D canvas for the PNG.");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(
    graphCanvas,
    0,
    0,
    graphCanvas.width,
    graphCanvas.height,
    0,
    Math.round(layout.graph.y * scale),
    Math.round(layout.graph.width * scale),
    Math.round(layout.graph.height * scale),
  );
  context.scale(scale, scale);
  drawLegend(context, picture, layout);
  drawTexts(context, picture, layout, options);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be encoded."))),
      "image/png",
    ),
  );
}

function drawTexts(
  context: CanvasRenderingContext2D,
  picture: Picture,
  layout: ReportLayout,
  options: PictureOptions,
): void {
  context.textAlign = "left";
  if (layout.title) {
    context.fillStyle = "#111827";
    context.font = `600 ${TITLE_FONT_SIZE}px ${picture.font}`;
    context.fillText(options.title.trim(), layout.title.x, layout.title.y);
  }
  if (layout.caption) {
    context.fillStyle = "#4b5563";
    context.font = `400 ${CAPTION_FONT_SIZE}px ${picture.font}`;
    layout.caption.lines.forEach((line, i) =>
      context.fillText(line, layout.caption!.x, layout.caption!.y + i * CAPTION_LINE),
    );
  }
}

function drawLegend(context: CanvasRenderingContext2D, picture: Picture, layout: ReportLayout): void {
  const { x: left, y: top, width, height } = layout.legend;
  context.fillStyle = "#ffffff";
  context.fillRect(left, top, width, height);
  const heading = (text: string, y: number) => {
    context.fillStyle = "#6b7280";
    context.font = `600 11px ${picture.font}`;
    context.fillText(text, left + 16, y);
  };
  const row = (label: string, count: number, y: number, mark: () => void) => {
    mark();
    context.font = `500 13px ${picture.font}`;
    const room = width - 36 - 16 - context.measureText(String(count)).width - 6;
    // A long type name (REPUBLISHED_FROM) is set smaller rather than run into its count.
    for (let size = 12; context.measureText(label).width > room && size >= 9; size--)
      context.font = `500 ${size}px ${picture.font}`;
    context.fillStyle = "#1f2937";
    context.fillText(label, left + 36, y);
    context.font = `500 13px ${picture.font}`;
    context.fillStyle = "#6b7280";
    context.textAlign = "right";
    context.fillText(String(count), left + width - 16, y);
    context.textAlign = "left";
  };
  heading("LABELS", top + 24);
  picture.legend.forEach((entry, i) => {
    const y = top + 48 + i * LEGEND_ROW;
    row(entry.label, entry.count, y, () => {
      context.beginPath();
      context.arc(left + 22, y - 4, 6, 0, Math.PI * 2);
      context.fillStyle = entry.color;
      context.fill();
    });
  });
  drawStyleLegend(context, picture, layout);
  if (picture.types.length === 0) return;
  heading("RELATIONSHIPS", layout.typesTop - 4);
  picture.types.forEach((entry, i) => {
    const y = layout.typesTop + 20 + i * LEGEND_ROW;
    row(entry.label, entry.count, y, () => {
      context.strokeStyle = entry.color;
      context.fillStyle = entry.color;
      context.lineWidth = 1.5;
      context.beginPath();
      context.moveTo(left + 14, y - 4);
      context.lineTo(left + 26, y - 4);
      context.stroke();
      context.beginPath();
      context.moveTo(left + 30, y - 4);
      context.lineTo(left + 25, y - 7);
      context.lineTo(left + 25, y - 1);
      context.fill();
    });
  });
}

/** The style rules' part of the legend: a line per rule, its swatches or its ramp. */
function drawStyleLegend(context: CanvasRenderingContext2D, picture: Picture, layout: ReportLayout): void {
  if (picture.style.length === 0) return;
  const left = layout.legend.x;
  const width = layout.legend.width;
  context.textAlign = "left";
  context.fillStyle = "#6b7280";
  context.font = `600 11px ${picture.font}`;
  context.fillText("STYLE", left + 16, layout.styleTop - 4);
  let y = layout.styleTop + 20;
  const fit = (text: string, room: number) => {
    for (let size = 12; context.measureText(text).width > room && size >= 8; size--)
      context.font = `500 ${size}px ${picture.font}`;
  };
  for (const line of picture.style) {
    context.font = `500 12px ${picture.font}`;
    fit(line.text, width - 32);
    context.fillStyle = "#1f2937";
    context.fillText(line.text, left + 16, y);
    y += LEGEND_ROW;
    for (const swatch of line.swatches ?? []) {
      context.beginPath();
      context.arc(left + 22, y - 4, 6, 0, Math.PI * 2);
      context.fillStyle = swatch.colour;
      context.fill();
      context.font = `500 12px ${picture.font}`;
      context.fillStyle = "#1f2937";
      context.fillText(swatch.label, left + 36, y);
      context.fillStyle = "#6b7280";
      context.textAlign = "right";
      context.fillText(String(swatch.count), left + width - 16, y);
      context.textAlign = "left";
      y += LEGEND_ROW;
    }
    if (line.ramp) {
      const gradient = context.createLinearGradient(left + 50, 0, left + width - 50, 0);
      line.ramp.colours.forEach((colour, i, all) => gradient.addColorStop(i / (all.length - 1), colour));
      context.fillStyle = gradient;
      context.fillRect(left + 50, y - 10, width - 100, 10);
      context.font = `500 11px ${picture.font}`;
      context.fillStyle = "#6b7280";
      context.fillText(line.ramp.low, left + 16, y);
      context.textAlign = "right";
      context.fillText(line.ramp.high, left + width - 16, y);
      context.textAlign = "left";
      y += LEGEND_ROW;
    }
  }
}
