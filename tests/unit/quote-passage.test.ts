import { describe, expect, it } from "vitest";
import { quotePassage } from "../../core/quote-passage.ts";

// Hand-written stories (other cities, other labels), not the seed's.
const STORY = [
  "成都讯 记者从成都市总工会获悉。",
  "今年，成都新增5家技能大师工作室。其中，青羊区工作室由三家企业共建。该工作室已培训职工2000人次。明年还将扩建。",
  "另一段文字。",
].join("\n");

describe("quotePassage", () => {
  it("marks the quote inside its paragraph, with the sentences around it", () => {
    const passage = quotePassage(STORY, "青羊区工作室由三家企业共建。")!;
    expect(passage.quote).toBe("青羊区工作室由三家企业共建。");
    expect(passage.before).toBe("今年，成都新增5家技能大师工作室。其中，");
    expect(passage.after).toBe("该工作室已培训职工2000人次。明年还将扩建。");
    expect([passage.clippedStart, passage.clippedEnd]).toEqual([true, true]);
  });

  it("clips a long paragraph at sentence ends within the context", () => {
    const long =
      "甲".repeat(50) + "。" + "乙".repeat(10) + "。引文在此。" + "丙".repeat(10) + "。" + "丁".repeat(50);
    const passage = quotePassage(long, "引文在此。", 20)!;
    expect(passage.before).toBe("乙".repeat(10) + "。");
    expect(passage.after).toBe("丙".repeat(10) + "。");
  });

  it("finds a quote cut by a page break (cleaned text) or by white space", () => {
    const broken =
      "记者近日从市总工会了解到，今年以来全市各级工会组织开展各类职工技能培训活动，共计培训\n\n职工6.94万人次，同比增长。";
    const passage = quotePassage(broken, "共计培训职工6.94万人次")!;
    expect(passage.quote).toBe("共计培训职工6.94万人次");
    expect(passage.after).toBe("，同比增长。");
    // A short line is no cut paragraph: found with white space ignored.
    expect(quotePassage("全年共计培训\n\n职工6.94万人次。", "共计培训职工")?.quote).toBe("共计培训\n\n职工");
    expect(quotePassage("Alice met\n Bob in Leeds.", "met Bob")?.quote).toBe("met\n Bob");
  });

  it("returns null when the text does not hold the quote", () => {
    expect(quotePassage(STORY, "重庆")).toBeNull();
    expect(quotePassage(STORY, "  ")).toBeNull();
    expect(quotePassage("", "x")).toBeNull();
  });
});
