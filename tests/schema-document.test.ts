/** Schema documents: the news default defined once, user files checked with file/line/field, `guanxi schema check`. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem } from "../core/errors.ts";
import { checkSchemaText } from "../core/schema/check-schema.ts";
import { schemaDocumentJsonSchemaText } from "../core/schema/document-json-schema.ts";
import { captionOf, DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { resolveSchema } from "../core/node/load-schema.ts";
import { NEWS_SCHEMA } from "../core/schema/news-schema.ts";
import { REPO_ROOT, runCli } from "./support/database.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-schema-doc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const problems = (text: string) => checkSchemaText("s.json", text).problems.map(formatProblem);

describe("the news schema", () => {
  it("is a valid schema document itself, and the published JSON Schema is current", () => {
    const check = checkSchemaText("news.json", JSON.stringify(NEWS_SCHEMA, null, 2));
    expect(check.problems).toEqual([]);
    expect(readFileSync(join(REPO_ROOT, "schema", "guanxi-schema.schema.json"), "utf8")).toBe(
      schemaDocumentJsonSchemaText(),
    );
  });

  it("requires provenance on every type and makes nameEn optional", () => {
    for (const type of DEFAULT_SCHEMA.relationshipTypes)
      expect(DEFAULT_SCHEMA.provenance(type)).toBe("required");
    expect(DEFAULT_SCHEMA.nodePropertySpecs("Region").nameEn!.required).toBeFalsy();
    expect(DEFAULT_SCHEMA.documentLabel).toBe("Article");
  });
});

describe("captions", () => {
  it("use the schema's caption, else name, title, caption, else the first text property", () => {
    expect(captionOf({ name: "通州区", title: "x" }, ["Region"])).toBe("通州区");
    expect(captionOf({ title: "英雄", year: 2002 }, ["Film"])).toBe("英雄");
    expect(captionOf({ born: 1950, fullName: "张艺谋", id: "p1" }, ["Officer"])).toBe("张艺谋");
    expect(captionOf({ born: 1950 }, ["Officer"])).toBeUndefined();
  });
});

describe("checking a schema file", () => {
  it("names the line and field of every problem", () => {
    const text = `{
  "name": "films",
  "labels": {
    "Film": { "caption": "headline", "properties": { "year": { "type": "integer" } } },
    "Person": { "properties": { "pinyin": { "type": "string[]" } } }
  },
  "relationshipTypes": {
    "DIRECTED": { "from": ["Director"], "to": ["Film"], "colour": "red" },
    "ACTED_IN": { "from": ["Person"], "to": ["Film"], "properties": { "evidence": { "type": "string[]" } } }
  }
}`;
    expect(problems(text)).toEqual([
      's.json:4, field "labels.Film.properties.year.type": must be one of "string", "int", "float", "boolean", "date", "string[]", "int[]", "float[]"',
      's.json:8, field "relationshipTypes.DIRECTED.colour": unknown field "colour"',
    ]);
    const semantic = text.replace('"integer"', '"int"').replace(', "colour": "red"', "");
    expect(problems(semantic)).toEqual([
      's.json:4, field "labels.Film.caption": the caption "headline" is not a property of Film: declare it under "properties" (or "nodeProperties")',
      's.json:5, field "labels.Person.properties.pinyin": "pinyin" is computed by Guanxi at ingest (pinyin search keys): remove it',
      's.json:8, field "relationshipTypes.DIRECTED.from.0": "Director" is not a label of this schema (labels: Film, Person)',
      expect.stringMatching(
        /^s\.json:9, field "relationshipTypes\.ACTED_IN\.properties\.evidence": "evidence" is Guanxi's provenance/,
      ),
    ]);
  });

  it("names malformed JSON's line and column", () => {
    expect(problems('{\n  "name": "x",\n  "labels": {}\n  "relationshipTypes": {}\n}')[0]).toMatch(
      /^s\.json:4: malformed JSON at column 3/,
    );
  });

  it("requires a document label when a type requires provenance", () => {
    const text = JSON.stringify({
      name: "x",
      labels: { A: {} },
      relationshipTypes: { R: { from: ["A"], to: ["A"], provenance: "required" } },
    });
    expect(problems(text)).toEqual([expect.stringMatching(/provenance\.documentLabel" must name the label/)]);
  });

  it("`guanxi schema check` says valid or lists the problems with exit code 3 (validation)", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ name: "x", labels: { A: {} }, relationshipTypes: {} }));
    const ok = await runCli(["schema", "check", good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/the schema "x" is valid — 1 labels, 0 relationship types/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{ "name": "x", "labels": { "A": { "caption": 5 } }, "relationshipTypes": {} }');
    const refused = await runCli(["schema", "check", bad]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/bad\.json:1, field "labels\.A\.caption": must be string/);
  });
});

describe("which schema is active", () => {
  const section = (schema: object) =>
    JSON.stringify({ format: "guanxi-dataset", version: 1, schema, nodes: [] }, null, 2);
  const films = { name: "films", labels: { Film: {} }, relationshipTypes: {} };

  it("is the file given, else a data set's own schema, else the news default", () => {
    expect(resolveSchema(undefined, []).schema!.source).toBe("default");
    const own = resolveSchema(undefined, [{ file: "a.json", text: section(films) }]);
    expect(own.schema).toMatchObject({ source: "a.json" });
    expect(own.schema!.schema.labels).toEqual(["Film"]);
  });

  it("refuses two data sets with different schemas, and reports a bad section with its line", () => {
    const other = { ...films, labels: { Book: {} } };
    const two = resolveSchema(undefined, [
      { file: "a.json", text: section(films) },
      { file: "b.json", text: section(other) },
    ]);
    expect(two.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^b\.json, field "schema": differs from the schema of a\.json/),
    ]);
    const broken = resolveSchema(undefined, [{ file: "c.json", text: section({ name: "x", labels: {} }) }]);
    expect(broken.problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^c\.json:\d+, field "schema.relationshipTypes": missing "relationshipTypes"/),
      ]),
    );
  });
});
