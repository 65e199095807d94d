/**
 * Partial dates: a year ("2023"), a month ("2023-06") or a day ("2023-06-14"), kept as partial as the
 * sources give them — a year is the whole year, never its 1 January. Each covers a span of days
 * (start inclusive, end exclusive); a period (from, to, both partial, both inclusive) covers from the
 * start of `from` to the end of `to`; a fact falls in a period when their spans overlap. Timeline
 * buckets (years or months) count the facts they hold whole and those that only overlap them (a year
 * in a month's bucket). Browser-safe; pure.
 */

export interface PartialDate {
  year: number;
  /** 1–12, absent for a year. */
  month?: number;
  /** 1–31, absent for a year or a month. */
  day?: number;
}

/** Days since 1970-01-01: start inclusive, end exclusive. */
export interface DaySpan {
  start: number;
  end: number;
}

/** A period, both ends partial dates written as text ("2023", "2023-06", "2023-06-14"), inclusive. */
export interface TimePeriod {
  from: string;
  to: string;
}

export type Precision = "year" | "month" | "day";

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const dayNumber = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return Math.round(date.getTime() / 86_400_000);
};

export function precisionOf(date: PartialDate): Precision {
  return date.day !== undefined ? "day" : date.month !== undefined ? "month" : "year";
}

/** A partial date from its parts; null when they are not one (month 13, 30 February, year 0). */
export function partialDate(year: number, month?: number, day?: number): PartialDate | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month === undefined) return day === undefined ? { year } : null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (day === undefined) return { year, month };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const DATE_TEXT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A partial date read from a property value: an integer year (2023), or text "2023", "2023-06",
 * "2023-06-14" (what Neo4j dates come back as; a time after a "T" is ignored). Null for anything
 * else — the caller decides whether that is an error.
 */
