/**
 * The benchmark network generator (bench/generate-network.ts): deterministic, valid against the
 * domain model (through the real CSV reader and validator), and with skewed degrees. No database.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeNetwork, generateNetwork, mulberry32 } from "../bench/generate-network.ts";
import { writeNeo4jAdminCsv } from "../bench/network-csv.ts";
import { relationshipKey, type Dataset, type NodeLabel, type Properties } from "../core/model.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { readCsvFile } from "../ingest/read-csv.ts";
import { validateRecords } from "../ingest/validate.ts";

const SMALL = { seed: 7, nodes: 2_000, relationships: 10_000 };

function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** The data set with every property object's keys sorted: the CSV columns have their own order. */
function canonical(dataset: Dataset): unknown {
  const sorted = (props: Properties) =>
    Object.entries(props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    nodes: dataset.nodes.map((n) => [n.labels, n.id, sorted(n.properties)]),
    relationships: dataset.relationships.map((r) => [
      r.type,
      r.start,
      r.end,
      sorted(r.properties),
      r.supports.map((s) => [s.article, s.quote]),
    ]),
  };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "guanxi-gen-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("mulberry32", () => {
  it("is a deterministic stream in [0, 1)", () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
  });
});

describe("generateNetwork", () => {
  const dataset = generateNetwork(SMALL);

  it("produces exactly the sizes asked for", () => {
    expect(dataset.nodes).toHaveLength(SMALL.nodes);
    expect(dataset.relationships).toHaveLength(SMALL.relationships);
  });

  it("is deterministic: same seed, same data set; another seed, another one", () => {
    expect(digest(generateNetwork(SMALL))).toBe(digest(dataset));
    expect(digest(generateNetwork({ ...SMALL, seed: 8 }))).not.toBe(digest(dataset));
  });

  it("writes identical CSV files for the same seed", () => {
    const a = writeNeo4jAdminCsv(dataset, tempDir());
    const b = writeNeo4jAdminCsv(generateNetwork(SMALL), tempDir());
    expect(readFileSync(a.nodes, "utf8")).toBe(readFileSync(b.nodes, "utf8"));
    expect(readFileSync(a.relationships, "utf8")).toBe(readFileSync(b.relationships, "utf8"));
  });

  it("respects the model: labels, from/to labels, provenance, no duplicates", () => {
    const labels = new Map<string, NodeLabel>(dataset.nodes.map((n) => [n.id, n.labels[0]!]));
    expect(labels.size).toBe(dataset.nodes.length);
    const keys = new Set<string>();
    for (const rel of dataset.relationships) {
      const spec = DEFAULT_SCHEMA.allowedEnds(rel.type);
      expect(spec.from).toContain(labels.get(rel.start));
      expect(spec.to).toContain(labels.get(rel.end));
      expect(rel.supports.length).toBeGreaterThan(0);
      for (const support of rel.supports) {
        expect(labels.get(support.article)).toBe("Article");
        expect(support.quote.trim().length).toBeGreaterThan(0);
      }
      keys.add(relationshipKey(rel));
    }
    expect(keys.size).toBe(dataset.relationships.length);
    for (const label of ["Organisation", "Region", "Alliance", "Person", "Event", "Article"]) {
      expect(dataset.nodes.some((n) => n.labels[0] === label)).toBe(true);
    }
    const levels = new Set(
      dataset.nodes.filter((n) => n.labels[0] === "Region").map((n) => n.properties.level),
    );
    expect(levels).toContain("prefecture");
    expect(levels).toContain("district");
  });

  it("round-trips through neo4j-admin CSV, the CSV reader and validation with zero problems", async () => {
    const paths = writeNeo4jAdminCsv(dataset, tempDir());
    const nodes = readCsvFile("nodes.csv", readFileSync(paths.nodes, "utf8"));
    const rels = readCsvFile("relationships.csv", readFileSync(paths.relationships, "utf8"));
    expect(nodes.problems).toEqual([]);
    expect(rels.problems).toEqual([]);
    const validation = await validateRecords([...nodes.records, ...rels.records]);
    expect(validation.problems).toEqual([]);
    expect(validation.dataset.nodes).toHaveLength(dataset.nodes.length);
    expect(validation.dataset.relationships).toHaveLength(dataset.relationships.length);
    // Values survive the trip: quoted cells, lists, integers and dates.
    expect(digest(canonical(validation.dataset))).toBe(digest(canonical(dataset)));
  });

  it("has skewed degrees: a few hubs, a small median", () => {
    const stats = describeNetwork(dataset);
    expect(stats.degree.max).toBeGreaterThanOrEqual(20 * stats.degree.median);
    expect(stats.cooperation.max).toBeGreaterThanOrEqual(20 * Math.max(1, stats.cooperation.median));
  });

  it("makes the default size (100k nodes, 500k relationships) in seconds, with hubs of thousands", () => {
    const started = Date.now();
    const big = generateNetwork({ seed: 1 });
    const seconds = (Date.now() - started) / 1000;
    expect(big.nodes.length).toBeGreaterThanOrEqual(100_000);
    expect(big.relationships.length).toBeGreaterThanOrEqual(500_000);
    expect(seconds).toBeLessThan(20);
    const stats = describeNetwork(big);
    expect(stats.cooperation.hubsOver1000).toBeGreaterThanOrEqual(3);
    expect(stats.degree.max).toBeGreaterThan(100 * stats.degree.median);
  });
});
