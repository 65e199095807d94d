/**
 * Every bad input named: a corpus of malformed files (tests/fixtures/bad-input/, plus two made here — JSON
 * nested 100,000 deep and a directory given as a file), each run through `guanxi ingest` as a real process
 * against the seeded test database. Each must exit 1 naming its file, line and field (null: the problem is
 * the file's or the record's as a whole) with the expected message, and leave the database's content hash
 * unchanged. A small table of inputs that look odd but are valid (a UTF-8 byte-order mark, GBK with
 * --encoding) must be accepted. See tests/fixtures/bad-input/README.md for how the fixtures were made.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { connectWithSeed, runCli, snapshot, type CliResult } from "./support/database.ts";

const BAD = "tests/fixtures/bad-input";
const GOOD = "tests/fixtures/good-input";

/** [fixture, expected line (null: none), expected field (null: none), message]. */
type Row = [name: string, line: number | null, field: string | null, message: RegExp];

// prettier-ignore
const BAD_INPUTS: Row[] = [
  ["bytes-binary.json", 3, null, /holds NUL bytes: this looks like a binary file/],
  ["bytes-gb18030.json", 5, null, /is not UTF-8: byte 134 \(0xce\) .* GB18030\/GBK Chinese text: .*--encoding gb18030/],
  ["bytes-gbk.csv", 2, null, /is not UTF-8: byte 59 \(0xce\) .* GB18030\/GBK Chinese text: .*--encoding gb18030/],
  ["bytes-latin1.csv", 2, null, /is not UTF-8: byte 48 \(0xf3\) .* Latin-1 .*--encoding latin1/],
  ["bytes-utf16.csv", 1, null, /is UTF-16 text .*save it as UTF-8/],
  ["bytes-xlsx-as.csv", 1, null, /holds NUL bytes: this looks like a binary file/],
  ["csv-bad-date.csv", 2, "since:date", /must be a date written YYYY-MM-DD, got "2024-02-30"/],
  ["csv-duplicate-header.csv", 1, "name", /column 6 repeats property "name" of column 3/],
  ["csv-empty-alias.csv", 2, "aliases", /a list item is empty text/],
  ["csv-empty.csv", 1, null, /the CSV file is empty/],
  ["csv-end-not-in-id-space.csv", 2, "end", /no node with id "org:beijing-transport-trade-union" in id space Region/],
  ["csv-enum-violation.csv", 2, "kind", /must be one of union, .*; got "工会"/],
  ["csv-float-nan.csv", 2, "score:float", /must be a number, got "NaN"/],
  ["csv-id-label-of-db-node.csv", 2, "id", /id "region:tongzhou" already names a Region node in the database; here it is an Organisation/],
  ["csv-id-newline.csv", 2, "id", /id "org:xiqing-ftu\\norg:xiqing-edu" contains a control character/],
  ["csv-id-nul.csv", 2, "id", /id "org:xiqing-ftu\\u0000" contains a control character/],
  ["csv-id-space-on-label.csv", 1, ":LABEL(Organisation)", /only :ID, :START_ID and :END_ID take an id space/],
  ["csv-int-as-text.csv", 2, "count:int", /must be an integer, got "十家"/],
  ["csv-nul-in-name.csv", 2, "name", /contains a NUL character/],
  ["csv-proto-column.csv", 2, "__proto__", /the key "__proto__" is refused/],
  ["csv-relationships-without-type.csv", 1, ":TYPE", /a relationships file needs a :TYPE column/],
  ["csv-semicolon-delimited.csv", 1, null, /the header is one column — is the delimiter "," right\? \(--delimiter\)/],
  ["csv-stray-quote.csv", 2, "name", /malformed CSV: a quote inside an unquoted value/],
  ["csv-too-large.csv", 2, "description", /the value is 330 bytes, more than the 256 bytes a property may hold/],
  ["csv-unclosed-quote.csv", 2, "name", /malformed CSV: a quoted field is never closed/],
  ["csv-unknown-column-type.csv", 1, "founded:datetime", /unknown column type "datetime"/],
  ["csv-unknown-extension.tsv", null, null, /unknown file type: give a Guanxi .json data set or neo4j-admin style .csv/],
  ["csv-wrong-column-count.csv", 3, null, /has 6 columns, the header has 5 \(a "," inside a value\?/],
  ["json-article-and-articles.json", 10, "articles", /give either "article" .* or "articles" .*, not both/],
  ["json-article-not-article.json", 9, "article", /"region:tongzhou" is a Region, not an Article/],
  ["json-articles-length-mismatch.json", 10, "articles", /has 1 article ids for 2 evidence sentences/],
  ["json-bad-date.json", 5, "date", /must be a date written YYYY-MM-DD, got text "2024-02-30"/],
  ["json-duplicate-node-conflict.json", 7, "id", /duplicate id "region:xiqing" with different properties than tests\/fixtures\/bad-input\/json-duplicate-node-conflict.json:6 record 2/],
  ["json-duplicate-relationship-conflict.json", 11, "year", /duplicate relationship .*ESTABLISHED.* with different properties than .*:10 record 1 \(year: 2024 here, 2023 there\)/],
  ["json-empty-alias.json", 5, "aliases", /a list item is empty text/],
  ["json-empty.json", 1, null, /the file is empty/],
  ["json-end-missing.json", 9, "end", /no node with id "region:xiqing-district" in the input or the database/],
  ["json-end-wrong-label.json", 10, "end", /LOCATED_IN cannot end at an Organisation .*; allowed: Region/],
  ["json-enum-violation.json", 6, "kind", /must be one of union, .*; got "trade-union"/],
  ["json-evidence-blank-sentence.json", 10, "evidence", /sentence 2 of 2 is blank/],
  ["json-evidence-empty.json", 10, "evidence", /evidence is empty/],
  ["json-evidence-missing.json", 10, "evidence", /missing evidence/],
  ["json-evidence-not-list.json", 10, "evidence", /must be a list of quoted sentences/],
  ["json-graph-export-given.json", 2, "format", /must be "guanxi-dataset"/],
  ["json-id-label-of-db-node.json", 5, "id", /id "region:tongzhou" already names a Region node in the database; here it is an Organisation/],
  ["json-id-newline.json", 6, "id", /id "region:xiqing\\n" contains a control character/],
  ["json-id-nul.json", 6, "id", /id "region:xiqing\\u0000" contains a control character/],
  ["json-id-number.json", 6, "id", /id must be text, got the number 120111: write it in quotes/],
  ["json-id-two-labels.json", 7, "id", /duplicate id "xiqing" with different labels \(Organisation here, Region\)/],
  ["json-int-as-text.json", 5, "foundedYear", /must be an integer, got text "2023"/],
  ["json-missing-name.json", 6, "name", /missing required string property/],
  ["json-missing-region-level.json", 6, "level", /missing required string property/],
  ["json-nan-literal.json", 6, "count", /malformed JSON at column 179: NaN is not a JSON value/],
  ["json-null-value.json", 5, "nameEn", /must be text, got null/],
  ["json-pinyin-given.json", 5, "pinyin", /is computed by Guanxi at ingest/],
  ["json-proto-key.json", 5, "__proto__", /the key "__proto__" is refused/],
  ["json-schema-section-unknown-label.json", 8, "schema.relationshipTypes.AFFILIATED_WITH.to.0", /"Federation" is not a label of this schema/],
  ["json-single-quotes.json", 1, null, /malformed JSON at column 2: JSON takes double quotes/],
  ["json-too-large.json", 5, "text", /the value is 720 bytes, more than the 256 bytes a property may hold/],
  ["json-trailing-comma.json", 6, "nodes", /malformed JSON at column 170: a trailing comma after the last item/],
  ["json-truncated.json", 7, "nameEn", /malformed JSON at column 74: a text is not closed \(is the file cut off\?\)/],
  ["json-unknown-label.json", 7, "label", /unknown label "Company".*--schema FILE/],
  ["json-unknown-type.json", 10, "type", /unknown relationship type "BASED_IN".*--schema FILE/],
  ["schema-caption-not-property.json", 7, "labels.Union.caption", /the caption "title" is not a property of Union/],
  ["schema-from-label-unknown.json", 11, "relationshipTypes.AFFILIATED_WITH.from.0", /"TradeUnion" is not a label of this schema/],
  ["schema-gbk.json", 5, null, /is not UTF-8 text \(GBK or Latin-1\?\): save the schema file as UTF-8/],
  ["schema-malformed.json", 6, null, /malformed JSON at column 97/],
  ["schema-missing-labels.json", 1, "labels", /missing "labels"/],
  ["schema-property-type-unknown.json", 9, "labels.Union.properties.members.type", /must be one of "string", "int"/],
  ["schema-unknown-field.json", 8, "labels.Union.propertes", /unknown field "propertes"/],
];

/** Options some fixtures are given with: a schema file with the data it should describe, a small size cap. */
function argsFor(name: string, path: string): string[] {
  if (name.startsWith("schema-")) return ["--schema", path, `${BAD}/schema-data.json`];
  if (name.includes("too-large")) return ["--max-property-bytes", "256", path];
  return [path];
}

const generated = mkdtempSync(join(tmpdir(), "guanxi-bad-input-"));
const DEPTH = 100_000;
const GENERATED: { row: Row; path: string; make: () => void }[] = [
  {
    row: ["nested-100000-deep.json", 1, null, /malformed JSON: nested too deeply to be a data set/],
    path: join(generated, "nested-100000-deep.json"),
    make() {
      const nodes = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
      writeFileSync(this.path, `{"format": "guanxi-dataset", "version": 1, "nodes": [${nodes}]}\n`);
    },
  },
  {
    row: ["export.json", null, null, /is a directory: name the data files in it/],
    path: join(generated, "export.json"),
    make() {
      mkdirSync(this.path);
      writeFileSync(join(this.path, "nodes.csv"), "id:ID,:LABEL,name,level\n");
    },
  },
];

// prettier-ignore
const GOOD_INPUTS: [name: string, options: string[]][] = [
  ["bom.json", []],
  ["bom.csv", []],
  ["gbk.csv", ["--encoding", "gb18030"]],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The problem line as `formatProblem` writes it: `FILE:LINE, record N, field "F": MESSAGE`. */
function locationPattern(file: string, [, line, field, message]: Row): RegExp {
  return new RegExp(
    `^  ${escape(file)}${line === null ? "" : `:${line}`}(, record \\d+)?` +
      `${field === null ? "" : `, field "${escape(field)}"`}: .*${message.source}`,
    "mu",
  );
}

/** Runs `work` over `items`, `limit` at a time (each CLI start costs about a second of CPU). */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const hash = async (db: GraphDb) =>
  createHash("sha256")
    .update(await snapshot(db))
    .digest("hex");

interface Outcome {
  file: string;
  run: CliResult;
  hashAfter: string;
}

describe("guanxi ingest of malformed input", () => {
  let db: GraphDb;
  let seeded: string;
  const cases = [
    ...BAD_INPUTS.map((row) => ({ row, path: `${BAD}/${row[0]}` })),
    ...GENERATED.map(({ row, path }) => ({ row, path })),
  ];
  const outcomes = new Map<string, Outcome>();
  const accepted = new Map<string, Outcome>();

  beforeAll(async () => {
    ({ db } = await connectWithSeed());
    seeded = await hash(db);
    for (const g of GENERATED) g.make();
    await pool(cases, 4, async ({ row, path }) => {
      const run = await runCli(["ingest", ...argsFor(row[0], path)]);
      // The file named is the one given: the schema file for schema fixtures, else the data file.
      outcomes.set(row[0], { file: path, run, hashAfter: await hash(db) });
    });
    // Then the valid ones, after every refused run has been hashed.
    await pool(GOOD_INPUTS, 4, async ([name, options]) => {
      const run = await runCli(["ingest", ...options, `${GOOD}/${name}`]);
      accepted.set(name, { file: name, run, hashAfter: await hash(db) });
    });
  }, 240_000);

  afterAll(async () => {
    const tried = cases.length;
    const named = cases.filter(({ row }) => {
      const o = outcomes.get(row[0]);
      return o?.run.code === 3 && locationPattern(o.file, row).test(o.run.stderr);
    }).length;
    const partial = [...outcomes.values()].filter((o) => o.hashAfter !== seeded).length;
    console.log(
      `bad inputs: ${tried} tried, ${named} named by file, line and field, ${partial} partial writes`,
    );
    await db?.close();
  });

  it.each(cases.map(({ row }) => row))(
    "refuses %s, naming file:%s and field %s, and writes nothing",
    (name, _line, _field, message) => {
      const outcome = outcomes.get(name)!;
      const row = cases.find((c) => c.row[0] === name)!.row;
      expect(outcome.run.code, outcome.run.stderr).toBe(3);
      expect(outcome.run.stderr).toContain("nothing was written");
      expect(outcome.run.stderr).toMatch(message);
      expect(outcome.run.stderr).toMatch(locationPattern(outcome.file, row));
      expect(outcome.hashAfter).toBe(seeded);
    },
  );

  it.each(GOOD_INPUTS)("accepts %s %j, which restates seed data: nothing changes", (name) => {
    const { run, hashAfter } = accepted.get(name)!;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Nothing changed");
    expect(hashAfter).toBe(seeded);
  });
});
