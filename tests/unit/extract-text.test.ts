/** The extractor's text steps: story splitting, sentences with offsets, normalisation with its map back. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { articleFromBytes, ExtractInputError, stripHtml } from "../../extract/input.ts";
import { normaliseText, originalSpan } from "../../extract/normalise.ts";
import { segmentSentences } from "../../extract/sentences.ts";
import { splitStories } from "../../extract/split.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "extract");

describe("sentences", () => {
  it("break after 。！？ and ；, keep closing quotes with their sentence, and never break inside quotes", () => {
    const text = "他说：“今天开会。明天出发！”大家鼓掌。第一项；第二项。\n标题行\nIt works. Really?";
    const sentences = segmentSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "他说：“今天开会。明天出发！”",
      "大家鼓掌。",
      "第一项；",
      "第二项。",
      "标题行",
      "It works.",
      "Really?",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("keep 《titles》 whole and stop an unclosed quote at the line end", () => {
    const text =
      "会上宣读了《关于认定2024年“职工创新工作室”的决定。附件》，随后授牌。\n他说：“没有结尾\n下一行。";
    expect(segmentSentences(text).map((s) => s.text)).toEqual([
      "会上宣读了《关于认定2024年“职工创新工作室”的决定。附件》，随后授牌。",
      "他说：“没有结尾",
      "下一行。",
    ]);
  });
});

describe("normalisation", () => {
  it("folds full-width forms and traditional characters, mapping every match back to the original verbatim", () => {
    const original = "臺灣總工會與ＡＢＣ公司在１２月舉辦聯誼會";
    const n = normaliseText(original);
    expect(n.text).toBe("台湾总工会与ABC公司在12月举办联谊会");
    const at = n.text.indexOf("ABC公司");
    const span = originalSpan(n, at, at + "ABC公司".length);
    expect(original.slice(span.start, span.end)).toBe("ＡＢＣ公司");
    const union = n.text.indexOf("台湾总工会");
    expect(original.slice(...Object.values(originalSpan(n, union, union + 5)))).toBe("臺灣總工會");
  });

  it("keeps characters outside the Basic Multilingual Plane aligned", () => {
    const original = "𠮷野家公司举办活动";
    const n = normaliseText(original);
    const at = n.text.indexOf("公司");
    const span = originalSpan(n, at, at + 2);
    expect(original.slice(span.start, span.end)).toBe("公司");
  });
});

describe("stories", () => {
  it("split the seed page into its six stories, page breaks joined, credits kept with the story they end", () => {
    const page = readFileSync(join(import.meta.dirname, "..", "..", "data", "seed-article.txt"), "utf8");
    const stories = splitStories(page);
    expect(stories).toHaveLength(6);
    expect(stories[0]!.text).toContain("共计培训职工6.94万人次");
    expect(stories[4]!.text.endsWith("本报记者 马超 摄影报道")).toBe(true);
    expect(stories[2]!.section).toBe("他山之石");
  });

  it("split where the user marks --- lines, each story's first short line its headline", () => {
    const stories = splitStories("第一条新闻\n\n正文一。\n\n---\n\n第二条新闻\n\n正文二。第二句。\n");
    expect(stories.map((s) => [s.title, s.text])).toEqual([
      ["第一条新闻", "正文一。"],
      ["第二条新闻", "正文二。第二句。"],
    ]);
  });

  it("take a headline that ends with a quote as a headline", () => {
    const [story] = splitStories(readFileSync(join(FIXTURES, "homonym.txt"), "utf8"));
    expect(story!.title).toBe("青年工程师张晶获评“杭州工匠”");
    expect(story!.text.startsWith("本报讯")).toBe(true);
  });
});

describe("article input", () => {
  it("reads GBK bytes as GB18030 and HTML as its text (no script, style or comment)", () => {
    const gbk = articleFromBytes("gbk-hebei.txt", readFileSync(join(FIXTURES, "gbk-hebei.txt")));
    expect(gbk.encoding).toBe("gb18030");
    expect(gbk.text).toContain("河北省总工会");
    const html = articleFromBytes("shenzhen.html", readFileSync(join(FIXTURES, "shenzhen.html")));
    expect(html.format).toBe("html");
    expect(html.text).toContain("本报讯（记者 周敏）近日，深圳市总工会在深圳会展中心");
    expect(html.text).toContain("“智能巡检机器人”");
    expect(html.text).not.toMatch(/tracking|comment|font-family|<[a-z]/u);
    expect(stripHtml("<p>A &amp; B&#x4e2d;</p>")).toBe("A & B中");
    const md = articleFromBytes(
      "story.md",
      new TextEncoder().encode("# 标题\n\n正文**加粗**，[链接](http://x)。\n\n- 列表项\n"),
    );
    expect(splitStories(md.text)).toEqual([{ title: "标题", text: "正文加粗，链接。\n列表项" }]);
  });

  const refused: [string, Uint8Array, RegExp][] = [
    ["empty.txt", new Uint8Array(), /empty\.txt: the file is empty/],
    ["blank.txt", new TextEncoder().encode(" \n\t\n"), /blank\.txt: holds only white space/],
    [
      "image.png",
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 1, 2, 0, 0, 0, 0]),
      /image\.png: holds NUL bytes: this looks like a binary file, not an article/,
    ],
    [
      "latin1.txt",
      Uint8Array.from([0x55, 0x6e, 0x69, 0xf3, 0x6e, 0x20, 0x64, 0x65]),
      /latin1\.txt: is not UTF-8: byte 4 \(0xf3\)/,
    ],
    [
      "tags.html",
      new TextEncoder().encode("<html><body><p> </p></body></html>"),
      /tags\.html: holds no text once its HTML markup is removed/,
    ],
  ];
  it.each(refused)("refuses %s with a message naming it", (file, bytes, message) => {
    expect(() => articleFromBytes(file, bytes)).toThrow(ExtractInputError);
    expect(() => articleFromBytes(file, bytes)).toThrow(message);
  });

  it("refuses an over-size file", () => {
    expect(() => articleFromBytes("big.txt", new Uint8Array(100).fill(0x41), { maxBytes: 50 })).toThrow(
      /big\.txt: is 100 bytes, over the 50-byte limit/,
    );
  });
});
