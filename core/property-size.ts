/**
 * A cap on the size of one property value, so one huge text (a 10 MB article body) cannot make every
 * search and expansion that touches its node slow for everyone. Pure: ingest validation calls it for every
 * property and reports the PropertyTooLarge it returns with file, record and field.
 */

/** GUANXI_MAX_PROPERTY_BYTES, else 1 MiB of UTF-8 per property value (a list counts all its items). */
export const DEFAULT_MAX_PROPERTY_BYTES = 1024 * 1024;

export function maxPropertyBytesFromEnv(env: Record<string, string | undefined> = {}): number {
  const bytes = Number(env.GUANXI_MAX_PROPERTY_BYTES);
  return Number.isInteger(bytes) && bytes > 0 ? bytes : DEFAULT_MAX_PROPERTY_BYTES;
}

/** A property value larger than the cap: its size and the cap, with a message saying what to do. */
export class PropertyTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `the value is ${bytes.toLocaleString("en-US")} bytes, more than the ${limit.toLocaleString("en-US")} bytes a property may hold; ` +
        "shorten it, keep the full text outside the graph, or raise GUANXI_MAX_PROPERTY_BYTES",
    );
    this.name = "PropertyTooLarge";
  }
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a property value: text as written, numbers and booleans as 8, lists summed. */
export function propertyBytes(value: unknown): number {
  if (typeof value === "string") return encoder.encode(value).length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + propertyBytes(item), 0);
  return 8;
}

/** Undefined when `value` fits in `limit` bytes, else the PropertyTooLarge to report. */
export function checkPropertySize(
  value: unknown,
  limit: number = DEFAULT_MAX_PROPERTY_BYTES,
): PropertyTooLarge | undefined {
  const bytes = propertyBytes(value);
  return bytes > limit ? new PropertyTooLarge(bytes, limit) : undefined;
}
