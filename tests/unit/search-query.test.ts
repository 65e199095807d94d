import { describe, expect, it } from "vitest";
import type { PlainNode } from "../../core/plain-values.ts";
import {
  fuzzyPrefixRegexp,
  isPinyinSyllable,
  LATER_SYLLABLE_CAP,
  luceneQuery,
  matchRank,
  maxEdits,
  orderHits,
  prefixDistance,
  RANK,
  scanPieces,
  syllablePosition,
} from "../../server/search-query.ts";

const node = (name: string, extra: Record<string, unknown> = {}): PlainNode =>
  ({ elementId: name, labels: ["Organisation"], properties: { name, ...extra } }) as unknown as PlainNode;

const noPinyin = () => undefined;

describe("search query building", () => {
  it("adds fuzzy terms only for Latin words of five letters or more", () => {
    expect(luceneQuery("tong", noPinyin)).not.toContain("~");
    const q = luceneQuery("beijng", noPinyin);
    expect(q).toContain("beijng*");
    expect(q).toContain("beijng~1^0.3");
    expect(q).toContain("/(");
    expect(luceneQuery("xizhimenwai", noPinyin)).toContain("xizhimenwai~2");
    expect(luceneQuery("通州区", noPinyin)).not.toContain("~");
    expect(luceneQuery("2024", noPinyin)).not.toContain("~"); // numbers are not typos
  });

  it("the fuzzy-prefix regexp keeps the first letter and covers one missing, extra, wrong or swapped letter", () => {
    const source = fuzzyPrefixRegexp("tongzou").slice(1, -1); // without the slashes
    const re = new RegExp(`^${source}$`);
    expect(re.test("tongzhouqu")).toBe(true); // a letter missing
    expect(re.test("tongzouqu")).toBe(true); // exact beginning
    expect(re.test("otngzou")).toBe(false); // first letters swapped: no
    expect(re.test("tognzou")).toBe(true); // swapped
    expect(re.test("tongxou")).toBe(true); // wrong
    expect(re.test("tonggzou")).toBe(true); // extra
    expect(re.test("xongzou")).toBe(false); // the first letter is kept
    expect(re.test("tongwulang")).toBe(false);
    expect(source).toMatch(/^[a-z0-9.|()*]+$/); // nothing Lucene's regexp syntax would read otherwise
  });

  it("is never a syntax risk: specials escaped, no operators", () => {
    const q = luceneQuery('a:"(b* OR [c', noPinyin);
    expect(q).toContain("\\:");
    expect(q).toContain("or*");
    expect(luceneQuery("!!!", noPinyin)).toBe("");
  });

  it("one Chinese character searches its pinyin", () => {
    expect(luceneQuery("廊", () => "lang")).toContain("pinyin:lang*");
  });

  it("scan pieces: k typos, k + 1 pieces, one of them intact", () => {
    expect(scanPieces("beijng")).toEqual(["bei", "jng"]);
    expect(scanPieces("tong")).toEqual([]);
    const pieces = scanPieces("rotterdamm");
    expect(pieces).toHaveLength(3);
    expect(pieces.join("")).toBe("rotterdamm");
  });

  it("edit budget grows with the word", () => {
    expect([maxEdits("bei"), maxEdits("beijng"), maxEdits("rotterdamm"), maxEdits("20240101")]).toEqual([
      0, 1, 2, 0,
    ]);
  });
});

describe("search ranking", () => {
  it("prefixDistance: edits to a beginning of the token, first letters agreeing", () => {
    expect(prefixDistance("tongzhou", "tongzhouqu")).toBe(0);
    expect(prefixDistance("tongzou", "tongzhouqu")).toBe(1);
    expect(prefixDistance("beijng", "beijing")).toBe(1);
    expect(prefixDistance("biejing", "beijing")).toBe(1); // swap
    expect(prefixDistance("marsielle", "marseille")).toBe(1);
    expect(prefixDistance("xbeijing", "beijing")).toBe(Infinity);
    expect(prefixDistance("rotterdma", "rotterdam")).toBe(1);
  });

  it("exact, prefix, contains, then fuzzy, then other", () => {
    const tongzhou = node("通州区", { nameEn: "Tongzhou District" });
    expect(matchRank(tongzhou, "tongzhouqu")).toBe(RANK.exact);
    expect(matchRank(tongzhou, "tongzhou")).toBe(RANK.prefix);
    expect(matchRank(tongzhou, "zhouqu")).toBe(RANK.contains);
    expect(matchRank(tongzhou, "tongzou")).toBe(RANK.fuzzy);
    expect(matchRank(node("北京市", { nameEn: "Beijing" }), "beijng")).toBe(RANK.fuzzy);
    // pinyin only, no English name: the typo is in the beginning of a later syllable's key
    expect(matchRank(node("西直门外大街"), "zhimenwia")).toBe(RANK.fuzzy);
    expect(matchRank(node("Port of Rotterdam"), "rotterdma")).toBe(RANK.fuzzy);
    expect(matchRank(node("Port of Rotterdam"), "port rotterdma")).toBe(RANK.fuzzy);
    expect(matchRank(node("Port of Rotterdam"), "hamburg")).toBe(RANK.other);
    expect(matchRank(node("Marseille"), "marsielle")).toBe(RANK.fuzzy);
  });

  it("a single pinyin syllable: names that begin with it, a few that have it later, none that lack it", () => {
    expect(isPinyinSyllable("tong")).toBe(true);
    expect(isPinyinSyllable("zhuang")).toBe(true);
    expect(isPinyinSyllable("tongzhou")).toBe(false);
    expect(isPinyinSyllable("bj")).toBe(false);
    expect(syllablePosition(node("通州区"), "tong")).toBe("begins");
    expect(syllablePosition(node("北京通州"), "tong")).toBe("later");
    expect(syllablePosition(node("北京市"), "tong")).toBe("none");
    expect(syllablePosition(node("北京市"), "tongzhou")).toBe("begins"); // not a syllable: no rule
    expect(syllablePosition(node("Tonga Trust"), "tong")).toBe("begins");
    const hits = [
      ...Array.from({ length: 8 }, (_, i) => ({
        hit: `later${i}`,
        rank: RANK.contains,
        score: 9,
        degree: 0,
        position: "later" as const,
      })),
      { hit: "begins", rank: RANK.prefix, score: 1, degree: 0, position: "begins" as const },
      { hit: "none", rank: RANK.other, score: 9, degree: 0, position: "none" as const },
    ];
    const shown = orderHits(hits, 20);
    expect(shown[0]).toBe("begins");
    expect(shown).toHaveLength(1 + LATER_SYLLABLE_CAP);
    expect(shown).not.toContain("none");
  });

  it("orders by rank, then score, then degree, and drops what is not worth showing", () => {
    const h = (hit: string, rank: number, score: number, degree = 0) => ({
      hit,
      rank,
      score,
      degree,
      position: "begins" as const,
    });
    expect(
      orderHits(
        [
          h("fuzzy", RANK.fuzzy, 9),
          h("exact", RANK.exact, 1),
          h("a", RANK.prefix, 2, 1),
          h("b", RANK.prefix, 2, 5),
          h("x", RANK.none, 99),
        ],
        10,
      ),
    ).toEqual(["exact", "b", "a", "fuzzy"]);
  });
});

describe("search query limits", () => {
  it("no fuzzy terms for very long words, nor when asked for none", () => {
    expect(luceneQuery("x".repeat(200), () => undefined)).not.toContain("~");
    expect(luceneQuery("beijng", () => undefined, { fuzzy: false })).not.toContain("~");
  });
});
