/** core/property-size.ts: the cap on one property value's size (pure, no database). */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_PROPERTY_BYTES,
  PropertyTooLarge,
  checkPropertySize,
  maxPropertyBytesFromEnv,
  propertyBytes,
} from "../core/property-size.ts";

describe("checkPropertySize", () => {
  it("accepts values up to the limit, counted in UTF-8 bytes", () => {
    expect(checkPropertySize("abc", 3)).toBeUndefined();
    expect(checkPropertySize("通武廊", 9)).toBeUndefined(); // 3 bytes a character
    expect(checkPropertySize(42, 8)).toBeUndefined();
    expect(checkPropertySize(["ab", "cd"], 4)).toBeUndefined();
  });

  it("refuses a larger value with a named error that says its size and the limit", () => {
    const error = checkPropertySize("通武廊", 8);
    expect(error).toBeInstanceOf(PropertyTooLarge);
    expect(error).toMatchObject({ name: "PropertyTooLarge", bytes: 9, limit: 8 });
    expect(error!.message).toMatch(/9 bytes, more than the 8 bytes.*GUANXI_MAX_PROPERTY_BYTES/);
    expect(checkPropertySize(["ab", "cd", "e"], 4)).toMatchObject({ bytes: 5 });
  });

  it("caps a 10 MB text by default", () => {
    const tenMegabytes = "x".repeat(10 * 1024 * 1024);
    expect(propertyBytes(tenMegabytes)).toBe(10 * 1024 * 1024);
    expect(checkPropertySize(tenMegabytes)).toMatchObject({ limit: DEFAULT_MAX_PROPERTY_BYTES });
    expect(checkPropertySize("x".repeat(DEFAULT_MAX_PROPERTY_BYTES))).toBeUndefined();
  });

  it("reads the limit from GUANXI_MAX_PROPERTY_BYTES, ignoring nonsense", () => {
    expect(maxPropertyBytesFromEnv({ GUANXI_MAX_PROPERTY_BYTES: "2048" })).toBe(2048);
    expect(maxPropertyBytesFromEnv({ GUANXI_MAX_PROPERTY_BYTES: "-1" })).toBe(DEFAULT_MAX_PROPERTY_BYTES);
    expect(maxPropertyBytesFromEnv({})).toBe(DEFAULT_MAX_PROPERTY_BYTES);
  });
});
