import { describe, expect, it } from "vitest";
import { formatProblem } from "../core/errors.ts";
import { readCsvFile } from "../ingest/read-csv.ts";
import { readJsonDataset } from "../ingest/read-json.ts";
import { readInputFiles } from "../ingest/ingest.ts";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateRecords } from "../ingest/validate.ts";

const REL_OK = `{ "type": "SPANS", "start": "alliance:a", "end": "region:r", "evidence": ["甲乙丙。"], "article": "article:x" }`;
const NODES_OK = [
  `{ "label": "Alliance", "id": "alliance:a", "name": "通武廊联盟", "nameEn": "Alliance A" }`,
  `{ "label": "Region", "id": "region:r", "name": "通州区", "nameEn": "Tongzhou", "level": "district" }`,
  `{ "label": "Article", "id": "article:x", "name": "文章", "nameEn": "Story", "title": "标题" }`,
];

function dataset(nodes: string[], relationships: string[] = []): string {
  return `{\n"format": "guanxi-dataset",\n"version": 1,\n"nodes": [\n${nodes.join(",\n")}\n],\n"relationships": [\n${relationships.join(",\n")}\n]\n}\n`;
}

async function problemsOf(file: string, text: string) {
  const read = file.endsWith(".csv") ? readCsvFile(file, text) : readJsonDataset(file, text);
  const validated = await validateRecords(read.records);
  return [...read.problems, ...validated.problems].map(formatProblem);
}

describe("JSON data sets", () => {
  it("accepts a valid data set and types its values", async () => {
    const read = readJsonDataset("ok.json", dataset(NODES_OK, [REL_OK]));
    const { dataset: ds, problems } = await validateRecords(read.records);
    expect(problems).toEqual([]);
    expect(ds.nodes.map((n) => n.labels[0])).toEqual(["Alliance", "Region", "Article"]);
    expect(ds.relationships[0]).toMatchObject({ type: "SPANS", start: "alliance:a", end: "region:r" });
  });

  it("names the line and column of malformed JSON", async () => {
    const text = dataset(NODES_OK).replace(`"nameEn": "Tongzhou",`, `"nameEn": "Tongzhou"`);
    const problems = await problemsOf("bad.json", text);
    expect(problems[0]).toMatch(
      /^bad\.json:6, record 2, field "level": malformed JSON at column \d+: a "," is expected/,
    );
  });

  it("reports every problem with file, line, record and field", async () => {
    const text = dataset(
      [
        `{ "label": "Company", "id": "org:x", "name": "某公司", "nameEn": "X" }`,
        `{ "label": "Organisation", "name": "无名", "nameEn": "Nameless", "kind": "union" }`,
        `{ "label": "Organisation", "id": "org:y", "name": "乙", "nameEn": "Y", "kind": "union", "count": "five" }`,
        `{ "label": "Region", "id": "region:r", "name": "通州区", "nameEn": "Tongzhou", "level": "district" }`,
        `{ "label": "Region", "id": "region:r", "name": "通州", "nameEn": "Tongzhou", "level": "district" }`,
        NODES_OK[0]!,
        NODES_OK[2]!,
      ],
      [
        `{ "type": "FRIENDS_WITH", "start": "alliance:a", "end": "region:r", "evidence": ["x"], "article": "article:x" }`,
        `{ "type": "SPANS", "start": "alliance:a", "end": "region:nowhere", "evidence": ["x"], "article": "article:x" }`,
        `{ "type": "SPANS", "start": "alliance:a", "end": "region:r", "evidence": [], "article": "article:x" }`,
        `{ "type": "SPANS", "start": "region:r", "end": "alliance:a", "evidence": ["x"], "article": "article:x" }`,
      ],
    );
    const problems = await problemsOf("bad.json", text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^bad\.json:5, record 1, field "label": unknown label "Company"/),
        expect.stringMatching(/^bad\.json:6, record 2, field "id": missing id/),
        expect.stringMatching(/^bad\.json:7, record 3, field "count": must be an integer, got text "five"/),
        expect.stringMatching(
          /^bad\.json:9, record 5, field "id": duplicate id "region:r" with different properties/,
        ),
        expect.stringMatching(
          /^bad\.json:14, record 1, field "type": unknown relationship type "FRIENDS_WITH"/,
        ),
        expect.stringMatching(/^bad\.json:15, record 2, field "end": no node with id "region:nowhere"/),
        expect.stringMatching(/^bad\.json:16, record 3, field "evidence": evidence is empty/),
        expect.stringMatching(/^bad\.json:17, record 4, field "start": SPANS cannot start at a Region/),
      ]),
    );
    expect(problems, problems.join("\n")).toHaveLength(9); // the reversed SPANS is wrong at both ends
  });

  it("reports a relationship's missing end in the same pass as its field errors", async () => {
    const text = dataset(NODES_OK, [
      `{ "type": "MEMBER_OF", "start": "org:nowhere", "end": "alliance:a", "since": "last year", "evidence": ["甲。"], "article": "article:x" }`,
    ]);
    const problems = await problemsOf("once.json", text);
    expect(problems).toEqual([
      expect.stringMatching(/^once\.json:10, record 1, field "since": must be a date written YYYY-MM-DD/),
      expect.stringMatching(/^once\.json:10, record 1, field "start": no node with id "org:nowhere"/),
    ]);
  });

  it("accepts a node with no English name, and refuses control characters in ids and empty aliases", async () => {
    const text = dataset([
      `{ "label": "Region", "id": "region:n", "name": "南开区", "level": "district" }`,
      `{ "label": "Region", "id": "region:a\\u0000b", "name": "甲", "level": "district" }`,
      `{ "label": "Region", "id": "region:c", "name": "丙", "level": "district", "aliases": ["丙区", ""] }`,
    ]);
    const problems = await problemsOf("ids.json", text);
    expect(problems).toEqual([
      expect.stringMatching(/^ids\.json:6, record 2, field "id": id .* contains a control character/),
      expect.stringMatching(/^ids\.json:7, record 3, field "aliases": a list item is empty text/),
    ]);
  });

  it("accepts a duplicate id whose properties agree", async () => {
    const { problems } = await validateRecords(
      readJsonDataset("dup.json", dataset([...NODES_OK, NODES_OK[1]!])).records,
    );
    expect(problems).toEqual([]);
  });
});

