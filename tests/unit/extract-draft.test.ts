/**
 * A reviewed draft resolved into plain records (ingest/draft.ts), without a database: unreviewed items named
 * by JSON path, --accept linked, rejected ends dropping their relationships, MENTIONS following their entity,
 * merges into draft nodes and database nodes, and the published JSON Schema kept current.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { draftJsonSchemaText } from "../../core/draft-schema.ts";
import { resolveDraft, type NodeFetcher } from "../../ingest/draft.ts";
import { readJsonDataset } from "../../ingest/read-json.ts";

const review = (state: string, kind: string, extra: object = {}) => ({
  state,
  kind,
  method: "test",
  score: 1,
  mentions: [],
  ...extra,
});
const rel = (type: string, start: string, end: string, state: string, kind = "suggestion") => ({
  type,
  start,
  end,
  evidence: ["句子。"],
  article: "article:a",
  review: {
    state,
    kind,
    method: "test",
    score: 1,
    evidenceAt: { article: "article:a", field: "text", start: 0, end: 3 },
  },
});

function draft(nodes: object[], relationships: object[]) {
  const text = JSON.stringify({ format: "guanxi-draft", version: 1, nodes, relationships }, null, 2);
  const read = readJsonDataset("d.json", text, { allowDraft: true });
  expect(read.problems).toEqual([]);
  expect(read.format).toBe("guanxi-draft");
  return read.records;
}

const ARTICLE = {
  label: "Article",
  id: "article:a",
  name: "标题",
  title: "标题",
  text: "句子。",
  review: review("accepted", "article"),
};
const LINK = {
  label: "Region",
  id: "region:beijing",
  name: "北京市",
  review: review("proposed", "link", { ambiguous: false }),
};
const AMBIGUOUS = {
  label: "Organisation",
  id: "org:bftu",
  name: "北京市总工会",
  review: review("proposed", "link", { ambiguous: true }),
};
const NEW = {
  label: "Organisation",
  id: "org:new",
  name: "新工会",
  kind: "union",
  review: review("proposed", "new"),
};

describe("resolving a draft", () => {
  it("names every unreviewed item by JSON path and line", async () => {
    const records = draft(
      [ARTICLE, LINK, NEW],
      [
        rel("MENTIONS", "article:a", "org:new", "proposed", "mention"),
        rel("LOCATED_IN", "org:new", "region:beijing", "proposed"),
      ],
    );
    const { problems } = await resolveDraft("d.json", records);
    expect(problems.map((p) => `${p.line} ${p.field} ${p.message.split(": accept")[0]}`)).toEqual([
      expect.stringMatching(
        /^\d+ review\.state nodes\[1\] \(Region 北京市 \(region:beijing\)\) is still proposed$/u,
      ),
      expect.stringMatching(
        /^\d+ review\.state nodes\[2\] \(Organisation 新工会 \(org:new\)\) is still proposed$/u,
      ),
      expect.stringMatching(
        /^\d+ review\.state relationships\[0\] \(article:a -MENTIONS-> org:new\) is still proposed$/u,
      ),
      expect.stringMatching(
        /^\d+ review\.state relationships\[1\] \(org:new -LOCATED_IN-> region:beijing\) is still proposed$/u,
      ),
    ]);
  });

  it("--accept linked takes exact links and their MENTIONS, leaves ambiguous ones and proposals out", async () => {
    const records = draft(
      [ARTICLE, LINK, AMBIGUOUS, NEW],
      [
        rel("MENTIONS", "article:a", "region:beijing", "proposed", "mention"),
        rel("MENTIONS", "article:a", "org:bftu", "proposed", "mention"),
        rel("LOCATED_IN", "org:new", "region:beijing", "proposed"),
      ],
    );
    const out = await resolveDraft("d.json", records, { accept: "linked" });
    expect(out.problems).toEqual([]);
    expect(
      out.records.map((r) =>
        r.kind === "node" ? r.fields.id : `${String(r.fields.start)}>${String(r.fields.end)}`,
      ),
    ).toEqual(["article:a", "article:a>region:beijing"]);
    expect(out.records.every((r) => !("review" in r.fields))).toBe(true);
    expect(out.skipped).toHaveLength(4);
  });

  it("drops what is rejected with the relationships that need it, and merges into draft and database nodes", async () => {
    const other = {
      ...NEW,
      id: "org:other",
      name: "另一个工会",
      review: review("merged-into:org:new", "new"),
    };
    const intoDb = {
      ...NEW,
      id: "org:dup",
      name: "北京保障房中心有限公司",
      review: review("merged-into:org:bphc", "new"),
    };
    const records = draft(
      [
        ARTICLE,
        { ...LINK, review: review("accepted", "link") },
        { ...AMBIGUOUS, review: review("rejected", "link") },
        { ...NEW, review: review("accepted", "new") },
        other,
        intoDb,
      ],
      [
        rel("MENTIONS", "article:a", "org:bftu", "proposed", "mention"),
        rel("MENTIONS", "article:a", "org:other", "proposed", "mention"),
        rel("MENTIONS", "article:a", "org:new", "proposed", "mention"),
        rel("MENTIONS", "article:a", "org:dup", "proposed", "mention"),
        rel("LOCATED_IN", "org:other", "region:beijing", "accepted"),
        rel("COOPERATES_WITH", "org:new", "org:bftu", "accepted"),
      ],
    );
    const fetchNodes: NodeFetcher = async (ids) =>
      new Map(
        ids
          .filter((id) => id === "org:bphc")
          .map((id) => [
            id,
            {
              labels: ["Organisation"],
              properties: {
                id,
                name: "北京保障房中心",
                aliases: ["保障房中心"],
                kind: "company",
                pinyin: ["x"],
              },
            },
          ]),
      );
    const out = await resolveDraft("d.json", records, { fetchNodes });
    expect(out.problems).toEqual([]);
    const nodes = out.records.filter((r) => r.kind === "node").map((r) => r.fields);
    expect(nodes.find((n) => n.id === "org:new")).toMatchObject({ aliases: ["另一个工会"] });
    expect(nodes.find((n) => n.id === "org:bphc")).toEqual({
      labels: ["Organisation"],
      id: "org:bphc",
      name: "北京保障房中心",
      kind: "company",
      aliases: ["保障房中心", "北京保障房中心有限公司"],
    });
    const rels = out.records
      .filter((r) => r.kind === "relationship")
      .map((r) => `${String(r.fields.type)} ${String(r.fields.start)} ${String(r.fields.end)}`);
    expect(rels).toEqual([
      "MENTIONS article:a org:new",
      "MENTIONS article:a org:bphc",
      "LOCATED_IN org:new region:beijing",
    ]);
    expect(out.dropped).toBe(3); // the rejected link, its MENTIONS and the COOPERATES_WITH that needed it
  });

  it("refuses a bad state, a merge in a circle and a merge into nothing", async () => {
    const bad = await resolveDraft("d.json", draft([{ ...NEW, review: review("maybe", "new") }], []));
    expect(bad.problems[0]!.message).toMatch(/nodes\[0\] .* has no valid review state/u);
    const circle = await resolveDraft(
      "d.json",
      draft(
        [
          { ...NEW, review: review("merged-into:org:b", "new") },
          { ...NEW, id: "org:b", review: review("merged-into:org:new", "new") },
        ],
        [],
      ),
    );
    expect(circle.problems[0]!.message).toMatch(/merged in a circle/u);
    const nowhere = await resolveDraft(
      "d.json",
      draft([{ ...NEW, review: review("merged-into:org:gone", "new") }], []),
      { fetchNodes: async () => new Map() },
    );
    expect(nowhere.problems[0]!.message).toMatch(
      /nodes\[0\] is merged into org:gone, which is neither in the draft nor in the database/u,
    );
  });
});

describe("the draft's JSON Schema", () => {
  it("is current (npm run schema)", () => {
    const published = readFileSync(
      join(import.meta.dirname, "..", "..", "schema", "guanxi-draft.schema.json"),
      "utf8",
    );
    expect(published).toBe(draftJsonSchemaText());
  });
});