export function parsePartialDate(value: unknown): PartialDate | null {
  if (typeof value === "number") return Number.isInteger(value) ? partialDate(value) : null;
  if (typeof value !== "string") return null;
  const match = DATE_TEXT.exec(value.trim().split("T")[0]!);
  if (!match) return null;
  const [, y, m, d] = match;
  return partialDate(
    Number(y),
    m === undefined ? undefined : Number(m),
    d === undefined ? undefined : Number(d),
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "2023", "2023-06" or "2023-06-14": as partial as the date is. */
export function formatPartialDate(date: PartialDate): string {
  let text = pad(date.year, 4);
  if (date.month !== undefined) text += `-${pad(date.month)}`;
  if (date.day !== undefined) text += `-${pad(date.day)}`;
  return text;
}

/** The days a partial date covers: a year its 365 or 366, a month its days, a day itself. */
export function spanOf(date: PartialDate): DaySpan {
  const { year, month, day } = date;
  if (month === undefined) return { start: dayNumber(year, 1, 1), end: dayNumber(year + 1, 1, 1) };
  if (day === undefined) {
    const start = dayNumber(year, month, 1);
    return { start, end: start + daysInMonth(year, month) };
  }
  const start = dayNumber(year, month, day);
  return { start, end: start + 1 };
}

/** The smallest span holding every one of `spans`; null for none. */
export function hull(spans: readonly DaySpan[]): DaySpan | null {
  if (spans.length === 0) return null;
  return {
    start: Math.min(...spans.map((s) => s.start)),
    end: Math.max(...spans.map((s) => s.end)),
  };
}

export function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** `inner` lies wholly inside `outer`. */
export function within(inner: DaySpan, outer: DaySpan): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** A period read from its two ends; throws naming the end that is not a partial date, or when from > to. */
export function parsePeriod(period: TimePeriod): { from: PartialDate; to: PartialDate; span: DaySpan } {
  const from = parsePartialDate(period.from);
  if (!from) throw new Error(`from: "${period.from}" is not a date (write 2023, 2023-06 or 2023-06-14)`);
  const to = parsePartialDate(period.to);
  if (!to) throw new Error(`to: "${period.to}" is not a date (write 2023, 2023-06 or 2023-06-14)`);
  const span = { start: spanOf(from).start, end: spanOf(to).end };
  if (span.end <= span.start) throw new Error(`from: ${period.from} comes after ${period.to}`);
  return { from, to, span };
}

export function periodSpan(period: TimePeriod): DaySpan {
  return parsePeriod(period).span;
}

/** "2023", "2023 – 2024", "2023-05 – 2023-08". */
export function describePeriod(period: TimePeriod): string {
  return period.from === period.to ? period.from : `${period.from} – ${period.to}`;
}

// --- Buckets -------------------------------------------------------------------------------------

export type BucketUnit = "year" | "month";

export interface Bucket {
  /** "2023" or "2023-06": also the period's end when brushed. */
  id: string;
  span: DaySpan;
  /** Facts whose date lies wholly in the bucket. */
  whole: number;
  /** Facts less precise than the bucket that overlap it (a year-only fact in a month's bucket). */
  partial: number;
}

/** Years, unless every fact lies within two calendar years and some are dated to the month or day. */
export function bucketUnitFor(dates: readonly PartialDate[]): BucketUnit {
  if (dates.length === 0) return "year";
  const years = dates.map((d) => d.year);
  const precise = dates.some((d) => d.month !== undefined);
  return precise && Math.max(...years) - Math.min(...years) <= 1 ? "month" : "year";
}

function bucketOf(unit: BucketUnit, year: number, month: number): { id: string; span: DaySpan } {
  const date: PartialDate = unit === "year" ? { year } : { year, month };
  return { id: formatPartialDate(date), span: spanOf(date) };
}

/**
 * Consecutive buckets from the earliest fact's to the latest's (empty ones included, so gaps show),
 * each with how many of `spans` it holds whole and how many only overlap it. At most `max` buckets:
 * a longer run of months becomes years.
 */
export function bucketize(spans: readonly DaySpan[], unit: BucketUnit, max = 400): Bucket[] {
  const all = hull(spans);
  if (!all) return [];
  const first = new Date(all.start * 86_400_000);
  const last = new Date((all.end - 1) * 86_400_000);
  const out: Bucket[] = [];
  let year = first.getUTCFullYear();
  let month = unit === "year" ? 1 : first.getUTCMonth() + 1;
  const lastYear = last.getUTCFullYear();
  const lastMonth = unit === "year" ? 1 : last.getUTCMonth() + 1;
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    if (out.length >= max) return unit === "month" ? bucketize(spans, "year", max) : out;
    out.push({ ...bucketOf(unit, year, month), whole: 0, partial: 0 });
    if (unit === "year" || month === 12) {
      year++;
      month = 1;
    } else month++;
  }
  for (const span of spans) {
    for (const bucket of out) {
      if (!overlaps(span, bucket.span)) continue;
      if (within(span, bucket.span)) bucket.whole++;
      else bucket.partial++;
    }
  }
  return out;
}

/** The period of buckets `a` to `b` (in either order), as their ids. */
export function periodOfBuckets(buckets: readonly Bucket[], a: number, b: number): TimePeriod | null {
  const lo = buckets[Math.min(a, b)];
  const hi = buckets[Math.max(a, b)];
  return lo && hi ? { from: lo.id, to: hi.id } : null;
}

/**
 * The window moved forward by its own width, in buckets (play): null when it already reaches the
 * last bucket. A window not on bucket boundaries moves by one bucket.
 */
export function nextWindow(buckets: readonly Bucket[], period: TimePeriod): TimePeriod | null {
  const span = periodSpan(period);
  const inside = buckets.map((b, i) => (within(b.span, span) ? i : -1)).filter((i) => i >= 0);
  const width = Math.max(1, inside.length);
  const lastIndex = inside.length
    ? inside[inside.length - 1]!
    : buckets.findIndex((b) => b.span.start >= span.end) - 1;
  if (lastIndex >= buckets.length - 1) return null;
  const from = lastIndex + 1;
  const to = Math.min(buckets.length - 1, from + width - 1);
  return periodOfBuckets(buckets, from, to);
}
