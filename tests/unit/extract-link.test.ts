/**
 * Linking and proposing on hand-written entities and the fixtures of other cities: nested matches kept,
 * crossing ones longest-first, doubtful matches marked ambiguous (relative names in another city's article,
 * generic aliases, homonyms), proposals grown from suffixes with their places and parents, relationships only
 * where a trigger supports them, and every quote verbatim.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Draft, DraftNode } from "../../core/draft.ts";
import { extractText } from "../../extract/extract.ts";
import type { KnownEntity } from "../../extract/known.ts";
import { Linker, resolveOverlaps } from "../../extract/link.ts";
import { datesIn } from "../../extract/propose.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "extract");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

const known = (
  id: string,
  label: string,
  name: string,
  aliases: string[] = [],
  extra: Partial<KnownEntity> = {},
): KnownEntity => ({
  id,
  label,
  name,
  aliases,
  places: [],
  ...extra,
});

const KNOWN: KnownEntity[] = [
  known("region:beijing", "Region", "北京市", ["北京", "本市"], { nameEn: "Beijing" }),
  known("region:tianjin", "Region", "天津市", ["天津"]),
  known("org:bftu", "Organisation", "北京市总工会", ["市总工会"], {
    places: ["北京市", "北京"],
    nameEn: "Beijing Federation of Trade Unions",
  }),
  known("org:bphc", "Organisation", "北京保障房中心", ["保障房中心"], { places: ["北京市"] }),
  known("org:bphc-league", "Organisation", "北京保障房中心团委", ["团委"], { places: [] }),
  known("person:zhang-jing", "Person", "张晶", [], { role: "reporter" }),
];

const node = (draft: Draft, name: string): DraftNode | undefined => draft.nodes.find((n) => n.name === name);
const rel = (draft: Draft, type: string, start: string, end: string) =>
  draft.relationships.find((r) => r.type === type && r.start === start && r.end === end);

function expectVerbatim(draft: Draft): void {
  const articles = new Map(draft.nodes.filter((n) => n.review.kind === "article").map((a) => [a.id, a]));
  for (const r of draft.relationships) {
    const at = r.review.evidenceAt;
    expect(String(articles.get(at.article)![at.field]).slice(at.start, at.end)).toBe(r.evidence[0]);
  }
  for (const n of draft.nodes)
    for (const m of n.review.mentions)
      expect(String(articles.get(m.article)![m.field]).slice(m.start, m.end)).toBe(m.text);
}

describe("the matcher", () => {
  it("keeps nested matches and resolves crossing ones longest-first", () => {
    const linker = new Linker(KNOWN);
    const found = linker
      .find("北京市总工会与北京保障房中心团委在北京")
      .map((m) => [m.start, m.end, m.entries[0]!.entity.id]);
    expect(found).toEqual([
      [0, 6, "org:bftu"],
      [0, 3, "region:beijing"],
      [7, 16, "org:bphc-league"],
      [7, 14, "org:bphc"],
      [7, 9, "region:beijing"],
      [17, 19, "region:beijing"],
    ]);
    expect(
      resolveOverlaps([
        { start: 0, end: 4 },
        { start: 2, end: 8 },
        { start: 3, end: 5 },
      ]),
    ).toEqual([
      { start: 2, end: 8 },
      { start: 3, end: 5 },
    ]);
  });

  it("matches English names case-insensitively on word boundaries only", () => {
    const linker = new Linker(KNOWN);
    expect(
      linker.find("the beijing federation of trade unions said").map((m) => m.entries[0]!.entity.id),
    ).toEqual(["org:bftu", "region:beijing"]);
    expect(linker.find("Beijinger")).toEqual([]);
  });
});

describe("linking", () => {
  it("links full names and their relative aliases in an article about their city", () => {
    const { draft } = extractText(
      "北京市总工会召开会议\n\n本报讯 近日，北京市总工会召开会议。会上，市总工会负责人讲话。",
      { known: KNOWN },
    );
    const bftu = draft.nodes.find((n) => n.id === "org:bftu")!;
    expect(bftu.review).toMatchObject({ kind: "link", ambiguous: false, state: "proposed" });
    expect(bftu.review.mentions.map((m) => m.text)).toContain("市总工会");
    expectVerbatim(draft);
  });

  it("marks 市总工会 ambiguous in an article about Tianjin and Shanghai, and suggests nothing with it", () => {
    const { draft } = extractText(fixture("tianjin-shanghai.txt"), { known: KNOWN });
    const bftu = draft.nodes.find((n) => n.id === "org:bftu")!;
    expect(bftu.review.ambiguous).toBe(true);
    expect(bftu.review.reason).toMatch(/relative.*天津市/u);
    expect(
      draft.relationships.filter(
        (r) => r.type !== "MENTIONS" && (r.start === "org:bftu" || r.end === "org:bftu"),
      ),
    ).toEqual([]);
    expect(draft.nodes.find((n) => n.id === "region:tianjin")!.review.ambiguous).toBe(false);
  });

  it("marks a known person's namesake ambiguous outside a byline, and a generic alias always", () => {
    const { draft } = extractText(fixture("homonym.txt") + "\n\n团委组织青年职工参观。", { known: KNOWN });
    expect(draft.nodes.find((n) => n.id === "person:zhang-jing")!.review).toMatchObject({
      ambiguous: true,
      reason: expect.stringMatching(/namesake/u),
    });
    expect(draft.nodes.find((n) => n.id === "org:bphc-league")!.review).toMatchObject({
      ambiguous: true,
      reason: expect.stringMatching(/generic/u),
    });
    const byline = extractText("张晶报道\n\n本报讯（记者 张晶）北京市总工会召开会议。", {
      known: KNOWN,
    }).draft;
    expect(byline.nodes.find((n) => n.id === "person:zhang-jing")!.review.ambiguous).toBe(false);
  });

  it("links traditional-Chinese text to simplified names, quoting the traditional original", () => {
    const { draft } = extractText(fixture("traditional.txt"), { known: KNOWN });
    const bftu = draft.nodes.find((n) => n.id === "org:bftu")!;
    expect(bftu.review.ambiguous).toBe(false);
    expect(bftu.review.mentions[0]!.text).toBe("北京市總工會");
    expect(node(draft, "北京城建集團工會")!.aliases).toEqual(["北京城建集团工会"]);
    expectVerbatim(draft);
  });
});

describe("proposals and relationships", () => {
  const { draft } = extractText(fixture("tianjin-shanghai.txt"), { known: KNOWN });
  const id = (name: string) => node(draft, name)?.id;

  it("proposes organisations from suffixes, people from bylines and places from the gazetteer", () => {
    for (const name of [
      "天津市总工会",
      "上海市总工会",
      "天津市滨海新区总工会",
      "上海电气集团股份有限公司工会",
      "上海电气集团股份有限公司",
    ])
      expect(node(draft, name)).toMatchObject({
        label: "Organisation",
        review: { kind: "new", state: "proposed" },
      });
    expect(node(draft, "王立新")).toMatchObject({
      label: "Person",
      role: "reporter",
      review: { method: "byline:记者" },
    });
    expect(node(draft, "滨海新区")).toMatchObject({ label: "Region", level: "district" });
    expect(node(draft, "“津沪工匠”创新工作室联盟")).toMatchObject({
      label: "Alliance",
      foundedYear: 2022,
      foundedMonth: 5,
    });
    expect(node(draft, "“海河工匠杯”职工技能大赛")).toMatchObject({ label: "Event", kind: "competition" });
  });

  it("suggests relationships from names, the gazetteer and trigger words, mapped to the schema", () => {
    expect(
      rel(draft, "PART_OF", id("上海电气集团股份有限公司工会")!, id("上海电气集团股份有限公司")!)?.review
        .method,
    ).toBe("suffix:工会");
    expect(rel(draft, "PART_OF", id("滨海新区")!, "region:tianjin")?.review.method).toBe("gazetteer:天津市");
    expect(rel(draft, "LOCATED_IN", id("天津市滨海新区总工会")!, id("滨海新区")!)).toBeDefined();
    expect(rel(draft, "COOPERATES_WITH", id("天津市总工会")!, id("上海市总工会")!)?.review.method).toBe(
      "trigger:联合",
    );
    expect(rel(draft, "ESTABLISHED", id("上海市总工会")!, id("“津沪工匠”创新工作室联盟")!)).toMatchObject({
      year: 2022,
    });
    expect(rel(draft, "REPORTED", id("王立新")!, draft.nodes[0]!.id)).toMatchObject({ role: "reporter" });
    // The nearest name that can organise (not the place between), and the one listed with it.
    const meeting = id("职工技能协作座谈会")!;
    expect(rel(draft, "ORGANISED", id("上海市总工会")!, meeting)?.review.method).toBe("trigger:召开");
    expect(rel(draft, "ORGANISED", id("天津市总工会")!, meeting)).toBeDefined();
    expect(draft.relationships.some((r) => r.type === "ORGANISED" && r.start === "region:tianjin")).toBe(
      false,
    );
    // Every relationship type and its ends are the news schema's.
    for (const r of draft.relationships) expect(r.review.state).toBe("proposed");
    expectVerbatim(draft);
  });

  it("reads dates partial as given", () => {
    expect(datesIn("2023年6月，联盟成立；2024年评审；2021年3月5日开幕")).toEqual([
      { year: 2023, month: 6 },
      { year: 2024 },
      { year: 2021, month: 3, date: "2021-03-05" },
    ]);
  });
});
