/**
 * Time and layouts, their pure parts: partial dates stay partial (a year is the whole year), periods
 * overlap, buckets count what they hold whole and what only may fall in them, play moves the window;
 * which properties are times is read from the schema (the news model's and a fixture schema of
 * companies, places and fairs); the timeline's rule for undated nodes; the view document's `time`;
 * the one-shot layouts keep pinned nodes, put parents above children, remove overlaps. On the seed
 * too: the 2023 period keeps the alliance's founding and leaves out the 2024 designations, and the
 * hierarchy puts 北京市 above 通州区.
 */
import { readFileSync } from "node:fs";
import { MultiDirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import {
  bucketize,
  bucketUnitFor,
  formatPartialDate,
  nextWindow,
  overlaps,
  parsePartialDate,
  parsePeriod,
  periodOfBuckets,
  periodSpan,
  spanOf,
} from "../../core/partial-date.ts";
import type { PartialDate } from "../../core/partial-date.ts";
import { checkSchemaText } from "../../core/schema/check-schema.ts";
import type { SchemaDocument } from "../../core/schema/document.ts";
import { NEWS_SCHEMA } from "../../core/schema/news-schema.ts";
import { datesOf, hierarchyTypesOf, timeSchemaOf } from "../../core/schema/time-properties.ts";
import type { TimeSchema } from "../../core/schema/time-properties.ts";
import { parseViewDocument, VIEW_DOCUMENT_FORMAT, ViewDocumentError } from "../../core/view-document.ts";
import type { EdgeAttrs, ExplorerGraph, NodeAttrs } from "../../web/src/features/graph-view/types.ts";
import { isEdgeShown, isNodeShown } from "../../web/src/features/graph-view/reducers.ts";
import {
  computeLayout,
  concentricLayout,
  hierarchyLayout,
} from "../../web/src/features/layout/layout-algorithms.ts";
import type { LayoutNode } from "../../web/src/features/layout/layout-algorithms.ts";
import { datedFacts, outOfTime } from "../../web/src/features/timeline/time-filter.ts";
import { captureView, planView } from "../../web/src/features/views/view-state.ts";
import { NO_FILTERS } from "../../web/src/features/filters/state.ts";

const d = (text: string) => parsePartialDate(text)!;

describe("partial dates", () => {
  it("reads years, months and days, as partial as they are written", () => {
    expect(parsePartialDate(2023)).toEqual({ year: 2023 });
    expect(parsePartialDate("2023")).toEqual({ year: 2023 });
    expect(parsePartialDate("2023-06")).toEqual({ year: 2023, month: 6 });
    expect(parsePartialDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parsePartialDate("2023-06-14T09:30:00Z")).toEqual({ year: 2023, month: 6, day: 14 });
    for (const bad of ["2023-13", "2023-02-29", "0000", "23", "June 2023", 2023.5, true, null])
      expect(parsePartialDate(bad)).toBeNull();
    expect(["2023", "2023-06", "2023-06-14"].map((t) => formatPartialDate(d(t)))).toEqual([
      "2023",
      "2023-06",
      "2023-06-14",
    ]);
  });

  it("a year is the whole year, not its 1 January", () => {
    const year = spanOf(d("2023"));
    expect(year.end - year.start).toBe(365);
    expect(spanOf(d("2024")).end - spanOf(d("2024")).start).toBe(366);
    expect(spanOf(d("2023-02")).end - spanOf(d("2023-02")).start).toBe(28);
    // A fact dated 2023 may fall in December 2023 and in a brush of 2023-05…2023-08; not in 2024.
    expect(overlaps(year, spanOf(d("2023-12-31")))).toBe(true);
    expect(overlaps(year, periodSpan({ from: "2023-05", to: "2023-08" }))).toBe(true);
    expect(overlaps(year, periodSpan({ from: "2024", to: "2024" }))).toBe(false);
  });

  it("periods are inclusive at both ends and refuse what is not a period", () => {
    const { span } = parsePeriod({ from: "2023", to: "2024-03" });
    expect(span.start).toBe(spanOf(d("2023")).start);
    expect(span.end).toBe(spanOf(d("2024-03")).end);
    expect(() => parsePeriod({ from: "2024", to: "2023" })).toThrow(/from: 2024 comes after 2023/);
    expect(() => parsePeriod({ from: "2023", to: "soon" })).toThrow(/to: "soon" is not a date/);
  });

  it("buckets by year, or by month when the facts lie within two years and some have months", () => {
    const years = [d("2017"), d("2023-06"), d("2024")];
    expect(bucketUnitFor(years)).toBe("year");
    const buckets = bucketize(years.map(spanOf), "year");
    expect(buckets.map((b) => b.id)).toEqual([
      "2017",
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
    ]);
    expect(buckets.find((b) => b.id === "2023")).toMatchObject({ whole: 1, partial: 0 });
    const near = [d("2023"), d("2023-06"), d("2023-06-14"), d("2024-01")];
    expect(bucketUnitFor(near)).toBe("month");
    const months = bucketize(near.map(spanOf), "month");
    expect(months[0]!.id).toBe("2023-01");
    expect(months.at(-1)!.id).toBe("2024-01");
    // The year-only fact may fall in any month of 2023: counted apart in each, never as a whole.
    expect(months.find((b) => b.id === "2023-06")).toMatchObject({ whole: 2, partial: 1 });
    expect(months.find((b) => b.id === "2023-02")).toMatchObject({ whole: 0, partial: 1 });
    // Too many months become years.
    expect(bucketize([spanOf(d("1990-01")), spanOf(d("2023-01"))], "month", 100)[0]!.id).toBe("1990");
  });

  it("play moves the window forward by its width, and stops at the end", () => {
    const buckets = bucketize([spanOf(d("2020")), spanOf(d("2025"))], "year");
    expect(periodOfBuckets(buckets, 3, 1)).toEqual({ from: "2021", to: "2023" });
    expect(nextWindow(buckets, { from: "2020", to: "2021" })).toEqual({ from: "2022", to: "2023" });
    expect(nextWindow(buckets, { from: "2024", to: "2024" })).toEqual({ from: "2025", to: "2025" });
    expect(nextWindow(buckets, { from: "2023", to: "2025" })).toBeNull();
    // A window narrower than a bucket moves on by one bucket.
    expect(nextWindow(buckets, { from: "2021-03", to: "2021-05" })).toEqual({ from: "2022", to: "2022" });
  });
});

const TRADE_TEXT = readFileSync("tests/fixtures/timeline/trade-schema.json", "utf8");
const TRADE = JSON.parse(TRADE_TEXT) as SchemaDocument;

describe("time properties, from the schema", () => {
  it("the news model: event years and dates, founding years with their month, membership since", () => {
    const time = timeSchemaOf(NEWS_SCHEMA);
    expect(time.labels.Event).toEqual([
      { key: "year", unit: "year" },
      { key: "date", unit: "date" },
    ]);
    expect(time.labels.Alliance).toEqual([{ key: "foundedYear", unit: "year", month: "foundedMonth" }]);
    expect(time.relationshipTypes.MEMBER_OF).toEqual([{ key: "since", unit: "date" }]);
    expect(time.relationshipTypes.ESTABLISHED).toEqual([{ key: "year", unit: "year" }]);
    expect(time.labels.Organisation).toBeUndefined(); // `count` is an int, not a time
    expect(hierarchyTypesOf(NEWS_SCHEMA)).toEqual(["PART_OF", "LOCATED_IN"]);
  });

  it("another schema: its own names, a date common to every label, an int year that is only a count", () => {
    expect(checkSchemaText("trade-schema.json", TRADE_TEXT).problems).toEqual([]);
    const time = timeSchemaOf(TRADE);
    expect(time.labels.Company).toEqual([
      { key: "opened", unit: "date" },
      { key: "incorporated", unit: "year", month: "incorporatedMonth" },
    ]);
    expect(time.labels.Place).toEqual([{ key: "opened", unit: "date" }]);
    // SUPPLIES.year is a plain int in this schema: not a time, whatever its name.
    expect(time.relationshipTypes.SUPPLIES).toEqual([{ key: "signed", unit: "date" }]);
    expect(hierarchyTypesOf(TRADE)).toEqual(["SUBDIVISION_OF", "HEADQUARTERED_IN"]);
    const company = time.labels.Company;
    expect(datesOf({ incorporated: 2019, incorporatedMonth: 4 }, company)).toEqual([
      { year: 2019, month: 4 },
    ]);
    expect(datesOf({ incorporated: 2019, incorporatedMonth: 13 }, company)).toEqual([{ year: 2019 }]);
    expect(datesOf({ incorporated: "2019", staff: 2019, opened: "2020-01-02" }, company)).toEqual([
      { year: 2020, month: 1, day: 2 },
    ]);
  });

  it("a schema that marks a non-int as a year, or names a month that is not there, is refused", () => {
    const bad = structuredClone(TRADE) as unknown as {
      labels: Record<string, { properties: Record<string, Record<string, unknown>> }>;
    };
    bad.labels.Fair!.properties.held = { type: "string", time: "year" };
    bad.labels.Company!.properties.incorporated!.monthProperty = "month";
    const problems = checkSchemaText("bad.json", JSON.stringify(bad, null, 2)).problems;
    expect(problems.map((p) => p.message)).toEqual([
      '"month" is not an int property declared beside "incorporated"',
      '"time": "year" is for int properties (a date property is a time already)',
    ]);
    // Each names the line of the property it is about.
    for (const problem of problems) expect(problem.line).toBeGreaterThan(1);
  });
});

/** A graph from the fixture's records: nodes { key, label, ...properties }, edges "type:source>target". */
function graphFrom(
  nodes: ({ key: string; label: string; x?: number; y?: number } & Record<string, unknown>)[],
  edges: [string, string, string, Record<string, unknown>?][],
): ExplorerGraph {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  nodes.forEach(({ key, label, x, y, ...properties }, i) =>
    graph.addNode(key, {
      x: x ?? i,
      y: y ?? (i * 7) % 5,
      category: label,
      labels: [label],
      name: String(properties.name ?? key),
      properties: properties as NodeAttrs["properties"],
    }),
  );
  for (const [type, source, target, properties = {}] of edges)
    graph.addEdgeWithKey(`${type}:${source}>${target}`, source, target, {
      relType: type,
      properties: properties as EdgeAttrs["properties"],
    });
  return graph;
}

/** Sichuan and Zhejiang traders, a fair, and a homonym: two 朝阳区, one in Beijing, one in Changchun. */
function tradeGraph(): ExplorerGraph {
  return graphFrom(
    [
      { key: "sichuan", label: "Place", name: "四川省" },
      { key: "chengdu", label: "Place", name: "成都市" },
      { key: "wuhou", label: "Place", name: "武侯区" },
      { key: "beijing", label: "Place", name: "北京市" },
      { key: "chaoyang-bj", label: "Place", name: "朝阳区" },
      { key: "changchun", label: "Place", name: "长春市" },
      { key: "chaoyang-cc", label: "Place", name: "朝阳区" },
      { key: "shu-tea", label: "Company", name: "蜀茶", incorporated: 2019, incorporatedMonth: 4 },
      { key: "jilin-rice", label: "Company", name: "吉米", incorporated: 2022 },
      { key: "old-mill", label: "Company", name: "老磨坊" },
      { key: "expo", label: "Fair", name: "西博会", held: "2023-09-20" },
    ],
    [
      ["SUBDIVISION_OF", "chengdu", "sichuan"],
      ["SUBDIVISION_OF", "wuhou", "chengdu"],
      ["SUBDIVISION_OF", "chaoyang-bj", "beijing"],
      ["SUBDIVISION_OF", "chaoyang-cc", "changchun"],
      ["HEADQUARTERED_IN", "shu-tea", "wuhou"],
      ["HEADQUARTERED_IN", "jilin-rice", "chaoyang-cc"],
      ["HEADQUARTERED_IN", "old-mill", "chaoyang-bj"],
      ["SUPPLIES", "shu-tea", "jilin-rice", { signed: "2024-03" }],
      ["SUPPLIES", "old-mill", "jilin-rice", { year: 2023 }],
      ["EXHIBITED_AT", "shu-tea", "expo"],
    ],
  );
}

function visibilityFor(graph: ExplorerGraph, time: TimeSchema, period: { from: string; to: string }) {
  const out = outOfTime(graph, datedFacts(graph, time), periodSpan(period));
  return { hidden: new Set<string>(), filters: NO_FILTERS, outOfTime: out };
}

const shownNodes = (graph: ExplorerGraph, visibility: ReturnType<typeof visibilityFor>) =>
  graph.filterNodes((key, attrs) => isNodeShown(visibility, key, attrs.category)).sort();

describe("the timeline's filter", () => {
  const time = timeSchemaOf(TRADE);

  it("reads dated nodes and relationships by the schema, as partial as they are", () => {
    const facts = datedFacts(tradeGraph(), time);
    expect([...facts.nodes.keys()].sort()).toEqual(["expo", "jilin-rice", "shu-tea"]);
    expect([...facts.edges.keys()]).toEqual(["SUPPLIES:shu-tea>jilin-rice"]); // year: 2023 is no time here
    expect(facts.dates.map(formatPartialDate).sort()).toEqual(["2019-04", "2022", "2023-09-20", "2024-03"]);
  });

  it("keeps what falls in the period and undated context that connects it; drops what only touches other periods", () => {
    const graph = tradeGraph();
    const in2023 = visibilityFor(graph, time, { from: "2023", to: "2023" });
    // shu-tea (2019-04) and jilin-rice (2022) are out; the fair (2023-09-20) is in. wuhou touches only
    // shu-tea, a dated fact of 2019: out. chaoyang-cc and old-mill likewise (jilin-rice; old-mill's
    // SUPPLIES year is no time in this schema). Places that touch no dated fact stay (chaoyang-bj
    // touches only the undated old-mill).
    expect(shownNodes(graph, in2023)).toEqual([
      "beijing",
      "changchun",
      "chaoyang-bj",
      "chengdu",
      "expo",
      "sichuan",
    ]);
    expect(isEdgeShown(graph, in2023, "SUPPLIES:shu-tea>jilin-rice")).toBe(false);
    expect(isEdgeShown(graph, in2023, "SUBDIVISION_OF:chengdu>sichuan")).toBe(true);
    // A period from 2019 to 2022: both companies and their districts; the fair and its 2024 deal not.
    const earlier = visibilityFor(graph, time, { from: "2019", to: "2022" });
    expect(shownNodes(graph, earlier)).toContain("wuhou");
    expect(shownNodes(graph, earlier)).toContain("chaoyang-cc");
    expect(shownNodes(graph, earlier)).not.toContain("expo");
    // A month period holds a fact dated to that month, and not one dated to the next.
    const march = visibilityFor(graph, time, { from: "2024-03", to: "2024-03" });
    expect(isEdgeShown(graph, march, "SUPPLIES:shu-tea>jilin-rice")).toBe(false); // its ends are dated earlier
    expect(march.outOfTime.edges.has("SUPPLIES:shu-tea>jilin-rice")).toBe(false);
    const april = visibilityFor(graph, time, { from: "2024-04", to: "2024-04" });
    expect(april.outOfTime.edges.has("SUPPLIES:shu-tea>jilin-rice")).toBe(true);
  });
});

describe("the view document's time", () => {
  const base = { format: VIEW_DOCUMENT_FORMAT, version: 1, nodes: [], selection: [] };

  it("is optional (version 1 views without it read as before) and checked when there", () => {
    expect(parseViewDocument(base).time).toBeUndefined();
    expect(parseViewDocument({ ...base, time: { from: "2023", to: "2023-06" } }).time).toEqual({
      from: "2023",
      to: "2023-06",
    });
    const refused = (time: unknown) => {
      try {
        parseViewDocument({ ...base, time });
      } catch (error) {
        return error instanceof ViewDocumentError ? `${error.field}: ${error.problem}` : String(error);
      }
      return "accepted";
    };
    expect(refused({ from: "2023" })).toMatch(/^time\.to: must be a non-empty string/);
    expect(refused({ from: "2024", to: "2023" })).toMatch(/^time\.from: 2024 comes after 2023/);
    expect(refused({ from: "2023", to: "2023-13" })).toMatch(/^time\.to: "2023-13" is not a date/);
    expect(refused({ from: "2023", to: "2023", step: 1 })).toMatch(/^time\.step: is not a known field/);
  });

  it("goes into the view with the screen and comes back out of it", () => {
    const graph = tradeGraph();
    const screen = { hidden: new Set<string>(), pinned: new Set<string>(), filters: NO_FILTERS };
    const doc = captureView({
      graph,
      screen: { ...screen, time: { from: "2023", to: "2024" } },
      selection: [],
    });
    expect(doc.time).toEqual({ from: "2023", to: "2024" });
    expect(captureView({ graph, screen, selection: [] }).time).toBeUndefined();
    const found = Object.fromEntries(graph.nodes().map((k) => [k, k]));
    const resolved = { nodes: [], edges: [], found, missing: [], truncated: false };
    expect(planView(parseViewDocument(JSON.parse(JSON.stringify(doc))), resolved).screen.time).toEqual({
      from: "2023",
      to: "2024",
    });
    expect(planView({ ...doc, time: undefined }, resolved).screen.time).toBeNull();
  });
});

const layoutNodes = (graph: ExplorerGraph, pinned: string[] = []): LayoutNode[] =>
  graph.mapNodes((key, a) => ({
    key,
    x: a.x,
    y: a.y,
    size: 5,
    ...(pinned.includes(key) ? { pinned: true } : {}),
  }));
const layoutEdges = (graph: ExplorerGraph) =>
  graph.mapEdges((_k, a, source, target) => ({ source, target, type: a.relType }));

describe("one-shot layouts", () => {
  it("hierarchy: each end above its start, for the types chosen only", () => {
    const graph = tradeGraph();
    const at = hierarchyLayout(layoutNodes(graph), layoutEdges(graph), [
      "SUBDIVISION_OF",
      "HEADQUARTERED_IN",
    ]);
    const above = (parent: string, child: string) => at[parent]!.y > at[child]!.y;
    expect(above("sichuan", "chengdu")).toBe(true);
    expect(above("chengdu", "wuhou")).toBe(true);
    expect(above("wuhou", "shu-tea")).toBe(true);
    // Homonyms stay apart: each 朝阳区 under its own city.
    expect(above("beijing", "chaoyang-bj")).toBe(true);
    expect(above("changchun", "chaoyang-cc")).toBe(true);
    expect(above("chaoyang-cc", "jilin-rice")).toBe(true);
    // Only the types chosen are followed: by SUBDIVISION_OF alone the companies are in no layer of
    // the places' tree, but in rows under it.
    const places = hierarchyLayout(layoutNodes(graph), layoutEdges(graph), ["SUBDIVISION_OF"]);
    expect(places.wuhou!.y).toBeLessThan(places.chengdu!.y);
    for (const company of ["shu-tea", "jilin-rice", "old-mill", "expo"])
      expect(places[company]!.y, company).toBeLessThan(places.wuhou!.y);
  });

  it("keeps pinned nodes where they are and fits the others into the extent they had", () => {
    const graph = tradeGraph();
    const nodes = layoutNodes(graph, ["beijing"]);
    for (const kind of ["circular", "concentric", "hierarchy", "noverlap"] as const) {
      const out = computeLayout({ kind, nodes, edges: layoutEdges(graph), removeOverlaps: true, unit: 0.01 });
      expect(out.beijing, kind).toBeUndefined();
      expect(Object.keys(out).length, kind).toBe(graph.order - 1);
      const xs = Object.values(out).map((p) => p.x);
      expect(Math.min(...xs), kind).toBeGreaterThan(-5);
      expect(Math.max(...xs), kind).toBeLessThan(graph.order + 5);
    }
  });

  it("concentric: the highest metric in the centre, lower ones on rings further out", () => {
    const nodes: LayoutNode[] = Array.from({ length: 12 }, (_, i) => ({
      key: `n${i}`,
      x: 0,
      y: 0,
      size: 4,
      metric: i,
    }));
    const at = concentricLayout(nodes);
    const r = (key: string) => Math.hypot(at[key]!.x, at[key]!.y);
    expect(r("n11")).toBe(0);
    expect(r("n10")).toBeCloseTo(0.5);
    expect(r("n0")).toBeCloseTo(1);
  });

  it("overlap removal moves overlapping nodes apart", () => {
    const nodes: LayoutNode[] = Array.from({ length: 6 }, (_, i) => ({
      key: `n${i}`,
      x: i * 0.01,
      y: 0,
      size: 10,
    }));
    const out = computeLayout({ kind: "noverlap", nodes, edges: [], unit: 0.1 });
    const points = Object.values(out);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++)
        expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(1.9);
  });
});

