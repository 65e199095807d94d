/**
 * The analysis panel (Shift+A), over the graph's right side: what to analyse (the view, the last
 * query result, the selection's ego network), the metric, the relationship types counted and an
 * optional weight; Run and Cancel with the run's stage and time; the result as a sortable top-N
 * table (a row selects the node) or a partition's groups; the analysis filter; the style rules.
 */
import { METRIC_IDS, METRICS, isMetricId, type MetricId } from "../../../../core/analysis/metrics.ts";
import {
  formatValue,
  isPartitionMetric,
  type AnalysisFilter,
  type StyleRules,
} from "../../../../core/style-rules.ts";
import { el, setChildren } from "../../lib/dom.ts";
import {
  DEFAULT_SORT,
  nextSort,
  SCOPES,
  sortRows,
  type AnalysisScope,
  type RankRow,
  type Sort,
  type SortKey,
} from "./analysis-state.ts";
import { fillSelect, labelled, select } from "./controls.ts";
import { StyleForm, type StyleChoices } from "./style-form.ts";

export interface RunChoice {
  scope: AnalysisScope;
  metric: MetricId;
  types: string[];
  weightProperty: string | null;
  /** Style the view by the result in the same step (a partition colours, a score sizes). */
  style: boolean;
}

export type RunStatus =
  | { stage: "idle" }
  | { stage: "preparing" | "computing"; text: string }
  | { stage: "done" | "cancelled" | "refused" | "failed"; text: string };

export interface ResultsModel {
  metric: string;
  summary: string;
  rows: RankRow[];
  /** A partition's groups, largest first, with their colour when the view is coloured by it. */
  groups: { group: number; size: number; colour: string | null }[] | null;
}

export interface PanelModel {
  scopes: Record<AnalysisScope, string>;
  types: { type: string; count: number }[];
  /** Types ticked unless the analyst changed them (document links such as MENTIONS are not). */
  defaultTypes: ReadonlySet<string>;
  weightProperties: string[];
  status: RunStatus;
  results: ResultsModel | null;
  filter: AnalysisFilter | null;
  scoredMetrics: string[];
  style: StyleRules;
  styleChoices: StyleChoices;
}

export interface AnalysisPanelHost {
  run(choice: RunChoice): void;
  cancel(): void;
  selectNode(key: string): void;
  setFilter(filter: AnalysisFilter | null, description: string): void;
  setStyle(rules: StyleRules, description: string): void;
  /** The table shows another metric's scores. */
  showMetric(metric: string): void;
  /** The panel opened (it then follows the screen) or closed. */
  toggled(open: boolean): void;
}

const TOP_N = [10, 20, 50, 100];

export class AnalysisPanel {
  readonly element: HTMLElement;
  readonly style: StyleForm;
  private readonly scope = select("analysis-scope", "What to analyse");
  private readonly metric = select("analysis-metric", "Metric");
  private readonly weight = select("analysis-weight", "Weight property");
  private readonly styleResult = el("input", {
    attrs: { type: "checkbox", checked: "", "data-testid": "analysis-style-result" },
  });
  private readonly typesList = el("div", {
    class: "analysis-types",
    attrs: { "data-testid": "analysis-types" },
  });
  private readonly runButton = el("button", {
    class: "button primary",
    text: "Run",
    attrs: { type: "submit", "data-testid": "analysis-run" },
  });
  private readonly cancelButton = el("button", {
    class: "button",
    text: "Cancel",
    attrs: { type: "button", "data-testid": "analysis-cancel", disabled: "" },
  });
  private readonly status = el("p", {
    class: "analysis-status",
    attrs: { role: "status", "aria-live": "polite", "data-testid": "analysis-status", "data-stage": "idle" },
  });
  private readonly results = el("div", {
    class: "analysis-results",
    attrs: { "data-testid": "analysis-results" },
  });
  private readonly tableMetric = select("analysis-table-metric", "Scores shown");
  private readonly topN = select("analysis-top", "Rows shown");
  private readonly filterMetric = select("analysis-filter-metric", "Filter by metric");
  private readonly filterValue = el("input", {
    class: "text-input analysis-number",
    attrs: {
      type: "number",
      step: "any",
      "data-testid": "analysis-filter-value",
      "aria-label": "Filter value",
    },
  });
  private readonly filterOp = el("span", { class: "analysis-op", text: "≥" });
  private readonly filterNote = el("p", {
    class: "analysis-hint",
    attrs: { "data-testid": "analysis-filter-note" },
  });
  /** Types the analyst ticked or unticked by hand (the rest follow the default). */
  private readonly chosen = new Map<string, boolean>();
  private sort: Sort = DEFAULT_SORT;
  private model: PanelModel | null = null;

