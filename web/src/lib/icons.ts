/** Toolbar icons: 24×24 stroked outlines (in the manner of Lucide), built with createElementNS. */
const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const ICONS = {
  undo: ["M9 14 4 9l5-5", "M4 9h10.5a5.5 5.5 0 0 1 0 11H11"],
  redo: ["m15 14 5-5-5-5", "M20 9H9.5a5.5 5.5 0 0 0 0 11H13"],
  fit: [
    "M3 7V5a2 2 0 0 1 2-2h2",
    "M17 3h2a2 2 0 0 1 2 2v2",
    "M21 17v2a2 2 0 0 1-2 2h-2",
    "M7 21H5a2 2 0 0 1-2-2v-2",
    circle(12, 12, 3),
  ],
  zoomIn: [circle(11, 11, 7), "m21 21-4.3-4.3", "M11 8v6", "M8 11h6"],
  zoomOut: [circle(11, 11, 7), "m21 21-4.3-4.3", "M8 11h6"],
  play: ["M7 4.5v15l12-7.5z"],
  pause: ["M9 5v14", "M15 5v14"],
  language: ["m5 8 6 6", "m4 14 6-6 2-3", "M2 5h12", "M7 2h1", "m22 22-5-10-5 10", "M14 18h6"],
  hide: [
    "M9.9 9.9a3 3 0 1 0 4.2 4.2",
    "M10.7 5.1A10.4 10.4 0 0 1 12 5c7 0 10 7 10 7a13 13 0 0 1-1.7 2.7",
    "M6.6 6.6A13.5 13.5 0 0 0 2 12s3 7 10 7a9.7 9.7 0 0 0 5.4-1.6",
    "m2 2 20 20",
  ],
  show: ["M2 12s3-7 10-7 10 7 10 7-3 7-10 7-10-7-10-7Z", circle(12, 12, 3)],
  remove: [
    "M3 6h18",
    "M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6",
    "M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2",
    "M10 11v6",
    "M14 11v6",
  ],
  expand: [circle(12, 12, 9), "M12 8v8", "M8 12h8"],
  neighbourhood: [circle(12, 12, 9), circle(12, 12, 5), circle(12, 12, 1)],
  path: [circle(6, 19, 3), "M9 19h8.5a3.5 3.5 0 0 0 0-7h-11a3.5 3.5 0 0 1 0-7H15", circle(18, 5, 3)],
  help: [circle(12, 12, 9), "M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3", "M12 17h.01"],
  search: [circle(11, 11, 7), "m21 21-4.3-4.3"],
  close: ["M18 6 6 18", "m6 6 12 12"],
  reset: ["M3 12a9 9 0 1 0 9-9 9.75 9.75 0 0 0-6.74 2.74L3 8", "M3 3v5h5"],
  query: ["m4 17 6-6-6-6", "M12 19h8"],
  clear: ["M20 20H7L3 16l10-10 7 7-6.5 6.5", "M6 11l7 7"],
  article: ["M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z", "M14 3v5h5", "M9 13h6", "M9 17h6"],
  download: ["M12 3v12", "m7 10 5 5 5-5", "M5 21h14"],
  panelLeft: ["M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z", "M9 3v18"],
  panelRight: ["M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z", "M15 3v18"],
  bookmark: ["m19 21-7-4-7 4V5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v16z"],
  layouts: [
    circle(12, 5, 2.5),
    circle(5, 19, 2.5),
    circle(19, 19, 2.5),
    "M11 7.2 6.2 16.8",
    "m13 7.2 4.8 9.6",
  ],
  analysis: ["M4 20V10", "M10 20V4", "M16 20v-7", "M22 20H2"],
  pin: ["M12 17v5", "M9 10.76V6h6v4.76l2.5 3.24v2h-11v-2z", "M8 2h8"],
} as const;

export type IconName = keyof typeof ICONS;

const SVG_NS = "http://www.w3.org/2000/svg";

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.classList.add("icon");
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
