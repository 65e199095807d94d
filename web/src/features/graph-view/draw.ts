/**
 * Canvas label drawing: labels with a halo so they stay readable over edges, and a hover card that
 * shows the name in both languages and the node's label.
 */
import type { NodeLabelDrawingFunction, NodeHoverDrawingFunction } from "sigma/rendering";
import { THEME } from "../../../../core/appearance.ts";
import { labelRect } from "./label-placement.ts";
import type { LabelPlan } from "./label-placement.ts";
import type { EdgeAttrs, NodeAttrs } from "./types.ts";

/** The font stack: CJK first so 通武廊 uses Noto's glyphs, not a fallback's. */
export const LABEL_FONT =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", sans-serif';

interface ExtraLabelData {
  /** The untruncated name (canvas labels are shortened). */
  fullLabel?: string;
  subLabel?: string | null;
  category?: string;
  ringSize?: number;
}

/** The font of a node's label: selected nodes' (with a ring) are bold. */
export function labelFont(
  settings: { labelSize: number; labelWeight: string; labelFont: string },
  bold: boolean,
) {
  return `${bold ? "600" : settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
}

/** Draws a node's label on the side its view's label plan chose (nothing when the plan skips it). */
export const createDrawLabel =
  (plan: LabelPlan): NodeLabelDrawingFunction<NodeAttrs, EdgeAttrs> =>
  (context, data, settings) => {
    if (!data.label) return;
    const side = plan.sideOf(data.key as string | undefined);
    if (!side) return;
    const fontSize = settings.labelSize;
    context.font = labelFont(settings, !!(data as ExtraLabelData).ringSize);
    const width = context.measureText(data.label).width;
    const rect = labelRect(
      { key: "", x: data.x, y: data.y, size: data.size, width, rank: 0 },
      side,
      fontSize,
    );
    plan.recordDrawn(data.key as string, rect);
    const x = rect.left + 2;
    // labelRect's top is a font size above the baseline, whichever the side.
    const y = rect.top + fontSize;
    context.lineJoin = "round";
    context.lineWidth = 3.5;
    context.strokeStyle = THEME.background;
    context.strokeText(data.label, x, y);
    context.fillStyle = THEME.label;
    context.fillText(data.label, x, y);
  };

function roundedRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

export const drawHover: NodeHoverDrawingFunction<NodeAttrs, EdgeAttrs> = (context, data, settings) => {
  const extra = data as ExtraLabelData;
  const label = extra.fullLabel ?? data.label;
  if (!label) return;
  const size = settings.labelSize;
  const subSize = size - 2;
  const font = settings.labelFont;
  const sub = [extra.subLabel, extra.category].filter((s): s is string => !!s).join(" · ");

  context.font = `600 ${size}px ${font}`;
  const mainWidth = context.measureText(label).width;
  context.font = `400 ${subSize}px ${font}`;
  const subWidth = sub ? context.measureText(sub).width : 0;

  const padding = 6;
  const width = Math.max(mainWidth, subWidth) + padding * 2;
  // Flip the card to the node's left when it would leave the canvas.
  const canvasWidth = context.canvas.width / (window.devicePixelRatio || 1);
  const right = data.x + data.size + 4;
  const left = right + width - padding > canvasWidth ? data.x - data.size - 4 - width + padding : right;
  const height = size + (sub ? subSize + 4 : 0) + padding * 2;
  const top = data.y - height / 2;

  context.save();
  context.shadowColor = "rgba(15, 23, 42, 0.18)";
  context.shadowBlur = 8;
  context.shadowOffsetY = 2;
  context.fillStyle = "#ffffff";
  roundedRect(context, left - padding, top, width, height, 5);
  context.fill();
  context.restore();

  context.fillStyle = THEME.label;
  context.font = `600 ${size}px ${font}`;
  context.fillText(label, left, top + padding + size * 0.85);
  if (sub) {
    context.fillStyle = "#6b7280";
    context.font = `400 ${subSize}px ${font}`;
    context.fillText(sub, left, top + padding + size + 4 + subSize * 0.85);
  }
};
