/** XML 1.0 text: characters XML cannot hold are dropped, markup characters escaped. */

/** Everything outside XML 1.0's Char production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN, "");
}

/** Element content. CR is written as a reference: a parser would otherwise turn CRLF into LF. */
export function xmlText(text: string): string {
  return stripForbidden(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/** A double-quoted attribute value. Tabs and line breaks as references, which attribute normalisation keeps. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** `name="value"` pairs, skipping undefined values. */
export function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a?: number;
}

/** `#rgb`, `#rrggbb`, `rgb(r, g, b)`, `rgba(r, g, b, a)`; undefined for anything else. */
export function parseColour(colour: string | undefined): Rgba | undefined {
  if (!colour) return undefined;
  const text = colour.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join("") : hex[1]!;
    return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16) };
  }
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(text);
  if (!rgb) return undefined;
  const c = { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]) };
  if ([c.r, c.g, c.b].some((v) => v > 255)) return undefined;
  return rgb[4] === undefined ? c : { ...c, a: Math.min(1, Number(rgb[4])) };
}

/** `#rrggbb` (alpha dropped): the one colour spelling GraphML readers and CSS agree on. */
export function hexColour(c: Rgba): string {
  return "#" + [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, "0")).join("");
}
