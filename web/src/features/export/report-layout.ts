/**
 * Pictures for reports, laid out (pure): an optional title above the graph, the legend beside it
 * (labels, then relationship types), an optional caption below; and the scale the PNG is drawn at
 * (2× by default, sharp in a printed report). The PNG and the SVG both follow this layout.
 */
export interface PictureOptions {
  /** Device pixels per CSS pixel of the PNG (the SVG is vectors and ignores it). */
  scale: number;
  title: string;
  caption: string;
}

export const PICTURE_SCALES = [1, 2, 3, 4] as const;
export const DEFAULT_PICTURE_OPTIONS: PictureOptions = { scale: 2, title: "", caption: "" };

export const LEGEND_WIDTH = 190;
export const LEGEND_ROW = 24;
const LEGEND_TOP = 48;
const TYPES_GAP = 28;
const TITLE_HEIGHT = 48;
export const CAPTION_LINE = 18;
const CAPTION_PADDING = 16;
export const CAPTION_FONT_SIZE = 12;
export const TITLE_FONT_SIZE = 18;
export const MARGIN = 16;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ReportLayout {
  width: number;
  height: number;
  graph: Box;
  legend: Box;
  /** Baseline of the title, or null without one. */
  title: { x: number; y: number } | null;
  /** First baseline of the caption's lines, or null without one. */
  caption: { x: number; y: number; lines: string[] } | null;
  /** Top of the relationship types' part of the legend (rows follow at LEGEND_ROW). */
  typesTop: number;
  /** Top of the style rules' part of the legend (what colours and sizes mean), rows at LEGEND_ROW. */
  styleTop: number;
}

/** The legend's height for so many labels, relationship types and style rows. */
export function legendHeight(labels: number, types: number, style = 0): number {
  return (
    LEGEND_TOP +
    labels * LEGEND_ROW +
    (types ? TYPES_GAP + types * LEGEND_ROW + 16 : 0) +
    (style ? TYPES_GAP + style * LEGEND_ROW + 16 : 0)
  );
}

/** Rows the style part of the legend takes: a line per rule, a row per swatch, one per ramp. */
export function styleRows(lines: readonly { swatches?: unknown[]; ramp?: unknown }[]): number {
  return lines.reduce((n, line) => n + 1 + (line.swatches?.length ?? 0) + (line.ramp ? 1 : 0), 0);
}

/** Lines of `text` no wider than `maxWidth` (words kept whole where there are spaces; CJK breaks anywhere). */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    // Tokens: runs of Latin letters with their trailing space, or single other characters.
    const tokens = paragraph.match(/[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+|./gu) ?? [];
    let line = "";
    for (const token of tokens) {
      if (line && measure(line + token.trimEnd()) > maxWidth) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else {
        line += token;
      }
    }
    if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  }
  return lines;
}

/** A width estimate where no canvas measures text (the SVG): CJK full-width, Latin about half. */
export function estimateWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const ch of text)
    width += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? fontSize : fontSize * 0.56;
  return width;
}

export function reportLayout(
  graph: { width: number; height: number },
  legend: { labels: number; types: number; style?: number },
  options: Pick<PictureOptions, "title" | "caption">,
  measureCaption: (s: string) => number,
): ReportLayout {
  const width = graph.width + LEGEND_WIDTH;
  const title = options.title.trim();
  const caption = options.caption.trim();
  const header = title ? TITLE_HEIGHT : 0;
  const lines = caption ? wrapText(caption, width - 2 * MARGIN, measureCaption) : [];
  const footer = lines.length ? CAPTION_PADDING + lines.length * CAPTION_LINE : 0;
  const body = Math.max(graph.height, legendHeight(legend.labels, legend.types, legend.style ?? 0));
  return {
    width,
    height: header + body + footer,
    graph: { x: 0, y: header, width: graph.width, height: graph.height },
    legend: { x: graph.width, y: header, width: LEGEND_WIDTH, height: body },
    title: title ? { x: MARGIN, y: 30 } : null,
    caption: lines.length
      ? { x: MARGIN, y: header + body + CAPTION_PADDING / 2 + CAPTION_LINE * 0.8, lines }
      : null,
    typesTop: header + LEGEND_TOP + legend.labels * LEGEND_ROW + TYPES_GAP,
    styleTop:
      header +
      LEGEND_TOP +
      legend.labels * LEGEND_ROW +
      (legend.types ? TYPES_GAP + legend.types * LEGEND_ROW + 16 : 0) +
      TYPES_GAP,
  };
}
