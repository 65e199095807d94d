/**
 * The streaming CSV reader gives exactly the whole-file reader's records and problems — across read chunks
 * that split a multi-byte character, quoted fields over several lines, empty lines and a byte-order mark —
 * and falls back to the whole-file reader's wording for undecodable bytes and malformed CSV.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInputFiles } from "../../ingest/ingest.ts";
import { readCsvFile } from "../../ingest/read-csv.ts";
import { streamCsvFile } from "../../ingest/stream-csv.ts";
import type { RawRecord } from "../../ingest/raw-record.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-stream-csv-"));
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function streamed(path: string, name: string) {
  const records: RawRecord[] = [];
  const result = await streamCsvFile(path, name, {}, (r) => records.push(r));
  return result && { records, problems: result.problems };
}

describe("streaming CSV reader", () => {
  it("reads what the whole-file reader reads, over chunk boundaries inside characters", async () => {
    // 3-byte characters in rows of odd lengths: the 1 MiB chunks split some of them.
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      i % 997 === 5
        ? `org:s${i},Organisation,"多行\n名称${i}",Org ${i},union`
        : `org:s${i},Organisation,组织名称${"甲".repeat(i % 7)}${i},Org ${i},${i % 3 ? "union" : "guild"}`,
    );
    rows.splice(100, 0, "", "");
    const text = "\uFEFFid:ID,:LABEL,name,nameEn,kind\n" + rows.join("\n") + "\n";
    expect(Buffer.byteLength(text)).toBeGreaterThan(1 << 20);
    const path = file("orgs.csv", text);
    const whole = readCsvFile("orgs.csv", text.replace(/^\uFEFF/, ""));
    const stream = await streamed(path, "orgs.csv");
    expect(stream).toBeDefined();
    expect(stream!.records).toEqual(whole.records);
    expect(stream!.problems).toEqual(whole.problems);
    expect(stream!.records.at(-1)!.location.line).toBe(text.trimEnd().split("\n").length);
    expect(stream!.records[0]!.fields.id).toBe("org:s0");
  }, 30_000);

  it("names a bad value in the last rows of a big file by line and field", async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `org:l${i},Organisation,名${i},N ${i},union,${i}`);
    rows[99_998] = "org:l99998,Organisation,名,N,union,lots";
    const path = file("late.csv", ["id:ID,:LABEL,name,nameEn,kind,count:int", ...rows].join("\n"));
    const read = await readInputFiles([path]);
    expect(read.records).toHaveLength(100_000); // the bad row's other fields are still read
    expect(read.problems).toEqual([
      expect.objectContaining({ line: 100_000, record: 99_999, field: "count:int" }),
    ]);
  }, 30_000);

  it("leaves undecodable bytes, NULs and malformed CSV to the whole-file reader's wording", async () => {
    const good = Buffer.from("id:ID,:LABEL,name\n" + "org:a,Organisation,甲\n".repeat(50_000));
    const latin = file(
      "latin.csv",
      Buffer.concat([good, Buffer.from("org:b,Organisation,Uni\xf3n\n", "latin1")]),
    );
    expect(await streamed(latin, "latin.csv")).toBeUndefined();
    const read = await readInputFiles([latin]);
    expect(read.records).toEqual([]);
    expect(read.problems).toEqual((await readInputFiles([latin], { streamCsv: false })).problems);
    expect(read.problems).toEqual([
      expect.objectContaining({ file: expect.stringContaining("latin.csv"), line: 50_002 }),
    ]);
    expect(read.problems[0]!.message).toMatch(/is not UTF-8: byte \d+ \(0xf3\)/);

    const nul = file("nul.csv", Buffer.concat([good, Buffer.from("org:c,Organisation,a\u0000b\n")]));
    expect(await streamed(nul, "nul.csv")).toBeUndefined();

    const quote = file("quote.csv", Buffer.concat([good, Buffer.from('org:d,Organisation,"never closed\n')]));
    expect(await streamed(quote, "quote.csv")).toBeUndefined();
    const unclosed = await readInputFiles([quote]);
    expect(unclosed.records).toEqual([]);
    expect(unclosed.problems).toEqual((await readInputFiles([quote], { streamCsv: false })).problems);
    expect(unclosed.problems).toEqual([expect.objectContaining({ line: 50_003, field: "name" })]);
    expect(unclosed.problems[0]!.message).toMatch(/a quoted field is never closed/);
  }, 30_000);

  it("reads other encodings strictly, by --encoding", async () => {
    const path = file(
      "latin1.csv",
      Buffer.from("id:ID,:LABEL,name\norg:g,Organisation,Unión Fédérale\n", "latin1"),
    );
    const read = await readInputFiles([path], { encoding: "latin1" });
    expect(read.records).toEqual(
      (await readInputFiles([path], { encoding: "latin1", streamCsv: false })).records,
    );
    expect(read.records[0]!.fields.name).toBe("Unión Fédérale");
  }, 30_000);
});