interface SeedRecord {
  label?: string;
  type?: string;
  id?: string;
  start?: string;
  end?: string;
  [key: string]: unknown;
}

describe("on the seed", () => {
  const seed = JSON.parse(readFileSync("data/seed.json", "utf8")) as {
    nodes: SeedRecord[];
    relationships: SeedRecord[];
  };
  const graph = graphFrom(
    seed.nodes.map(({ label, id, ...rest }) => ({ key: id!, label: label!, ...rest })),
    seed.relationships.map(({ type, start, end, ...rest }) => [type!, start!, end!, rest]),
  );
  const time = timeSchemaOf(NEWS_SCHEMA);
  const yearOf = (dates: PartialDate[]) => [...new Set(dates.map((date) => date.year))];

  it("the 2023 period keeps the alliance's founding and leaves out what is dated 2024 only", () => {
    const visibility = visibilityFor(graph, time, { from: "2023", to: "2023" });
    const founding = graph.filterEdges(
      (_k, a) =>
        a.relType === "ESTABLISHED" &&
        yearOf(datesOf(a.properties, time.relationshipTypes.ESTABLISHED)).includes(2023),
    );
    expect(founding.length).toBeGreaterThan(0);
    for (const edge of founding) expect(isEdgeShown(graph, visibility, edge)).toBe(true);
    const alliance = graph.filterNodes((_k, a) => a.category === "Alliance");
    for (const key of alliance) expect(isNodeShown(visibility, key, "Alliance")).toBe(true);
    const only2024 = [
      ...graph.filterEdges((_k, a) => {
        const years = yearOf(datesOf(a.properties, time.relationshipTypes[a.relType]));
        return years.length > 0 && years.every((y) => y === 2024);
      }),
    ];
    expect(only2024.length).toBeGreaterThanOrEqual(10); // the 2024 designations
    for (const edge of only2024) expect(isEdgeShown(graph, visibility, edge)).toBe(false);
    const events2024 = graph.filterNodes(
      (_k, a) => a.category === "Event" && yearOf(datesOf(a.properties, time.labels.Event)).includes(2024),
    );
    expect(events2024.length).toBeGreaterThan(0);
    for (const key of events2024) expect(isNodeShown(visibility, key, "Event")).toBe(false);
  });

  it("the hierarchy by PART_OF and LOCATED_IN puts 北京市 above 通州区", () => {
    const at = hierarchyLayout(layoutNodes(graph), layoutEdges(graph), hierarchyTypesOf(NEWS_SCHEMA));
    const byName = (name: string) => graph.findNode((_k, a) => a.name === name)!;
    expect(at[byName("北京市")]!.y).toBeGreaterThan(at[byName("通州区")]!.y);
  });
});
