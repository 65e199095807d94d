/**
 * The style legend (left panel): what colours, sizes, widths and captions mean under the view's
 * style rules — categories with their swatches and counts, a graduated ramp with its ends. Empty and
 * hidden when the view has no rules (the label legend then says what the colours are).
 */
import { legendLines, type StyleScales } from "../../../../core/style-rules.ts";
import { el, setChildren } from "../../lib/dom.ts";

export class StyleLegend {
  readonly element: HTMLElement;
  private readonly body = el("div", { class: "style-legend-body" });

  constructor() {
    this.element = el(
      "section",
      { class: "panel-section style-legend", attrs: { "data-testid": "style-legend", hidden: "" } },
      [el("h2", { class: "section-title", text: "Style" }), this.body],
    );
  }

  render(scales: StyleScales | null): void {
    const lines = scales ? legendLines(scales) : [];
    this.element.hidden = lines.length === 0;
    setChildren(
      this.body,
      lines.map((line) => {
        const children: HTMLElement[] = [el("div", { class: "style-legend-title", text: line.text })];
        if (line.swatches || line.ramp)
          children.push(
            el("div", { class: "analysis-hint", text: "Nodes are coloured by this, not by their label." }),
          );
        if (line.swatches)
          children.push(
            el(
              "ul",
              { class: "legend-list" },
              line.swatches.map((s) => {
                const swatch = el("span", { class: "swatch", attrs: { "aria-hidden": "true" } });
                swatch.style.setProperty("--swatch", s.colour);
                return el("li", { class: "legend-row static", dataset: { value: s.label } }, [
                  swatch,
                  el("span", { class: "legend-name", text: s.label }),
                  el("span", { class: "count", text: String(s.count) }),
                ]);
              }),
            ),
          );
        if (line.ramp) {
          const bar = el("span", { class: "style-ramp", attrs: { "aria-hidden": "true" } });
          bar.style.background = `linear-gradient(to right, ${line.ramp.colours.join(", ")})`;
          children.push(
            el("div", { class: "style-ramp-row" }, [
              el("span", { text: line.ramp.low }),
              bar,
              el("span", { text: line.ramp.high }),
            ]),
          );
        }
        return el("div", { class: "style-legend-line" }, children);
      }),
    );
  }
}