describe("neo4j-admin style CSV", () => {
  const nodesCsv = [
    "id:ID,:LABEL,name,nameEn,kind,count:int,aliases:string[],founded:date",
    "org:a,Organisation,北京市总工会,Beijing Federation of Trade Unions,union,5,市总工会;北京总工会,2020-01-02",
    "region:r,Region,通州区,Tongzhou District,,,城市副中心,",
  ].join("\n");

  it("reads typed columns and takes the model's type for untyped ones", () => {
    const { records, problems } = readCsvFile("nodes.csv", nodesCsv);
    expect(problems).toEqual([]);
    expect(records[0]!.fields).toMatchObject({
      id: "org:a",
      labels: ["Organisation"],
      count: 5,
      aliases: ["市总工会", "北京总工会"],
      founded: "2020-01-02",
    });
    expect(records[1]!.fields).not.toHaveProperty("kind"); // empty cell: no value
    expect(records[1]!.location).toMatchObject({ file: "nodes.csv", line: 3, record: 2 });
  });

  it("reads a relationships file and validates it with the nodes", async () => {
    const rels = [
      ":START_ID,:END_ID,:TYPE,evidence:string[],article",
      "org:a,region:r,LOCATED_IN,北京市总工会在通州。,article:x",
    ].join("\n");
    const articles = "id:ID,:LABEL,name,nameEn,title\narticle:x,Article,文章,Story,标题";
    const records = [nodesCsv, articles, rels].flatMap((text, i) => readCsvFile(`f${i}.csv`, text).records);
    const { dataset: ds, problems } = await validateRecords(records);
    // region:r lacks its required level: the only problem
    expect(problems.map(formatProblem)).toEqual([
      `f0.csv:3, record 2, field "level": missing required string property`,
    ]);
    expect(ds.relationships).toEqual([]);
  });

  it("names the line and column of a bad value and of a bad header", () => {
    const bad = readCsvFile("n.csv", "id:ID,:LABEL,count:int\norg:a,Organisation,many");
    expect(bad.problems.map(formatProblem)).toEqual([
      `n.csv:2, record 1, field "count:int": must be an integer, got "many"`,
    ]);
    const header = readCsvFile("h.csv", "id:ID,:LABEL,count:integer\norg:a,Organisation,1");
    expect(formatProblem(header.problems[0]!)).toMatch(
      /^h\.csv:1, field "count:integer": unknown column type "integer"/,
    );
    const kind = readCsvFile("k.csv", "a,b\n1,2");
    expect(formatProblem(kind.problems[0]!)).toMatch(/^k\.csv:1: the header needs :ID/);
  });

  it("reports malformed CSV with its line", () => {
    const { problems } = readCsvFile("q.csv", 'id:ID,:LABEL,name\norg:a,Organisation,"unclosed\n');
    expect(formatProblem(problems[0]!)).toMatch(
      /^q\.csv:2, field "name": malformed CSV: a quoted field is never closed/,
    );
  });
});

describe("large inputs", () => {
  it("reads a file of 200,000 records (no argument-spread limits)", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "guanxi-large-")), "rels.csv");
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `org:${i},org:${i + 1},COOPERATES_WITH,证据${i},article:x`,
    );
    writeFileSync(path, [":START_ID,:END_ID,:TYPE,evidence:string[],article", ...rows].join("\n"));
    const { records, problems } = await readInputFiles([path]);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(200_000);
    expect(records.at(-1)!.location.line).toBe(200_001);
  });
});
