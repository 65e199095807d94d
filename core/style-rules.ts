/**
 * Style rules of a view (issue 12 §2) and the analysis filter, as data, and how they turn into
 * looks: node size by a metric or a numeric property, node colour by a metric (a partition gets a
 * categorical palette, a score a graduated ramp) or a categorical property, a caption property per
 * label, relationship width by a numeric property. The explorer's reducers draw with these scales
 * (nothing is written into the graph); the view document keeps the rules; the legend and the
 * picture exports describe them. Browser-safe; pure.
 */
import { METRICS, isMetricId } from "./analysis/metrics.ts";
import type { PlainValue } from "./plain-values.ts";

/** What a node's size or colour follows: a metric's score (core/analysis) or a node property. */
export interface StyleSource {
  by: "metric" | "property";
  /** The metric id, or the property's name. */
  key: string;
}

export interface StyleRules {
  size?: StyleSource;
  colour?: StyleSource;
  /** Node label → the property drawn as its caption instead of the name. */
  captions?: Record<string, string>;
  /** Relationship width by a numeric relationship property. */
  edgeWidth?: { property: string };
}

export const NO_STYLE: StyleRules = {};

/**
 * Only the nodes whose score passes stay in sight: a score at least `min` (score ≥ x, the k-core
 * k ≥ …), or one group of a partition (`group`: one community, one component).
 */
export interface AnalysisFilter {
  metric: string;
  min?: number;
  group?: number;
}

/** What the styles read of a node (the explorer's node attributes satisfy it). */
export interface StyledNode {
  category: string;
  name: string;
  properties: Record<string, PlainValue>;
  scores?: Record<string, number>;
}

export function isStyled(rules: StyleRules): boolean {
  return Boolean(rules.size || rules.colour || rules.edgeWidth || Object.keys(rules.captions ?? {}).length);
}

/** Does a node pass the analysis filter? A node without the metric's score does not. */
export function passesAnalysisFilter(
  scores: Record<string, number> | undefined,
  filter: AnalysisFilter | null | undefined,
): boolean {
  if (!filter) return true;
  const value = scores?.[filter.metric];
  if (value === undefined) return false;
  if (filter.min !== undefined && !(value >= filter.min)) return false;
  if (filter.group !== undefined && value !== filter.group) return false;
  return true;
}

export function describeAnalysisFilter(filter: AnalysisFilter): string {
  const name = sourceLabel({ by: "metric", key: filter.metric });
  const parts: string[] = [];
  if (filter.group !== undefined) parts.push(`${name} = ${filter.group}`);
  if (filter.min !== undefined) parts.push(`${name} ≥ ${formatValue(filter.min)}`);
  return parts.join(", ") || name;
}

/** A source's name for legends and tables: the metric's label, or the property's name. */
export function sourceLabel(source: StyleSource): string {
  if (source.by === "metric") return isMetricId(source.key) ? METRICS[source.key].label : source.key;
  return source.key;
}

/** A metric whose values are groups (communities, components, cores) is drawn as categories. */
export function isPartitionMetric(key: string): boolean {
  return isMetricId(key) && METRICS[key].kind === "partition";
}

/** Numbers as a legend writes them: short, never "0.30000000000000004". */
export function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e6)) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

function sourceValue(node: StyledNode, source: StyleSource): PlainValue | undefined {
  return source.by === "metric" ? node.scores?.[source.key] : node.properties[source.key];
}

function numeric(value: PlainValue | undefined): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function category(value: PlainValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.map(String).join(", ") : null;
  return String(value);
}

/** Twelve distinguishable colours for groups (Tableau 10 and two more), then "other". */
export const CATEGORY_PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#1b9e77",
  "#7570b3",
] as const;
export const OTHER_COLOUR = "#a3a9b3";
/** Nodes without the value the colour follows. */
export const MISSING_COLOUR = "#d5d9df";