  constructor(private readonly host: AnalysisPanelHost) {
    fillSelect(
      this.metric,
      METRIC_IDS.map((id) => ({ value: id, label: METRICS[id].label })),
      "pagerank",
    );
    fillSelect(
      this.topN,
      TOP_N.map((n) => ({ value: String(n), label: `Top ${n}` })),
      "20",
    );
    this.style = new StyleForm((rules, description) => host.setStyle(rules, description));
    const form = el("form", { class: "analysis-part", attrs: { "aria-label": "Run a metric" } }, [
      labelled("Analyse", this.scope),
      labelled("Metric", this.metric),
      el("div", { class: "analysis-field" }, [
        el("span", { class: "analysis-field-name", text: "Relationships counted" }),
        this.typesList,
      ]),
      labelled("Weight", this.weight),
      el("label", { class: "analysis-check" }, [this.styleResult, " Style the view by the result"]),
      el("div", { class: "analysis-actions" }, [this.runButton, this.cancelButton]),
      this.status,
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.metric.addEventListener("change", () => this.renderMetricHint());
    this.cancelButton.addEventListener("click", () => host.cancel());
    this.tableMetric.addEventListener("change", () => host.showMetric(this.tableMetric.value));
    this.topN.addEventListener("change", () => this.model && this.renderResults(this.model));
    this.filterMetric.addEventListener("change", () => this.renderFilterControls());
    const filterForm = el("form", { class: "analysis-part", attrs: { "aria-label": "Analysis filter" } }, [
      el("h3", { class: "analysis-part-title", text: "Filter" }),
      el("div", { class: "analysis-filter-row" }, [this.filterMetric, this.filterOp, this.filterValue]),
      el("div", { class: "analysis-actions" }, [
        el("button", {
          class: "button",
          text: "Apply",
          attrs: { type: "submit", "data-testid": "analysis-filter-apply" },
        }),
        el("button", {
          class: "button",
          text: "Clear",
          attrs: { type: "button", "data-testid": "analysis-filter-clear" },
          on: { click: () => host.setFilter(null, "Clear the analysis filter") },
        }),
      ]),
      this.filterNote,
    ]);
    filterForm.addEventListener("submit", (event) => {
      event.preventDefault();
      this.applyFilter();
    });
    this.element = el(
      "aside",
      {
        class: "analysis-panel",
        attrs: { "aria-label": "Analysis", hidden: "", "data-testid": "analysis-panel" },
      },
      [
        el("header", { class: "analysis-header" }, [
          el("h2", { text: "Analysis" }),
          el("button", {
            class: "tool",
            text: "×",
            title: "Close (Shift+A)",
            attrs: { type: "button", "aria-label": "Close the analysis panel" },
            on: { click: () => this.close() },
          }),
        ]),
        el("div", { class: "analysis-body" }, [
          form,
          el("section", { class: "analysis-part", attrs: { "aria-label": "Results" } }, [
            el("h3", { class: "analysis-part-title", text: "Results" }),
            el("div", { class: "analysis-filter-row" }, [this.tableMetric, this.topN]),
            this.results,
          ]),
          filterForm,
          this.style.element,
        ]),
      ],
    );
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
    this.host.toggled(true);
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.host.toggled(false);
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  private submit(): void {
    const metric = this.metric.value;
    if (!isMetricId(metric)) return;
    const types = [...this.typesList.querySelectorAll<HTMLInputElement>("input[type=checkbox]")]
      .filter((box) => box.checked)
      .map((box) => box.value);
    this.host.run({
      scope: this.scope.value as AnalysisScope,
      metric,
      types,
      weightProperty: this.weight.value || null,
      style: this.styleResult.checked,
    });
  }

  private applyFilter(): void {
    const metric = this.filterMetric.value;
    const value = Number(this.filterValue.value);
    if (!metric || this.filterValue.value.trim() === "" || !Number.isFinite(value)) {
      this.filterNote.textContent = "Choose a metric and a number.";
      return;
    }
    const group = isPartitionMetric(metric) && metric !== "kcore";
    const name = isMetricId(metric) ? METRICS[metric].label : metric;
    this.host.setFilter(
      group ? { metric, group: value } : { metric, min: value },
      group ? `Only ${name} ${value}` : `Only ${name} ≥ ${formatValue(value)}`,
    );
  }

  render(model: PanelModel): void {
    this.model = model;
    fillSelect(
      this.scope,
      SCOPES.map((s) => ({ value: s.id, label: `${s.label} (${model.scopes[s.id]})` })),
      this.scope.value || "view",
    );
    this.renderTypes(model);
    fillSelect(
      this.weight,
      [
        { value: "", label: "None (each relationship counts 1)" },
        ...model.weightProperties.map((p) => ({ value: p, label: p })),
      ],
      this.weight.value,
    );
    const running = model.status.stage === "preparing" || model.status.stage === "computing";
    this.runButton.disabled = running;
    this.cancelButton.disabled = !running;
    this.renderStatus(model.status);
    this.renderResults(model);
    const filterChoices = model.scoredMetrics.map((id) => ({
      value: id,
      label: isMetricId(id) ? METRICS[id].label : id,
    }));
    fillSelect(this.filterMetric, filterChoices, model.filter?.metric ?? this.filterMetric.value);
    this.renderFilterControls();
    this.style.render(model.style, model.styleChoices);
  }

  private renderStatus(status: RunStatus): void {
    this.status.dataset.stage = status.stage;
    this.status.classList.toggle("is-error", status.stage === "refused" || status.stage === "failed");
    this.status.setAttribute(
      "role",
      status.stage === "refused" || status.stage === "failed" ? "alert" : "status",
    );
    this.status.textContent = status.stage === "idle" ? "" : status.text;
  }

  /** The status line alone (the elapsed time ticks without re-rendering the panel). */
  setStatus(status: RunStatus): void {
    this.renderStatus(status);
  }

  private renderMetricHint(): void {
    const metric = this.metric.value;
    this.metric.title = isMetricId(metric) ? METRICS[metric].description : "";
  }

  private renderTypes(model: PanelModel): void {
    setChildren(
      this.typesList,
      model.types.length
        ? model.types.map(({ type, count }) => {
            const box = el("input", {
              attrs: { type: "checkbox", value: type, "data-testid": `analysis-type-${type}` },
            });
            box.checked = this.chosen.get(type) ?? model.defaultTypes.has(type);
            box.addEventListener("change", () => this.chosen.set(type, box.checked));
            return el("label", { class: "analysis-check" }, [
              box,
              ` ${type} `,
              el("span", { class: "count", text: String(count) }),
            ]);
          })
        : [el("span", { class: "analysis-hint", text: "No relationships in this scope." })],
    );
    this.renderMetricHint();
  }

  private renderFilterControls(): void {
    const metric = this.filterMetric.value;
    const group = isPartitionMetric(metric) && metric !== "kcore";
    this.filterOp.textContent = group ? "=" : "≥";
    this.filterValue.placeholder = group ? "group number" : metric === "kcore" ? "k" : "value";
    const filter = this.model?.filter;
    if (filter && filter.metric === metric && document.activeElement !== this.filterValue)
      this.filterValue.value = String(filter.group ?? filter.min ?? "");
    this.filterNote.textContent = filter
      ? `Showing only nodes with ${isMetricId(filter.metric) ? METRICS[filter.metric].label : filter.metric} ${
          filter.group !== undefined ? `= ${filter.group}` : `≥ ${formatValue(filter.min ?? 0)}`
        } (nodes without that score are hidden too).`
      : this.model?.scoredMetrics.length
        ? "No filter: every node is shown."
        : "Run a metric to filter by its scores.";
  }

  private renderResults(model: PanelModel): void {
    const results = model.results;
    fillSelect(
      this.tableMetric,
      model.scoredMetrics.map((id) => ({ value: id, label: isMetricId(id) ? METRICS[id].label : id })),
      results?.metric ?? "",
    );
    if (!results) {
      setChildren(this.results, [
        el("p", { class: "analysis-hint", text: "No scores yet: choose a metric and Run." }),
      ]);
      return;
    }
    const limit = Number(this.topN.value) || 20;
    const header = (key: SortKey, text: string) => {
      const active = this.sort.key === key;
      return el(
        "th",
        {
          attrs: {
            scope: "col",
            "aria-sort": active ? (this.sort.descending ? "descending" : "ascending") : "none",
          },
        },
        [
          el("button", {
            class: "analysis-sort",
            text: `${text}${active ? (this.sort.descending ? " ▼" : " ▲") : ""}`,
            attrs: { type: "button", "data-testid": `analysis-sort-${key}` },
            on: {
              click: () => {
                this.sort = nextSort(this.sort, key);
                if (this.model) this.renderResults(this.model);
              },
            },
          }),
        ],
      );
    };
    const rows = sortRows(results.rows.slice(0, limit), this.sort);
    const table = el("table", { class: "analysis-table", attrs: { "data-testid": "analysis-table" } }, [
      el("thead", {}, [
        el("tr", {}, [
          header("rank", "#"),
          header("name", "Name"),
          header("label", "Label"),
          header("value", "Value"),
        ]),
      ]),
      el(
        "tbody",
        {},
        rows.map((row) =>
          el(
            "tr",
            {
              class: "analysis-row",
              title: `Select ${row.name}`,
              attrs: { tabindex: "0", "data-key": row.key },
              on: {
                click: () => this.host.selectNode(row.key),
                keydown: (event) => {
                  if (event.key === "Enter") this.host.selectNode(row.key);
                },
              },
            },
            [
              el("td", { class: "num", text: String(row.rank) }),
              el("td", { text: row.name }),
              el("td", { class: "muted", text: row.label }),
              el("td", { class: "num", text: formatValue(row.value) }),
            ],
          ),
        ),
      ),
    ]);
    const groups = results.groups
      ? el(
          "ul",
          { class: "analysis-groups", attrs: { "data-testid": "analysis-groups" } },
          results.groups.slice(0, 12).map(({ group, size, colour }) => {
            const swatch = el("span", { class: "swatch", attrs: { "aria-hidden": "true" } });
            if (colour) swatch.style.setProperty("--swatch", colour);
            return el("li", {}, [
              el(
                "button",
                {
                  class: "legend-row",
                  title: `Show only group ${group}`,
                  attrs: { type: "button", "data-group": String(group) },
                  on: {
                    click: () => {
                      const name = isMetricId(results.metric)
                        ? METRICS[results.metric].label
                        : results.metric;
                      if (results.metric === "kcore")
                        this.host.setFilter({ metric: "kcore", min: group }, `Only the ${group}-core`);
                      else this.host.setFilter({ metric: results.metric, group }, `Only ${name} ${group}`);
                    },
                  },
                },
                [
                  swatch,
                  el("span", {
                    class: "legend-name",
                    text: `${results.metric === "kcore" ? "k = " : "Group "}${group}`,
                  }),
                  el("span", { class: "count", text: String(size) }),
                ],
              ),
            ]);
          }),
        )
      : null;
    setChildren(this.results, [el("p", { class: "analysis-summary", text: results.summary }), groups, table]);
  }
}
