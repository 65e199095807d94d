/**
 * The timeline under the graph: how many dated facts (nodes and relationships, by the schema's time
 * properties) fall in each year or month; brush a run of bars (drag, click, Shift-click, or arrow
 * keys and Enter) to show only what falls in it, ▶ to move the window forward by its width, × to
 * clear. The period lives in the screen store (`time`), so it is undoable, saved in views and in the
 * page address; what it leaves out reaches the reducers through `visibility()`.
 */
import {
  bucketize,
  bucketUnitFor,
  describePeriod,
  nextWindow,
  periodOfBuckets,
  periodSpan,
  within,
} from "../../../../core/partial-date.ts";
import type { Bucket, TimePeriod } from "../../../../core/partial-date.ts";
import type { TimeSchema } from "../../../../core/schema/time-properties.ts";
import { el } from "../../lib/dom.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import type { Visibility } from "../graph-view/types.ts";
import { datedFacts, outOfTime } from "./time-filter.ts";
import type { DatedFacts, OutOfTime } from "./time-filter.ts";

/** How long each step of play shows its window. */
const PLAY_STEP_MS = 1200;

export class TimelineController {
  readonly element = el("section", {
    class: "timeline",
    attrs: { "aria-label": "Timeline", "data-testid": "timeline" },
  });
  private readonly bars = el("div", { class: "timeline-bars", attrs: { role: "listbox" } });
  private readonly label = el("span", {
    class: "timeline-label",
    attrs: { "data-testid": "timeline-label" },
  });
  private readonly playButton = el("button", {
    class: "button small",
    text: "▶",
    title: "Play: move the period forward",
    attrs: { type: "button", "aria-label": "Play", "data-testid": "timeline-play" },
  });
  private readonly clearButton = el("button", {
    class: "button small",
    text: "×",
    title: "Clear the period: show all of time",
    attrs: { type: "button", "aria-label": "Clear period", "data-testid": "timeline-clear" },
  });
  private facts: DatedFacts | null = null;
  /** The time schema the facts were read with (it arrives with the database's schema). */
  private factsSchema: TimeSchema | undefined;
  private buckets: Bucket[] = [];
  private cached: { period: TimePeriod; out: OutOfTime } | null = null;
  private memo: { state: Visibility; out: OutOfTime; result: Visibility } | null = null;
  private brushStart: number | null = null;
  private brushEnd: number | null = null;
  /** What the bars were drawn from (bucket ids and counts). */
  private barsDrawn = "";
  private playing: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly timeSchema: () => TimeSchema | undefined,
  ) {
    this.element.append(
      el("div", { class: "timeline-head" }, [
        el("span", { class: "timeline-title", text: "Time" }),
        this.label,
        this.playButton,
        this.clearButton,
      ]),
      this.bars,
    );
    this.playButton.addEventListener("click", () => this.togglePlay());
    this.clearButton.addEventListener("click", () => this.clear());
    window.addEventListener("pointerup", this.onPointerUp);
    const graph = ctx.view.graph;
    const dirty = () => this.invalidate();
    for (const event of ["nodeAdded", "nodeDropped", "edgeAdded", "edgeDropped", "cleared"] as const)
      graph.on(event, dirty);
  }

  get period(): TimePeriod | null {
    return this.ctx.store.state.time;
  }

  /** The schema arrived or the graph's content changed: facts are read again. */
  invalidate(): void {
    this.facts = null;
    this.cached = null;
  }

  /** The store's visibility with what the period leaves out (the same object while nothing changed). */
  visibility(state: Visibility & { time: TimePeriod | null }): Visibility {
    if (!state.time) return state;
    const out = this.outOfTime(state.time);
    if (this.memo && this.memo.state === state && this.memo.out === out) return this.memo.result;
    const result = { ...state, outOfTime: out };
    this.memo = { state, out, result };
    return result;
  }

  /** Sets the period (null: all of time) as one undoable step. */
  setPeriod(period: TimePeriod | null, description?: string): boolean {
    const current = this.period;
    if (current?.from === period?.from && current?.to === period?.to) return false;
    return this.ctx.store.set(
      description ?? (period ? `Timeline: ${describePeriod(period)}` : "Clear the timeline"),
      { time: period },
    );
  }

  clear(): void {
    this.stopPlay();
    this.setPeriod(null);
  }

  togglePlay(): void {
    if (this.playing !== undefined) {
      this.stopPlay();
      return;
    }
    this.ensureFacts();
    if (this.buckets.length === 0) return;
    // From the start when nothing is brushed (one bucket wide) or the window already reached the end.
    let period = this.period;
    if (!period || !nextWindow(this.buckets, period)) period = periodOfBuckets(this.buckets, 0, 0);
    if (period) this.setPeriod(period);
    this.playing = setInterval(() => {
      const now = this.period;
      const next = now ? nextWindow(this.buckets, now) : null;
      if (!next) this.stopPlay();
      else this.setPeriod(next);
    }, PLAY_STEP_MS);
    this.render();
  }

  stopPlay(): void {
    if (this.playing === undefined) return;
    clearInterval(this.playing);
    this.playing = undefined;
    this.render();
  }

  kill(): void {
    this.stopPlay();
    window.removeEventListener("pointerup", this.onPointerUp);
  }

  /** A brush ends wherever the button is let go. */
  private readonly onPointerUp = () => this.endBrush();

  render(): void {
    const before = this.facts;
    this.ensureFacts();
    const period = this.period;
    // Facts read again (the schema arrived after a view with a period was restored): redraw.
    if (period && before !== this.facts) this.ctx.view.update({});
    const total = this.facts ? this.facts.nodes.size + this.facts.edges.size : 0;
    this.element.toggleAttribute("data-empty", total === 0);
    this.playButton.textContent = this.playing !== undefined ? "❚❚" : "▶";
    this.playButton.setAttribute("aria-label", this.playing !== undefined ? "Pause" : "Play");
    this.playButton.disabled = total === 0;
    this.clearButton.disabled = !period;
    if (total === 0) {
      this.label.textContent = period
        ? `${describePeriod(period)}: nothing on screen is dated`
        : "Nothing on screen is dated";
      this.bars.replaceChildren();
      this.barsDrawn = "";
      return;
    }
    const out = period ? this.outOfTime(period) : null;
    const kept = out ? total - countIn(this.facts!, out) : total;
    this.label.textContent = period
      ? `${describePeriod(period)}: ${kept} of ${total} dated facts`
      : `${total} dated facts: drag across the bars to show a period`;
    this.drawBars();
    this.paintSelection();
  }

  /** The bars, drawn again only when the buckets changed (brushing repaints, never rebuilds). */
  private drawBars(): void {
    const drawn = this.buckets.map((b) => `${b.id}:${b.whole}:${b.partial}`).join(",");
    if (drawn === this.barsDrawn) return;
    this.barsDrawn = drawn;
    const max = Math.max(1, ...this.buckets.map((b) => b.whole + b.partial));
    this.bars.replaceChildren(
      ...this.buckets.map((bucket, index) => {
        const bar = el(
          "button",
          {
            class: "timeline-bucket",
            title: `${bucket.id}: ${bucket.whole} dated facts${
              bucket.partial ? `, and ${bucket.partial} dated less precisely that may fall in it` : ""
            }`,
            attrs: {
              type: "button",
              role: "option",
              "data-bucket": bucket.id,
              "data-count": String(bucket.whole + bucket.partial),
            },
          },
          [
            el("span", { class: "timeline-bar" }, [
              el("span", {
                class: "timeline-bar-whole",
                attrs: { style: `height:${(bucket.whole / max) * 100}%` },
              }),
              el("span", {
                class: "timeline-bar-partial",
                attrs: { style: `height:${(bucket.partial / max) * 100}%` },
              }),
            ]),
            el("span", { class: "timeline-tick", text: bucket.id }),
          ],
        );
        bar.addEventListener("pointerdown", (event) => {
          if (event.button !== 0) return;
          event.preventDefault();
          const period = this.period;
          const from = event.shiftKey && period ? this.firstBucketIn(period) : -1;
          this.brushStart = from >= 0 ? from : index;
          this.brushEnd = index;
          this.paintSelection();
        });
        bar.addEventListener("pointerenter", () => {
          if (this.brushStart === null) return;
          this.brushEnd = index;
          this.paintSelection();
        });
        // A click ends a brush whose pointerup went elsewhere.
        bar.addEventListener("click", () => this.endBrush());
        bar.addEventListener("keydown", (event) => this.onKey(event, index));
        return bar;
      }),
    );
  }

  /** Marks the bars in the brush (while brushing) or in the period. */
  private paintSelection(): void {
    const period = this.period;
    const span = period ? periodSpan(period) : null;
    const brushing = this.brushRange();
    this.bars.querySelectorAll<HTMLElement>(".timeline-bucket").forEach((bar, index) => {
      const bucket = this.buckets[index];
      const selected = brushing
        ? index >= brushing[0] && index <= brushing[1]
        : span !== null && bucket !== undefined && within(bucket.span, span);
      bar.classList.toggle("selected", selected);
      bar.setAttribute("aria-selected", String(selected));
    });
  }

  private firstBucketIn(period: TimePeriod): number {
    const span = periodSpan(period);
    return this.buckets.findIndex((b) => within(b.span, span));
  }

  private onKey(event: KeyboardEvent, index: number): void {
    const buttons = [...this.bars.querySelectorAll<HTMLButtonElement>("button")];
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      event.stopPropagation();
      const next = Math.max(0, Math.min(buttons.length - 1, index + (event.key === "ArrowRight" ? 1 : -1)));
      buttons[next]?.focus();
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation();
      const period = periodOfBuckets(this.buckets, index, index);
      if (period) this.setPeriod(period);
    }
  }

  private brushRange(): [number, number] | null {
    if (this.brushStart === null || this.brushEnd === null) return null;
    return [Math.min(this.brushStart, this.brushEnd), Math.max(this.brushStart, this.brushEnd)];
  }

  private endBrush(): void {
    const range = this.brushRange();
    this.brushStart = this.brushEnd = null;
    if (!range) return;
    this.stopPlay();
    const period = periodOfBuckets(this.buckets, range[0], range[1]);
    if (!this.setPeriod(period)) this.paintSelection();
  }

  private ensureFacts(): DatedFacts {
    const schema = this.timeSchema();
    if (schema !== this.factsSchema) this.invalidate();
    if (!this.facts) {
      this.factsSchema = schema;
      this.facts = datedFacts(this.ctx.view.graph, schema);
      const spans = [...this.facts.nodes.values(), ...this.facts.edges.values()];
      this.buckets = bucketize(spans, bucketUnitFor(this.facts.dates));
    }
    return this.facts;
  }

  private outOfTime(period: TimePeriod): OutOfTime {
    this.ensureFacts(); // first: a schema that arrived since makes the cache stale
    const cached = this.cached;
    if (cached && cached.period.from === period.from && cached.period.to === period.to) return cached.out;
    const out = outOfTime(this.ctx.view.graph, this.ensureFacts(), periodSpan(period));
    this.cached = { period, out };
    return out;
  }
}

/** How many of the dated facts `out` leaves out. */
function countIn(facts: DatedFacts, out: OutOfTime): number {
  let n = 0;
  for (const key of facts.nodes.keys()) if (out.nodes.has(key)) n++;
  for (const key of facts.edges.keys()) if (out.edges.has(key)) n++;
  return n;
}
