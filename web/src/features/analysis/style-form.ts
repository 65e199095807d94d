/**
 * The style rules' controls (the analysis panel's Style part): size by a metric or a numeric
 * property, colour by a metric or a property, relationship width by a numeric property, a caption
 * property per label. Each change is handed over as the new rules (one undoable step each).
 */
import { METRICS, isMetricId } from "../../../../core/analysis/metrics.ts";
import type { StyleRules, StyleSource } from "../../../../core/style-rules.ts";
import { el, setChildren } from "../../lib/dom.ts";
import { fillSelect, labelled, select, type Choice } from "./controls.ts";

export interface StyleChoices {
  /** Metrics with scores on screen. */
  metrics: string[];
  numericProperties: string[];
  properties: string[];
  edgeProperties: string[];
  /** Node labels on screen and their properties (captions). */
  byLabel: Map<string, string[]>;
}

const encode = (source: StyleSource | undefined) => (source ? `${source.by}:${source.key}` : "");

function decode(value: string): StyleSource | undefined {
  const at = value.indexOf(":");
  if (at < 0) return undefined;
  const by = value.slice(0, at);
  return by === "metric" || by === "property" ? { by, key: value.slice(at + 1) } : undefined;
}

const metricName = (id: string) => (isMetricId(id) ? METRICS[id].label : id);

export class StyleForm {
  readonly element: HTMLElement;
  private readonly size = select("style-size", "Size nodes by");
  private readonly colour = select("style-colour", "Colour nodes by");
  private readonly width = select("style-width", "Relationship width by");
  private readonly captions = el("div", { class: "analysis-captions" });
  private rules: StyleRules = {};

  constructor(private readonly onChange: (rules: StyleRules, description: string) => void) {
    this.size.addEventListener("change", () => this.set("size", decode(this.size.value)));
    this.colour.addEventListener("change", () => this.set("colour", decode(this.colour.value)));
    this.width.addEventListener("change", () => {
      const rest: StyleRules = { ...this.rules };
      delete rest.edgeWidth;
      const next: StyleRules = this.width.value
        ? { ...rest, edgeWidth: { property: this.width.value } }
        : rest;
      this.onChange(
        next,
        this.width.value ? `Relationship width by ${this.width.value}` : "Relationship width: plain",
      );
    });
    this.element = el("section", { class: "analysis-part", attrs: { "aria-label": "Style rules" } }, [
      el("h3", { class: "analysis-part-title", text: "Style" }),
      labelled("Size by", this.size),
      labelled("Colour by", this.colour),
      labelled("Relationship width", this.width),
      this.captions,
    ]);
  }

  private set(field: "size" | "colour", source: StyleSource | undefined): void {
    const rest: StyleRules = { ...this.rules };
    delete rest[field];
    const next: StyleRules = source ? { ...rest, [field]: source } : rest;
    const what = field === "size" ? "Size" : "Colour";
    const by = source
      ? source.by === "metric"
        ? metricName(source.key)
        : source.key
      : field === "size"
        ? "degree"
        : "label";
    this.onChange(next, `${what} by ${by}`);
  }

  render(rules: StyleRules, choices: StyleChoices): void {
    this.rules = rules;
    const metricChoices = (keep: StyleSource | undefined, kinds: "score" | "any"): Choice[] => {
      const ids = new Set(choices.metrics);
      if (keep?.by === "metric") ids.add(keep.key);
      return [...ids]
        .filter((id) => kinds === "any" || !isMetricId(id) || METRICS[id].kind === "score" || id === "kcore")
        .map((id) => ({ value: `metric:${id}`, label: `Metric: ${metricName(id)}` }));
    };
    const propertyChoices = (names: string[], keep: StyleSource | undefined): Choice[] => {
      const all = new Set(names);
      if (keep?.by === "property") all.add(keep.key);
      return [...all].sort().map((name) => ({ value: `property:${name}`, label: `Property: ${name}` }));
    };
    fillSelect(
      this.size,
      [
        { value: "", label: "Degree (default)" },
        ...metricChoices(rules.size, "score"),
        ...propertyChoices(choices.numericProperties, rules.size),
      ],
      encode(rules.size),
    );
    fillSelect(
      this.colour,
      [
        { value: "", label: "Label (default)" },
        ...metricChoices(rules.colour, "any"),
        ...propertyChoices(choices.properties, rules.colour),
      ],
      encode(rules.colour),
    );
    const widths = new Set(choices.edgeProperties);
    if (rules.edgeWidth) widths.add(rules.edgeWidth.property);
    fillSelect(
      this.width,
      [
        { value: "", label: "Plain" },
        ...[...widths].sort().map((p) => ({ value: p, label: `Property: ${p}` })),
      ],
      rules.edgeWidth?.property ?? "",
    );
    this.renderCaptions(rules, choices.byLabel);
  }

  private renderCaptions(rules: StyleRules, byLabel: Map<string, string[]>): void {
    const captions = rules.captions ?? {};
    const labels = new Set([...byLabel.keys(), ...Object.keys(captions)]);
    const existing = new Map(
      [...this.captions.querySelectorAll<HTMLSelectElement>("select")].map((s) => [s.dataset.label ?? "", s]),
    );
    const rows = [...labels].sort().map((label) => {
      let control = existing.get(label);
      if (!control) {
        control = select(`style-caption-${label}`, `Caption of ${label}`);
        control.dataset.label = label;
        const own = control;
        own.addEventListener("change", () => {
          const next = { ...(this.rules.captions ?? {}) };
          if (own.value) next[label] = own.value;
          else delete next[label];
          const rest: StyleRules = { ...this.rules };
          delete rest.captions;
          this.onChange(
            Object.keys(next).length ? { ...rest, captions: next } : rest,
            own.value ? `Caption of ${label}: ${own.value}` : `Caption of ${label}: name`,
          );
        });
      }
      const names = new Set(byLabel.get(label) ?? []);
      const chosen = captions[label];
      if (chosen) names.add(chosen);
      fillSelect(
        control,
        [{ value: "", label: "Name" }, ...[...names].sort().map((p) => ({ value: p, label: p }))],
        chosen ?? "",
      );
      return labelled(`Caption of ${label}`, control);
    });
    setChildren(this.captions, rows);
  }
}