/** A sequential ramp, low → high (light yellow to dark purple, viridis-like, legible on light grey). */
export const RAMP_STOPS = ["#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154"] as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The ramp's colour at `t` in [0, 1] (clamped), interpolated between its stops. */
export function rampColour(t: number): string {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (RAMP_STOPS.length - 1);
  const i = Math.min(RAMP_STOPS.length - 2, Math.floor(position));
  const f = position - i;
  const a = hexToRgb(RAMP_STOPS[i]!);
  const b = hexToRgb(RAMP_STOPS[i + 1]!);
  const mix = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `#${mix.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

export interface CategoryEntry {
  value: string;
  colour: string;
  count: number;
}

export type ColourScale =
  | { kind: "categorical"; title: string; entries: CategoryEntry[]; other: number; missing: number }
  | { kind: "graduated"; title: string; min: number; max: number; missing: number };

export interface SizeScale {
  title: string;
  min: number;
  max: number;
  missing: number;
}

export interface WidthScale {
  title: string;
  min: number;
  max: number;
}

/** The rules resolved against the values on screen: what the reducers and the legends draw from. */
export interface StyleScales {
  colour: ColourScale | null;
  size: SizeScale | null;
  width: WidthScale | null;
  captions: Readonly<Record<string, string>>;
}

export const NODE_SIZE_RANGE = { min: 4, max: 22 } as const;
export const EDGE_WIDTH_RANGE = { min: 0.8, max: 6 } as const;

/** At most this many categories get their own colour; the rest are "other". */
const MAX_CATEGORIES = CATEGORY_PALETTE.length;

function range(values: number[]): { min: number; max: number } | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

function colourScale(nodes: readonly StyledNode[], source: StyleSource): ColourScale {
  const title = sourceLabel(source);
  const categorical = source.by === "property" || isPartitionMetric(source.key);
  if (!categorical) {
    const values: number[] = [];
    let missing = 0;
    for (const node of nodes) {
      const v = numeric(sourceValue(node, source));
      if (v === null) missing++;
      else values.push(v);
    }
    const r = range(values) ?? { min: 0, max: 0 };
    return { kind: "graduated", title, ...r, missing };
  }
  const counts = new Map<string, number>();
  let missing = 0;
  for (const node of nodes) {
    const v = category(sourceValue(node, source));
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  // Largest groups first; numbered groups (communities) in their number's order on ties.
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en", { numeric: true }));
  const entries = sorted
    .slice(0, MAX_CATEGORIES)
    .map(([value, count], i) => ({ value, count, colour: CATEGORY_PALETTE[i]! }));
  const other = sorted.slice(MAX_CATEGORIES).reduce((sum, [, count]) => sum + count, 0);
  return { kind: "categorical", title, entries, other, missing };
}

function sizeScale(nodes: readonly StyledNode[], source: StyleSource): SizeScale {
  const values: number[] = [];
  let missing = 0;
  for (const node of nodes) {
    const v = numeric(sourceValue(node, source));
    if (v === null) missing++;
    else values.push(v);
  }
  return { title: sourceLabel(source), ...(range(values) ?? { min: 0, max: 0 }), missing };
}

/**
 * Resolves the rules against the nodes (those in sight) and the relationships' properties: value
 * ranges, categories and their colours.
 */
export function buildStyleScales(
  rules: StyleRules,
  nodes: readonly StyledNode[],
  edgeProperties: () => Iterable<Record<string, PlainValue>> = () => [],
): StyleScales {
  let width: WidthScale | null = null;
  if (rules.edgeWidth) {
    const property = rules.edgeWidth.property;
    const values: number[] = [];
    for (const properties of edgeProperties()) {
      const v = numeric(properties[property]);
      if (v !== null) values.push(v);
    }
    width = { title: property, ...(range(values) ?? { min: 0, max: 0 }) };
  }
  return {
    colour: rules.colour ? colourScale(nodes, rules.colour) : null,
    size: rules.size ? sizeScale(nodes, rules.size) : null,
    width,
    captions: rules.captions ?? {},
  };
}

/** Where `value` sits in [min, max], 0..1 (the middle when all values are equal). */
function unit(value: number, min: number, max: number): number {
  return max > min ? (value - min) / (max - min) : 0.5;
}

/** A node's colour under the rules; null when no colour rule applies (the label's colour then). */
export function styledColour(scales: StyleScales, rules: StyleRules, node: StyledNode): string | null {
  const scale = scales.colour;
  if (!scale || !rules.colour) return null;
  const raw = sourceValue(node, rules.colour);
  if (scale.kind === "graduated") {
    const v = numeric(raw);
    return v === null ? MISSING_COLOUR : rampColour(unit(v, scale.min, scale.max));
  }
  const v = category(raw);
  if (v === null) return MISSING_COLOUR;
  return scale.entries.find((e) => e.value === v)?.colour ?? OTHER_COLOUR;
}

/** A node's size under the rules (area grows with the value); null when no size rule applies. */
export function styledSize(scales: StyleScales, rules: StyleRules, node: StyledNode): number | null {
  const scale = scales.size;
  if (!scale || !rules.size) return null;
  const v = numeric(sourceValue(node, rules.size));
  if (v === null) return NODE_SIZE_RANGE.min;
  const { min, max } = NODE_SIZE_RANGE;
  return min + (max - min) * Math.sqrt(unit(v, scale.min, scale.max));
}

/** A relationship's width under the rules; null when no width rule applies. */
export function styledWidth(scales: StyleScales, properties: Record<string, PlainValue>): number | null {
  const scale = scales.width;
  if (!scale) return null;
  const v = numeric(properties[scale.title]);
  if (v === null) return EDGE_WIDTH_RANGE.min;
  const { min, max } = EDGE_WIDTH_RANGE;
  return min + (max - min) * unit(v, scale.min, scale.max);
}

/** A node's caption under the rules (its label's caption property), or null for its name. */
export function styledCaption(scales: StyleScales, node: StyledNode): string | null {
  const property = scales.captions[node.category];
  if (!property) return null;
  const v = category(node.properties[property]);
  return v === null || v === "" ? null : v;
}

/** One line per rule for a legend: what colour, size and width mean. */
export interface LegendLine {
  text: string;
  /** Swatches (categories), or a ramp from low to high. */
  swatches?: { colour: string; label: string; count: number }[];
  ramp?: { low: string; high: string; colours: string[] };
}

export function legendLines(scales: StyleScales): LegendLine[] {
  const lines: LegendLine[] = [];
  const colour = scales.colour;
  if (colour?.kind === "categorical") {
    const swatches = colour.entries.map((e) => ({ colour: e.colour, label: e.value, count: e.count }));
    if (colour.other) swatches.push({ colour: OTHER_COLOUR, label: "other", count: colour.other });
    if (colour.missing) swatches.push({ colour: MISSING_COLOUR, label: "none", count: colour.missing });
    lines.push({ text: `Colour: ${colour.title}`, swatches });
  } else if (colour) {
    lines.push({
      text: `Colour: ${colour.title}, light → dark`,
      ramp: {
        low: formatValue(colour.min),
        high: formatValue(colour.max),
        colours: [0, 0.25, 0.5, 0.75, 1].map(rampColour),
      },
    });
  }
  if (scales.size)
    lines.push({
      text: `Size: ${scales.size.title}, ${formatValue(scales.size.min)} – ${formatValue(scales.size.max)}`,
    });
  if (scales.width)
    lines.push({
      text: `Width: ${scales.width.title}, ${formatValue(scales.width.min)} – ${formatValue(scales.width.max)}`,
    });
  for (const [label, property] of Object.entries(scales.captions))
    lines.push({ text: `Caption of ${label}: ${property}` });
  return lines;
}

/** Checking rules read from JSON (a view document): `fail(field, problem)` throws. */
export function parseStyleRules(
  value: unknown,
  fail: (field: string, problem: string) => never,
  field = "style",
): StyleRules {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(field, "must be an object");
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (!["size", "colour", "captions", "edgeWidth"].includes(key))
      fail(`${field}.${key}`, "is not a known field");
  const name = (x: unknown, at: string): string => {
    if (typeof x !== "string" || x.length === 0 || x.length > 200)
      fail(at, "must be a non-empty string of at most 200 characters");
    return x;
  };
  const source = (x: unknown, at: string): StyleSource => {
    if (typeof x !== "object" || x === null || Array.isArray(x)) fail(at, "must be an object");
    const s = x as Record<string, unknown>;
    for (const key of Object.keys(s))
      if (key !== "by" && key !== "key") fail(`${at}.${key}`, "is not a known field");
    if (s.by !== "metric" && s.by !== "property") fail(`${at}.by`, 'must be "metric" or "property"');
    return { by: s.by, key: name(s.key, `${at}.key`) };
  };
  const rules: StyleRules = {};
  if (v.size !== undefined) rules.size = source(v.size, `${field}.size`);
  if (v.colour !== undefined) rules.colour = source(v.colour, `${field}.colour`);
  if (v.captions !== undefined) {
    const c = v.captions;
    if (typeof c !== "object" || c === null || Array.isArray(c))
      fail(`${field}.captions`, "must be an object");
    rules.captions = Object.fromEntries(
      Object.entries(c as Record<string, unknown>).map(([label, property]) => [
        name(label, `${field}.captions`),
        name(property, `${field}.captions.${label}`),
      ]),
    );
  }
  if (v.edgeWidth !== undefined) {
    const w = v.edgeWidth;
    if (typeof w !== "object" || w === null || Array.isArray(w))
      fail(`${field}.edgeWidth`, "must be an object");
    const keys = Object.keys(w as object);
    for (const key of keys) if (key !== "property") fail(`${field}.edgeWidth.${key}`, "is not a known field");
    rules.edgeWidth = {
      property: name((w as Record<string, unknown>).property, `${field}.edgeWidth.property`),
    };
  }
  return rules;
}

export function parseAnalysisFilter(
  value: unknown,
  fail: (field: string, problem: string) => never,
  field = "analysisFilter",
): AnalysisFilter {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(field, "must be an object");
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (!["metric", "min", "group"].includes(key)) fail(`${field}.${key}`, "is not a known field");
  if (typeof v.metric !== "string" || v.metric.length === 0 || v.metric.length > 200)
    fail(`${field}.metric`, "must be a non-empty string");
  const filter: AnalysisFilter = { metric: v.metric };
  for (const key of ["min", "group"] as const) {
    if (v[key] === undefined) continue;
    const n = v[key];
    if (typeof n !== "number" || !Number.isFinite(n)) fail(`${field}.${key}`, "must be a finite number");
    filter[key] = n;
  }
  return filter;
}

const SOURCE_SCHEMA = {
  type: "object",
  required: ["by", "key"],
  additionalProperties: false,
  properties: {
    by: { enum: ["metric", "property"] },
    key: { type: "string", minLength: 1, maxLength: 200 },
  },
} as const;

export const STYLE_RULES_JSON_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    size: SOURCE_SCHEMA,
    colour: SOURCE_SCHEMA,
    captions: {
      type: "object",
      additionalProperties: { type: "string", minLength: 1, maxLength: 200 },
    },
    edgeWidth: {
      type: "object",
      required: ["property"],
      additionalProperties: false,
      properties: { property: { type: "string", minLength: 1, maxLength: 200 } },
    },
  },
} as const;

export const ANALYSIS_FILTER_JSON_SCHEMA = {
  type: "object",
  required: ["metric"],
  additionalProperties: false,
  properties: {
    metric: { type: "string", minLength: 1, maxLength: 200 },
    min: { type: "number" },
    group: { type: "number" },
  },
} as const;
