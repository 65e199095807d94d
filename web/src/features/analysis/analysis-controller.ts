/**
 * The analysis panel's flows: a run is prepared here (the scope's nodes and relationships as plain
 * arrays), computed in a worker (analysis-runner.ts), and its values written to the nodes as
 * `scores[metric]` in one undoable step of the screen store — with, if asked, the style rule that
 * shows them. The analysis filter and the style rules are screen state too (undoable, kept in the
 * view document); the reducers draw them.
 */
import type { SchemaResponse } from "../../../../core/api-types.ts";
import { defaultCountedTypes, type CountedTypesSchema } from "../../../../core/analysis/counted-types.ts";
import { METRICS, isMetricId } from "../../../../core/analysis/metrics.ts";
import type { MetricResult } from "../../../../core/analysis/run-metric.ts";
import { formatValue, type AnalysisFilter, type StyleRules } from "../../../../core/style-rules.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { scoresPatch } from "../../screen/screen-store.ts";
import { displayName } from "../graph-view/reducers.ts";
import {
  AnalysisPanel,
  type PanelModel,
  type ResultsModel,
  type RunChoice,
  type RunStatus,
} from "./analysis-panel.ts";
import { AnalysisRun } from "./analysis-runner.ts";
import {
  groupSizes,
  nodeProperties,
  numericEdgeProperties,
  rankedRows,
  scopeNodes,
  SCOPES,
  scoredMetrics,
  typesAmong,
  workerEdges,
  type AnalysisScope,
} from "./analysis-state.ts";
import { StyleLegend } from "./style-legend.ts";

export interface AnalysisHooks {
  /** The database's schema, when read: which relationship types count by default. */
  schema(): SchemaResponse | null;
  /** The last query result's node keys; null before the first query. */
  lastQueryKeys(): string[] | null;
}

/** The table lists at most this many rows (the top-N choice picks among them). */
const MAX_ROWS = 100;

/** The explorer's schema summary, as the counted-types choice reads a schema. */
export function countedTypesSchema(summary: SchemaResponse["schema"]): CountedTypesSchema {
  return {
    documentLabel: summary.documentLabel,
    hasRelationshipType: (type) => Object.hasOwn(summary.relationshipTypes, type),
    allowedEnds: (type) => summary.relationshipTypes[type] ?? { from: [], to: [] },
  };
}

