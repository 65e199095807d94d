/**
 * One analysis run in its own web worker: started with the graph as plain arrays, followed through
 * its stages, cancelled by terminating the worker (a metric cannot be interrupted from inside).
 */
import type { MetricResult } from "../../../../core/analysis/run-metric.ts";
import type { AnalysisMessage, AnalysisRequest, AnalysisStage } from "./protocol.ts";

export type RunOutcome =
  | { type: "result"; result: MetricResult }
  | { type: "refused"; message: string }
  | { type: "failed"; message: string }
  | { type: "cancelled" };

export class AnalysisRun {
  private worker: Worker | null;
  private settle: ((outcome: RunOutcome) => void) | null = null;
  readonly outcome: Promise<RunOutcome>;

  constructor(request: AnalysisRequest, onStage: (stage: AnalysisStage) => void) {
    this.worker = new Worker(new URL("./analysis-worker.ts", import.meta.url), { type: "module" });
    this.outcome = new Promise((resolve) => (this.settle = resolve));
    this.worker.onmessage = ({ data }: MessageEvent<AnalysisMessage>) => {
      if (data.type === "stage") onStage(data.stage);
      else this.finish(data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.finish({ type: "failed", message: event.message || "the analysis worker failed" });
    };
    this.worker.postMessage(request);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  cancel(): void {
    this.finish({ type: "cancelled" });
  }

  private finish(outcome: RunOutcome): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    this.settle?.(outcome);
  }
}
