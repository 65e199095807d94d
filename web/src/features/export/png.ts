/**
 * The canvas as PNG: sigma's own layers rendered by @sigma/export-image (exactly the WebGL frame and
 * its labels), with the legend drawn beside it on a 2D canvas.
 */
import { drawOnCanvas } from "@sigma/export-image";
import type Sigma from "sigma";
import type { ExplorerSigma } from "../graph-view/types.ts";
import type { Picture } from "./picture.ts";
import { LEGEND_WIDTH } from "./svg.ts";

/** What a PNG shows: graph layers only (no hover card, no mouse layer). */
const LAYERS = ["edges", "nodes", "edgeLabels", "labels"];

export async function canvasToPng(sigma: ExplorerSigma, picture: Picture): Promise<Blob> {
  const graphCanvas = await drawOnCanvas(sigma as unknown as Sigma, {
    layers: LAYERS,
    backgroundColor: picture.background,
  });
  const ratio = graphCanvas.width / picture.width || 1;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round((picture.width + LEGEND_WIDTH) * ratio);
  canvas.height = graphCanvas.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw a 2D canvas for the PNG.");
  context.drawImage(graphCanvas, 0, 0);
  context.scale(ratio, ratio);
  drawLegend(context, picture);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be encoded."))),
      "image/png",
    ),
  );
}

function drawLegend(context: CanvasRenderingContext2D, picture: Picture): void {
  const left = picture.width;
  context.fillStyle = "#ffffff";
  context.fillRect(left, 0, LEGEND_WIDTH, picture.height);
  context.fillStyle = "#6b7280";
  context.font = `600 11px ${picture.font}`;
  context.fillText("LABELS", left + 16, 24);
  picture.legend.forEach((entry, i) => {
    const y = 48 + i * 24;
    context.beginPath();
    context.arc(left + 22, y - 4, 6, 0, Math.PI * 2);
    context.fillStyle = entry.color;
    context.fill();
    context.font = `500 13px ${picture.font}`;
    context.fillStyle = "#1f2937";
    context.fillText(entry.label, left + 36, y);
    context.fillStyle = "#6b7280";
    context.textAlign = "right";
    context.fillText(String(entry.count), left + LEGEND_WIDTH - 16, y);
    context.textAlign = "left";
  });
}