export class AnalysisController {
  readonly panel: AnalysisPanel;
  readonly legend = new StyleLegend();
  private current: AnalysisRun | null = null;
  private status: RunStatus = { stage: "idle" };
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The metric the table shows; the last run's (or the first with scores). */
  private tableMetric: string | null = null;
  /** The last run's result, for what the scores alone do not say (modularity, counts). */
  private last: MetricResult | null = null;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly hooks: AnalysisHooks,
  ) {
    this.panel = new AnalysisPanel({
      run: (choice) => void this.run(choice),
      cancel: () => this.cancel(),
      selectNode: (key) => this.selectNode(key),
      setFilter: (filter, description) => this.setFilter(filter, description),
      setStyle: (rules, description) => this.setStyle(rules, description),
      showMetric: (metric) => {
        this.tableMetric = metric;
        this.render();
      },
      toggled: () => this.render(),
    });
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  /** Panel and legend follow the screen (called by the shell after every change). */
  render(): void {
    this.legend.render(this.ctx.view.styleScales());
    if (this.panel.isOpen) this.panel.render(this.model());
  }

  setStyle(rules: StyleRules, description: string): void {
    this.ctx.store.set(description, { style: rules });
  }

  setFilter(filter: AnalysisFilter | null, description: string): void {
    const { store } = this.ctx;
    if (filter === null && store.state.analysisFilter === null) return;
    store.set(description, { analysisFilter: filter });
  }

  private selectNode(key: string): void {
    const { view } = this.ctx;
    if (!view.graph.hasNode(key)) return;
    this.ctx.select([key]);
    void view.focusNode(key);
  }

  private scopeInput() {
    return {
      visible: this.ctx.view.visibleNodes(),
      selection: this.ctx.selection(),
      queryKeys: this.hooks.lastQueryKeys(),
    };
  }

  private model(): PanelModel {
    const { graph } = this.ctx.view;
    const input = this.scopeInput();
    const scopes = {} as Record<AnalysisScope, string>;
    let viewNodes: string[] = [];
    for (const { id } of SCOPES) {
      const found = scopeNodes(graph, id, input);
      scopes[id] = "nodes" in found ? `${found.nodes.length} nodes` : "none";
      if (id === "view" && "nodes" in found) viewNodes = found.nodes;
    }
    const types = typesAmong(graph, viewNodes);
    const schema = this.hooks.schema();
    const present = types.map((t) => t.type);
    const defaults = schema ? defaultCountedTypes(countedTypesSchema(schema.schema), present) : present;
    const scored = scoredMetrics(graph);
    if (!this.tableMetric || !scored.includes(this.tableMetric)) this.tableMetric = scored[0] ?? null;
    const props = nodeProperties(graph);
    return {
      scopes,
      types,
      defaultTypes: new Set(defaults),
      weightProperties: numericEdgeProperties(graph),
      status: this.status,
      results: this.results(),
      filter: this.ctx.store.state.analysisFilter,
      scoredMetrics: scored,
      style: this.ctx.store.state.style,
      styleChoices: {
        metrics: scored,
        numericProperties: props.numeric,
        properties: props.all,
        edgeProperties: numericEdgeProperties(graph),
        byLabel: props.byLabel,
      },
    };
  }

  private results(): ResultsModel | null {
    const metric = this.tableMetric;
    if (!metric) return null;
    const { graph } = this.ctx.view;
    const language = this.ctx.view.getState().language;
    const values: Record<string, number> = {};
    graph.forEachNode((key, attrs) => {
      const value = attrs.scores?.[metric];
      if (value !== undefined) values[key] = value;
    });
    const rows = rankedRows(
      values,
      (key) => {
        const attrs = graph.getNodeAttributes(key);
        return { name: displayName(attrs, language), label: attrs.category };
      },
      MAX_ROWS,
    );
    const spec = isMetricId(metric) ? METRICS[metric] : null;
    const partition = spec?.kind === "partition";
    const scales = this.ctx.view.styleScales();
    const colourRule = this.ctx.store.state.style.colour;
    const colourOf = (group: number): string | null => {
      if (scales?.colour?.kind !== "categorical" || colourRule?.by !== "metric" || colourRule.key !== metric)
        return null;
      return scales.colour.entries.find((e) => e.value === String(group))?.colour ?? null;
    };
    const groups = partition ? groupSizes(values).map((g) => ({ ...g, colour: colourOf(g.group) })) : null;
    const count = Object.keys(values).length;
    const parts = [`${spec?.label ?? metric} of ${count} nodes`];
    if (groups) parts.push(`${groups.length} ${metric === "kcore" ? "core numbers" : "groups"}`);
    const last = this.last?.metric === metric ? this.last : null;
    if (last) {
      const types = last.types.length;
      parts.push(`${last.relationships} relationships of ${types} type${types === 1 ? "" : "s"} counted`);
      if (last.modularity !== undefined) parts.push(`modularity ${formatValue(last.modularity)}`);
    }
    return { metric, summary: parts.join(" · "), rows, groups };
  }

  private setRunStatus(status: RunStatus, rerender = false): void {
    this.status = status;
    if (rerender) this.render();
    else this.panel.setStatus(status);
  }

  async run(choice: RunChoice): Promise<void> {
    if (this.running) return;
    const { graph } = this.ctx.view;
    const spec = METRICS[choice.metric];
    const scope = scopeNodes(graph, choice.scope, this.scopeInput());
    if ("empty" in scope) {
      this.setRunStatus({ stage: "failed", text: scope.empty }, true);
      return;
    }
    const started = performance.now();
    const what = `${spec.label} on ${scope.nodes.length} nodes`;
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
    let stage: "preparing" | "computing" = "preparing";
    const tick = () =>
      this.setRunStatus({
        stage,
        text: `${stage === "preparing" ? "Preparing" : "Computing"} ${what}… ${elapsed()}`,
      });
    this.setRunStatus({ stage, text: `Preparing ${what}…` }, true);
    const run = new AnalysisRun(
      {
        nodes: scope.nodes,
        edges: workerEdges(graph, scope.nodes, choice.weightProperty),
        options: { metric: choice.metric, types: choice.types, weightProperty: choice.weightProperty },
      },
      (next) => {
        if (next === "computing") stage = "computing";
        tick();
      },
    );
    this.current = run;
    this.timer = setInterval(tick, 100);
    const outcome = await run.outcome;
    clearInterval(this.timer);
    this.current = null;
    const took = elapsed();
    switch (outcome.type) {
      case "cancelled":
        this.setRunStatus(
          { stage: "cancelled", text: `Cancelled ${what} after ${took}: nothing was changed.` },
          true,
        );
        return;
      case "refused":
        this.setRunStatus({ stage: "refused", text: outcome.message }, true);
        return;
      case "failed":
        this.setRunStatus({ stage: "failed", text: `${spec.label} failed: ${outcome.message}` }, true);
        return;
    }
    const result = outcome.result;
    this.last = result;
    this.tableMetric = result.metric;
    const style = this.ctx.store.state.style;
    const styled: StyleRules | null = choice.style
      ? spec.kind === "partition"
        ? { ...style, colour: { by: "metric", key: result.metric } }
        : { ...style, size: { by: "metric", key: result.metric } }
      : null;
    // Values for nodes that left the screen meanwhile are dropped by the patch.
    const changed = this.ctx.store.set(
      `Run ${what}`,
      styled ? { style: styled } : {},
      scoresPatch(graph, result.metric, result.values),
    );
    const extra = result.modularity !== undefined ? `, modularity ${formatValue(result.modularity)}` : "";
    const groups = result.groups !== undefined ? `, ${result.groups} groups` : "";
    this.setRunStatus(
      {
        stage: "done",
        text: `Done: ${what}, ${result.relationships} relationships counted${groups}${extra} — ${took}${changed ? "" : " (the scores were already these)"}.`,
      },
      true,
    );
  }

  cancel(): void {
    this.current?.cancel();
  }

  kill(): void {
    this.cancel();
    clearInterval(this.timer);
  }
}
